//! `remote_entities` and `sync_conflicts`: what the server last said, what the seller
//! wants instead, and the disagreements between the two.
//!
//! WHY keep the last synced copy: it is the "base" of a three-way comparison. When the
//! console changed a product while the seller edited it offline, the seller sees, per
//! field, what they had synced, what they typed and what the marketplace has now, and
//! nothing is decided for them.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteEntity {
    pub kind: String,
    pub remote_id: String,
    pub revision: i64,
    /// The server's copy as last synced.
    pub body: Value,
    /// The seller's pending version, if a change is waiting.
    pub local: Option<Value>,
    pub draft_id: Option<i64>,
    pub synced_at: String,
}

pub fn get(
    conn: &Connection,
    account_id: i64,
    kind: &str,
    remote_id: &str,
) -> Result<Option<RemoteEntity>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT kind, remote_id, revision, body, local, draft_id, synced_at FROM remote_entities
             WHERE account_id = ?1 AND kind = ?2 AND remote_id = ?3",
        )?
        .query_row(params![account_id, kind, remote_id], row)
        .optional()?)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RemoteEntity> {
    let body: String = r.get(3)?;
    let local: Option<String> = r.get(4)?;
    Ok(RemoteEntity {
        kind: r.get(0)?,
        remote_id: r.get(1)?,
        revision: r.get(2)?,
        body: serde_json::from_str(&body).unwrap_or(Value::Null),
        local: local.and_then(|l| serde_json::from_str(&l).ok()),
        draft_id: r.get(5)?,
        synced_at: r.get(6)?,
    })
}

pub fn list(conn: &Connection, account_id: i64, kind: &str) -> Result<Vec<RemoteEntity>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT kind, remote_id, revision, body, local, draft_id, synced_at FROM remote_entities
         WHERE account_id = ?1 AND kind = ?2 ORDER BY synced_at DESC, remote_id",
    )?;
    let rows = stmt.query_map(params![account_id, kind], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Stores the server's copy if it is newer than ours. Returns whether it changed
/// anything (an echo of our own write, or an older copy, is not a change).
pub fn store_synced(
    conn: &Connection,
    account_id: i64,
    kind: &str,
    body: &Value,
    draft_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let id = body["id"]
        .as_str()
        .ok_or_else(|| StoreError::Invalid(format!("a {kind} from the server has no id")))?;
    let revision = body["revision"]
        .as_i64()
        .ok_or_else(|| StoreError::Invalid(format!("{kind} {id} from the server has no revision")))?;
    let n = conn
        .prepare_cached(
            "INSERT INTO remote_entities (account_id, kind, remote_id, revision, body, draft_id, synced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (account_id, kind, remote_id) DO UPDATE SET revision = excluded.revision, body = excluded.body,
                 draft_id = coalesce(excluded.draft_id, remote_entities.draft_id), synced_at = excluded.synced_at
             WHERE excluded.revision > remote_entities.revision",
        )?
        .execute(params![
            account_id,
            kind,
            id,
            revision,
            body.to_string(),
            draft_id,
            stamp(now)
        ])?;
    Ok(n == 1)
}

/// Records (or clears, with `None`) the seller's pending version.
pub fn set_local(
    conn: &Connection,
    account_id: i64,
    kind: &str,
    remote_id: &str,
    local: Option<&Value>,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached("UPDATE remote_entities SET local = ?4 WHERE account_id = ?1 AND kind = ?2 AND remote_id = ?3")?
        .execute(params![account_id, kind, remote_id, local.map(|l| l.to_string())])?;
    if n == 0 {
        return Err(StoreError::NotFound(format!("{kind} {remote_id}")));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: i64,
    pub outbox_id: i64,
    pub kind: String,
    pub remote_id: String,
    pub mine: Value,
    pub base: Value,
    pub theirs: Value,
    pub theirs_revision: i64,
    pub created_at: String,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub fn add_conflict(
    conn: &Connection,
    account_id: i64,
    outbox_id: i64,
    kind: &str,
    remote_id: &str,
    mine: &Value,
    base: &Value,
    theirs: &Value,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO sync_conflicts (account_id, outbox_id, kind, remote_id, mine, base, theirs, theirs_revision, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            account_id,
            outbox_id,
            kind,
            remote_id,
            mine.to_string(),
            base.to_string(),
            theirs.to_string(),
            theirs["revision"].as_i64().unwrap_or(0),
            stamp(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn conflicts(conn: &Connection, account_id: i64, open_only: bool) -> Result<Vec<Conflict>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, outbox_id, kind, remote_id, mine, base, theirs, theirs_revision, created_at, resolved_at, resolution
         FROM sync_conflicts WHERE account_id = ?1 AND (?2 = 0 OR resolved_at IS NULL) ORDER BY id",
    )?;
    let json = |s: String| serde_json::from_str(&s).unwrap_or(Value::Null);
    let rows = stmt.query_map(params![account_id, open_only], |r| {
        Ok(Conflict {
            id: r.get(0)?,
            outbox_id: r.get(1)?,
            kind: r.get(2)?,
            remote_id: r.get(3)?,
            mine: json(r.get(4)?),
            base: json(r.get(5)?),
            theirs: json(r.get(6)?),
            theirs_revision: r.get(7)?,
            created_at: r.get(8)?,
            resolved_at: r.get(9)?,
            resolution: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn resolve_conflict(conn: &Connection, id: i64, resolution: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    let n = conn.execute(
        "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1 AND resolved_at IS NULL",
        params![id, stamp(now), resolution],
    )?;
    if n == 0 {
        return Err(StoreError::Invalid(format!(
            "conflict {id} is already resolved or does not exist"
        )));
    }
    Ok(())
}
