//! The OAuth `clientSecret` that applicationSync carries, RSA-encrypted to the seller
//! (koogallery-apis.md §7.2).
//!
//! KooGallery encrypts the secret with the public key the seller uploaded for the app
//! (at least 3072 bits, OAEP padding) so only the seller's server can read it. The
//! documentation names neither the OAEP hash nor the encoding; Gallerist reads it as
//! SHA-256 for both the digest and MGF1, base64 on the wire, and says so wherever it
//! reports on this field. Keys under 3072 bits are refused by name, on both sides,
//! because KooGallery refuses them when the seller uploads one.

use super::ProduceError;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use rand::{CryptoRng, RngCore};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;

/// The smallest RSA modulus KooGallery accepts for an app's key.
pub const MIN_KEY_BITS: usize = 3072;

/// Reads a public key in PEM, SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`).
pub fn public_key(pem: &str) -> Result<RsaPublicKey, ProduceError> {
    let pem = pem.trim();
    let key = RsaPublicKey::from_public_key_pem(pem)
        .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
        .map_err(|e| ProduceError::KeyUnreadable(e.to_string()))?;
    check_size(key.size() * 8)?;
    Ok(key)
}

/// Reads a private key in PEM, PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`).
pub fn private_key(pem: &str) -> Result<RsaPrivateKey, ProduceError> {
    let pem = pem.trim();
    let key = RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
        .map_err(|e| ProduceError::KeyUnreadable(e.to_string()))?;
    check_size(key.size() * 8)?;
    Ok(key)
}

fn check_size(bits: usize) -> Result<(), ProduceError> {
    if bits < MIN_KEY_BITS {
        return Err(ProduceError::KeyTooSmall {
            bits,
            min: MIN_KEY_BITS,
        });
    }
    Ok(())
}

/// `base64(RSA-OAEP-SHA256(public key, secret))`, as KooGallery sends `clientSecret`.
pub fn encrypt(
    public_key_pem: &str,
    secret: &str,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<String, ProduceError> {
    let key = public_key(public_key_pem)?;
    let sealed = key
        .encrypt(rng, Oaep::new::<Sha256>(), secret.as_bytes())
        .map_err(|e| ProduceError::SecretTooLong(e.to_string()))?;
    Ok(B64.encode(sealed))
}

/// The plain `clientSecret` from its base64 RSA-OAEP-SHA256 form.
pub fn decrypt(private_key_pem: &str, b64: &str) -> Result<String, ProduceError> {
    let key = private_key(private_key_pem)?;
    let sealed = B64.decode(b64.trim()).map_err(|_| ProduceError::SecretNotBase64)?;
    let plain = key
        .decrypt(Oaep::new::<Sha256>(), &sealed)
        .map_err(|_| ProduceError::SecretWrongKey)?;
    String::from_utf8(plain).map_err(|_| ProduceError::NotUtf8)
}
