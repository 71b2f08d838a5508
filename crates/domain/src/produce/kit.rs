//! Joint-operation Kit signatures, `x-sign` (koogallery-apis.md §7.1).
//!
//! Unlike the base interfaces there is no inner digest: the key signs
//! `accessKey + nonce + timestamp + payload` directly, where the payload is the body
//! re-serialised by [`super::v2::payload`] (the documented Kit bodies are not sorted on
//! the wire, so a receiver must re-sort before verifying). The values travel in the
//! `x-sign`, `x-timestamp` (milliseconds) and `x-nonce` headers.

use super::{upper_hex, verify_hex};

fn canonical(access_key: &str, nonce: &str, timestamp_ms: &str, payload: &str) -> String {
    format!("{access_key}{nonce}{timestamp_ms}{payload}")
}

/// The `x-sign` header value, upper-case hex.
pub fn sign(access_key: &str, nonce: &str, timestamp_ms: &str, payload: &str) -> String {
    let canonical = canonical(access_key, nonce, timestamp_ms, payload);
    upper_hex(access_key.as_bytes(), canonical.as_bytes())
}

/// Whether `signature` (hex, either case) is this sync's `x-sign`; constant-time.
pub fn verify(access_key: &str, nonce: &str, timestamp_ms: &str, payload: &str, signature: &str) -> bool {
    let canonical = canonical(access_key, nonce, timestamp_ms, payload);
    verify_hex(access_key.as_bytes(), canonical.as_bytes(), signature)
}
