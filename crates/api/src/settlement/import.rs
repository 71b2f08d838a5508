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

pub use super::import_commit::{import_commit, CommitArg, ImportOutcome};
use super::import_view::{ImportPreview, ViewBuilder};
use crate::{ApiError, Core, ErrorCode};
use base64::Engine;
use gallerist_bridge::{preview_stream, BridgeError, Mapping, ParsedRow, Preview, PreviewOptions};
use gallerist_domain::site::Site;
use gallerist_store::bill_figures::{self, ImportRecord};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// Largest export accepted (a 100,000-line csv is about 25 MB).
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
/// Fingerprint prefix of imported lines (synced lines use `sync:`).
pub(super) const PREFIX: &str = "import:";

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

pub(super) fn pending_dir(core: &Core) -> PathBuf {
    core.data_dir.join("imports").join("pending")
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(super) fn io_error(what: &str, path: &std::path::Path, e: std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::Store, format!("{what} {}: {e}", path.display()))
}

/// The parked bytes of a previewed file.
pub(super) fn parked(core: &Core, sha256: &str) -> Result<Vec<u8>, ApiError> {
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

/// What a streamed reading of a file stopped on: the file itself, or the store.
pub(super) enum Stop {
    File(BridgeError),
    Store(ApiError),
}

impl From<Stop> for ApiError {
    fn from(stop: Stop) -> ApiError {
        match stop {
            Stop::File(e) => ApiError::invalid(e.to_string()),
            Stop::Store(e) => e,
        }
    }
}

/// How long a preview may read before it stops and says so: a 1,048,575-row export
/// previews in about 15 s (release build); a file that needs far longer is hostile or
/// not a console export, and would otherwise pin a core with nobody waiting.
pub const PREVIEW_BUDGET: Duration = Duration::from_secs(120);
/// Rows between two looks at the command's ticket (cheap, but not free per row).
const ROWS_PER_LOOK: usize = 1024;

/// Streams a file's rows to `on_row`; an error from `on_row` stops the reading. With a
/// `budget`, the reading also stops when the caller has gone away or the budget is spent
/// (previews); a commit is one transaction and is always read to the end.
pub(super) fn stream(
    bytes: &[u8],
    name: &str,
    options: &PreviewOptions,
    budget: Option<Duration>,
    mut on_row: impl FnMut(ParsedRow) -> Result<(), ApiError>,
) -> Result<Preview, Stop> {
    let mut failed = None;
    let mut rows = 0usize;
    let read = preview_stream(bytes, name, options, &mut |row| {
        rows += 1;
        if budget.is_some() && rows.is_multiple_of(ROWS_PER_LOOK) {
            if let Err(stop) = crate::work::keep_going(budget) {
                failed = Some(stop.into_error("the preview"));
                return Err(BridgeError::BadMapping("stopped".into()));
            }
        }
        on_row(row).map_err(|e| {
            failed = Some(e);
            BridgeError::BadMapping("stopped".into())
        })
    });
    match (read, failed) {
        (_, Some(e)) => Err(Stop::Store(e)),
        (Ok(p), None) => Ok(p),
        (Err(e), None) => Err(Stop::File(e)),
    }
}

/// Reads a file (sent or parked) and shows what importing it would do. Rows stream
/// through the view one at a time.
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
    let mut builder = ViewBuilder::default();
    let preview = stream(&bytes, &args.file_name, &options, Some(PREVIEW_BUDGET), |row| {
        builder.add(&conn, args.account_id, row)
    })?;
    core.kept_preview.keep(Kept {
        account_id: args.account_id,
        counts: Counts::of(&preview, builder.rows_with_errors()),
        preview: Preview {
            rows: Vec::new(),
            ..preview.clone()
        },
    });
    let previous = bill_figures::import_by_hash(&conn, args.account_id, &preview.file_sha256)?;
    Ok(builder.finish(&preview, previous))
}

/// What the import record needs before the first line is stored.
#[derive(Debug, Clone)]
pub(super) struct Counts {
    /// Data rows read.
    pub(super) rows: usize,
    /// Rows left out for a cell error or for not being a bill line.
    pub(super) errors: usize,
    /// Why the mapping cannot import at all (a required field unmapped).
    pub(super) missing: Option<String>,
    /// The text encoding (CSV) and the mapping as fitted to the file, for the record.
    pub(super) encoding: Option<String>,
    pub(super) mapping: String,
}

impl Counts {
    pub(super) fn of(preview: &Preview, errors: usize) -> Counts {
        Counts {
            rows: preview.row_count,
            errors,
            missing: preview.missing_required.first().map(|m| m.message.clone()),
            encoding: preview.encoding.map(|e| format!("{e:?}")),
            mapping: serde_json::to_string(&preview.mapping).unwrap_or_default(),
        }
    }
}

/// The counts of the last preview, kept so "Import" reads the file only once more, to
/// store it (a full-height sheet takes seconds to read). One entry: the wizard works on
/// one file. No rows are kept.
struct Kept {
    account_id: i64,
    counts: Counts,
    preview: Preview,
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

#[derive(Default)]
pub struct KeptPreview(Mutex<Option<Kept>>);

impl KeptPreview {
    fn keep(&self, kept: Kept) {
        if let Ok(mut last) = self.0.lock() {
            *last = Some(kept);
        }
    }

    /// The kept counts of this very file, sheet and mapping, taken out.
    pub(super) fn take(&self, args: &CommitArg) -> Option<Counts> {
        let mut last = self.0.lock().ok()?;
        let kept = last.as_ref()?;
        let p = &kept.preview;
        let fits = kept.account_id == args.account_id
            && (args.sheet.is_none() || args.sheet == p.sheet)
            && p.file_sha256 == args.file_sha256
            && same_reading(&p.mapping, &args.mapping);
        fits.then(|| last.take().map(|k| k.counts)).flatten()
    }
}

/// Every import on this machine, newest first.
pub fn bill_imports(core: &Core, args: super::AccountArg) -> Result<Vec<ImportRecord>, ApiError> {
    Ok(bill_figures::imports(&*core.store.conn()?, args.account_id)?)
}
