//! The console bridge, inward: preview a bill or transaction-detail export, then import it.
//!
//! WHY two steps: the seller must see how columns were mapped, which rows have problems
//! and what the totals will be before anything is stored (the console keeps its exports
//! three days; a wrong import would be worse than none). The preview parks the file
//! under `<data dir>/imports/pending` by its SHA-256 so a changed mapping does not send
//! the bytes again; the import moves it to `<data dir>/imports`, kept without expiry,
//! and stores every error-free row as a bill line in one transaction. Rows carry the
//! bridge's meaning fingerprint, so importing the same export again — even re-saved as
//! xlsx or GBK csv — adds nothing. Lines of a bill that came by sync are left to sync:
//! the server's figures are the bill's own, and counting them twice would be worse.

use super::import_lines::to_line;
use super::import_view::{view, ImportPreview};
use crate::{ApiError, Core, ErrorCode};
use base64::Engine;
use gallerist_bridge::{preview_with, Mapping, Preview, PreviewOptions};
use gallerist_domain::settlement::Stage;
use gallerist_domain::site::Site;
use gallerist_store::bill_figures::{self, ImportRecord};
use gallerist_store::bills::{self, BillRow, LineRow};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Largest export accepted (a 100,000-line csv is about 25 MB).
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
/// Fingerprint prefix of imported lines (synced lines use `sync:`).
const PREFIX: &str = "import:";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewArg {
    pub account_id: i64,
    pub file_name: String,
    /// The file's bytes, the first time; later previews name it by `file_sha256`.
    pub base64: Option<String>,
    pub file_sha256: Option<String>,
    pub mapping: Option<Mapping>,
    pub sheet: Option<String>,
}

fn pending_dir(core: &Core) -> PathBuf {
    core.data_dir.join("imports").join("pending")
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn io_error(what: &str, path: &std::path::Path, e: std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::Store, format!("{what} {}: {e}", path.display()))
}

/// The parked bytes of a previewed file.
fn parked(core: &Core, sha256: &str) -> Result<Vec<u8>, ApiError> {
    if !is_sha256(sha256) {
        return Err(ApiError::invalid("fileSha256 must be 64 hexadecimal digits"));
    }
    let path = pending_dir(core).join(sha256);
    std::fs::read(&path).map_err(|_| {
        ApiError::new(
            ErrorCode::NotFound,
            "the previewed file is no longer on this machine; choose it again",
        )
    })
}

fn park(core: &Core, encoded: &str) -> Result<(Vec<u8>, String), ApiError> {
    if encoded.len() / 4 * 3 > MAX_IMPORT_BYTES + 3 {
        return Err(ApiError::invalid(format!(
            "the file is larger than {} MB; export a shorter period from the console",
            MAX_IMPORT_BYTES / 1024 / 1024
        )));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|e| ApiError::invalid(format!("the file did not arrive intact: {e}")))?;
    let sha = gallerist_domain::apig::payload_hash(&bytes);
    let dir = pending_dir(core);
    std::fs::create_dir_all(&dir).map_err(|e| io_error("cannot create", &dir, e))?;
    let path = dir.join(&sha);
    std::fs::write(&path, &bytes).map_err(|e| io_error("cannot write", &path, e))?;
    Ok((bytes, sha))
}

fn read(bytes: &[u8], name: &str, options: PreviewOptions) -> Result<Preview, ApiError> {
    preview_with(bytes, name, options).map_err(|e| ApiError::invalid(e.to_string()))
}

/// Reads a file (sent or parked) and shows what importing it would do.
pub fn import_preview(core: &Core, args: PreviewArg) -> Result<ImportPreview, ApiError> {
    let (bytes, _) = match (&args.base64, &args.file_sha256) {
        (Some(encoded), _) => park(core, encoded)?,
        (None, Some(sha)) => (parked(core, sha)?, sha.clone()),
        (None, None) => {
            return Err(ApiError::invalid(
                "send the file (base64) or name a previewed one (fileSha256)",
            ))
        }
    };
    let conn = core.store.conn()?;
    // A console export of one site is in that site's currency: amounts naming none are
    // read in it (the preview says so, and the seller can change it), rather than
    // every row refused.
    let site = gallerist_store::accounts::get(&conn, args.account_id)?.site;
    let fallback = if matches!(site, Site::Intl | Site::Eu) {
        "USD"
    } else {
        "CNY"
    };
    let options = PreviewOptions {
        mapping: args.mapping,
        sheet: args.sheet,
        fallback_currency: Some(fallback.into()),
    };
    let preview = read(&bytes, &args.file_name, options)?;
    let previous = bill_figures::import_by_hash(&conn, args.account_id, &preview.file_sha256)?;
    let shown = view(&conn, args.account_id, &preview, previous)?;
    core.kept_preview.keep(args.account_id, Arc::new(preview));
    Ok(shown)
}

/// The last preview, kept so "Import" does not read the file again (a 100,000-line
/// export takes most of a second to read). One entry: the wizard works on one file.
#[derive(Default)]
pub struct KeptPreview(Mutex<Option<(i64, Arc<Preview>)>>);

impl KeptPreview {
    fn keep(&self, account_id: i64, preview: Arc<Preview>) {
        if let Ok(mut last) = self.0.lock() {
            *last = Some((account_id, preview));
        }
    }

    /// The kept preview of this very file, sheet and mapping, taken out.
    fn take(&self, args: &CommitArg) -> Option<Arc<Preview>> {
        let mut last = self.0.lock().ok()?;
        let (account_id, p) = last.as_ref()?;
        let fits = *account_id == args.account_id
            && (args.sheet.is_none() || args.sheet == p.sheet)
            && p.file_sha256 == args.file_sha256
            && same_reading(&p.mapping, &args.mapping);
        fits.then(|| last.take().map(|(_, p)| p)).flatten()
    }
}

