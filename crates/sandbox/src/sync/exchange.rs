//! How one Seller Sync request is carried out: idempotency, If-Match, the lazy review,
//! and one SQLite transaction around all of it.
//!
//! WHY in one place: exactly-once depends on three things happening together — the
//! write's effect, its effect row and its stored answer commit in the same
//! transaction, so a crash or a lost answer can never leave one without the others;
//! a replay is answered before anything else runs; and the reviewer's overdue
//! decisions are applied first, so every request sees the marketplace as of the
//! sandbox clock. The resources (`applications.rs`, `products.rs`) only decide.

use super::errors::SyncError;
use super::wire::Entity;
use super::{buyers, review, store, SyncState};
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, IF_MATCH};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use chrono::{DateTime, Utc};
use gallerist_domain::apig;
use rusqlite::Connection;
use serde_json::Value;

pub(crate) const IDEMPOTENCY_KEY: &str = "idempotency-key";
pub(crate) const REPLAYED: &str = "idempotent-replayed";

/// A decided answer: status and JSON body.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub body: String,
}

impl Answer {
    pub fn ok(body: String) -> Self {
        Answer {
            status: StatusCode::OK,
            body,
        }
    }

    pub fn created(body: String) -> Self {
        Answer {
            status: StatusCode::CREATED,
            body,
        }
    }
}

pub(crate) fn respond(status: StatusCode, body: String, replayed: bool) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if replayed {
        headers.insert(REPLAYED, HeaderValue::from_static("true"));
    }
    response
}

pub(crate) fn refuse(e: &SyncError, request_id: &RequestId) -> Response {
    respond(e.status, e.to_json(&request_id.0), false)
}

/// `If-Match` as sent: absent, a revision, or something else.
enum IfMatch {
    Missing,
    Revision(i64),
    Invalid(String),
}

fn if_match(headers: &HeaderMap) -> IfMatch {
    let Some(value) = headers.get(IF_MATCH) else {
        return IfMatch::Missing;
    };
    let text = value.to_str().unwrap_or("").trim();
    // Tolerates the ETag spelling "3" as well as the contract's bare 3.
    match text.trim_matches('"').parse::<i64>() {
        Ok(n) if n >= 1 => IfMatch::Revision(n),
        _ => IfMatch::Invalid(text.to_string()),
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<&str, SyncError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Err(SyncError::validation(
            "Idempotency-Key",
            "Every write needs an Idempotency-Key header (1–128 visible ASCII characters).",
        ));
    };
    let key = value.to_str().unwrap_or("");
    let visible = key.bytes().all(|b| (0x21..=0x7e).contains(&b));
    if key.is_empty() || key.len() > 128 || !visible {
        return Err(SyncError::validation(
            "Idempotency-Key",
            "The Idempotency-Key must be 1–128 visible ASCII characters.",
        ));
    }
    Ok(key)
}

/// What a write's decision gets to see.
pub(crate) struct Write<'a> {
    pub conn: &'a Connection,
    pub now: DateTime<Utc>,
    pub sync: &'a SyncState,
    if_match: IfMatch,
    body: &'a [u8],
}

