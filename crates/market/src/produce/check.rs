//! What a conformance run reports: checks with a stable id, the documentation they
//! come from, the exact exchanges behind them and a verdict in two languages.
//!
//! WHY this shape: a seller fixing their server needs three things from a red line —
//! which rule (the doc URL), what we sent and what came back (byte for byte, so they
//! can replay it with curl), and plain words. The id is stable so stored runs can be
//! compared ("this check was green last time") and CI tools can track it.

use serde::{Deserialize, Serialize};

/// Pass, warn (worth a look, not a failure — e.g. a local http URL in development)
/// or fail (KooGallery would see an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    /// The mark the text output and the app use.
    pub fn mark(self) -> &'static str {
        match self {
            Verdict::Pass => "✓",
            Verdict::Warn => "!",
            Verdict::Fail => "✗",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// A sentence in English and in Simplified Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub en: String,
    pub zh: String,
}

impl Words {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Words {
        Words {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

/// One request exactly as it left, and what came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    pub request: SentRequest,
    /// `None` when nothing came back (see `transport_error`).
    pub answer: Option<Answer>,
    /// Why no answer arrived (refused connection, timeout, TLS…).
    pub transport_error: Option<String>,
    /// Milliseconds from sending to the whole answer (or to giving up).
    pub elapsed_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentRequest {
    pub method: String,
    /// The full URL with its query (signature, timestamp, nonce or authToken).
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Set when the request is wrong on purpose (a bad signature, an old timestamp,
    /// a replayed nonce): KooGallery never sends it, and the seller should refuse it.
    pub deliberately_bad: Option<Words>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as received (lossy UTF-8 when it was not UTF-8; see `utf8`).
    pub body: String,
    pub utf8: bool,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// `resultCode` of a JSON answer, when there is one as a string.
    pub fn result_code(&self) -> Option<String> {
        self.json()?.get("resultCode")?.as_str().map(str::to_string)
    }
}

/// One verdict about the seller's server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// Stable id, e.g. `v2.create.idempotent`, `url.https`.
    pub id: String,
    /// What is checked, as a short title.
    pub title: Words,
    pub verdict: Verdict,
    /// What was found, in plain words.
    pub words: Words,
    /// The KooGallery documentation page the rule comes from.
    pub doc_url: String,
    /// The requests behind the verdict (none for checks of the URL itself).
    pub exchanges: Vec<Exchange>,
    /// The slowest answer among `exchanges`, for history ("create now takes 4.1 s").
    pub elapsed_ms: Option<u64>,
}

impl Check {
    pub fn new(id: &str, title: Words, doc_url: &str) -> Check {
        Check {
            id: id.to_string(),
            title,
            verdict: Verdict::Pass,
            words: Words::new("", ""),
            doc_url: doc_url.to_string(),
            exchanges: Vec::new(),
            elapsed_ms: None,
        }
    }

    pub fn verdict(mut self, verdict: Verdict, words: Words) -> Check {
        self.verdict = verdict;
        self.words = words;
        self
    }

    pub fn with(mut self, exchanges: Vec<Exchange>) -> Check {
        self.elapsed_ms = exchanges.iter().map(|e| e.elapsed_ms).max();
        self.exchanges = exchanges;
        self
    }
}

/// Which production interface the product uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Version {
    V2,
    V1,
}

impl Version {
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2 => "v2",
            Version::V1 => "v1",
        }
    }
}

/// The product's charging mode, which decides the development matrix (§5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Period,
    PerUse,
    OneOff,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Period => "period",
            Mode::PerUse => "per-use",
            Mode::OneOff => "one-off",
        }
    }

    pub fn parse(text: &str) -> Option<Mode> {
        match text {
            "period" => Some(Mode::Period),
            "per-use" => Some(Mode::PerUse),
            "one-off" => Some(Mode::OneOff),
            _ => None,
        }
    }
}

/// A finished run: what was asked and every check, in the order they finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    pub url: String,
    pub version: Version,
    pub mode: Mode,
    pub kit: bool,
    /// RFC 3339 UTC, from the clock passed in.
    pub started_at: String,
    pub finished_at: String,
    pub checks: Vec<Check>,
}

impl RunReport {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.checks.iter().filter(|c| c.verdict == verdict).count()
    }

    /// Nothing failed (warnings allowed): what `gallerist produce check` exits 0 on.
    pub fn passed(&self) -> bool {
        self.count(Verdict::Fail) == 0
    }

    pub fn failing_ids(&self) -> Vec<&str> {
        self.checks
            .iter()
            .filter(|c| c.verdict == Verdict::Fail)
            .map(|c| c.id.as_str())
            .collect()
    }
}
