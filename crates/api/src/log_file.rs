//! The diagnostic log a seller can send when something goes wrong:
//! `<data dir>/logs/gallerist_rCURRENT.log`, rotated at 1 MB, the four newest old files kept.
//!
//! WHY in the data folder, and only after boot: the folder lock is taken first thing in
//! boot, so exactly one process writes (and rotates) these files; a second launch that
//! is refused never touches them. WHY flexi_logger: rotation by size with a bounded
//! number of files is its job, it writes each line as it comes (a killed process loses
//! nothing already logged), and it keeps the core free of the Tauri log plugin so the
//! app and web mode log the same lines.
//!
//! What goes in: the start (version, data folder), each background sync pass (counts
//! and codes only), warnings and errors. Never secrets: lines name accounts by id and
//! operations by kind; `tests/log_file.rs` searches the whole data folder, logs
//! included, for the keys a seller typed.

use crate::{ApiError, Core, ErrorCode};
use flexi_logger::{Age, Cleanup, Criterion, Duplicate, FileSpec, Logger, LoggerHandle, Naming, WriteMode};
use std::path::{Path, PathBuf};

/// The log folder's name inside the data folder.
pub const LOG_DIR: &str = "logs";
/// A file is rotated when it passes this size.
pub const ROTATE_AT_BYTES: u64 = 1_000_000;
/// Rotated files kept besides the current one.
pub const KEEP_FILES: usize = 4;

/// Keeps the log running; dropping it flushes and stops logging to the file.
pub struct LogFile {
    _handle: LoggerHandle,
    pub dir: PathBuf,
}

impl std::fmt::Debug for LogFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogFile").field("dir", &self.dir).finish()
    }
}

/// Where the log of a data folder lives.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_DIR)
}

/// Starts the log for a booted core and writes the start line. Warnings and errors
/// also go to stderr. A process has one logger: a second call answers an error.
pub fn start(core: &Core) -> Result<LogFile, ApiError> {
    let dir = dir(&core.data_dir);
    let unwritable = |e: &dyn std::fmt::Display| {
        ApiError::new(
            ErrorCode::Internal,
            format!("The log folder {} could not be used: {e}", dir.display()),
        )
    };
    let handle = Logger::try_with_str("warn, gallerist=info, gallerist_api=info, gallerist_market=info")
        .map_err(|e| unwritable(&e))?
        .log_to_file(FileSpec::default().directory(&dir).basename("gallerist"))
        .rotate(
            Criterion::AgeOrSize(Age::Day, ROTATE_AT_BYTES),
            Naming::Numbers,
            Cleanup::KeepLogFiles(KEEP_FILES),
        )
        .append()
        .write_mode(WriteMode::Direct)
        .duplicate_to_stderr(Duplicate::Warn)
        .format_for_files(flexi_logger::detailed_format)
        .start()
        .map_err(|e| unwritable(&e))?;
    log::info!(
        "Gallerist {} started on data folder {} ({} process {})",
        env!("CARGO_PKG_VERSION"),
        core.data_dir.display(),
        std::env::consts::OS,
        std::process::id()
    );
    Ok(LogFile { _handle: handle, dir })
}
