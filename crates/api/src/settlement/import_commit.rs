//! The console bridge, inward, second step: store a previewed file as bill lines.
//!
//! WHY its own module: the commit is where a hostile or merely huge file could cost the
//! most (issue 14: 2.3 GB for a full-height sheet), so it streams — the parked file is
//! read again row by row inside one transaction and lines are written in batches of
//! [`BATCH`]; memory is bounded by a batch, not the file. All of it lands or none of it
//! does (a kill mid-commit leaves the import absent, never partial; `cargo xtask crash`).

use super::import::{io_error, parked, pending_dir, stream, Counts, Stop, PREFIX};
use super::import_lines::to_line;
use crate::{ApiError, Core};
use chrono::{DateTime, Utc};
use gallerist_bridge::{Mapping, ParsedRow, PreviewOptions};
use gallerist_domain::settlement::Stage;
use gallerist_store::bill_figures::{self, ImportRecord};
use gallerist_store::bills::{self, BillRow, LineRow};
use gallerist_store::{Connection, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitArg {
    pub account_id: i64,
    pub file_name: String,
    pub file_sha256: String,
    pub mapping: Mapping,
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub import: ImportRecord,
    /// Rows now stored as lines.
    pub imported: usize,
    /// Rows already stored (this file or another export of the same lines).
    pub duplicates: usize,
    /// Rows left out because they have errors.
    pub skipped_errors: usize,
    /// Rows of bills that came by sync, left to the server's figures.
    pub skipped_synced: usize,
    /// The bills the import touched.
    pub bills: Vec<String>,
}

/// The settlement step a console's bill-status text (账单状态) names.
fn stage_of(status: Option<&str>) -> Stage {
    let s = status.unwrap_or_default().to_lowercase();
    if s.contains("已支付") || s.contains("已付款") || s.contains("已结算") || s.contains("paid") {
        Stage::Paid
    } else if s.contains("支付中") || s.contains("付款中") || s.contains("payment") {
        Stage::Payment
    } else if s.contains("确认") || s.contains("审核") || s.contains("review") || s.contains("confirm") {
        Stage::Review
    } else {
        Stage::BillRun
    }
}

/// Lines stored per statement batch while a file streams in.
const BATCH: usize = 2_000;

/// The import's progress inside its transaction.
#[derive(Default)]
struct Commit {
    batch: Vec<LineRow>,
    /// Each bill met so far: whether it came by sync (its lines are left to sync).
    bills: HashMap<String, bool>,
    touched: BTreeSet<String>,
    inserted: usize,
    duplicates: usize,
    skipped_errors: usize,
    skipped_synced: usize,
}

impl Commit {
    fn add(
        &mut self,
        tx: &Connection,
        account: i64,
        row: ParsedRow,
        import_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let line = match (row.errors.is_empty(), to_line(&row, PREFIX)) {
            (true, Ok(line)) => line,
            _ => {
                self.skipped_errors += 1;
                return Ok(());
            }
        };
        let from_sync = match self.bills.get(&line.bill_id) {
            Some(s) => *s,
            None => {
                let stored = bills::bill(tx, account, &line.bill_id)?;
                let from_sync = stored.as_ref().is_some_and(|b| b.source == "sync");
                if stored.is_none() {
                    let status = match row.values.get(&gallerist_bridge::Field::BillStatus) {
                        Some(gallerist_bridge::Value::Text(s)) => Some(s.as_str()),
                        _ => None,
                    };
                    let bill = BillRow {
                        bill_id: line.bill_id.clone(),
                        period: line.period.clone(),
                        site: if line.currency == "CNY" { "cn" } else { "intl" }.into(),
                        currency: line.currency.clone(),
                        run_date: None,
                        stage: stage_of(status).key().into(),
                        gross_minor: 0,
                        fee_minor: 0,
                        tax_minor: 0,
                        net_minor: 0,
                        line_count: 0,
                        source: "import".into(),
                        revision: 0,
                        fee_invoice: None,
                        joint_operation: false,
                    };
                    bills::upsert_bill(tx, account, &bill, now)?;
                }
                self.bills.insert(line.bill_id.clone(), from_sync);
                from_sync
            }
        };
        if from_sync {
            self.skipped_synced += 1;
            return Ok(());
        }
        if !self.touched.contains(&line.bill_id) {
            self.touched.insert(line.bill_id.clone());
        }
        self.batch.push(line);
        if self.batch.len() >= BATCH {
            self.flush(tx, account, import_id)?;
        }
        Ok(())
    }

    fn flush(&mut self, tx: &Connection, account: i64, import_id: i64) -> Result<(), ApiError> {
        let (inserted, duplicates) = bills::insert_lines(tx, account, &self.batch, Some(import_id))?;
        self.inserted += inserted;
        self.duplicates += duplicates;
        self.batch.clear();
        Ok(())
    }
}

/// Imports the error-free rows of a previewed file and archives the file. The file is
/// streamed once more inside one transaction, its lines stored in batches, so memory
/// stays flat however long the file is; all of it lands, or none.
pub fn import_commit(core: &Core, args: CommitArg) -> Result<ImportOutcome, ApiError> {
    let bytes = parked(core, &args.file_sha256)?;
    let options = PreviewOptions {
        mapping: Some(args.mapping.clone()),
        sheet: args.sheet.clone(),
        fallback_currency: None,
    };
    // The import record holds the row and error counts and its lines point to it, so
    // the counts are needed first: from the preview of this very reading, or one pass.
    let counts = match core.kept_preview.take(&args) {
        Some(counts) => counts,
        None => {
            let mut errors = 0;
            let p = stream(&bytes, &args.file_name, &options, None, |row| {
                errors += usize::from(!row.errors.is_empty() || to_line(&row, PREFIX).is_err());
                Ok(())
            })?;
            Counts::of(&p, errors)
        }
    };
    if let Some(missing) = &counts.missing {
        return Err(ApiError::invalid(missing.clone()));
    }
    let now = core.clock.now();
    let sha = gallerist_domain::apig::payload_hash(&bytes);
    let archive_name = format!(
        "{}-{}-{}",
        now.format("%Y%m%d"),
        &sha[..12],
        super::export::safe_file_name(&args.file_name)
    );
    let archive_dir = core.data_dir.join("imports");
    std::fs::create_dir_all(&archive_dir).map_err(|e| io_error("cannot create", &archive_dir, e))?;
    let archive = archive_dir.join(&archive_name);
    std::fs::write(&archive, &bytes).map_err(|e| io_error("cannot archive the file to", &archive, e))?;
    let account = args.account_id;
    let mut failed: Option<ApiError> = None;
    let result = core.store.write(|tx| {
        let record = match bill_figures::import_by_hash(tx, account, &sha)? {
            Some(existing) => existing,
            None => {
                let mut r = ImportRecord {
                    id: 0,
                    file_name: args.file_name.clone(),
                    file_sha256: sha.clone(),
                    encoding: counts.encoding.clone(),
                    mapping: counts.mapping.clone(),
                    rows: counts.rows as i64,
                    imported: 0,
                    duplicates: 0,
                    errors: counts.errors as i64,
                    archived_as: format!("imports/{archive_name}"),
                    imported_at: now.to_rfc3339(),
                };
                r.id = bill_figures::record_import(tx, account, &r, now)?;
                r
            }
        };
        let mut commit = Commit::default();
        let read = stream(&bytes, &args.file_name, &options, None, |row| {
            commit.add(tx, account, row, record.id, now)
        })
        .and_then(|_| commit.flush(tx, account, record.id).map_err(Stop::Store));
        if let Err(stop) = read {
            let e = ApiError::from(stop);
            let message = e.message.clone();
            failed = Some(e);
            return Err(StoreError::Invalid(message));
        }
        for bill_id in &commit.touched {
            bills::refresh_totals(tx, account, bill_id)?;
        }
        if record.imported == 0 && record.duplicates == 0 {
            bill_figures::set_import_counts(tx, record.id, commit.inserted as i64, commit.duplicates as i64)?;
        }
        let import = bill_figures::import_by_hash(tx, account, &sha)?.unwrap_or(record);
        Ok(ImportOutcome {
            import,
            imported: commit.inserted,
            duplicates: commit.duplicates,
            skipped_errors: commit.skipped_errors,
            skipped_synced: commit.skipped_synced,
            bills: commit.touched.into_iter().collect(),
        })
    });
    match result {
        Ok(outcome) => {
            let _ = std::fs::remove_file(pending_dir(core).join(&sha));
            Ok(outcome)
        }
        Err(e) => {
            // Nothing was stored; the archived copy would only mislead.
            let _ = std::fs::remove_file(&archive);
            Err(failed.unwrap_or_else(|| e.into()))
        }
    }
}
