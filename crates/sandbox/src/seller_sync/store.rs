//! The sandbox marketplace's own records for the Seller Sync API: entities with
//! revisions and a change sequence, idempotency records, and an effect count per key.
//!
//! WHY a change sequence: cursors must not depend on anyone's clock, and an entity
//! changed twice must appear once, after its last change — so every change takes the
//! next number of one counter and lists read "changes after number N". The effect
//! count exists for tests: a write executed twice for one key shows up as 2.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sync_entities (
    kind TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL, seq INTEGER NOT NULL,
    body TEXT NOT NULL, pending_since TEXT, PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS sync_entities_seq ON sync_entities (kind, seq);
CREATE INDEX IF NOT EXISTS sync_entities_pending ON sync_entities (pending_since) WHERE pending_since IS NOT NULL;
CREATE TABLE IF NOT EXISTS sync_listings (application_id TEXT PRIMARY KEY, listing TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sync_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sync_idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sync_effects (key TEXT PRIMARY KEY, count INTEGER NOT NULL);
";

/// The next value of a named counter (ids, the change sequence).
pub(crate) fn next(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO sync_counters (name, value) VALUES (?1, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
    )?
    .query_row([name], |r| r.get(0))
}

pub(crate) fn get(conn: &Connection, kind: &str, id: &str) -> rusqlite::Result<Option<Value>> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM sync_entities WHERE kind = ?1 AND id = ?2")?
        .query_row(params![kind, id], |r| r.get(0))
        .optional()?;
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}

/// Writes an entity at the next change number; `pending_since` marks it for the reviewer.
pub(crate) fn put(conn: &Connection, kind: &str, body: &Value, pending_since: Option<&str>) -> rusqlite::Result<()> {
    let seq = next(conn, "seq")?;
    conn.prepare_cached(
        "INSERT INTO sync_entities (kind, id, revision, seq, body, pending_since) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (kind, id) DO UPDATE SET revision = excluded.revision, seq = excluded.seq, body = excluded.body,
             pending_since = excluded.pending_since",
    )?
    .execute(params![kind, body["id"].as_str(), body["revision"].as_i64(), seq, body.to_string(), pending_since])?;
    Ok(())
}

/// Entities changed after `after`, oldest change first: (items, last seq, more?).
pub(crate) fn changed_since(
    conn: &Connection,
    kind: &str,
    after: i64,
    limit: usize,
) -> rusqlite::Result<(Vec<Value>, i64, bool)> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, body FROM sync_entities WHERE kind = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let mut rows: Vec<(i64, String)> = stmt
        .query_map(params![kind, after, limit as i64 + 1], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let last = rows.last().map_or(after, |(s, _)| *s);
    let items = rows.into_iter().filter_map(|(_, b)| serde_json::from_str(&b).ok()).collect();
    Ok((items, last, more))
}

/// Entities waiting for the reviewer since at or before `cutoff` (RFC 3339).
pub(crate) fn waiting(conn: &Connection, cutoff: &str) -> rusqlite::Result<Vec<(String, Value)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, body FROM sync_entities WHERE pending_since IS NOT NULL AND pending_since <= ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([cutoff], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows
        .filter_map(Result::ok)
        .filter_map(|(k, b)| Some((k, serde_json::from_str(&b).ok()?)))
        .collect())
}

pub(crate) fn save_listing(conn: &Connection, application_id: &str, listing: &Value) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO sync_listings (application_id, listing) VALUES (?1, ?2)")?
        .execute(params![application_id, listing.to_string()])?;
    Ok(())
}

pub(crate) fn listing(conn: &Connection, application_id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT listing FROM sync_listings WHERE application_id = ?1")?
        .query_row([application_id], |r| r.get(0))
        .optional()
}

/// A stored answer for an idempotency key: (fingerprint, status, body).
pub(crate) fn replay(conn: &Connection, key: &str) -> rusqlite::Result<Option<(String, u16, String)>> {
    conn.prepare_cached("SELECT fingerprint, status, body FROM sync_idempotency WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()
}

pub(crate) fn remember(conn: &Connection, key: &str, fingerprint: &str, status: u16, body: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO sync_idempotency (key, fingerprint, status, body) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![key, fingerprint, status, body])?;
    Ok(())
}

pub(crate) fn count_effect(conn: &Connection, key: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_effects (key, count) VALUES (?1, 1) ON CONFLICT (key) DO UPDATE SET count = count + 1",
    )?
    .execute([key])?;
    Ok(())
}

pub(crate) fn effects(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare("SELECT key, count FROM sync_effects ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
