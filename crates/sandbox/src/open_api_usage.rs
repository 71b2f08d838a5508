//! The usage push KooGallery receives (§4.2), behind the gateway's AK/SK check.
//!
//! On top of the gateway it checks what KooGallery documents: the `signature`, `ts`
//! and `nonce` headers and their lengths, the body signature (MKT.0102) with the key
//! bound to the base interfaces — in the sandbox, the reference seller server's
//! [`DEMO_ACCESS_KEY`](crate::seller::DEMO_ACCESS_KEY) — the records' limits, the
//! instance (MKT.9001), and de-duplication by `metering_sn`: a record id already
//! received is answered with success and not counted twice, which is what a seller
//! retrying a push after a timeout needs. The reference documents no window for `ts`
//! and no nonce replay rule for this API [NOT FOUND], so neither is enforced.
//! `GET /_sandbox/v1/usage-records` shows what was received.

use crate::open_api_answer::{answer, refuse, refuse_with};
use crate::seller::DEMO_ACCESS_KEY;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use gallerist_domain::open_api_wire::usage::{self, UsagePush, UsageRecord, USAGE_PUSH_PATH};
use gallerist_domain::open_api_wire::{Problem, Refusal, MKT_SUCCESS};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Pay-per-use instances the sandbox knows: the reference's example instance and a
/// demo one. Any other `instance_id` is MKT.9001.
pub const USAGE_INSTANCES: &[&str] = &["7f141bf1-aec8-4859-8323-fb3a8ad50721", "gallerist-demo-usage-instance"];

struct UsageDesk {
    shared: Arc<Shared>,
    /// Records received, by `metering_sn`; the first copy wins.
    received: Mutex<BTreeMap<String, UsageRecord>>,
}

pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    let desk = Arc::new(UsageDesk {
        shared,
        received: Mutex::new(BTreeMap::new()),
    });
    Router::new()
        .route(USAGE_PUSH_PATH, post(push))
        .route("/_sandbox/v1/usage-records", get(list))
        .with_state(desk)
}

/// The three body-signature headers, present and within their documented lengths.
fn signature_headers(headers: &HeaderMap) -> Result<[&str; 3], Refusal> {
    let mut out = [""; 3];
    let wanted = [
        (usage::SIGNATURE_HEADER, usage::SIGNATURE_MAX),
        (usage::TS_HEADER, usage::TS_MAX),
        (usage::NONCE_HEADER, usage::NONCE_MAX),
    ];
    for (slot, (name, max)) in out.iter_mut().zip(wanted) {
        let value = headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
        if value.is_empty() {
            return Err(Refusal::new("MKT.0101", format!("header {name}"), Problem::Missing));
        }
        let actual = value.chars().count();
        if actual > max {
            return Err(Refusal::new(
                "MKT.0100",
                format!("header {name}"),
                Problem::TooLong { max, actual },
            ));
        }
        *slot = value;
    }
    if !out[1].bytes().all(|b| b.is_ascii_digit()) {
        let expected = "Unix time in milliseconds";
        return Err(Refusal::new("MKT.0100", "header ts", Problem::Format { expected }));
    }
    Ok(out)
}

async fn push(State(desk): State<Arc<UsageDesk>>, headers: HeaderMap, body: Bytes) -> Response {
    let [signature, ts, nonce] = match signature_headers(&headers) {
        Ok(h) => h,
        Err(refusal) => return refuse(&refusal),
    };
    let Ok(value) = serde_json::from_slice::<Value>(&body) else {
        return refuse_with("MKT.0199", "the body is not JSON");
    };
    // Verified over the sorted form of what arrived; see the domain's `usage` module.
    let canonical = usage::canonical_body(&value);
    if !usage::verify_body_signature(DEMO_ACCESS_KEY, ts, nonce, &canonical, signature) {
        return refuse_with(
            "MKT.0102",
            "invalid body sign: base64(HMAC-SHA256(key, \"ts={ts}&nonce={nonce}&body={body}\")) does not match",
        );
    }
    let push: UsagePush = match serde_json::from_value(value) {
        Ok(p) => p,
        Err(e) => return refuse_with("MKT.0101", format!("usage_records: {e}")),
    };
    if let Err(refusal) = push.check(desk.shared.now()) {
        return refuse(&refusal);
    }
    if let Some(unknown) = push
        .usage_records
        .iter()
        .find(|r| !USAGE_INSTANCES.contains(&r.instance_id.as_str()))
    {
        return refuse_with("MKT.9001", format!("instance {} does not exist", unknown.instance_id));
    }
    let mut received = desk.received.lock().expect("usage records lock");
    let mut repeated = Vec::new();
    for record in push.usage_records {
        if received.contains_key(&record.metering_sn) {
            repeated.push(record.metering_sn);
        } else {
            received.insert(record.metering_sn.clone(), record);
        }
    }
    let message = if repeated.is_empty() {
        "success".to_string()
    } else {
        format!("success; already received, not counted again: {}", repeated.join(", "))
    };
    answer::<Value>(MKT_SUCCESS, message, None)
}

async fn list(State(desk): State<Arc<UsageDesk>>) -> Json<Value> {
    let received = desk.received.lock().expect("usage records lock");
    let records: Vec<&UsageRecord> = received.values().collect();
    Json(json!({ "count": records.len(), "records": records }))
}
