//! applicationSync's clientSecret: RSA-OAEP (SHA-256), base64, keys ≥ 3072 bits
//! (koogallery-apis.md §7.2). The fixed keys under `tests/data/` are test-only.

use gallerist_domain::produce::{client_secret, ProduceError};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::time::Instant;

const PUBLIC_3072: &str = include_str!("data/test-3072-public.pem");
const PRIVATE_3072: &str = include_str!("data/test-3072-private.pem");
const PUBLIC_2048: &str = include_str!("data/test-2048-public.pem");
const PRIVATE_2048: &str = include_str!("data/test-2048-private.pem");

#[test]
fn a_secret_encrypted_to_a_3072_bit_key_decrypts_with_its_private_key() {
    let mut rng = StdRng::seed_from_u64(7);
    let sealed = client_secret::encrypt(PUBLIC_3072, "oauth-client-secret-密钥", &mut rng).unwrap();
    assert_eq!(sealed.len(), 512, "base64 of 384 bytes");
    assert_eq!(
        client_secret::decrypt(PRIVATE_3072, &sealed).unwrap(),
        "oauth-client-secret-密钥"
    );
    let again = client_secret::encrypt(PUBLIC_3072, "oauth-client-secret-密钥", &mut rng).unwrap();
    assert_ne!(
        sealed, again,
        "OAEP is randomised: the same secret never looks the same twice"
    );
}

#[test]
fn a_2048_bit_key_is_refused_by_name_on_both_sides() {
    let mut rng = StdRng::seed_from_u64(7);
    let refused = client_secret::encrypt(PUBLIC_2048, "s", &mut rng).unwrap_err();
    assert_eq!(refused, ProduceError::KeyTooSmall { bits: 2048, min: 3072 });
    assert!(refused.to_string().contains("2048 bits"), "{refused}");
    assert!(refused.to_string().contains("at least 3072"), "{refused}");
    assert!(refused.zh().contains("3072"), "{}", refused.zh());
    assert_eq!(
        client_secret::decrypt(PRIVATE_2048, "AAAA").unwrap_err(),
        ProduceError::KeyTooSmall { bits: 2048, min: 3072 }
    );
}

#[test]
fn a_changed_byte_a_wrong_key_or_garbage_is_refused() {
    let mut rng = StdRng::seed_from_u64(9);
    let sealed = client_secret::encrypt(PUBLIC_3072, "secret", &mut rng).unwrap();
    let mut bytes = base64_decode(&sealed);
    bytes[100] ^= 1;
    let changed = base64_encode(&bytes);
    assert_eq!(
        client_secret::decrypt(PRIVATE_3072, &changed),
        Err(ProduceError::SecretWrongKey)
    );
    assert_eq!(
        client_secret::decrypt(PRIVATE_3072, "not base64!"),
        Err(ProduceError::SecretNotBase64)
    );
    assert!(matches!(
        client_secret::encrypt(
            "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----",
            "s",
            &mut rng
        ),
        Err(ProduceError::KeyUnreadable(_))
    ));
}

#[test]
fn a_fresh_3072_bit_key_round_trips() {
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    let mut rng = StdRng::seed_from_u64(3072);
    let started = Instant::now();
    let private = rsa::RsaPrivateKey::new(&mut rng, 3072).unwrap();
    eprintln!("3072-bit key generated in {:?}", started.elapsed());
    let private_pem = private.to_pkcs8_pem(LineEnding::LF).unwrap();
    let public_pem = private.to_public_key().to_public_key_pem(LineEnding::LF).unwrap();
    let sealed = client_secret::encrypt(&public_pem, "fresh-secret", &mut rng).unwrap();
    assert_eq!(client_secret::decrypt(&private_pem, &sealed).unwrap(), "fresh-secret");
    assert_eq!(
        client_secret::decrypt(PRIVATE_3072, &sealed),
        Err(ProduceError::SecretWrongKey),
        "another key cannot read it"
    );
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

fn base64_encode(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(b)
}
