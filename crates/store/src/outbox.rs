//! The `outbox` table: the seller's changes waiting to reach the marketplace.
//!
//! WHY a table and not a queue in memory: a change must survive the app being killed
//! at any instant, and must reach the server exactly once. The row is written in the
//! same transaction as the local change it describes; it keeps its idempotency key
//! for life, so a resend after a crash or a lost answer is recognised by the server
//! as the same operation. Rows of one `lane` (one remote entity or draft) go in
//! order; a parked row holds back only its own lane.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

/// A new operation.
#[derive(Debug, Clone)]
pub struct NewOp {
    pub account_id: i64,
    pub op_key: String,
    pub kind: String,
    pub lane: String,
    pub payload: serde_json::Value,
    pub base_revision: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Op {
    pub id: i64,
    pub account_id: i64,
    pub op_key: String,
    pub kind: String,
    pub lane: String,
    pub payload: serde_json::Value,
    pub base_revision: Option<i64>,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub park_code: Option<String>,
    pub park_reason: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str = "id, account_id, op_key, kind, lane, payload, base_revision, state, attempts, next_attempt_at, \
                       last_error, park_code, park_reason, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Op> {
    let payload: String = r.get(5)?;
    Ok(Op {
        id: r.get(0)?,
        account_id: r.get(1)?,
        op_key: r.get(2)?,
        kind: r.get(3)?,
        lane: r.get(4)?,
        payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
        base_revision: r.get(6)?,
        state: r.get(7)?,
        attempts: r.get(8)?,
        next_attempt_at: r.get(9)?,
        last_error: r.get(10)?,
        park_code: r.get(11)?,
        park_reason: r.get(12)?,
        created_at: r.get(13)?,
    })
}

pub fn enqueue(conn: &Connection, op: &NewOp, now: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO outbox (account_id, op_key, kind, lane, payload, base_revision, next_attempt_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)",
    )?
    .execute(params![
        op.account_id,
        op.op_key,
        op.kind,
        op.lane,
        op.payload.to_string(),
        op.base_revision,
        stamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Op, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("queued change {id}")))
}

/// The operations to send now: the first unfinished row of each lane, if it is queued
/// (not parked) and due. Oldest first, at most `limit`; lanes in `busy` are skipped.
pub fn due(
    conn: &Connection,
    account_id: i64,
    now: DateTime<Utc>,
    busy: &[String],
    limit: usize,
) -> Result<Vec<Op>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox o
         WHERE account_id = ?1 AND state = 'queued' AND next_attempt_at <= ?2
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.account_id = o.account_id AND p.lane = o.lane
                           AND p.state IN ('queued', 'parked') AND p.id < o.id)
         ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![account_id, stamp(now)], from_row)?;
    let mut out = Vec::new();
    for op in rows {
        let op = op?;
        if !busy.contains(&op.lane) {
            out.push(op);
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}

/// When the next queued row becomes due (for sleeping until then).
pub fn next_due_at(conn: &Connection, account_id: i64) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row(
        "SELECT min(next_attempt_at) FROM outbox WHERE account_id = ?1 AND state = 'queued'",
        [account_id],
        |r| r.get(0),
    )?)
}

/// Counts an attempt before the request leaves, so a crash mid-request is visible.
pub fn mark_attempt(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE outbox SET attempts = attempts + 1, updated_at = ?2 WHERE id = ?1")?
        .execute(params![id, stamp(now)])?;
    Ok(())
}

pub fn finish(conn: &Connection, id: i64, result: &serde_json::Value, now: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'done', result = ?2, last_error = NULL, park_code = NULL, park_reason = NULL, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, result.to_string(), stamp(now)])?;
    Ok(())
}

pub fn retry_later(
    conn: &Connection,
    id: i64,
    at: DateTime<Utc>,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE outbox SET next_attempt_at = ?2, last_error = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, stamp(at), error, stamp(now)])?;
    Ok(())
}

pub fn park(conn: &Connection, id: i64, code: &str, reason: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'parked', park_code = ?2, park_reason = ?3, last_error = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, code, reason, stamp(now)])?;
    Ok(())
}

/// A repaired operation: a new body needs a new idempotency key (the server stored
/// its answer to the old key), and may stand on a newer remote revision.
#[derive(Debug, Clone)]
pub struct Repair {
    pub payload: serde_json::Value,
    pub op_key: String,
    pub base_revision: Option<i64>,
}

/// Puts a parked row back in the queue, as it was or repaired.
pub fn requeue(conn: &Connection, id: i64, repair: Option<&Repair>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let op = get(conn, id)?;
    if op.state != "parked" {
        return Err(StoreError::Invalid(format!(
            "change {id} is {} and not waiting for you",
            op.state
        )));
    }
    let (payload, key, base) = match repair {
        Some(r) => (r.payload.to_string(), r.op_key.clone(), r.base_revision),
        None => (op.payload.to_string(), op.op_key.clone(), op.base_revision),
    };
    conn.execute(
        "UPDATE outbox SET state = 'queued', payload = ?2, op_key = ?3, base_revision = ?4, next_attempt_at = ?5,
                park_code = NULL, park_reason = NULL, attempts = 0, updated_at = ?5 WHERE id = ?1",
        params![id, payload, key, base, stamp(now)],
    )?;
    Ok(())
}

/// Gives up a parked or queued row; the local change stays as it is.
pub fn drop_op(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    let n = conn.execute(
        "UPDATE outbox SET state = 'dropped', updated_at = ?2 WHERE id = ?1 AND state IN ('queued', 'parked')",
        params![id, stamp(now)],
    )?;
    if n == 0 {
        return Err(StoreError::Invalid(format!(
            "change {id} has already been sent or dropped"
        )));
    }
    Ok(())
}

/// Later rows of a lane that were made on `old` now stand on `new` (our own write).
pub fn rebase_lane(conn: &Connection, account_id: i64, lane: &str, old: i64, new: i64) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbox SET base_revision = ?4 WHERE account_id = ?1 AND lane = ?2 AND state IN ('queued', 'parked') AND base_revision = ?3",
        )?
        .execute(params![account_id, lane, old, new])?)
}

pub fn list(conn: &Connection, account_id: i64, states: &[&str]) -> Result<Vec<Op>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE account_id = ?1 AND state IN (SELECT value FROM json_each(?2)) ORDER BY id"
    ))?;
    let states = serde_json::to_string(states).expect("strings serialize");
    let rows = stmt.query_map(params![account_id, states], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The unfinished rows (queued or parked) of one lane, oldest first.
pub fn in_lane(conn: &Connection, account_id: i64, lane: &str) -> Result<Vec<Op>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE account_id = ?1 AND lane = ?2 AND state IN ('queued', 'parked') ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![account_id, lane], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// (queued, parked) counts.
pub fn counts(conn: &Connection, account_id: i64) -> Result<(i64, i64), StoreError> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(state = 'queued'), 0), coalesce(sum(state = 'parked'), 0) FROM outbox WHERE account_id = ?1",
        [account_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Whether a lane still has unfinished rows.
pub fn lane_pending(conn: &Connection, account_id: i64, lane: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM outbox WHERE account_id = ?1 AND lane = ?2 AND state IN ('queued', 'parked') LIMIT 1",
        )?
        .query_row(params![account_id, lane], |_| Ok(()))
        .optional()?
        .is_some())
}