/// Whether two mappings read the file the same way (the reasons may differ).
fn same_reading(a: &Mapping, b: &Mapping) -> bool {
    a.default_currency == b.default_currency
        && a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| x.index == y.index && x.field == y.field)
}

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

/// Imports the error-free rows of a previewed file and archives the file.
pub fn import_commit(core: &Core, args: CommitArg) -> Result<ImportOutcome, ApiError> {
    let bytes = parked(core, &args.file_sha256)?;
    let preview = match core.kept_preview.take(&args) {
        Some(p) => p,
        None => {
            let options = PreviewOptions {
                mapping: Some(args.mapping.clone()),
                sheet: args.sheet.clone(),
                fallback_currency: None,
            };
            Arc::new(read(&bytes, &args.file_name, options)?)
        }
    };
    if let Some(missing) = preview.missing_required.first() {
        return Err(ApiError::invalid(missing.message.clone()));
    }
    let mut lines: Vec<LineRow> = Vec::new();
    let mut status: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut skipped_errors = 0;
    for row in &preview.rows {
        match (row.errors.is_empty(), to_line(row, PREFIX)) {
            (true, Ok(line)) => {
                let bill_status = match row.values.get(&gallerist_bridge::Field::BillStatus) {
                    Some(gallerist_bridge::Value::Text(s)) => Some(s.clone()),
                    _ => None,
                };
                status.entry(line.bill_id.clone()).or_insert(bill_status);
                lines.push(line);
            }
            _ => skipped_errors += 1,
        }
    }
    let now = core.clock.now();
    let archive_name = format!(
        "{}-{}-{}",
        now.format("%Y%m%d"),
        &preview.file_sha256[..12],
        super::export::safe_file_name(&args.file_name)
    );
    let archive_dir = core.data_dir.join("imports");
    std::fs::create_dir_all(&archive_dir).map_err(|e| io_error("cannot create", &archive_dir, e))?;
    let archive = archive_dir.join(&archive_name);
    std::fs::write(&archive, &bytes).map_err(|e| io_error("cannot archive the file to", &archive, e))?;
    let account = args.account_id;
    let mapping_json = serde_json::to_string(&preview.mapping).unwrap_or_default();
    let result = core.store.write(|tx| {
        let mut skipped_synced = 0;
        let mut keep = Vec::with_capacity(lines.len());
        let mut synced: BTreeMap<String, bool> = BTreeMap::new();
        for line in lines {
            let from_sync = match synced.get(&line.bill_id) {
                Some(s) => *s,
                None => {
                    let s = bills::bill(tx, account, &line.bill_id)?.is_some_and(|b| b.source == "sync");
                    synced.insert(line.bill_id.clone(), s);
                    s
                }
            };
            if from_sync {
                skipped_synced += 1;
            } else {
                keep.push(line);
            }
        }
        let record = match bill_figures::import_by_hash(tx, account, &preview.file_sha256)? {
            Some(existing) => existing,
            None => {
                let mut r = ImportRecord {
                    id: 0,
                    file_name: args.file_name.clone(),
                    file_sha256: preview.file_sha256.clone(),
                    encoding: preview.encoding.map(|e| format!("{e:?}")),
                    mapping: mapping_json.clone(),
                    rows: preview.rows.len() as i64,
                    imported: 0,
                    duplicates: 0,
                    errors: skipped_errors as i64,
                    archived_as: format!("imports/{archive_name}"),
                    imported_at: now.to_rfc3339(),
                };
                r.id = bill_figures::record_import(tx, account, &r, now)?;
                r
            }
        };
        let mut touched: Vec<String> = keep.iter().map(|l| l.bill_id.clone()).collect();
        touched.sort();
        touched.dedup();
        for bill_id in &touched {
            if bills::bill(tx, account, bill_id)?.is_none() {
                let first = keep
                    .iter()
                    .find(|l| &l.bill_id == bill_id)
                    .expect("a touched bill has a line");
                let row = BillRow {
                    bill_id: bill_id.clone(),
                    period: first.period.clone(),
                    site: if first.currency == "CNY" { "cn" } else { "intl" }.into(),
                    currency: first.currency.clone(),
                    run_date: None,
                    stage: stage_of(status.get(bill_id).cloned().flatten().as_deref()).key().into(),
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
                bills::upsert_bill(tx, account, &row, now)?;
            }
        }
        let (inserted, duplicates) = bills::insert_lines(tx, account, &keep, Some(record.id))?;
        for bill_id in &touched {
            bills::refresh_totals(tx, account, bill_id)?;
        }
        if record.imported == 0 && record.duplicates == 0 {
            bill_figures::set_import_counts(tx, record.id, inserted as i64, duplicates as i64)?;
        }
        let import = bill_figures::import_by_hash(tx, account, &preview.file_sha256)?.unwrap_or(record);
        Ok(ImportOutcome {
            import,
            imported: inserted,
            duplicates,
            skipped_errors,
            skipped_synced,
            bills: touched,
        })
    });
    match result {
        Ok(outcome) => {
            let _ = std::fs::remove_file(pending_dir(core).join(&preview.file_sha256));
            Ok(outcome)
        }
        Err(e) => {
            // Nothing was stored; the archived copy would only mislead.
            let _ = std::fs::remove_file(&archive);
            Err(e.into())
        }
    }
}

/// Every import on this machine, newest first.
pub fn bill_imports(core: &Core, args: super::AccountArg) -> Result<Vec<ImportRecord>, ApiError> {
    Ok(bill_figures::imports(&*core.store.conn()?, args.account_id)?)
}
