//! V1 authToken, Body-Sign and encrypted credentials against the reference vectors
//! (koogallery-apis.md §6.2–§6.4, all [SELF-COMPUTED]: named `self_computed`).

use gallerist_domain::produce::v1::{self, EncryptType};
use gallerist_domain::produce::ProduceError;

const KEY: &str = "test-access-key-123";

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn create_params() -> Vec<(String, String)> {
    // Deliberately out of order: the token sorts them.
    params(&[
        ("timeStamp", "20170725025113409"),
        ("orderId", "CS2211181819B4LVS"),
        ("activity", "newInstance"),
        ("testFlag", "1"),
        ("customerId", "68cbc86abc"),
        ("businessId", "87b94795"),
    ])
}

#[test]
fn auth_token_vector_self_computed() {
    let token = v1::auth_token(KEY, &create_params());
    assert_eq!(token, "BdZIU+XrUfH4NX3UkB5ItvBt1GonUxb/rKSzQ6PR68Y=");
    assert!(v1::verify_auth_token(KEY, &create_params(), &token));
}

#[test]
fn auth_token_ignores_an_auth_token_parameter_and_keeps_the_first_of_a_repeated_name() {
    let mut with_extra = create_params();
    with_extra.push(("authToken".into(), "whatever".into()));
    with_extra.push(("orderId".into(), "SECOND".into()));
    assert_eq!(
        v1::auth_token(KEY, &with_extra),
        "BdZIU+XrUfH4NX3UkB5ItvBt1GonUxb/rKSzQ6PR68Y="
    );
}

#[test]
fn auth_token_refuses_a_changed_value_or_time_stamp() {
    let token = v1::auth_token(KEY, &create_params());
    let mut changed = create_params();
    changed[1].1 = "CS2211181819B4LVT".into();
    assert!(!v1::verify_auth_token(KEY, &changed, &token));
    let mut later = create_params();
    later[0].1 = "20170725025113410".into();
    assert!(
        !v1::verify_auth_token(KEY, &later, &token),
        "the timeStamp is part of the key"
    );
}

const BODY: &[u8] = br#"{"resultCode":"000000","resultMsg":"success."}"#;
const BODY_SIGNATURE: &str = "dhuV96/hRKJHTCyHm4gf0X6B/8yLzE/36alXbdFWnQY=";

#[test]
fn body_sign_vector_self_computed_with_huaweis_spacing() {
    assert_eq!(
        v1::body_sign_header(KEY, BODY),
        format!("sign_type=\"HMAC-SHA256\", signature= \"{BODY_SIGNATURE}\"")
    );
}

#[test]
fn body_sign_verifies_with_and_without_the_space_self_computed() {
    for header in [
        format!("sign_type=\"HMAC-SHA256\", signature= \"{BODY_SIGNATURE}\""),
        format!("sign_type=\"HMAC-SHA256\",signature=\"{BODY_SIGNATURE}\""),
        format!("sign_type = \"HMAC-SHA256\" , signature = \"{BODY_SIGNATURE}\""),
    ] {
        assert!(v1::verify_body_sign(KEY, BODY, &header), "{header}");
    }
}

#[test]
fn body_sign_refuses_a_changed_body_byte_missing_quotes_or_another_sign_type() {
    let header = v1::body_sign_header(KEY, BODY);
    let mut body = BODY.to_vec();
    body[15] ^= 1;
    assert!(!v1::verify_body_sign(KEY, &body, &header), "changed body");
    let mut spaced = BODY.to_vec();
    spaced.push(b'\n');
    assert!(
        !v1::verify_body_sign(KEY, &spaced, &header),
        "trailing newline is part of the body"
    );
    assert!(!v1::verify_body_sign(
        KEY,
        BODY,
        &format!("sign_type=\"HMAC-SHA256\", signature={BODY_SIGNATURE}")
    ));
    assert!(!v1::verify_body_sign(
        KEY,
        BODY,
        &format!("sign_type=\"HMAC-SHA1\", signature=\"{BODY_SIGNATURE}\"")
    ));
    assert!(!v1::verify_body_sign("other-key", BODY, &header));
}

#[test]
fn derived_aes_keys_match_the_java_sha1prng_vector_self_computed() {
    assert_eq!(
        hex::encode(EncryptType::Aes128.derive_key(KEY)),
        "c9e3a8e3a2c2e5497d975cbdea2fbd5a"
    );
    assert_eq!(
        hex::encode(EncryptType::Aes256.derive_key(KEY)),
        "c9e3a8e3a2c2e5497d975cbdea2fbd5aa15283155960dbd281c147b0e511caee"
    );
}

const IV: &str = "AbCdEfGh12345678";
const ADMIN_256: &str = "AbCdEfGh12345678blhXJbPga6qQafXWNLtmjg==";
const ADMIN_128: &str = "AbCdEfGh123456785QNnKVz2CvgDHAaoZEpWtQ==";

#[test]
fn aes256_credential_vector_both_ways_self_computed() {
    assert_eq!(v1::encrypt_credential(KEY, "admin", IV, EncryptType::Aes256), ADMIN_256);
    assert_eq!(
        v1::decrypt_credential(KEY, ADMIN_256, EncryptType::Aes256).unwrap(),
        "admin"
    );
}

#[test]
fn aes128_credential_vector_both_ways_self_computed() {
    assert_eq!(v1::encrypt_credential(KEY, "admin", IV, EncryptType::Aes128), ADMIN_128);
    assert_eq!(
        v1::decrypt_credential(KEY, ADMIN_128, EncryptType::Aes128).unwrap(),
        "admin"
    );
}

#[test]
fn credentials_round_trip_non_ascii_and_refuse_the_wrong_key_or_a_changed_byte() {
    let sealed = v1::encrypt_credential(KEY, "管理员-密码", IV, EncryptType::Aes256);
    assert_eq!(
        v1::decrypt_credential(KEY, &sealed, EncryptType::Aes256).as_deref(),
        Ok("管理员-密码")
    );
    assert_ne!(
        v1::decrypt_credential("other-key", ADMIN_256, EncryptType::Aes256).as_deref(),
        Ok("admin")
    );
    assert_ne!(
        v1::decrypt_credential(KEY, ADMIN_256, EncryptType::Aes128).as_deref(),
        Ok("admin"),
        "the wrong encryptType"
    );
    let changed_iv = ADMIN_256.replacen('A', "B", 1);
    assert_ne!(
        v1::decrypt_credential(KEY, &changed_iv, EncryptType::Aes256).as_deref(),
        Ok("admin")
    );
    assert_eq!(
        v1::decrypt_credential(KEY, "short", EncryptType::Aes256),
        Err(ProduceError::CredentialTooShort)
    );
    assert_eq!(
        v1::decrypt_credential(KEY, "AbCdEfGh12345678!!notbase64", EncryptType::Aes256),
        Err(ProduceError::CredentialNotBase64)
    );
}

#[test]
fn encrypt_type_reads_the_wire_codes_with_aes256_as_the_default() {
    assert_eq!(EncryptType::from_code(None), Some(EncryptType::Aes256));
    assert_eq!(EncryptType::from_code(Some("1")), Some(EncryptType::Aes256));
    assert_eq!(EncryptType::from_code(Some("2")), Some(EncryptType::Aes128));
    assert_eq!(EncryptType::from_code(Some("3")), None);
    assert_eq!(EncryptType::Aes128.code(), "2");
}