impl Write<'_> {
    /// The revision the change was based on: 428 without `If-Match`, 400 if unreadable.
    pub fn base_revision(&self) -> Result<i64, SyncError> {
        match &self.if_match {
            IfMatch::Revision(n) => Ok(*n),
            IfMatch::Missing => Err(SyncError::precondition_required()),
            IfMatch::Invalid(text) => Err(SyncError::validation(
                "If-Match",
                format!("If-Match must be a revision number (1, 2, …), not '{text}'."),
            )),
        }
    }

    /// The revision a state-machine step was based on, when the client sent one.
    pub fn optional_base_revision(&self) -> Result<Option<i64>, SyncError> {
        match &self.if_match {
            IfMatch::Missing => Ok(None),
            _ => self.base_revision().map(Some),
        }
    }

    /// 409 with the entity as it is now unless it is still at `base`.
    pub fn unchanged_since<E: Entity>(&self, base: i64, entity: &E) -> Result<(), SyncError> {
        if entity.revision() == base {
            return Ok(());
        }
        Err(SyncError::conflict(
            entity.revision(),
            base,
            serde_json::to_value(entity)?,
        ))
    }

    /// The body as a JSON object (an empty body reads as `{}`).
    pub fn json(&self) -> Result<serde_json::Map<String, Value>, SyncError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Default::default());
        }
        match serde_json::from_slice(self.body) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(SyncError::validation("body", "The body must be a JSON object.")),
            Err(e) => Err(SyncError::validation("body", format!("The body is not JSON: {e}"))),
        }
    }
}

/// Carries out a write once per idempotency key and answers (or replays) it.
pub(crate) fn write(
    shared: &Shared,
    request_id: &RequestId,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    decide: impl FnOnce(&Write<'_>) -> Result<Answer, SyncError>,
) -> Response {
    let key = match idempotency_key(headers) {
        Ok(k) => k,
        Err(e) => return refuse(&e, request_id),
    };
    let path = uri.path();
    let fingerprint = format!("{method} {path} {}", apig::payload_hash(body));
    let now = shared.now();
    let mut db = shared.db.lock().expect("sandbox db lock");
    let outcome = (|| {
        let tx = db.conn_mut().transaction()?;
        if let Some(stored) = store::answer(&tx, key)? {
            if stored.fingerprint != fingerprint {
                return Err(SyncError::idempotency_mismatch());
            }
            let status = StatusCode::from_u16(stored.status).map_err(SyncError::internal)?;
            return Ok(respond(status, stored.body, true));
        }
        review::settle(&tx, &shared.sync, now)?;
        buyers::settle(&tx, &shared.sync, now)?;
        buyers::settle(&tx, &shared.sync, now)?;
        let w = Write {
            conn: &tx,
            now,
            sync: &shared.sync,
            if_match: if_match(headers),
            body,
        };
        let (answer, took_effect) = match decide(&w) {
            Ok(answer) => (answer, true),
            Err(e) if e.is_replayable() => (
                Answer {
                    status: e.status,
                    body: e.to_json(&request_id.0),
                },
                false,
            ),
            Err(e) => return Err(e),
        };
        if took_effect {
            store::record_effect(&tx, key, method.as_str(), path, now)?;
        }
        store::store_answer(&tx, key, &fingerprint, answer.status.as_u16(), &answer.body, now)?;
        tx.commit()?;
        Ok(respond(answer.status, answer.body, false))
    })();
    outcome.unwrap_or_else(|e| refuse(&e, request_id))
}

/// Runs `f` in a transaction after the overdue reviews; commits unless the sandbox failed.
pub(crate) fn transact<T>(
    shared: &Shared,
    f: impl FnOnce(&Connection, DateTime<Utc>) -> Result<T, SyncError>,
) -> Result<T, SyncError> {
    let now = shared.now();
    let mut db = shared.db.lock().expect("sandbox db lock");
    let tx = db.conn_mut().transaction()?;
    review::settle(&tx, &shared.sync, now)?;
    buyers::settle(&tx, &shared.sync, now)?;
    let result = f(&tx, now);
    if result.as_ref().is_ok() || result.as_ref().is_err_and(SyncError::is_replayable) {
        tx.commit()?;
    }
    result
}

/// A read: 200 with the JSON `f` gives, or the refusal.
pub(crate) fn read(
    shared: &Shared,
    request_id: &RequestId,
    f: impl FnOnce(&Connection, DateTime<Utc>) -> Result<String, SyncError>,
) -> Response {
    match transact(shared, f) {
        Ok(body) => respond(StatusCode::OK, body, false),
        Err(e) => refuse(&e, request_id),
    }
}
