//! String / file-stream upload (§4.3), behind the gateway's AK/SK check (which also
//! holds the body to 12 MB, APIGW.0201).
//!
//! The form must carry an `isvUpdateFileReq` JSON part; a `FILE` upload also its
//! `file` part, whose bytes must hash to the declared `sha256`. The answer codes are
//! not documented for this API [NOT FOUND]; the sandbox answers the usage push's MKT
//! family (see the domain's `upload` module). What was received is listed at
//! `GET /_sandbox/v1/market-event-files`, file bytes left out.

use crate::open_api_answer::{answer, refuse, refuse_with};
use crate::open_api_multipart::{self as multipart, Part};
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use gallerist_domain::open_api_wire::upload::{self, UploadRequest, FILE, FILE_PART, REQUEST_PART, UPLOAD_ROUTE};
use gallerist_domain::open_api_wire::{Problem, Refusal, MKT_SUCCESS};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

struct UploadDesk {
    received: Mutex<Vec<Value>>,
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    let desk = Arc::new(UploadDesk {
        received: Mutex::new(Vec::new()),
    });
    Router::new()
        .route(UPLOAD_ROUTE, post(receive))
        .route("/_sandbox/v1/market-event-files", get(list))
        .with_state(desk)
}

fn part<'a>(parts: &'a [Part], name: &str) -> Option<&'a Part> {
    parts.iter().find(|p| p.name == name)
}

async fn receive(
    State(desk): State<Arc<UploadDesk>>,
    Path(event_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(boundary) = multipart::boundary(content_type) else {
        return refuse_with("MKT.0101", "the body must be multipart/form-data with a boundary");
    };
    let parts = match multipart::parse(&body, &boundary) {
        Ok(p) => p,
        Err(e) => return refuse_with("MKT.0199", format!("the form cannot be read: {e}")),
    };
    let Some(request_part) = part(&parts, REQUEST_PART) else {
        return refuse(&Refusal::new("MKT.0101", REQUEST_PART, Problem::Missing));
    };
    let request: UploadRequest = match serde_json::from_slice(&request_part.bytes) {
        Ok(r) => r,
        Err(e) => return refuse_with("MKT.0101", format!("{REQUEST_PART}: {e}")),
    };
    if let Err(refusal) = request.check(&event_id) {
        return refuse(&refusal);
    }
    let mut record = json!({ "event_id": event_id, "request": request });
    if request.kind == FILE {
        let Some(file) = part(&parts, FILE_PART) else {
            return refuse(&Refusal::new("MKT.0101", FILE_PART, Problem::Missing));
        };
        if !request.matches(&file.bytes) {
            return refuse(&Refusal::new("MKT.0100", "sha256", Problem::DigestMismatch));
        }
        record["size"] = file.bytes.len().into();
        record["received_sha256"] = upload::sha256_hex(&file.bytes).into();
    }
    desk.received.lock().expect("uploads lock").push(record);
    answer::<Value>(MKT_SUCCESS, "success", None)
}

async fn list(State(desk): State<Arc<UploadDesk>>) -> Json<Value> {
    let received = desk.received.lock().expect("uploads lock").clone();
    Json(json!({ "count": received.len(), "uploads": received }))
}
