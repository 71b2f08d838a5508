//! What can go wrong with the local database, in words a seller can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The database {path} is damaged or is not a Gallerist database ({detail}). Gallerist has not changed it. \
         Move the file aside to start fresh, or restore a copy from the backups folder next to it."
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "The database {path} was written by a newer Gallerist (schema {found}; this version knows up to {known}). \
         Gallerist has not changed it. Install the newer Gallerist, or set GALLERIST_DATA_DIR to another folder."
    )]
    Newer { path: PathBuf, found: i64, known: i64 },
    #[error("Gallerist cannot create or write its data folder {path}: {detail}. Check the folder's permissions or set GALLERIST_DATA_DIR.")]
    Folder { path: PathBuf, detail: String },
    #[error(
        "The database {path} is {found}, not a file. Gallerist has not changed it. \
         Move it aside (Gallerist then starts a fresh database), or set GALLERIST_DATA_DIR to another folder."
    )]
    NotAFile { path: PathBuf, found: &'static str },
    #[error(
        "Updating the database to schema {version} ({name}) failed: {detail}. The database is as it was before; \
         a copy was kept at {backup}."
    )]
    Migration {
        version: i64,
        name: String,
        detail: String,
        backup: String,
    },
    /// A single file (an attached asset) could not be written or read: a full disk,
    /// a read-only or damaged file. The data folder as a whole still works, so this
    /// is not a start-up problem; the words say what happened and what to do.
    #[error("{0}")]
    Disk(String),
    #[error("{0} was not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    /// Someone else saved first; nothing was written.
    #[error("{0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database is busy or unavailable: {0}")]
    Pool(#[from] r2d2::Error),
}
