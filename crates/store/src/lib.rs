//! Gallerist's local database: everything a seller has lives in one SQLite file.
//!
//! Why SQLite behind a pool: the app, background sync and web mode read and write
//! concurrently; WAL lets readers proceed while one writer commits. Opening is
//! defensive — a damaged file, a file from a newer Gallerist or an unwritable folder
//! is reported in plain words and never modified.

mod error;
mod migrate;
mod pool;

pub mod accounts;
pub mod assets;
pub mod bill_figures;
pub mod bills;
pub mod drafts;
pub mod order_stats;
pub mod orders;
pub mod outbox;
pub mod produce_endpoints;
pub mod produce_runs;
pub mod remote;
pub mod settings;
pub mod sync_state;
pub mod worklist;

pub use error::StoreError;
pub use migrate::{MigrationReport, MIGRATIONS};
pub use rusqlite::Connection;

use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

pub type Pooled = r2d2::PooledConnection<r2d2_sqlite::SqliteConnectionManager>;

/// A migrated database and its connection pool.
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<r2d2_sqlite::SqliteConnectionManager>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if absent) the database at `path` and brings its schema up to
    /// date, copying the file aside first when a migration is due. `now` names the
    /// backup and stamps the migration rows.
    pub fn open(path: &Path, now: DateTime<Utc>) -> Result<(Store, MigrationReport), StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Folder {
                path: dir.to_path_buf(),
                detail: e.to_string(),
            })?;
        }
        refuse_non_file(path)?;
        migrate::refuse_newer(path)?;
        let mut conn = pool::open_checked(path)?;
        let report = migrate::migrate(&mut conn, path, now)?;
        drop(conn);
        let pool = pool::build(path)?;
        Ok((
            Store {
                pool,
                path: path.to_path_buf(),
            },
            report,
        ))
    }

    pub fn conn(&self) -> Result<Pooled, StoreError> {
        Ok(self.pool.get()?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it lands, or none of it.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// How every table stores a time: RFC 3339 UTC with milliseconds, so text order is time order.
pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Where `Store::open` keeps the copies it makes before migrating `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

/// A folder (or a device, a socket…) where the database file belongs would otherwise
/// be reported by SQLite as "unable to open", which reads like a permissions problem.
fn refuse_non_file(path: &Path) -> Result<(), StoreError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // absent: created fresh
    };
    let found = if meta.is_file() {
        return Ok(());
    } else if meta.is_dir() {
        "a folder"
    } else {
        "a special file (device, pipe or socket)"
    };
    Err(StoreError::NotAFile {
        path: path.to_path_buf(),
        found,
    })
}
