//! The Seller Sync API over HTTP: signed requests with idempotency keys and If-Match.
//!
//! WHY it returns an [`Outcome`] and never an error: every way a request can end —
//! an answer of any status, or no complete answer at all — is a fact the engine
//! classifies; nothing here decides whether to retry. An answer whose body was cut
//! off counts as no answer, because the write may or may not have happened; the
//! idempotency key makes the retry safe either way.

use super::classify::Outcome;
use crate::{sign_request, Credentials};
use gallerist_domain::Clock;
use reqwest::{Method, Url};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// The contract's base path.
pub const BASE_PATH: &str = "/api/seller-sync/v1";

#[derive(Clone)]
pub struct SyncClient {
    http: reqwest::Client,
    base: Url,
    creds: Arc<Credentials>,
    clock: Arc<dyn Clock>,
}

/// One request as the engine wants it sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    /// Below [`BASE_PATH`], e.g. `/applications`.
    pub path: String,
    pub body: Option<Value>,
    pub idempotency_key: Option<String>,
    pub if_match: Option<i64>,
}

impl SyncClient {
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        creds: Credentials,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, crate::MarketError> {
        let base = Url::parse(base_url).map_err(|_| crate::MarketError::InvalidUrl(base_url.to_string()))?;
        Ok(SyncClient {
            http,
            base,
            creds: Arc::new(creds),
            clock,
        })
    }

    pub async fn send(&self, req: &Request) -> Outcome {
        let url = match self.base.join(&format!("{BASE_PATH}{}", req.path)) {
            Ok(u) => u,
            Err(e) => {
                return Outcome::Transport {
                    detail: format!("bad path {}: {e}", req.path),
                }
            }
        };
        let mut builder = self.http.request(req.method.clone(), url);
        if let Some(body) = &req.body {
            builder = builder.body(serde_json::to_vec(body).expect("JSON values serialize"));
        }
        if let Some(key) = &req.idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        if let Some(rev) = req.if_match {
            builder = builder.header(reqwest::header::IF_MATCH, rev.to_string());
        }
        let mut request = match builder.build() {
            Ok(r) => r,
            Err(e) => return Outcome::Transport { detail: e.to_string() },
        };
        sign_request(&mut request, &self.creds, self.clock.now());
        let response = match self.http.execute(request).await {
            Ok(r) => r,
            Err(e) => return Outcome::Transport { detail: chain(&e) },
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        match response.bytes().await {
            Ok(bytes) => Outcome::Answer {
                status,
                retry_after,
                body: serde_json::from_slice(&bytes)
                    .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())),
            },
            Err(e) => Outcome::Transport { detail: chain(&e) },
        }
    }
}

fn chain(e: &reqwest::Error) -> String {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail = format!("{detail}: {s}");
        source = s.source();
    }
    detail
}
