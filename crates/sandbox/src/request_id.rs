//! One request id per request, in `X-Request-Id` and in every error body.
//!
//! WHY assigned at the very front: the contract promises `X-Request-Id` on every
//! response, including the gateway's refusals and unknown paths, and the id in an
//! error body must be the one in the header so a seller can quote one number to
//! support. The id is minted before routing and read back by whoever answers.

use crate::Shared;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::Ordering;
use std::sync::Arc;

pub(crate) const HEADER: &str = "x-request-id";

/// 32 hex digits: the sandbox's random salt and a counter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RequestId(pub String);

impl RequestId {
    pub fn of(request: &Request) -> RequestId {
        request.extensions().get::<RequestId>().cloned().unwrap_or_default()
    }
}

pub(crate) async fn assign(State(shared): State<Arc<Shared>>, mut request: Request, next: Next) -> Response {
    let n = shared.request_count.fetch_add(1, Ordering::Relaxed);
    let id = format!("{:016x}{:016x}", shared.request_salt, n);
    let value = HeaderValue::from_str(&id).expect("hex digits are a valid header");
    request.extensions_mut().insert(RequestId(id));
    let mut response = next.run(request).await;
    response.headers_mut().insert(HEADER, value);
    response
}
