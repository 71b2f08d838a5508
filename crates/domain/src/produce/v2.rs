//! V2.0 base-interface signatures (koogallery-apis.md §5.2).
//!
//! KooGallery signs the compact JSON body with its top-level keys in ascending order
//! and null values dropped (the official sample's `TreeMap` + Jackson), then signs
//! `accessKey + nonce + timestamp + lowercase(hex(inner))`. The three values travel
//! as the `signature`, `timestamp` (milliseconds) and `nonce` query parameters.
//! KooGallery sends upper-case hex; a seller must accept either case.

use super::{hmac, upper_hex, verify_hex};
use hmac::Mac;
use serde_json::Value;

/// The bytes KooGallery signs for `body`: compact JSON, top-level keys ascending,
/// null-valued top-level keys removed, nested values serialised as they are.
/// A body that is not an object is serialised as it is.
pub fn payload(body: &Value) -> String {
    let Value::Object(map) = body else {
        return body.to_string();
    };
    let mut entries: Vec<(&String, &Value)> = map.iter().filter(|(_, v)| !v.is_null()).collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::from("{");
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::String(key.clone()).to_string());
        out.push(':');
        out.push_str(&value.to_string());
    }
    out.push('}');
    out
}

/// `lowercase(hex(HMAC-SHA256(accessKey, payload)))`, the inner digest.
pub fn inner(access_key: &str, payload: &str) -> String {
    hex::encode(hmac(access_key.as_bytes(), payload.as_bytes()).finalize().into_bytes())
}

fn canonical(access_key: &str, nonce: &str, timestamp_ms: &str, payload: &str) -> String {
    format!("{access_key}{nonce}{timestamp_ms}{}", inner(access_key, payload))
}

/// The `signature` query parameter, upper-case hex as KooGallery sends it.
pub fn sign(access_key: &str, nonce: &str, timestamp_ms: &str, payload: &str) -> String {
    let canonical = canonical(access_key, nonce, timestamp_ms, payload);
    upper_hex(access_key.as_bytes(), canonical.as_bytes())
}

/// Whether `signature` (hex, either case) signs this call; compared in constant time.
pub fn verify(access_key: &str, nonce: &str, timestamp_ms: &str, payload: &str, signature: &str) -> bool {
    let canonical = canonical(access_key, nonce, timestamp_ms, payload);
    verify_hex(access_key.as_bytes(), canonical.as_bytes(), signature)
}
