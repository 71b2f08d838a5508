//! Huawei API Gateway `SDK-HMAC-SHA256` request signing, as pure functions.
//!
//! KooGallery's Open APIs sit behind API Gateway, so the client must sign exactly as
//! Huawei's signer does and the sandbox must verify exactly as the gateway does. Both
//! use this module, so a canonicalisation bug cannot hide by being symmetric: the
//! tests pin Huawei's published test vector byte for byte.
//!
//! Canonical request (reference: koogallery-apis.md §3.1):
//! method, canonical URI (each segment decoded then re-encoded, always ending in `/`),
//! sorted canonical query, `name:value\n` per signed header, signed header names,
//! hex SHA-256 of the body — joined by `\n`.

use chrono::{DateTime, NaiveDateTime, Utc};
use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
pub const DATE_HEADER: &str = "x-sdk-date";
pub const CONTENT_SHA256_HEADER: &str = "x-sdk-content-sha256";
/// The gateway refuses a request whose `X-Sdk-Date` is further than this from its clock.
pub const CLOCK_WINDOW_MINUTES: i64 = 15;
const DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// RFC 3986 unreserved characters stay raw; everything else is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub fn sdk_date(at: DateTime<Utc>) -> String {
    at.format(DATE_FORMAT).to_string()
}

pub fn parse_sdk_date(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text, DATE_FORMAT)
        .ok()
        .map(|n| n.and_utc())
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The path as the gateway canonicalises it: `/v1/x/vpcs` → `/v1/x/vpcs/`.
pub fn canonical_uri(raw_path: &str) -> String {
    let encoded: Vec<String> = raw_path.split('/').map(|seg| encode(&decode(seg))).collect();
    let mut uri = encoded.join("/");
    if !uri.starts_with('/') {
        uri.insert(0, '/');
    }
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Sorted `k=v&…` with names and values re-encoded; `""` when there is no query.
pub fn canonical_query(raw_query: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> = raw_query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (encode(&decode(k)), encode(&decode(v)))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The parts of a request that take part in its signature.
#[derive(Debug, Clone)]
pub struct RequestParts<'a> {
    pub method: &'a str,
    /// Path as it appears on the wire (may be percent-encoded).
    pub raw_path: &'a str,
    pub raw_query: Option<&'a str>,
    /// Every signed header as (name, value); names in any case.
    pub signed_headers: Vec<(String, String)>,
    /// Lower-case hex SHA-256 of the body, or the `x-sdk-content-sha256` value.
    pub payload_hash: String,
}

pub fn payload_hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

fn sorted_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    h.sort();
    h
}

pub fn signed_header_names(headers: &[(String, String)]) -> String {
    sorted_headers(headers)
        .into_iter()
        .map(|(k, _)| k)
        .collect::<Vec<_>>()
        .join(";")
}

pub fn canonical_request(parts: &RequestParts<'_>) -> String {
    let headers = sorted_headers(&parts.signed_headers);
    let header_block: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        parts.method.to_ascii_uppercase(),
        canonical_uri(parts.raw_path),
        canonical_query(parts.raw_query),
        header_block,
        signed_header_names(&parts.signed_headers),
        parts.payload_hash
    )
}

pub fn string_to_sign(sdk_date: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{sdk_date}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    )
}

pub fn signature(secret_key: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Everything a signer produces, kept together so a failed call can show its work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub canonical_request: String,
    pub signature: String,
    pub authorization: String,
}

/// Signs `parts`; `parts.signed_headers` must include `x-sdk-date` with `sdk_date`.
pub fn sign(access_key: &str, secret_key: &str, sdk_date: &str, parts: &RequestParts<'_>) -> Signed {
    let canonical_request = canonical_request(parts);
    let signature = signature(secret_key, &string_to_sign(sdk_date, &canonical_request));
    let authorization = format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={}, Signature={signature}",
        signed_header_names(&parts.signed_headers)
    );
    Signed {
        canonical_request,
        signature,
        authorization,
    }
}

/// A parsed `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub access_key: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthorizationError {
    #[error("the Authorization header does not start with {ALGORITHM}")]
    Algorithm,
    #[error("the Authorization header lacks {0}")]
    Missing(&'static str),
}

pub fn parse_authorization(header: &str) -> Result<Authorization, AuthorizationError> {
    let rest = header
        .trim()
        .strip_prefix(ALGORITHM)
        .ok_or(AuthorizationError::Algorithm)?;
    let (mut access, mut signed, mut sig) = (None, None, None);
    for field in rest.split(',') {
        if let Some((k, v)) = field.trim().split_once('=') {
            match k.trim() {
                "Access" => access = Some(v.trim().to_string()),
                "SignedHeaders" => signed = Some(v.trim().to_string()),
                "Signature" => sig = Some(v.trim().to_string()),
                _ => {}
            }
        }
    }
    Ok(Authorization {
        access_key: access
            .filter(|a| !a.is_empty())
            .ok_or(AuthorizationError::Missing("Access"))?,
        signed_headers: signed
            .ok_or(AuthorizationError::Missing("SignedHeaders"))?
            .split(';')
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect(),
        signature: sig
            .filter(|s| !s.is_empty())
            .ok_or(AuthorizationError::Missing("Signature"))?,
    })
}

/// Compares signatures without leaking where they differ.
pub fn signatures_match(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
#[path = "apig_tests.rs"]
mod tests;
