//! Signing and verifying KooGallery's calls to a seller's own server (the
//! "production interface", 生产接口), for every scheme the documentation describes.
//!
//! KooGallery signs what it sends and refuses nothing on the seller's behalf: a seller
//! whose server accepts unsigned calls, or signs its V1 answers wrongly, only finds out
//! when real orders fail. Both sides of Gallerist's SaaS workbench — the conformance
//! runner that plays KooGallery and the sandbox's reference seller server — sign and
//! verify with these functions, which are pinned to the reference vectors
//! (koogallery-apis.md §5.2, §6.2–6.4, §7.1–7.2) by `crates/domain/tests/produce_*.rs`.
//!
//! - [`v2`]: the V2.0 base interfaces (inner HMAC of the sorted payload, then HMAC of
//!   accessKey + nonce + timestamp + inner).
//! - [`kit`]: the joint-operation Kit syncs (`x-sign`, no inner HMAC).
//! - [`v1`]: the legacy V1.0 `authToken`, the `Body-Sign` answer header and the
//!   AES-encrypted `userName`/`password`.
//! - [`client_secret`]: the RSA-OAEP encrypted OAuth `clientSecret` of applicationSync.
//! - [`spec`]: the documented activities, fields, lengths, result codes and windows.
//!
//! Nothing here reads the clock or a random source: timestamps, nonces, IVs and RNGs
//! are arguments.

pub mod client_secret;
pub mod kit;
mod sha1prng;
pub mod spec;
pub mod v1;
pub mod v2;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Why a production-interface value could not be read or made. The English text is
/// `Display`; [`ProduceError::zh`] gives the same in Chinese for a seller's screen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProduceError {
    #[error("the encrypted value is shorter than its 16-character IV")]
    CredentialTooShort,
    #[error("the encrypted value after the 16-character IV is not base64")]
    CredentialNotBase64,
    #[error("the value does not decrypt with this key (wrong key, wrong encryptType, or altered bytes)")]
    CredentialWrongKey,
    #[error("the decrypted value is not UTF-8 text")]
    NotUtf8,
    #[error("the RSA key is not a PEM key Gallerist can read: {0}")]
    KeyUnreadable(String),
    #[error("the RSA key has {bits} bits; KooGallery requires at least {min} bits for clientSecret")]
    KeyTooSmall { bits: usize, min: usize },
    #[error("the clientSecret is not base64")]
    SecretNotBase64,
    #[error("the clientSecret does not decrypt with this private key (RSA-OAEP, SHA-256)")]
    SecretWrongKey,
    #[error("the clientSecret cannot be encrypted: {0}")]
    SecretTooLong(String),
}

impl ProduceError {
    /// The same message in simplified Chinese.
    pub fn zh(&self) -> String {
        match self {
            ProduceError::CredentialTooShort => "加密值比开头 16 位的 IV 还短".into(),
            ProduceError::CredentialNotBase64 => "16 位 IV 之后的加密值不是 base64".into(),
            ProduceError::CredentialWrongKey => "用此密钥无法解密（密钥错误、encryptType 错误或内容被改动）".into(),
            ProduceError::NotUtf8 => "解密结果不是 UTF-8 文本".into(),
            ProduceError::KeyUnreadable(detail) => format!("无法读取该 PEM 格式的 RSA 密钥：{detail}"),
            ProduceError::KeyTooSmall { bits, min } => {
                format!("RSA 密钥只有 {bits} 位；云商店要求 clientSecret 使用至少 {min} 位的密钥")
            }
            ProduceError::SecretNotBase64 => "clientSecret 不是 base64".into(),
            ProduceError::SecretWrongKey => "用此私钥无法解密 clientSecret（RSA-OAEP，SHA-256）".into(),
            ProduceError::SecretTooLong(detail) => format!("无法加密 clientSecret：{detail}"),
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], msg: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(msg);
    mac
}

/// `HMAC(key, msg)` as upper-case hex, the form KooGallery sends (V2 `signature`, Kit `x-sign`).
fn upper_hex(key: &[u8], msg: &[u8]) -> String {
    hex::encode_upper(hmac(key, msg).finalize().into_bytes())
}

/// Constant-time check of a hex signature (either case) against `HMAC(key, msg)`.
fn verify_hex(key: &[u8], msg: &[u8], signature: &str) -> bool {
    match hex::decode(signature.trim()) {
        Ok(bytes) => hmac(key, msg).verify_slice(&bytes).is_ok(),
        Err(_) => false,
    }
}
