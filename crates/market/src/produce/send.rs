//! Sending one production-interface call the way KooGallery does, and keeping an exact
//! record of it.
//!
//! WHY the record is taken here: every verdict points at the exchange behind it, and a
//! seller debugging a red check wants the very bytes — the signed URL, the headers, the
//! body and the answer — not a summary. Timing uses tokio's clock so a test can pause it.
//! The answer is awaited past the 5 s budget (up to [`GIVE_UP`]) so that a slow server
//! is reported as "answered in 5.6 s, over the 5 s budget" rather than as silence.

use super::check::{Answer, Exchange, SentRequest, Words};
use std::time::Duration;

/// How long an answer may take before KooGallery counts the call as failed (§5.5).
pub const BUDGET: Duration = Duration::from_secs(5);
/// How long the runner waits before giving up on an answer altogether.
pub const GIVE_UP: Duration = Duration::from_secs(10);

/// A call ready to send.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: reqwest::Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub deliberately_bad: Option<Words>,
}

impl Call {
    /// A JSON POST with the headers KooGallery's examples carry (§5.1).
    pub fn post_json(url: String, body: String) -> Call {
        Call {
            method: reqwest::Method::POST,
            url,
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("Content-Type".into(), "application/json;charset=utf8".into()),
            ],
            body,
            deliberately_bad: None,
        }
    }

    pub fn get(url: String) -> Call {
        Call {
            method: reqwest::Method::GET,
            url,
            headers: vec![("Accept".into(), "application/json".into())],
            body: String::new(),
            deliberately_bad: None,
        }
    }

    pub fn bad(mut self, why: Words) -> Call {
        self.deliberately_bad = Some(why);
        self
    }
}

/// Sends `call` and records what happened; never fails — a transport problem is part
/// of the record.
pub async fn send(http: &reqwest::Client, call: Call) -> Exchange {
    let mut builder = http.request(call.method.clone(), &call.url).timeout(GIVE_UP);
    for (name, value) in &call.headers {
        builder = builder.header(name, value);
    }
    if call.method == reqwest::Method::POST {
        builder = builder.body(call.body.clone());
    }
    let request = SentRequest {
        method: call.method.to_string(),
        url: call.url.clone(),
        headers: call.headers,
        body: call.body,
        deliberately_bad: call.deliberately_bad,
    };
    let started = tokio::time::Instant::now();
    let outcome = async {
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let bytes = response.bytes().await?;
        Ok::<_, reqwest::Error>((status, headers, bytes))
    }
    .await;
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Ok((status, headers, bytes)) => {
            let utf8 = std::str::from_utf8(&bytes).is_ok();
            Exchange {
                request,
                answer: Some(Answer {
                    status,
                    headers,
                    body: String::from_utf8_lossy(&bytes).into_owned(),
                    utf8,
                }),
                transport_error: None,
                elapsed_ms,
            }
        }
        Err(e) => Exchange {
            request,
            answer: None,
            transport_error: Some(describe(e)),
            elapsed_ms,
        },
    }
}

fn describe(err: reqwest::Error) -> String {
    if err.is_timeout() {
        return format!("no answer within {} s", GIVE_UP.as_secs());
    }
    // The URL is in the record already; the words name only what went wrong.
    let err = err.without_url();
    let mut detail = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        detail = format!("{detail}: {s}");
        source = s.source();
    }
    detail
}
