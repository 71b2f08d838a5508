//! The Seller Sync API (`docs/seller-sync-api.md`) as the sandbox serves it, plus
//! the sandbox-only control endpoints under `/_sandbox/v1`.
//!
//! WHY one handler per prefix: every write goes through the same steps — faults,
//! idempotency (replay the stored answer, refuse a changed body), the resource's own
//! decision in a transaction, the effect count — so they are written once here and
//! the resources (`resources.rs`) only decide.

mod admin;
pub mod faults;
mod products;
mod resources;
mod review;
pub(crate) mod store;

use crate::Shared;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use faults::Fault;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::sync::atomic::Ordering;
use std::sync::Arc;

pub(crate) use admin::handle as admin;

pub const BASE_PATH: &str = "/api/seller-sync/v1";

/// A refusal in the contract's one error shape.
#[derive(Debug)]
pub(crate) struct SyncError {
    status: u16,
    code: &'static str,
    message: String,
    details: Value,
    current: Value,
}

impl SyncError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        SyncError {
            status,
            code,
            message: message.into(),
            details: json!({}),
            current: Value::Null,
        }
    }
    pub fn details(mut self, d: Value) -> Self {
        self.details = d;
        self
    }
    pub fn current(mut self, c: Value) -> Self {
        self.current = c;
        self
    }
    fn body(&self, request_id: &str) -> Value {
        let mut e = json!({ "code": self.code, "message": self.message, "request_id": request_id, "details": self.details });
        if !self.current.is_null() {
            e["current"] = self.current.clone();
        }
        json!({ "error": e })
    }
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::new(500, "SYNC.UNAVAILABLE", format!("the sandbox's store failed: {e}"))
    }
}

pub(crate) fn request_id(shared: &Shared) -> String {
    let n = shared.request_count.fetch_add(1, Ordering::Relaxed);
    format!("{:016x}{:016x}", shared.request_salt, n)
}

pub(crate) fn answer(status: u16, body: &Value, request_id: &str) -> Response {
    let mut r = (StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), axum::Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(request_id) {
        r.headers_mut().insert("x-request-id", v);
    }
    r
}

/// An answer whose body breaks off: the client sees the connection drop mid-answer.
fn dropped() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "dropped by fault injection"))
    });
    let mut r = Response::new(Body::from_stream(stream));
    r.headers_mut().insert(axum::http::header::CONTENT_LENGTH, HeaderValue::from_static("64"));
    r
}

fn unavailable(shared: &Shared, rid: &str) -> Response {
    let _ = shared;
    answer(503, &SyncError::new(503, "SYNC.UNAVAILABLE", "the service is temporarily unavailable (injected)").body(rid), rid)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Every `/api/seller-sync/v1/...` request.
pub(crate) async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let rid = request_id(&shared);
    let (latency, fault) = {
        let mut f = shared.faults.lock().expect("faults lock");
        (f.faults.latency_ms, f.draw())
    };
    if latency > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency)).await;
    }
    match fault {
        Fault::RateLimited => {
            let retry = shared.faults.lock().expect("faults lock").faults.retry_after_s;
            let mut r = answer(429, &SyncError::new(429, "SYNC.RATE_LIMITED", "too many requests; retry later").body(&rid), &rid);
            r.headers_mut().insert("retry-after", HeaderValue::from(retry));
            return r;
        }
        Fault::ErrorBefore => return unavailable(&shared, &rid),
        Fault::DropBefore => return dropped(),
        _ => {}
    }
    let path = uri.path().strip_prefix(BASE_PATH).unwrap_or("").to_string();
    let response = if method == Method::GET {
        read(&shared, &path, uri.query(), &rid)
    } else {
        write(&shared, &method, &path, &headers, &body, &rid)
    };
    match fault {
        Fault::ErrorAfter => answer(500, &SyncError::new(500, "SYNC.UNAVAILABLE", "the answer was lost (injected)").body(&rid), &rid),
        Fault::DropAfter => dropped(),
        _ => response,
    }
}

