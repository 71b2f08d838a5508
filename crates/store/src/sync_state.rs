//! The `sync_state` row per account and the `parity_log`.
//!
//! WHY one row per account: the sync widget must say in plain words whether the
//! seller's changes are safe at the marketplace ("synced 2 min ago", "3 waiting —
//! offline", "1 needs you"), and that answer must not depend on a running drain —
//! it is read from here and from the outbox counts.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    pub last_error: Option<String>,
    pub needs_auth: bool,
    #[serde(skip)]
    pub cursors: BTreeMap<String, String>,
}

fn ensure(conn: &Connection, account_id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO sync_state (account_id) VALUES (?1) ON CONFLICT (account_id) DO NOTHING")?
        .execute([account_id])?;
    Ok(())
}

pub fn get(conn: &Connection, account_id: i64) -> Result<SyncState, StoreError> {
    let row = conn
        .query_row(
            "SELECT last_attempt_at, last_success_at, last_error, needs_auth, cursors FROM sync_state WHERE account_id = ?1",
            [account_id],
            |r| {
                let cursors: String = r.get(4)?;
                Ok(SyncState {
                    last_attempt_at: r.get(0)?,
                    last_success_at: r.get(1)?,
                    last_error: r.get(2)?,
                    needs_auth: r.get(3)?,
                    cursors: serde_json::from_str(&cursors).unwrap_or_default(),
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

pub fn attempted(conn: &Connection, account_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    ensure(conn, account_id)?;
    conn.prepare_cached("UPDATE sync_state SET last_attempt_at = ?2 WHERE account_id = ?1")?
        .execute(params![account_id, stamp(now)])?;
    Ok(())
}

/// A request reached the server and was understood: clears the error and the auth flag.
pub fn succeeded(conn: &Connection, account_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    ensure(conn, account_id)?;
    conn.prepare_cached(
        "UPDATE sync_state SET last_success_at = ?2, last_error = NULL, needs_auth = 0 WHERE account_id = ?1",
    )?
    .execute(params![account_id, stamp(now)])?;
    Ok(())
}

pub fn failed(conn: &Connection, account_id: i64, error: &str, needs_auth: bool) -> Result<(), StoreError> {
    ensure(conn, account_id)?;
    conn.prepare_cached("UPDATE sync_state SET last_error = ?2, needs_auth = ?3 WHERE account_id = ?1")?
        .execute(params![account_id, error, needs_auth])?;
    Ok(())
}

pub fn set_cursor(conn: &Connection, account_id: i64, collection: &str, cursor: &str) -> Result<(), StoreError> {
    ensure(conn, account_id)?;
    conn.execute(
        "UPDATE sync_state SET cursors = json_set(cursors, '$.' || ?2, ?3) WHERE account_id = ?1",
        params![account_id, collection, cursor],
    )?;
    Ok(())
}

/// A review finding the local pack did not predict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParityEntry {
    pub application_id: String,
    pub rule_id: Option<String>,
    pub field: Option<String>,
    pub message: String,
    pub pack_version: Option<String>,
    pub logged_at: String,
}

/// Records a finding once (the same comment pulled twice is one entry).
pub fn log_parity(conn: &Connection, account_id: i64, e: &ParityEntry) -> Result<bool, StoreError> {
    let n = conn.execute(
        "INSERT INTO parity_log (account_id, application_id, rule_id, field, message, pack_version, logged_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
        params![
            account_id,
            e.application_id,
            e.rule_id,
            e.field,
            e.message,
            e.pack_version,
            e.logged_at
        ],
    )?;
    Ok(n == 1)
}

pub fn parity_log(conn: &Connection, account_id: i64) -> Result<Vec<ParityEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT application_id, rule_id, field, message, pack_version, logged_at FROM parity_log
         WHERE account_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        Ok(ParityEntry {
            application_id: r.get(0)?,
            rule_id: r.get(1)?,
            field: r.get(2)?,
            message: r.get(3)?,
            pack_version: r.get(4)?,
            logged_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
