//! Why a call to the marketplace failed, kept close to what was observed.
//!
//! The UI turns these into words and next steps; here they only record facts:
//! the HTTP status, the marketplace's code and message, and the clock offset the
//! server's `Date` header revealed (the usual cause of APIGW.0301).

#[derive(Debug, thiserror::Error)]
pub enum MarketError {
    /// API Gateway refused the call (`APIGW.*`, with `error_code`/`error_msg`).
    #[error("{code}: {message}")]
    Gateway {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
        clock_offset_seconds: Option<i64>,
    },
    /// KooGallery answered with a business error (`MKT.*`, `9202*`).
    #[error("{code}: {message}")]
    Business { status: u16, code: String, message: String },
    #[error("{url} could not be reached: {detail}")]
    Unreachable { url: String, detail: String },
    #[error("the TLS connection to {url} failed: {detail}")]
    Tls { url: String, detail: String },
    #[error("{url} did not answer within the time limit")]
    Timeout { url: String },
    #[error("the answer from {url} could not be read: {detail}")]
    Decode { url: String, detail: String },
    #[error("'{0}' is not a valid URL or API path")]
    InvalidUrl(String),
}

impl MarketError {
    /// The marketplace's code (`APIGW.0301`, `MKT.0199`…) or a transport code.
    pub fn code(&self) -> &str {
        match self {
            MarketError::Gateway { code, .. } | MarketError::Business { code, .. } => code,
            MarketError::Unreachable { .. } => "unreachable",
            MarketError::Tls { .. } => "tls",
            MarketError::Timeout { .. } => "timeout",
            MarketError::Decode { .. } => "decode",
            MarketError::InvalidUrl(_) => "invalid_url",
        }
    }

    pub fn http_status(&self) -> Option<u16> {
        match self {
            MarketError::Gateway { status, .. } | MarketError::Business { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub(crate) fn from_transport(url: &str, err: &reqwest::Error) -> MarketError {
        let mut detail = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            detail = format!("{detail}: {s}");
            source = s.source();
        }
        let url = url.to_string();
        if err.is_timeout() {
            MarketError::Timeout { url }
        } else if detail.contains("certificate") || detail.contains("tls") || detail.contains("TLS") {
            MarketError::Tls { url, detail }
        } else {
            MarketError::Unreachable { url, detail }
        }
    }
}
