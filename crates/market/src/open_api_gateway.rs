//! The seller's calls into KooGallery beyond the order query — usage push, License
//! activate/heartbeat, upload — all through API Gateway with AK/SK signing.
//!
//! WHY a second client next to [`OpenApi`](crate::OpenApi): these calls need what the
//! order query never did — extra headers (the usage push's body signature, which are
//! signed into the APIG signature too, as Huawei's own signers sign every header) and
//! a content type other than JSON (the upload's `multipart/form-data`, which must be
//! the signed `content-type`). Every call checks the documented limits first and is
//! refused with [`CallError::NotSent`] before anything leaves the machine; what the
//! marketplace refuses keeps its code (MKT.xxxx, 9202xxxx, APIGW.xxxx), and
//! [`CallError::explain`] words either through the one code table.

use crate::{Credentials, MarketError, RawResponse};
use chrono::{DateTime, Utc};
use gallerist_domain::apig;
use gallerist_domain::codes::{explain_status, Explanation, Locale};
use gallerist_domain::open_api_wire::Refusal;
use gallerist_domain::Clock;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, HOST};
use reqwest::{Method, Url};
use std::sync::Arc;

pub struct Gateway {
    http: reqwest::Client,
    base: Url,
    creds: Credentials,
    pub(crate) clock: Arc<dyn Clock>,
}

/// Why a call did not succeed: refused by Gallerist before sending, or by the
/// marketplace (or the network) after.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// Outside a documented limit; nothing was sent.
    #[error("not sent: {0}")]
    NotSent(Refusal),
    /// A file to upload could not be read; nothing was sent.
    #[error("the file {path} could not be read: {detail}")]
    File { path: String, detail: String },
    #[error(transparent)]
    Market(#[from] MarketError),
}

impl CallError {
    /// The marketplace's code — for `NotSent`, the code KooGallery documents for the
    /// same problem.
    pub fn code(&self) -> &str {
        match self {
            CallError::NotSent(refusal) => refusal.code,
            CallError::File { .. } => "file_unreadable",
            CallError::Market(e) => e.code(),
        }
    }

    pub fn was_sent(&self) -> bool {
        matches!(self, CallError::Market(_))
    }

    /// What happened and what to do, in `locale`: the code table's words; for a
    /// refusal before sending, the named field and problem lead.
    pub fn explain(&self, locale: Locale) -> Explanation {
        let status = match self {
            CallError::Market(e) => e.http_status(),
            CallError::NotSent(_) | CallError::File { .. } => None,
        };
        let table = explain_status(self.code(), status, locale);
        match (self, locale) {
            (CallError::NotSent(r), Locale::En) => Explanation {
                what: format!("Not sent: {}. {}", r.en(), table.what),
                next_step: table.next_step,
            },
            (CallError::NotSent(r), Locale::ZhCn) => Explanation {
                what: format!("未发送：{}。{}", r.zh(), table.what),
                next_step: table.next_step,
            },
            (CallError::File { .. } | CallError::Market(_), _) => table,
        }
    }
}

fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

impl Gateway {
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        creds: Credentials,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, MarketError> {
        let base = crate::open_api::base_url_of(base_url)?;
        Ok(Gateway {
            http,
            base,
            creds,
            clock,
        })
    }

    /// `path` (already percent-encoded) on the account's base URL.
    pub(crate) fn url(&self, path: &str) -> Result<Url, MarketError> {
        self.base
            .join(path)
            .map_err(|_| MarketError::InvalidUrl(path.to_string()))
    }

    /// Sends one request signed at `now` with `content-type`, `host`, `x-sdk-date` and
    /// every header in `extra`; returns what came back, whatever the status.
    pub(crate) async fn send(
        &self,
        url: Url,
        content_type: &str,
        body: Vec<u8>,
        extra: &[(&str, String)],
        now: DateTime<Utc>,
    ) -> Result<RawResponse, MarketError> {
        let date = apig::sdk_date(now);
        let host = host_header(&url);
        let mut signed = vec![
            ("content-type".to_string(), content_type.to_string()),
            ("host".to_string(), host.clone()),
            (apig::DATE_HEADER.to_string(), date.clone()),
        ];
        signed.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
        let parts = apig::RequestParts {
            method: "POST",
            raw_path: url.path(),
            raw_query: url.query(),
            signed_headers: signed.clone(),
            payload_hash: apig::payload_hash(&body),
        };
        let signature = apig::sign(&self.creds.access_key, &self.creds.secret_key, &date, &parts);
        let mut request = self
            .http
            .request(Method::POST, url.clone())
            .body(body)
            .build()
            .map_err(|e| MarketError::from_transport(url.as_str(), &e))?;
        let headers = request.headers_mut();
        for (name, value) in signed {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("signed header names are tokens");
            // Callers pass checked values (base64, digits, visible ASCII).
            let value = HeaderValue::from_str(&value).expect("signed header values are visible ASCII");
            headers.insert(name, value);
        }
        headers.insert(
            HOST,
            HeaderValue::from_str(&host).expect("a URL host is a valid header"),
        );
        let auth = HeaderValue::from_str(&signature.authorization).expect("the Authorization header is ASCII");
        headers.insert(AUTHORIZATION, auth);
        crate::open_api::exchange(&self.http, request, &url, now).await
    }
}
