//! Signs outgoing requests with a seller's AK/SK (`SDK-HMAC-SHA256`).
//!
//! The algorithm itself lives in `gallerist_domain::apig` (pinned to Huawei's test
//! vectors); this module applies it to a `reqwest::Request`: it sets `Host`,
//! `Content-Type` and `X-Sdk-Date`, signs exactly those, and adds `Authorization`.

use chrono::{DateTime, Utc};
use gallerist_domain::apig;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, HOST};
use std::fmt;

/// An access key and its secret. `Debug` never prints the secret.
#[derive(Clone)]
pub struct Credentials {
    pub access_key: String,
    pub secret_key: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &"***")
            .finish()
    }
}

fn host_header(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Signs `request` in place and returns the canonical request that was signed.
pub fn sign_request(request: &mut reqwest::Request, creds: &Credentials, now: DateTime<Utc>) -> String {
    let date = apig::sdk_date(now);
    let host = host_header(request.url());
    let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default().to_vec();
    let headers = request.headers_mut();
    headers.insert(
        HOST,
        HeaderValue::from_str(&host).expect("a URL host is a valid header"),
    );
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(
        apig::DATE_HEADER,
        HeaderValue::from_str(&date).expect("digits are a valid header"),
    );
    let signed_headers = vec![
        ("content-type".to_string(), "application/json".to_string()),
        ("host".to_string(), host),
        (apig::DATE_HEADER.to_string(), date.clone()),
    ];
    let url = request.url().clone();
    let parts = apig::RequestParts {
        method: request.method().as_str(),
        raw_path: url.path(),
        raw_query: url.query(),
        signed_headers,
        payload_hash: apig::payload_hash(&body),
    };
    let signed = apig::sign(&creds.access_key, &creds.secret_key, &date, &parts);
    let value = HeaderValue::from_str(&signed.authorization).expect("the Authorization header is ASCII");
    request.headers_mut().insert(AUTHORIZATION, value);
    signed.canonical_request
}
