//! Usage push (new), §4.2: pay-per-use records with a body signature on top of the
//! API Gateway signature.
//!
//! The body signature is `base64(HMAC-SHA256(key, "ts={ts}&nonce={nonce}&body={body}"))`
//! with the key bound to the base interfaces (the production-interface key, not the
//! AK/SK), `ts` in milliseconds. [CONFLICT/NOT FOUND] The documentation says the body
//! takes part "after natural sorting" without saying how; Gallerist's reading, as the
//! reference recommends: compact JSON with object keys sorted at every level
//! ([`canonical_body`]), and the client sends exactly those bytes, so a KooGallery that
//! signs the bytes received and one that re-sorts first compute the same thing. The
//! sandbox verifies against the sorted form of what it received.

use super::refusal::{at_most, required};
use super::{Problem, Refusal};
use base64::Engine;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;

pub const USAGE_PUSH_PATH: &str = "/api/mkp-openapi-public/global/v1/isv/usage-data";
pub const SIGNATURE_HEADER: &str = "signature";
pub const TS_HEADER: &str = "ts";
pub const NONCE_HEADER: &str = "nonce";
/// Documented header lengths: `signature` 1000, `ts` 20, `nonce` 64.
pub const SIGNATURE_MAX: usize = 1000;
pub const TS_MAX: usize = 20;
pub const NONCE_MAX: usize = 64;
/// At most 1000 records per push (one older copy of the page says 100; the current
/// page and the MKT.9003 text say 1000).
pub const MAX_RECORDS: usize = 1000;
/// A record's begin time must lie within the last 21 days (MKT.9004).
pub const BEGIN_WINDOW_DAYS: i64 = 21;
const TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";
const TIME_SHOWN: &str = "yyyyMMdd'T'HHmmss'Z' (UTC)";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsagePush {
    pub usage_records: Vec<UsageRecord>,
}

/// One pay-per-use record. Every field is a string on the wire, `usage_value` included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageRecord {
    /// The pay-per-use instance id the seller returned from newInstance (64).
    pub instance_id: String,
    pub record_time: String,
    pub begin_time: String,
    pub end_time: String,
    /// Greater than 0, at most 4 decimals (20).
    pub usage_value: String,
    /// The seller's unique id of the record, KooGallery's de-duplication key (64).
    pub metering_sn: String,
    /// The package instance the usage is deducted from ("stop when used up" packages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relate_pkg_instance: Option<String>,
}

pub fn format_time(at: DateTime<Utc>) -> String {
    at.format(TIME_FORMAT).to_string()
}

pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    // 16 characters; the documented maximum of 17 leaves room the format never uses.
    if text.len() != 16 {
        return None;
    }
    NaiveDateTime::parse_from_str(text, TIME_FORMAT)
        .ok()
        .map(|n| n.and_utc())
}

impl UsagePush {
    /// The documented limits, checked at `now` (for the 21-day window); the first
    /// problem found, with its MKT code.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), Refusal> {
        let count = self.usage_records.len();
        if count == 0 {
            return Err(Refusal::new("MKT.0101", "usage_records", Problem::Missing));
        }
        if count > MAX_RECORDS {
            return Err(Refusal::new(
                "MKT.9003",
                "usage_records",
                Problem::TooMany {
                    max: MAX_RECORDS,
                    actual: count,
                },
            ));
        }
        for (i, record) in self.usage_records.iter().enumerate() {
            record.check(&format!("usage_records[{i}]"), now)?;
        }
        Ok(())
    }

    /// The bytes to send and sign: see [`canonical_body`].
    pub fn body(&self) -> String {
        canonical_body(&serde_json::to_value(self).expect("usage records serialise"))
    }
}

impl UsageRecord {
    fn check(&self, at: &str, now: DateTime<Utc>) -> Result<(), Refusal> {
        let field = |name: &str| format!("{at}.{name}");
        required("MKT.0101", "MKT.0100", &field("instance_id"), &self.instance_id, 64)?;
        let mut times = Vec::with_capacity(3);
        for (name, value) in [
            ("record_time", &self.record_time),
            ("begin_time", &self.begin_time),
            ("end_time", &self.end_time),
        ] {
            required("MKT.0101", "MKT.0100", &field(name), value, 17)?;
            let time = parse_time(value)
                .ok_or_else(|| Refusal::new("MKT.0100", field(name), Problem::Format { expected: TIME_SHOWN }))?;
            times.push(time);
        }
        let (begin, end) = (times[1], times[2]);
        if end < begin {
            return Err(Refusal::new("MKT.0100", field("end_time"), Problem::EndsBeforeBegin));
        }
        if begin < now - Duration::days(BEGIN_WINDOW_DAYS) {
            return Err(Refusal::new(
                "MKT.9004",
                field("begin_time"),
                Problem::TooOld {
                    days: BEGIN_WINDOW_DAYS,
                },
            ));
        }
        required("MKT.0101", "MKT.0100", &field("usage_value"), &self.usage_value, 20)?;
        check_amount(&field("usage_value"), &self.usage_value)?;
        required("MKT.0101", "MKT.0100", &field("metering_sn"), &self.metering_sn, 64)?;
        if let Some(pkg) = &self.relate_pkg_instance {
            at_most("MKT.0100", &field("relate_pkg_instance"), pkg, 64)?;
        }
        Ok(())
    }
}

/// `usage_value`: a plain decimal number, greater than 0, at most 4 decimals.
fn check_amount(field: &str, value: &str) -> Result<(), Refusal> {
    let format = || {
        Refusal::new(
            "MKT.0100",
            field,
            Problem::Format {
                expected: "a decimal number such as 12.5",
            },
        )
    };
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || (value.contains('.') && fraction.is_empty()) {
        return Err(format());
    }
    if fraction.len() > 4 {
        return Err(Refusal::new("MKT.0100", field, Problem::TooManyDecimals { max: 4 }));
    }
    if value.bytes().all(|b| b == b'0' || b == b'.') {
        return Err(Refusal::new("MKT.0100", field, Problem::NotPositive));
    }
    Ok(())
}

/// Compact JSON with the keys of every object sorted (Gallerist's reading of "natural
/// sorting"; see the module comment). Arrays keep their order.
pub fn canonical_body(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let inner: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), canonical_body(v)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(canonical_body).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

fn mac(key: &str, ts_ms: &str, nonce: &str, body: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("ts={ts_ms}&nonce={nonce}&body={body}").as_bytes());
    mac
}

/// The `signature` header of a usage push: base64 of the HMAC-SHA256.
pub fn body_signature(key: &str, ts_ms: &str, nonce: &str, body: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(mac(key, ts_ms, nonce, body).finalize().into_bytes())
}

/// Whether `signature` signs this push; compared in constant time.
pub fn verify_body_signature(key: &str, ts_ms: &str, nonce: &str, body: &str, signature: &str) -> bool {
    match base64::engine::general_purpose::STANDARD.decode(signature.trim()) {
        Ok(bytes) => mac(key, ts_ms, nonce, body).verify_slice(&bytes).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
#[path = "usage_tests.rs"]
mod tests;
