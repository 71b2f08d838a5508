//! Embedded, timestamped schema migrations.
//!
//! Each file in `migrations/` runs once, in its own IMMEDIATE transaction, and is
//! recorded in `schema_migrations`. Before changing a database that already holds
//! data, the file is copied aside (`VACUUM INTO`, consistent even under WAL). A
//! database that records a migration newer than this build knows was written by a
//! newer Gallerist: it is refused untouched rather than half-understood.

use crate::{backup_dir, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/", stringify!($version), "_", $name, ".sql")),
        }
    };
}

/// Every migration, oldest first. Add a file to `migrations/` and a line here.
pub const MIGRATIONS: &[Migration] = &[
    migration!(20261128120000, "accounts_orders"),
    migration!(20261128140000, "account_secrets"),
    migration!(20261128160000, "drafts"),
    migration!(20261128170000, "sync"),
    migration!(20261128190000, "worklist"),
    migration!(20261128200000, "bills"),
    migration!(20261128210000, "fee_invoice"),
    migration!(20261128220000, "produce_runs"),
    migration!(20261128230000, "produce_endpoints"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MigrationReport {
    pub applied: Vec<i64>,
    pub backup: Option<PathBuf>,
}

/// Refuses a database from a newer Gallerist using a read-only connection, before
/// anything opens the file for writing (a read-write close could checkpoint the WAL
/// and so change the file we promise not to touch). A file that cannot be read here
/// is left to the regular open, which names the problem.
pub(crate) fn refuse_newer(path: &Path) -> Result<(), StoreError> {
    if !path.exists() {
        return Ok(());
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else {
        return Ok(());
    };
    let found: rusqlite::Result<Option<i64>> =
        conn.query_row("SELECT max(version) FROM schema_migrations", [], |r| r.get(0));
    let known = MIGRATIONS.last().map_or(0, |m| m.version);
    match found {
        Ok(Some(found)) if found > known => Err(StoreError::Newer {
            path: path.to_path_buf(),
            found,
            known,
        }),
        _ => Ok(()),
    }
}

pub(crate) fn migrate(conn: &mut Connection, path: &Path, now: DateTime<Utc>) -> Result<MigrationReport, StoreError> {
    migrate_with(conn, path, now, MIGRATIONS)
}

pub(crate) fn migrate_with(
    conn: &mut Connection,
    path: &Path,
    now: DateTime<Utc>,
    migrations: &[Migration],
) -> Result<MigrationReport, StoreError> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |r| r.get(0),
    )?;
    let applied: Vec<i64> = if has_table {
        let mut stmt = conn.prepare("SELECT version FROM schema_migrations ORDER BY version")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let known = migrations.last().map_or(0, |m| m.version);
    if let Some(&found) = applied.iter().max() {
        if found > known {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
    }
    let pending: Vec<&Migration> = migrations.iter().filter(|m| !applied.contains(&m.version)).collect();
    let mut report = MigrationReport::default();
    let Some(first) = pending.first() else {
        return Ok(report);
    };

    if !applied.is_empty() {
        report.backup = Some(backup(conn, path, now, first.version)?);
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )?;
    let backup_text = report
        .backup
        .as_ref()
        .map_or("(none: the database was new)".to_string(), |p| p.display().to_string());
    for m in pending {
        let fail = |e: rusqlite::Error| StoreError::Migration {
            version: m.version,
            name: m.name.to_string(),
            detail: e.to_string(),
            backup: backup_text.clone(),
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        tx.execute_batch(m.sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![m.version, m.name, now.to_rfc3339()],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        report.applied.push(m.version);
    }
    Ok(report)
}

fn backup(conn: &Connection, path: &Path, now: DateTime<Utc>, next: i64) -> Result<PathBuf, StoreError> {
    let dir = backup_dir(path);
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Folder {
        path: dir.clone(),
        detail: e.to_string(),
    })?;
    let target = dir.join(format!(
        "gallerist-{}-before-{next}.sqlite3",
        now.format("%Y%m%dT%H%M%SZ")
    ));
    conn.execute("VACUUM INTO ?1", params![target.to_string_lossy()])?;
    Ok(target)
}

#[cfg(test)]
#[path = "migrate_tests.rs"]
mod tests;
