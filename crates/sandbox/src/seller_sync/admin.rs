//! `/_sandbox/v1`: the sandbox's control panel — faults, review delay, console edits
//! and effect counts. Signed like everything else; never part of the contract a real
//! server offers.

use super::faults::Faults;
use super::{answer, request_id, resources, store, SyncError};
use crate::Shared;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, Uri};
use axum::response::Response;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::sync::Arc;

pub const ADMIN_PATH: &str = "/_sandbox/v1";

pub(crate) async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri, body: Bytes) -> Response {
    let rid = request_id(&shared);
    let path = uri.path().strip_prefix(ADMIN_PATH).unwrap_or("").trim_matches('/').to_string();
    let parsed: Value = if body.is_empty() { json!({}) } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return answer(400, &SyncError::new(400, "SYNC.VALIDATION", format!("the body is not JSON: {e}")).body(&rid), &rid),
        }
    };
    let fail = |e: SyncError| answer(e.status, &e.body(&rid), &rid);
    let parts: Vec<&str> = path.split('/').collect();
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["faults"]) => answer(200, &json!(shared.faults.lock().expect("faults lock").faults), &rid),
        ("PUT", ["faults"]) => {
            let updated = shared.faults.lock().expect("faults lock").update(&parsed);
            match updated {
                Ok(f) => {
                    shared.skew_s.store(f.clock_skew_s, Ordering::Relaxed);
                    answer(200, &json!(f), &rid)
                }
                Err(e) => fail(SyncError::new(400, "SYNC.VALIDATION", e)),
            }
        }
        ("PUT", ["review"]) => match parsed["delay_s"].as_i64().filter(|d| *d >= 0) {
            Some(d) => {
                shared.review_delay_s.store(d, Ordering::Relaxed);
                answer(200, &json!({ "delay_s": d }), &rid)
            }
            None => fail(SyncError::new(400, "SYNC.VALIDATION", "delay_s must be a whole number of seconds ≥ 0")),
        },
        ("PATCH", ["console", "products", id]) => {
            let db = shared.db.lock().expect("sandbox db lock");
            match resources::edit(db.conn(), id, &parsed, None, shared.now()) {
                Ok(p) => answer(200, &p, &rid),
                Err(e) => fail(e),
            }
        }
        ("GET", ["effects"]) => {
            let db = shared.db.lock().expect("sandbox db lock");
            match store::effects(db.conn()) {
                Ok(rows) => {
                    let total: i64 = rows.iter().map(|(_, n)| n).sum();
                    let by_key: serde_json::Map<String, Value> = rows.into_iter().map(|(k, n)| (k, json!(n))).collect();
                    answer(200, &json!({ "total": total, "by_key": by_key }), &rid)
                }
                Err(e) => fail(e.into()),
            }
        }
        _ => fail(SyncError::new(404, "SYNC.NOT_FOUND", format!("no {method} at {ADMIN_PATH}/{path}"))),
    }
}

impl Shared {
    /// Current fault settings (also for the Rust API).
    pub(crate) fn fault_settings(&self) -> Faults {
        self.faults.lock().expect("faults lock").faults
    }
}
