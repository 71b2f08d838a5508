//! The KooGallery Open API client: signed calls and the order query (§4.1).
//!
//! `call` is the general signed request behind `gallerist api` (like `gh api`):
//! it returns whatever came back. `query_order` is the typed order query; it turns
//! gateway and business refusals into [`MarketError`] with the marketplace's code.

use crate::{sign_request, Credentials, MarketError};
use chrono::{DateTime, Utc};
use gallerist_domain::wire::{OrderQueryResponse, ORDER_QUERY_PATH, SUCCESS};
use gallerist_domain::{Clock, Currency, Order};
use reqwest::{Method, Url};
use serde_json::Value;
use std::sync::Arc;
use std::time::Instant;

pub struct OpenApi {
    http: reqwest::Client,
    base: Url,
    creds: Credentials,
    clock: Arc<dyn Clock>,
}

/// What a signed call returned, before any interpretation.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub url: String,
    pub status: u16,
    /// The body as JSON, or as a JSON string when it was not JSON.
    pub body: Value,
    pub elapsed_ms: u64,
    /// Server clock minus ours, from the `Date` header, in whole seconds.
    pub clock_offset_seconds: Option<i64>,
}

impl OpenApi {
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        creds: Credentials,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, MarketError> {
        let base = base_url_of(base_url)?;
        Ok(OpenApi {
            http,
            base,
            creds,
            clock,
        })
    }

    /// An absolute URL is taken as is; a path is joined to the account's base URL.
    pub fn resolve(&self, path_or_url: &str) -> Result<Url, MarketError> {
        let invalid = || MarketError::InvalidUrl(path_or_url.to_string());
        if path_or_url.starts_with("http://") || path_or_url.starts_with("https://") {
            return Url::parse(path_or_url).map_err(|_| invalid());
        }
        if !path_or_url.starts_with('/') {
            return Err(invalid());
        }
        self.base.join(path_or_url).map_err(|_| invalid())
    }

    /// Sends one signed request and returns what came back, whatever the status.
    pub async fn call(
        &self,
        method: Method,
        path_or_url: &str,
        body: Option<&Value>,
    ) -> Result<RawResponse, MarketError> {
        let url = self.resolve(path_or_url)?;
        let mut builder = self.http.request(method, url.clone());
        if let Some(b) = body {
            builder = builder.body(serde_json::to_vec(b).expect("JSON values serialize"));
        }
        let mut request = builder
            .build()
            .map_err(|e| MarketError::from_transport(url.as_str(), &e))?;
        let now = self.clock.now();
        sign_request(&mut request, &self.creds, now);
        exchange(&self.http, request, &url, now).await
    }

    /// Queries one order (optionally one line of it); amounts in `currency`.
    pub async fn query_order(
        &self,
        order_id: &str,
        line_id: Option<&str>,
        currency: Currency,
    ) -> Result<(Order, RawResponse), MarketError> {
        let mut url = self.resolve(ORDER_QUERY_PATH)?;
        url.query_pairs_mut().append_pair("orderId", order_id);
        if let Some(line) = line_id {
            url.query_pairs_mut().append_pair("orderLineId", line);
        }
        let raw = self.call(Method::GET, url.as_str(), None).await?;
        refusal(&raw)?;
        let decode = |detail: String| MarketError::Decode {
            url: raw.url.clone(),
            detail,
        };
        let parsed: OrderQueryResponse = serde_json::from_value(raw.body.clone()).map_err(|e| decode(e.to_string()))?;
        let info = parsed
            .order_info
            .ok_or_else(|| decode("MKT.0000 without orderInfo".into()))?;
        let order = info.to_order(currency).map_err(|e| decode(e.to_string()))?;
        Ok((order, raw))
    }
}

/// Turns a gateway or business refusal in `raw` into an error; `Ok` on success.
pub fn refusal(raw: &RawResponse) -> Result<(), MarketError> {
    let text = |k: &str| raw.body.get(k).and_then(Value::as_str).map(str::to_string);
    if let Some(code) = text("error_code").filter(|c| gallerist_domain::codes::is_gateway_code(c)) {
        return Err(MarketError::Gateway {
            status: raw.status,
            code,
            message: text("error_msg").unwrap_or_default(),
            request_id: text("request_id"),
            clock_offset_seconds: raw.clock_offset_seconds,
        });
    }
    let code = text("resultCode").or_else(|| text("error_code"));
    match code {
        Some(c) if c == SUCCESS && raw.status < 400 => Ok(()),
        Some(code) => Err(MarketError::Business {
            status: raw.status,
            code,
            message: text("resultMsg").or_else(|| text("error_msg")).unwrap_or_default(),
        }),
        None if raw.status < 400 => Err(MarketError::Decode {
            url: raw.url.clone(),
            detail: "no resultCode in the answer".into(),
        }),
        None => Err(MarketError::Gateway {
            status: raw.status,
            code: format!("HTTP.{}", raw.status),
            message: raw.body.as_str().unwrap_or("").chars().take(300).collect(),
            request_id: None,
            clock_offset_seconds: raw.clock_offset_seconds,
        }),
    }
}

/// Sends a signed request and reads the whole answer: status, JSON (or the text when it
/// is not JSON), time taken, and how far the server's clock is from ours (signatures
/// expire after 15 minutes, so a skewed clock is the first thing to name).
pub(crate) async fn exchange(
    http: &reqwest::Client,
    request: reqwest::Request,
    url: &Url,
    now: DateTime<Utc>,
) -> Result<RawResponse, MarketError> {
    let started = Instant::now();
    let response = http
        .execute(request)
        .await
        .map_err(|e| MarketError::from_transport(url.as_str(), &e))?;
    let status = response.status().as_u16();
    let clock_offset_seconds = response
        .headers()
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
        .map(|server| (server.with_timezone(&Utc) - now).num_seconds());
    let bytes = response
        .bytes()
        .await
        .map_err(|e| MarketError::from_transport(url.as_str(), &e))?;
    let body =
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Ok(RawResponse {
        url: url.to_string(),
        status,
        body,
        elapsed_ms: started.elapsed().as_millis() as u64,
        clock_offset_seconds,
    })
}

/// An Open API base URL: http or https, nothing else.
pub(crate) fn base_url_of(base_url: &str) -> Result<Url, MarketError> {
    let base = Url::parse(base_url).map_err(|_| MarketError::InvalidUrl(base_url.to_string()))?;
    if !matches!(base.scheme(), "http" | "https") {
        return Err(MarketError::InvalidUrl(base_url.to_string()));
    }
    Ok(base)
}
