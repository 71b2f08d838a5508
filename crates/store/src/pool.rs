//! Connections: the same pragmas on every one, and a preflight before the pool.
//!
//! r2d2 retries failing connections until its timeout, which would turn a damaged
//! file into a 30-second hang; so the file is opened and checked once by hand first,
//! and only a healthy database gets a pool.

use crate::StoreError;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;
use std::time::Duration;

// cache_size: 16 MB (SQLite's default is 2 MB). Importing 100,000 bill lines inserts
// into a unique fingerprint index in random order; with the default cache the index
// pages thrash and the transaction takes 1.7 s instead of 1.0 s (import_store_100k).
const PRAGMAS: &str = "PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA busy_timeout = 5000;
PRAGMA cache_size = -16384;";

fn corrupt(path: &Path, err: &rusqlite::Error) -> Option<StoreError> {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => Some(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: err.to_string(),
        }),
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
            Some(StoreError::Folder {
                path: path.to_path_buf(),
                detail: err.to_string(),
            })
        }
        _ => None,
    }
}

/// Opens one connection and proves the file is a readable SQLite database.
pub(crate) fn open_checked(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| corrupt(path, &e).unwrap_or(e.into()))?;
    let check = |conn: &Connection| -> rusqlite::Result<()> {
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(verdict),
            ));
        }
        conn.execute_batch(PRAGMAS)
    };
    check(&conn).map_err(|e| corrupt(path, &e).unwrap_or(e.into()))?;
    Ok(conn)
}

pub(crate) fn build(path: &Path) -> Result<r2d2::Pool<SqliteConnectionManager>, StoreError> {
    let manager = SqliteConnectionManager::file(path).with_init(|c| c.execute_batch(PRAGMAS));
    Ok(r2d2::Pool::builder()
        .max_size(8)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(10))
        .build(manager)?)
}
