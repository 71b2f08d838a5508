//! The Seller Sync API's one error shape: `{ "error": { code, message, request_id,
//! details, current } }`.
//!
//! WHY one type for every refusal: the client classifies answers by status and
//! `code` alone (park, retry, conflict), so every refusal — a malformed body, a
//! stale revision, a lifecycle rule — must come out in the same shape, and only the
//! ones the contract says may be replayed (4xx except 429) are stored under an
//! idempotency key. Lifecycle refusals carry the domain's own words in English and
//! zh-CN, never a sandbox paraphrase.

use axum::http::StatusCode;
use gallerist_domain::listing::lifecycle::Refusal;
use serde_json::{json, Map, Value};
use std::fmt;

/// A refusal of the Seller Sync API (or of a sandbox control), in the contract's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) details: Map<String, Value>,
    pub(crate) current: Option<Value>,
}

impl SyncError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        SyncError {
            status,
            code,
            message: message.into(),
            details: Map::new(),
            current: None,
        }
    }

    fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.insert(key.to_string(), value.into());
        self
    }

    /// 400: the request is malformed; `field` names what.
    pub(crate) fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "SYNC.VALIDATION", message).with("field", field)
    }

    pub(crate) fn not_found(kind: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "SYNC.NOT_FOUND",
            format!("There is no {kind} '{id}'."),
        )
    }

    /// 404 for an entity the body refers to, naming the body field.
    pub(crate) fn not_found_in(field: &str, kind: &str, id: &str) -> Self {
        Self::not_found(kind, id).with("field", field)
    }

    /// 409 with the entity as it is now.
    pub(crate) fn conflict(revision: i64, expected: i64, current: Value) -> Self {
        let mut e = Self::new(
            StatusCode::CONFLICT,
            "SYNC.CONFLICT",
            format!("The entity is at revision {revision}, not {expected}: it changed since you read it."),
        );
        e.current = Some(current);
        e
    }

    /// 422 with an English message and its zh-CN twin in `details.message_zh`.
    pub(crate) fn refused(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "SYNC.REFUSED", en).with("message_zh", zh.into())
    }

    pub(crate) fn precondition_required() -> Self {
        Self::new(
            StatusCode::PRECONDITION_REQUIRED,
            "SYNC.PRECONDITION_REQUIRED",
            "This write changes an existing entity and needs If-Match: <revision>.",
        )
        .with("field", "If-Match")
    }

    pub(crate) fn idempotency_mismatch() -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "SYNC.IDEMPOTENCY_MISMATCH",
            "This Idempotency-Key was already used for a different request (method, path or body).",
        )
        .with("field", "Idempotency-Key")
    }

    pub(crate) fn rate_limited(retry_after_s: u64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "SYNC.RATE_LIMITED",
            format!("Too many requests; retry after {retry_after_s} s."),
        )
    }

    pub(crate) fn unavailable(status: StatusCode, message: impl Into<String>) -> Self {
        Self::new(status, "SYNC.UNAVAILABLE", message)
    }

    /// 500 for the sandbox's own failures (its SQLite, a damaged stored row).
    pub(crate) fn internal(detail: impl fmt::Display) -> Self {
        Self::unavailable(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("The sandbox failed: {detail}"),
        )
    }

    /// Whether the contract stores this answer for replay: 4xx except 429.
    pub(crate) fn is_replayable(&self) -> bool {
        self.status.is_client_error() && self.status != StatusCode::TOO_MANY_REQUESTS
    }

    pub(crate) fn to_json(&self, request_id: &str) -> String {
        json!({ "error": {
            "code": self.code,
            "message": self.message,
            "request_id": request_id,
            "details": self.details,
            "current": self.current,
        } })
        .to_string()
    }

    /// The HTTP status, e.g. 409.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The contract's code, e.g. `SYNC.CONFLICT`.
    pub fn code(&self) -> &str {
        self.code
    }

    /// What went wrong, in English.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// `details` of the error shape (`field`, `message_zh`).
    pub fn details(&self) -> &Map<String, Value> {
        &self.details
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

impl std::error::Error for SyncError {}

impl From<Refusal> for SyncError {
    fn from(r: Refusal) -> Self {
        SyncError::refused(r.message_en(), r.message_zh())
    }
}

impl From<gallerist_domain::supervision::Refusal> for SyncError {
    fn from(r: gallerist_domain::supervision::Refusal) -> Self {
        SyncError::refused(r.message_en(), r.message_zh())
    }
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::internal(format_args!("its SQLite store answered: {e}"))
    }
}

impl From<serde_json::Error> for SyncError {
    fn from(e: serde_json::Error) -> Self {
        SyncError::internal(format_args!("a stored record is not readable: {e}"))
    }
}

/// The field a serde error names (`missing field `x``, `unknown field `x``), if any.
pub(crate) fn serde_field(e: &serde_json::Error) -> Option<String> {
    let text = e.to_string();
    let rest = text.split_once("field `")?.1;
    Some(rest.split_once('`')?.0.to_string())
}