fn read(shared: &Shared, path: &str, query: Option<&str>, rid: &str) -> Response {
    let now = shared.now();
    let db = shared.db.lock().expect("sandbox db lock");
    let conn = db.conn();
    if let Err(e) = review::settle(conn, now, shared.review_delay_s.load(Ordering::Relaxed)) {
        let e: SyncError = e.into();
        return answer(e.status, &e.body(rid), rid);
    }
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let kind = match parts[0] {
        "applications" => "application",
        "products" => "product",
        "bills" | "invoice-requests" | "cases" | "contacts" => "",
        _ => return answer(404, &SyncError::new(404, "SYNC.NOT_FOUND", format!("no resource at {path}")).body(rid), rid),
    };
    match (parts.len(), kind) {
        (1, _) | (3, "") => {
            let params: Vec<(String, String)> = url_pairs(query.unwrap_or(""));
            let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
            let after = match param("updated_since") {
                None => 0,
                Some(c) => match c.strip_prefix("c:").and_then(|n| n.parse::<i64>().ok()) {
                    Some(n) => n,
                    None => return answer(400, &SyncError::new(400, "SYNC.VALIDATION", format!("'{c}' is not a cursor this server gave out")).body(rid), rid),
                },
            };
            let limit = param("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(100).clamp(1, 500);
            if kind.is_empty() {
                return answer(200, &json!({ "items": [], "next_cursor": format!("c:{after}"), "has_more": false }), rid);
            }
            match store::changed_since(conn, kind, after, limit) {
                Ok((items, last, more)) => answer(200, &json!({ "items": items, "next_cursor": format!("c:{last}"), "has_more": more }), rid),
                Err(e) => {
                    let e: SyncError = e.into();
                    answer(e.status, &e.body(rid), rid)
                }
            }
        }
        (2, k) if !k.is_empty() => match store::get(conn, k, parts[1]) {
            Ok(Some(v)) => answer(200, &v, rid),
            _ => answer(404, &SyncError::new(404, "SYNC.NOT_FOUND", format!("there is no {k} '{}'", parts[1])).body(rid), rid),
        },
        _ => answer(404, &SyncError::new(404, "SYNC.NOT_FOUND", format!("no resource at {path}")).body(rid), rid),
    }
}

pub(crate) fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn write(shared: &Shared, method: &Method, path: &str, headers: &HeaderMap, body: &[u8], rid: &str) -> Response {
    let Some(key) = header(headers, "idempotency-key").filter(|k| !k.is_empty() && k.len() <= 128 && k.bytes().all(|b| (0x21..0x7f).contains(&b))) else {
        return answer(400, &SyncError::new(400, "SYNC.VALIDATION", "writes need an Idempotency-Key header (1–128 visible ASCII characters)").details(json!({ "field": "Idempotency-Key" })).body(rid), rid);
    };
    let fingerprint = format!("{method} {path} {}", hex::encode(Sha256::digest(body)));
    let if_match = header(headers, "if-match").map(|v| v.trim().trim_matches('"').parse::<i64>().unwrap_or(-1));
    let now = shared.now();
    let mut db = shared.db.lock().expect("sandbox db lock");
    let conn = db.conn_mut();
    let outcome = (|| -> Result<Response, SyncError> {
        let tx = conn.transaction()?;
        review::settle(&tx, now, shared.review_delay_s.load(Ordering::Relaxed))?;
        if let Some((fp, status, stored)) = store::replay(&tx, key)? {
            if fp != fingerprint {
                let e = SyncError::new(422, "SYNC.IDEMPOTENCY_MISMATCH", "this Idempotency-Key was used for a different request");
                return Ok(answer(422, &e.body(rid), rid));
            }
            tx.commit()?;
            let mut r = answer(status, &serde_json::from_str(&stored).unwrap_or(Value::Null), rid);
            r.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            return Ok(r);
        }
        let parsed: Value = if body.is_empty() { json!({}) } else {
            serde_json::from_slice(body).map_err(|e| SyncError::new(400, "SYNC.VALIDATION", format!("the body is not JSON: {e}")))?
        };
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let result = match (method.as_str(), parts.as_slice()) {
            ("POST", ["applications"]) => resources::submit(&tx, &parsed, now).map(|v| (201, v)),
            ("POST", ["applications", id, "withdraw"]) => resources::withdraw(&tx, id, if_match, now).map(|v| (200, v)),
            ("PATCH", ["products", id]) => resources::edit(&tx, id, &parsed, Some(if_match), now).map(|v| (200, v)),
            ("POST", ["products", id, "delisting"]) => resources::delist(&tx, id, &parsed, if_match, now).map(|v| (200, v)),
            _ => Err(SyncError::new(404, "SYNC.NOT_FOUND", format!("no {method} at {path}"))),
        };
        let (status, out) = match result {
            Ok((s, v)) => (s, v),
            Err(e) if e.status >= 500 => return Err(e),
            Err(e) => (e.status, e.body(rid)),
        };
        store::remember(&tx, key, &fingerprint, status, &out.to_string())?;
        if status < 300 {
            store::count_effect(&tx, key)?;
        }
        tx.commit()?;
        Ok(answer(status, &out, rid))
    })();
    outcome.unwrap_or_else(|e| answer(e.status, &e.body(rid), rid))
}
