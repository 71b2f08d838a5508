//! The reference seller server's V1 interface: authToken checked, every answer signed
//! with a Body-Sign that `produce::v1::verify_body_sign` accepts, credentials encrypted.

mod seller_common;

use gallerist_domain::produce::v1::{self, EncryptType};
use gallerist_sandbox::seller::DEMO_ACCESS_KEY;
use seller_common::{code, start};

const CREATE: &[(&str, &str)] = &[
    ("activity", "newInstance"),
    ("businessId", "biz-v1"),
    ("orderId", "CS-V1"),
    ("customerId", "68cbc86abc"),
    ("customerName", "Acme 公司"),
    ("testFlag", "1"),
];

#[tokio::test]
async fn a_v1_create_with_a_correct_auth_token_is_signed_and_carries_encrypted_credentials() {
    let f = start().await;
    let (answer, bytes, sign) = f.v1("correct", CREATE, None).await;
    assert_eq!(code(&answer), "000000", "{answer}");
    assert!(
        v1::verify_body_sign(DEMO_ACCESS_KEY, &bytes, &sign),
        "Body-Sign: {sign}"
    );
    assert_eq!(answer["encryptType"], "1");
    let user = answer["appInfo"]["userName"].as_str().unwrap();
    assert_eq!(
        v1::decrypt_credential(DEMO_ACCESS_KEY, user, EncryptType::Aes256).unwrap(),
        "admin"
    );
    let (again, again_bytes, _) = f.v1("correct", CREATE, None).await;
    assert_eq!(
        again["instanceId"], answer["instanceId"],
        "the same order, the same instance"
    );
    assert_eq!(again_bytes, bytes, "and the same bytes");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_wrong_auth_token_is_000001_with_a_signed_refusal_and_the_unsigned_server_accepts_it() {
    let f = start().await;
    let wrong = Some("BdZIU+XrUfH4NX3UkB5ItvBt1GonUxb/rKSzQ6PR68Y=");
    let (refused, bytes, sign) = f.v1("correct", CREATE, wrong).await;
    assert_eq!(code(&refused), "000001");
    assert!(
        v1::verify_body_sign(DEMO_ACCESS_KEY, &bytes, &sign),
        "refusals are signed too"
    );
    assert!(!v1::verify_body_sign("another-key", &bytes, &sign));
    let (accepted, _, _) = f.v1("unsigned", CREATE, wrong).await;
    assert_eq!(code(&accepted), "000000");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn v1_query_release_and_status_follow_the_same_rules() {
    let f = start().await;
    let (created, _, _) = f.v1("correct", CREATE, None).await;
    let id = created["instanceId"].as_str().unwrap().to_string();
    let (query, _, _) = f
        .v1("correct", &[("activity", "queryInstance"), ("instanceId", &id)], None)
        .await;
    assert_eq!(code(&query), "000000", "{query}");
    let password = query["info"][0]["appInfo"]["password"].as_str().unwrap();
    assert_eq!(
        v1::decrypt_credential(DEMO_ACCESS_KEY, password, EncryptType::Aes256).unwrap(),
        format!("demo-{id}")
    );
    let status = [
        ("activity", "instanceStatus"),
        ("instanceId", id.as_str()),
        ("instanceStatus", "FREEZE"),
    ];
    assert_eq!(code(&f.v1("correct", &status, None).await.0), "000000");
    let release = [("activity", "releaseInstance"), ("instanceId", id.as_str())];
    for _ in 0..2 {
        assert_eq!(code(&f.v1("correct", &release, None).await.0), "000000");
    }
    assert_eq!(f.effects("correct", "release").await, 1);
    let unknown = [("activity", "releaseInstance"), ("instanceId", "nope")];
    assert_eq!(code(&f.v1("correct", &unknown, None).await.0), "000003");
    let (no_order, _, _) = f
        .v1("correct", &[("activity", "newInstance"), ("businessId", "b")], None)
        .await;
    assert_eq!(code(&no_order), "000002");
    f.sandbox.stop().await;
}
