//! Collection reads: `updated_since=<cursor>` and `limit`, answered as
//! `{ items, next_cursor, has_more }`.
//!
//! WHY the cursor is `c:<change sequence>`: the contract promises that a client whose
//! clock is wrong still sees every change exactly once, and that an entity changed
//! twice appears once at its newest revision. The change sequence gives both: each
//! entity row carries the number of its last change, so "after N, in order" is the
//! whole algorithm. The stored JSON is spliced into the page as it is, unparsed.

use super::errors::SyncError;
use super::store;
use rusqlite::Connection;
use std::collections::HashMap;
use std::fmt::Write as _;

pub(crate) const DEFAULT_LIMIT: usize = 100;
pub(crate) const MAX_LIMIT: usize = 500;

/// `updated_since` and `limit`, checked.
pub(crate) struct PageRequest {
    pub after: i64,
    pub limit: usize,
}

pub(crate) fn cursor(seq: i64) -> String {
    format!("c:{seq}")
}

pub(crate) fn page_request(query: &HashMap<String, String>) -> Result<PageRequest, SyncError> {
    let after = match query.get("updated_since").map(String::as_str) {
        None | Some("") => 0,
        Some(c) => c
            .strip_prefix("c:")
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| *n >= 0)
            .ok_or_else(|| {
                SyncError::validation(
                    "updated_since",
                    format!("'{c}' is not a cursor this server gave out; pass back a next_cursor."),
                )
            })?,
    };
    let limit = match query.get("limit") {
        None => DEFAULT_LIMIT,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| SyncError::validation("limit", format!("limit must be 1–{MAX_LIMIT}, not '{l}'.")))?,
    };
    Ok(PageRequest { after, limit })
}

/// One page of the entities of `kind` changed after the cursor, oldest change first.
pub(crate) fn page(conn: &Connection, kind: &str, req: &PageRequest) -> Result<String, SyncError> {
    let (rows, more) = store::changes(conn, kind, req.after, req.limit)?;
    let next = rows.last().map_or(req.after, |(seq, _)| *seq);
    let mut out = String::with_capacity(64 + rows.iter().map(|(_, b)| b.len() + 1).sum::<usize>());
    out.push_str("{\"items\":[");
    for (i, (_, body)) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(body);
    }
    let _ = write!(out, "],\"next_cursor\":\"{}\",\"has_more\":{more}}}", cursor(next));
    Ok(out)
}
