//! API Gateway's front door: signature verification and gateway errors.
//!
//! Mirrors what the real gateway does for AK/SK-signed calls (reference §3): the
//! `X-Sdk-Date` must be signed and within 15 minutes of the gateway's clock, the
//! access key must be known, and the signature recomputed from the request as
//! received must match. On mismatch the answer is HTTP 401 `APIGW.0301` with the
//! canonical request the gateway computed echoed in `error_msg` (newlines as `|`),
//! which is what lets a developer find a canonicalisation bug.
//!
//! WHY it is strict about the body: the signature covers the body only through the
//! hash on the canonical request's last line. Taking a client's `X-Sdk-Content-Sha256`
//! on trust would let a signature over one body carry any other, so that header counts
//! only when it is signed and equal to the hash of the bytes received. The body limit
//! is the gateway's alone (12 MB, checked from `Content-Length` before anything is
//! read), and every refusal, size refusals included, keeps the gateway's JSON shape.

use crate::request_id::RequestId;
use crate::Shared;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use gallerist_domain::apig;
use serde_json::json;
use std::sync::Arc;

/// AK/SK-signed bodies above 12 MB are refused by the gateway (APIGW.0201, 413).
/// Handlers behind the gateway take whatever it let through (see `router`).
pub(crate) const MAX_BODY: usize = 12 * 1024 * 1024;

pub(crate) struct GatewayError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl GatewayError {
    fn auth(message: impl Into<String>) -> Self {
        GatewayError {
            status: StatusCode::UNAUTHORIZED,
            code: "APIGW.0301",
            message: format!("Incorrect IAM authentication information: {}", message.into()),
        }
    }

    fn too_large() -> Self {
        GatewayError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "APIGW.0201",
            message: format!(
                "Request entity too large: the body is more than {} MB ({} bytes), the most the gateway accepts",
                MAX_BODY / 1024 / 1024,
                gallerist_domain::numbers::grouped(MAX_BODY as u64)
            ),
        }
    }

    fn respond(self, request_id: &RequestId) -> Response {
        let body = json!({ "error_code": self.code, "error_msg": self.message, "request_id": request_id.0 });
        (self.status, Json(body)).into_response()
    }
}

/// The `Date` header comes from the sandbox's clock, not the machine's, so a
/// simulated skew is visible to clients exactly as a real one would be.
pub(crate) async fn stamp_date(State(shared): State<Arc<Shared>>, mut response: Response) -> Response {
    let date = shared.now().format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    if let Ok(value) = axum::http::HeaderValue::from_str(&date) {
        response.headers_mut().insert(axum::http::header::DATE, value);
    }
    response
}

pub(crate) async fn api_not_found(request: Request) -> Response {
    GatewayError {
        status: StatusCode::NOT_FOUND,
        code: "APIGW.0101",
        message: "The API does not exist or has not been published in the environment".into(),
    }
    .respond(&RequestId::of(&request))
}

pub(crate) async fn verify(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let request_id = RequestId::of(&request);
    let (parts, body) = request.into_parts();
    // A declared length over the limit is refused before a byte of the body is read.
    let declared = header(&parts.headers, "content-length", "Content-Length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return GatewayError::too_large().respond(&request_id);
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return GatewayError::too_large().respond(&request_id);
    };
    let query = parts.uri.query();
    match check(
        &shared,
        parts.method.as_str(),
        parts.uri.path(),
        query,
        &parts.headers,
        &bytes,
    ) {
        Ok(()) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(e) => e.respond(&request_id),
    }
}

/// A header's value as text: `None` when absent, an error naming the header when its
/// bytes are not ASCII (which is not the same as missing, and must not read so).
fn header<'a>(headers: &'a HeaderMap, name: &str, shown: &str) -> Result<Option<&'a str>, GatewayError> {
    match headers.get(name) {
        None => Ok(None),
        Some(value) => value.to_str().map(Some).map_err(|_| {
            GatewayError::auth(format!(
                "the {shown} header is not readable text (it holds non-ASCII bytes)"
            ))
        }),
    }
}

fn required<'a>(headers: &'a HeaderMap, name: &str, shown: &str) -> Result<&'a str, GatewayError> {
    header(headers, name, shown)?.ok_or_else(|| GatewayError::auth(format!("the {shown} header is missing")))
}

fn check(
    shared: &Shared,
    method: &str,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), GatewayError> {
    let authorization = required(headers, "authorization", "Authorization")?;
    let auth = apig::parse_authorization(authorization).map_err(|e| GatewayError::auth(e.to_string()))?;
    if !auth.signed_headers.iter().any(|h| h == apig::DATE_HEADER) {
        return Err(GatewayError::auth("X-Sdk-Date must be a signed header"));
    }
    let date_text = required(headers, apig::DATE_HEADER, "X-Sdk-Date")?;
    let date = apig::parse_sdk_date(date_text).ok_or_else(|| {
        GatewayError::auth(format!(
            "X-Sdk-Date '{date_text}' is not in the format YYYYMMDDTHHMMSSZ"
        ))
    })?;
    let now = shared.now();
    let skew = (now - date).num_seconds();
    if skew.abs() > apig::CLOCK_WINDOW_MINUTES * 60 {
        return Err(GatewayError::auth(format!(
            "the request time {date_text} differs from the gateway time {} by {skew} seconds; at most {} minutes are allowed",
            apig::sdk_date(now),
            apig::CLOCK_WINDOW_MINUTES
        )));
    }
    if auth.access_key != shared.access_key {
        return Err(GatewayError::auth(format!(
            "the access key {} does not exist",
            auth.access_key
        )));
    }
    let mut signed = Vec::with_capacity(auth.signed_headers.len());
    for name in &auth.signed_headers {
        let value = header(headers, name, &format!("signed '{name}'"))?
            .ok_or_else(|| GatewayError::auth(format!("the signed header '{name}' is not in the request")))?;
        signed.push((name.clone(), value.to_string()));
    }
    let parts = apig::RequestParts {
        method,
        raw_path: path,
        raw_query: query,
        payload_hash: payload_hash(&signed, body)?,
        signed_headers: signed,
    };
    let expected = apig::sign(&shared.access_key, &shared.secret_key, date_text, &parts);
    if !apig::signatures_match(&expected.signature, &auth.signature) {
        return Err(GatewayError::auth(format!(
            "verify aksk signature fail, canonicalRequest:{}",
            expected.canonical_request.replace('\n', "|")
        )));
    }
    Ok(())
}

/// The hash on the canonical request's last line. Reference §3.1 (signer code) lets
/// `X-Sdk-Content-Sha256` stand in for the body hash; the sandbox honours it only when
/// it is among the signed headers and equal to the hash of the body received, so it can
/// never vouch for bytes the signature does not cover. Sent but unsigned, it is ignored
/// (the signature is then checked against the real body). The reference names no
/// `UNSIGNED-PAYLOAD` for AK/SK calls, so that value is refused like any other mismatch.
fn payload_hash(signed: &[(String, String)], body: &[u8]) -> Result<String, GatewayError> {
    let actual = apig::payload_hash(body);
    let claimed = signed
        .iter()
        .find(|(name, _)| name == apig::CONTENT_SHA256_HEADER)
        .map(|(_, value)| value.trim());
    match claimed {
        None => Ok(actual),
        Some(claimed) if claimed.eq_ignore_ascii_case(&actual) => Ok(claimed.to_string()),
        Some(claimed) => Err(GatewayError::auth(format!(
            "X-Sdk-Content-Sha256 is '{claimed}' but the body received ({} bytes) has SHA-256 {actual}",
            body.len()
        ))),
    }
}
