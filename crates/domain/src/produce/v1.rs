//! The legacy V1.0 production interface (koogallery-apis.md §6): KooGallery calls with
//! GET and an `authToken` query parameter, the seller signs each answer body in a
//! `Body-Sign` header, and hands credentials back AES-encrypted.
//!
//! V1 is marked offline in the documentation but still used by older products, and its
//! two directions differ in small ways sellers get wrong: `authToken` is base64 with the
//! key `Key + timeStamp`, over URL-*decoded* values; `Body-Sign` signs the exact answer
//! bytes with the plain key and is written with or without a space after `signature=`.

use super::{hmac, sha1prng, ProduceError};
use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::Mac;

/// The `authToken` for a call's query parameters (`timeStamp` among them; any
/// `authToken` is left out). Values are the URL-decoded ones. Parameters are sorted by
/// name in code-point order and, as in Huawei's `TreeMap` sample, a repeated name keeps
/// its first value.
pub fn auth_token(key: &str, params: &[(String, String)]) -> String {
    let (hmac_key, message) = auth_token_input(key, params);
    B64.encode(hmac(hmac_key.as_bytes(), message.as_bytes()).finalize().into_bytes())
}

/// Whether `token` is the `authToken` of these parameters; constant-time.
pub fn verify_auth_token(key: &str, params: &[(String, String)], token: &str) -> bool {
    let (hmac_key, message) = auth_token_input(key, params);
    match B64.decode(token.trim()) {
        Ok(bytes) => hmac(hmac_key.as_bytes(), message.as_bytes())
            .verify_slice(&bytes)
            .is_ok(),
        Err(_) => false,
    }
}

fn auth_token_input(key: &str, params: &[(String, String)]) -> (String, String) {
    let mut sorted: Vec<&(String, String)> = Vec::with_capacity(params.len());
    for p in params.iter().filter(|(k, _)| k != "authToken") {
        if !sorted.iter().any(|(k, _)| *k == p.0) {
            sorted.push(p);
        }
    }
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let time_stamp = sorted
        .iter()
        .find(|(k, _)| k == "timeStamp")
        .map_or("", |(_, v)| v.as_str());
    let message = sorted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    (format!("{key}{time_stamp}"), message)
}

/// The whole `Body-Sign` header for an answer body, spaced as Huawei's examples are:
/// `sign_type="HMAC-SHA256", signature= "<base64>"`.
pub fn body_sign_header(key: &str, body: &[u8]) -> String {
    let signature = B64.encode(hmac(key.as_bytes(), body).finalize().into_bytes());
    format!("sign_type=\"HMAC-SHA256\", signature= \"{signature}\"")
}

/// Whether `header` is a valid `Body-Sign` for `body` (the exact bytes, whitespace
/// included). Optional whitespace around `=` and `,` is tolerated, the quotes are not
/// optional; the comparison is constant-time.
pub fn verify_body_sign(key: &str, body: &[u8], header: &str) -> bool {
    let Some(signature) = body_sign_value(header) else {
        return false;
    };
    match B64.decode(signature) {
        Ok(bytes) => hmac(key.as_bytes(), body).verify_slice(&bytes).is_ok(),
        Err(_) => false,
    }
}

/// The base64 signature out of a `Body-Sign` header whose `sign_type` is HMAC-SHA256.
fn body_sign_value(header: &str) -> Option<&str> {
    let mut sign_type = None;
    let mut signature = None;
    for part in header.split(',') {
        let (name, value) = part.split_once('=')?;
        let value = value.trim().strip_prefix('"')?.strip_suffix('"')?;
        match name.trim() {
            "sign_type" => sign_type = Some(value),
            "signature" => signature = Some(value),
            _ => return None,
        }
    }
    (sign_type? == "HMAC-SHA256").then_some(signature?)
}

/// `encryptType` of V1 answers: which AES-CBC the credentials use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncryptType {
    /// `"1"`, the default: AES-256-CBC, PKCS#5 padding.
    #[default]
    Aes256,
    /// `"2"`: AES-128-CBC, PKCS#5 padding.
    Aes128,
}

impl EncryptType {
    /// The wire value, `"1"` or `"2"`.
    pub fn code(self) -> &'static str {
        match self {
            EncryptType::Aes256 => "1",
            EncryptType::Aes128 => "2",
        }
    }

    /// Reads the wire value; an absent `encryptType` means [`EncryptType::Aes256`].
    pub fn from_code(code: Option<&str>) -> Option<EncryptType> {
        match code {
            None | Some("1") => Some(EncryptType::Aes256),
            Some("2") => Some(EncryptType::Aes128),
            Some(_) => None,
        }
    }

    /// The AES key Huawei's sample derives from `key` (Java `SHA1PRNG`, §6.4).
    pub fn derive_key(self, key: &str) -> Vec<u8> {
        let len = match self {
            EncryptType::Aes256 => 32,
            EncryptType::Aes128 => 16,
        };
        sha1prng::bytes(key.as_bytes(), len)
    }
}

/// `iv16 + base64(AES-CBC(derived key, iv16, plain))`, the form of V1's `userName` and
/// `password`. `iv16` is the 16-character random IV string the caller drew.
///
/// # Panics
/// When `iv16` is not exactly 16 bytes: that is a caller's bug, not a seller's input.
pub fn encrypt_credential(key: &str, plain: &str, iv16: &str, kind: EncryptType) -> String {
    let iv: [u8; 16] = iv16
        .as_bytes()
        .try_into()
        .expect("the V1 credential IV must be exactly 16 bytes");
    let aes_key = kind.derive_key(key);
    let sealed = match kind {
        EncryptType::Aes256 => cbc::Encryptor::<aes::Aes256>::new_from_slices(&aes_key, &iv)
            .expect("a 32-byte key and 16-byte IV")
            .encrypt_padded_vec_mut::<Pkcs7>(plain.as_bytes()),
        EncryptType::Aes128 => cbc::Encryptor::<aes::Aes128>::new_from_slices(&aes_key, &iv)
            .expect("a 16-byte key and 16-byte IV")
            .encrypt_padded_vec_mut::<Pkcs7>(plain.as_bytes()),
    };
    format!("{iv16}{}", B64.encode(sealed))
}

/// Reads a value made by [`encrypt_credential`] (or by a seller's server).
pub fn decrypt_credential(key: &str, value: &str, kind: EncryptType) -> Result<String, ProduceError> {
    let (iv, sealed) = split_iv(value).ok_or(ProduceError::CredentialTooShort)?;
    let sealed = B64
        .decode(sealed.trim())
        .map_err(|_| ProduceError::CredentialNotBase64)?;
    let aes_key = kind.derive_key(key);
    let plain = match kind {
        EncryptType::Aes256 => cbc::Decryptor::<aes::Aes256>::new_from_slices(&aes_key, iv)
            .expect("a 32-byte key and 16-byte IV")
            .decrypt_padded_vec_mut::<Pkcs7>(&sealed),
        EncryptType::Aes128 => cbc::Decryptor::<aes::Aes128>::new_from_slices(&aes_key, iv)
            .expect("a 16-byte key and 16-byte IV")
            .decrypt_padded_vec_mut::<Pkcs7>(&sealed),
    }
    .map_err(|_| ProduceError::CredentialWrongKey)?;
    String::from_utf8(plain).map_err(|_| ProduceError::NotUtf8)
}

fn split_iv(value: &str) -> Option<(&[u8], &str)> {
    let bytes = value.as_bytes();
    if bytes.len() < 16 || !value.is_char_boundary(16) {
        return None;
    }
    Some((&bytes[..16], &value[16..]))
}
