//! The sandbox marketplace's Seller Sync records in its SQLite: entities with their
//! revision and change sequence, submitted listings, stored answers per idempotency
//! key, and one effect row per executed write.
//!
//! WHY a change sequence: cursors must not depend on anyone's clock, and an entity
//! changed twice must appear once, after its last change. Every change takes the
//! next number of one global counter and overwrites the entity's `seq`, so a list is
//! simply "rows of this kind with seq > N, by seq". WHY an effect row per execution
//! (not a counter per key): a write that ran twice for one key must show up as 2, so
//! exactly-once tests can see a broken replay instead of a constraint error hiding it.
//!
//! Every statement is prepared once per connection (`prepare_cached`); the schema is
//! created when the data file is opened, never per request.

use super::errors::SyncError;
use super::wire::Entity;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS seller_sync_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO seller_sync_counters (name, value) VALUES ('change', 0), ('application', 0), ('product', 0),
    ('case', 0), ('invoice_request', 0), ('simulated_invoice', 0), ('next_invoice_ms', 0);
CREATE TABLE IF NOT EXISTS seller_sync_entities (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    waiting_since_ms INTEGER,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seller_sync_entities_changes ON seller_sync_entities (kind, seq);
CREATE INDEX IF NOT EXISTS seller_sync_entities_waiting ON seller_sync_entities (waiting_since_ms)
    WHERE waiting_since_ms IS NOT NULL;
CREATE TABLE IF NOT EXISTS seller_sync_listings (application_id TEXT PRIMARY KEY, listing TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seller_sync_answers (
    idempotency_key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    stored_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seller_sync_effects (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seller_sync_effects_by_key ON seller_sync_effects (idempotency_key);
";

/// The next value of a counter: `change` (the cursor sequence) or an id counter.
pub(crate) fn next(conn: &Connection, counter: &str) -> Result<i64, SyncError> {
    Ok(conn
        .prepare_cached("UPDATE seller_sync_counters SET value = value + 1 WHERE name = ?1 RETURNING value")?
        .query_row([counter], |r| r.get(0))?)
}

pub(crate) fn get<E: Entity>(conn: &Connection, id: &str) -> Result<Option<E>, SyncError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM seller_sync_entities WHERE kind = ?1 AND id = ?2")?
        .query_row(params![E::KIND, id], |r| r.get(0))
        .optional()?;
    Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
}

/// Writes an entity as its newest change and returns its JSON (the answer body).
pub(crate) fn put<E: Entity>(conn: &Connection, entity: &E) -> Result<String, SyncError> {
    let body = serde_json::to_string(entity)?;
    let seq = next(conn, "change")?;
    conn.prepare_cached(
        "INSERT INTO seller_sync_entities (kind, id, seq, revision, body, waiting_since_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq, revision = excluded.revision,
             body = excluded.body, waiting_since_ms = excluded.waiting_since_ms",
    )?
    .execute(params![
        E::KIND,
        entity.id(),
        seq,
        entity.revision(),
        body,
        entity.waiting_since().map(|t| t.timestamp_millis())
    ])?;
    Ok(body)
}

/// One page of changes after `after`: (seq, JSON) in change order, and whether more follow.
pub(crate) fn changes(
    conn: &Connection,
    kind: &str,
    after: i64,
    limit: usize,
) -> Result<(Vec<(i64, String)>, bool), SyncError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, body FROM seller_sync_entities WHERE kind = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let mut rows: Vec<(i64, String)> = stmt
        .query_map(params![kind, after, limit as i64 + 1], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    Ok((rows, more))
}

/// Entities whose review has waited since `cutoff` or longer, oldest first.
pub(crate) fn waiting_since(conn: &Connection, cutoff: DateTime<Utc>) -> Result<Vec<(String, String)>, SyncError> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, id FROM seller_sync_entities
         WHERE waiting_since_ms IS NOT NULL AND waiting_since_ms <= ?1 ORDER BY waiting_since_ms, seq",
    )?;
    let rows = stmt
        .query_map([cutoff.timestamp_millis()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(crate) fn put_listing(conn: &Connection, application_id: &str, listing: &str) -> Result<(), SyncError> {
    conn.prepare_cached("INSERT OR REPLACE INTO seller_sync_listings (application_id, listing) VALUES (?1, ?2)")?
        .execute(params![application_id, listing])?;
    Ok(())
}

pub(crate) fn listing(conn: &Connection, application_id: &str) -> Result<Option<String>, SyncError> {
    Ok(conn
        .prepare_cached("SELECT listing FROM seller_sync_listings WHERE application_id = ?1")?
        .query_row([application_id], |r| r.get(0))
        .optional()?)
}

/// The id of the application whose `draft_ref` is this (the demo seed's marker).
pub(crate) fn application_by_draft_ref(conn: &Connection, draft_ref: &str) -> Result<Option<String>, SyncError> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM seller_sync_entities WHERE kind = 'application' AND json_extract(body, '$.draft_ref') = ?1",
        )?
        .query_row([draft_ref], |r| r.get(0))
        .optional()?)
}

/// An answer stored under an idempotency key.
pub(crate) struct StoredAnswer {
    pub fingerprint: String,
    pub status: u16,
    pub body: String,
}

pub(crate) fn answer(conn: &Connection, key: &str) -> Result<Option<StoredAnswer>, SyncError> {
    Ok(conn
        .prepare_cached("SELECT fingerprint, status, body FROM seller_sync_answers WHERE idempotency_key = ?1")?
        .query_row([key], |r| {
            Ok(StoredAnswer {
                fingerprint: r.get(0)?,
                status: r.get(1)?,
                body: r.get(2)?,
            })
        })
        .optional()?)
}

pub(crate) fn store_answer(
    conn: &Connection,
    key: &str,
    fingerprint: &str,
    status: u16,
    body: &str,
    at: DateTime<Utc>,
) -> Result<(), SyncError> {
    conn.prepare_cached(
        "INSERT INTO seller_sync_answers (idempotency_key, fingerprint, status, body, stored_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![key, fingerprint, status, body, at.to_rfc3339()])?;
    Ok(())
}

pub(crate) fn record_effect(
    conn: &Connection,
    key: &str,
    method: &str,
    path: &str,
    at: DateTime<Utc>,
) -> Result<(), SyncError> {
    conn.prepare_cached("INSERT INTO seller_sync_effects (idempotency_key, method, path, at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![key, method, path, at.to_rfc3339()])?;
    Ok(())
}

/// How many writes took effect, in all and per idempotency key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Effects {
    pub total: u64,
    pub by_key: BTreeMap<String, u32>,
}

pub(crate) fn effects(conn: &Connection) -> Result<Effects, SyncError> {
    let mut stmt =
        conn.prepare_cached("SELECT idempotency_key, count(*) FROM seller_sync_effects GROUP BY idempotency_key")?;
    let by_key: BTreeMap<String, u32> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(Effects {
        total: by_key.values().map(|n| u64::from(*n)).sum(),
        by_key,
    })
}
