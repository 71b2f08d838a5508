//! The sandbox's own controls, over HTTP under `/_sandbox/v1` and as methods on
//! [`Sandbox`]: faults, the review delay, console edits, effect counts, demo products.
//!
//! WHY both: tests of other crates and the `gallerist api` CLI drive a running
//! sandbox over HTTP (signed like everything else), while Rust tests and the app's
//! boot hold the `Sandbox` itself. Both paths call the same functions, so a knob can
//! never behave differently depending on how it was turned. None of this is part of
//! the Seller Sync contract a real server must offer.

use super::demo;
use super::errors::SyncError;
use super::exchange::{self, refuse, respond};
use super::faults::Faults;
use super::products::{console_edit, ProductEdit};
use super::store::{self, Effects};
use crate::request_id::RequestId;
use crate::{Sandbox, Shared};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};
use std::sync::Arc;
use std::time::Duration;

fn object(body: &[u8]) -> Result<Map<String, Value>, SyncError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(SyncError::validation("body", "The body must be a JSON object.")),
    }
}

fn answer(result: Result<String, SyncError>, request_id: &RequestId) -> Response {
    match result {
        Ok(body) => respond(StatusCode::OK, body, false),
        Err(e) => refuse(&e, request_id),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, SyncError> {
    Ok(serde_json::to_string(value)?)
}

pub(crate) async fn get_faults(State(shared): State<Arc<Shared>>) -> Response {
    respond(StatusCode::OK, json!(shared.sync.faults.current()).to_string(), false)
}

/// Fields left out keep their current value; a `seed` restarts the random sequence.
pub(crate) async fn put_faults(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    body: Bytes,
) -> Response {
    let result = object(&body)
        .and_then(|m| shared.sync.faults.patch(&m))
        .and_then(|f| to_json(&f));
    answer(result, &request_id)
}

fn delay_json(delay: Duration) -> String {
    if delay.subsec_millis() == 0 {
        json!({ "delay_s": delay.as_secs() }).to_string()
    } else {
        json!({ "delay_s": delay.as_secs_f64() }).to_string()
    }
}

pub(crate) async fn get_review(State(shared): State<Arc<Shared>>) -> Response {
    respond(StatusCode::OK, delay_json(shared.sync.review_delay()), false)
}

/// `{ "delay_s": 30 }`; fractions of a second are allowed (milliseconds are kept).
pub(crate) async fn put_review(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    body: Bytes,
) -> Response {
    let result = object(&body).and_then(|m| {
        let seconds = m
            .get("delay_s")
            .and_then(Value::as_f64)
            .filter(|s| s.is_finite() && (0.0..=30.0 * 86_400.0).contains(s))
            .ok_or_else(|| SyncError::validation("delay_s", "delay_s must be 0 to 2592000 seconds."))?;
        let delay = Duration::from_millis((seconds * 1000.0).round() as u64);
        shared.sync.set_review_delay(delay);
        Ok(delay_json(delay))
    });
    answer(result, &request_id)
}

pub(crate) async fn edit_product(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let result = object(&body)
        .and_then(|m| ProductEdit::from_json(&m))
        .and_then(|edit| exchange::transact(&shared, |conn, now| console_edit(conn, now, &id, &edit)));
    answer(result, &request_id)
}

pub(crate) async fn get_effects(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
) -> Response {
    let result = exchange::transact(&shared, |conn, _| store::effects(conn)).and_then(|e| to_json(&e));
    answer(result, &request_id)
}

/// The same controls for Rust callers (tests, the app's boot).
impl Sandbox {
    /// Replaces the fault settings (all fields, unlike the HTTP PUT) and restarts the
    /// random sequence from `faults.seed`. Refuses rates outside 0–1 or adding up to more than 1.
    pub fn set_faults(&self, faults: Faults) -> Result<(), SyncError> {
        self.shared.sync.faults.set(faults).map(|_| ())
    }

    pub fn faults(&self) -> Faults {
        self.shared.sync.faults.current()
    }

    /// How long the simulated reviewer takes (default 30 s of sandbox clock).
    pub fn set_review_delay(&self, delay: Duration) {
        self.shared.sync.set_review_delay(delay);
    }

    pub fn review_delay(&self) -> Duration {
        self.shared.sync.review_delay()
    }

    /// An edit "in the console": no If-Match, bumps the product's revision when anything
    /// changes. Returns the product as the API would send it.
    pub fn console_edit_product(&self, id: &str, edit: &ProductEdit) -> Result<Value, SyncError> {
        let body = exchange::transact(&self.shared, |conn, now| console_edit(conn, now, id, edit))?;
        Ok(serde_json::from_str(&body)?)
    }

    /// How many writes took effect, in all and per idempotency key.
    pub fn effects(&self) -> Result<Effects, SyncError> {
        exchange::transact(&self.shared, |conn, _| store::effects(conn))
    }

    /// Makes sure `n` approved demo products with specs and SKUs exist (seeding again
    /// adds nothing); returns their ids.
    pub fn seed_demo_products(&self, n: usize) -> Result<Vec<String>, SyncError> {
        let pack = &self.shared.sync.pack;
        exchange::transact(&self.shared, |conn, now| demo::seed(conn, pack, n, now))
    }
}
