//! The reference seller server's joint-operation Kit syncs: x-sign checked over the
//! re-sorted body, clientSecret decrypted with the server's key, §7.3 idempotency.

mod seller_common;

use gallerist_domain::produce::client_secret;
use gallerist_sandbox::seller::DEMO_PUBLIC_KEY_PEM;
use rand::rngs::StdRng;
use rand::SeedableRng;
use seller_common::{code, start};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn tenant(flag: i64) -> Value {
    // Unsorted on the wire, as the documentation's examples are.
    json!({
        "tenantId": "t-1", "tenantCode": "acme", "name": "Acme", "instanceId": "i-1", "orderId": "CS1",
        "domainName": "https://acme.tenant.example", "flag": flag, "testFlag": 1, "timeStamp": "20261128200000000",
    })
}

#[tokio::test]
async fn a_tenant_sync_with_a_correct_x_sign_succeeds_and_a_wrong_one_is_000001() {
    let f = start().await;
    assert_eq!(code(&f.kit("correct", "tenantSync", &tenant(1)).await), "000000");
    assert_eq!(
        f.state("correct").await["kit"]["tenants"]["i-1/t-1"]["tenantCode"],
        "acme"
    );
    for (variant, expected) in [("correct", "000001"), ("unsigned", "000000")] {
        let mut call = f.call();
        call.signature = Some("767D7E86A19A52E91B229E5B0F28F3A5C32BD5145B525B4DA502C231E0C3B8C4".into());
        assert_eq!(
            code(&f.kit_with(variant, "tenantSync", &tenant(1), call).await),
            expected,
            "{variant}"
        );
    }
    f.sandbox.stop().await;
}

#[tokio::test]
async fn application_sync_decrypts_a_client_secret_encrypted_to_the_demo_public_key() {
    let f = start().await;
    let mut rng = StdRng::seed_from_u64(15);
    let secret = "app-client-secret-1";
    let body = |client_secret: String| {
        json!({"instanceId": "i-1", "tenantId": "t-1", "appId": "app-1", "clientId": "client-1",
               "clientSecret": client_secret, "flag": 1, "testFlag": 1, "timeStamp": "20261128200000000"})
    };
    let sealed = client_secret::encrypt(DEMO_PUBLIC_KEY_PEM, secret, &mut rng).unwrap();
    assert_eq!(
        code(&f.kit("correct", "applicationSync", &body(sealed)).await),
        "000000"
    );
    let app = &f.state("correct").await["kit"]["apps"]["i-1/t-1/app-1"];
    assert_eq!(
        app["clientSecretSha256"],
        hex::encode(Sha256::digest(secret)),
        "read, and kept only as a hash"
    );
    assert!(!app.to_string().contains(secret), "the secret itself is not kept");

    let unreadable = f
        .kit("correct", "applicationSync", &body("bm90IGVuY3J5cHRlZA==".into()))
        .await;
    assert_eq!(code(&unreadable), "000101", "{unreadable}");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn repeated_adds_and_deletes_succeed_with_one_effect_and_a_delete_needs_no_instance() {
    let f = start().await;
    let users = |flag: i64| {
        json!({"instanceId": "i-9", "tenantId": "t-1", "appId": "app-1", "currentSyncTime": "20261128200000000",
        "flag": flag, "testFlag": 1, "timeStamp": "20261128200000000",
        "userList": [
            {"userName": "amy", "name": "Amy", "orgCode": "o-1", "role": "admin", "enable": "true"},
            {"userName": "bo", "name": "Bo", "orgCode": "o-1", "role": "user", "enable": "true"}
        ]})
    };
    for flag in [1, 1, 0, 0] {
        let answer = f.kit("correct", "authSync", &users(flag)).await;
        assert_eq!(code(&answer), "000000", "flag {flag}: {answer}");
    }
    assert_eq!(f.effects("correct", "kitAdd").await, 2, "two users added once");
    assert_eq!(f.effects("correct", "kitDelete").await, 2, "and deleted once");
    let never_added = json!({"instanceId": "nowhere", "tenantId": "t-0", "orgCode": "o-1", "orgName": "Ops",
                             "flag": 0, "testFlag": 1, "timeStamp": "20261128200000000"});
    assert_eq!(code(&f.kit("correct", "singleOrgSync", &never_added).await), "000000");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_full_org_sync_replaces_the_tree_and_accepts_the_list_as_a_json_string() {
    let f = start().await;
    let single = json!({"instanceId": "i-1", "tenantId": "t-1", "orgCode": "old", "orgName": "Old",
                        "flag": 1, "testFlag": 1, "timeStamp": "20261128200000000"});
    assert_eq!(code(&f.kit("correct", "singleOrgSync", &single).await), "000000");
    let full = json!({"instanceId": "i-1", "tenantId": "t-1", "testFlag": "1", "timeStamp": "20261128200000000",
                      "orgInfoList": r#"[{"orgCode":"hq","orgName":"HQ"},{"orgCode":"ops","orgName":"Ops","parentCode":"hq"}]"#});
    assert_eq!(code(&f.kit("correct", "allOrgSync", &full).await), "000000");
    let orgs = &f.state("correct").await["kit"]["orgs"];
    let codes: Vec<&String> = orgs.as_object().unwrap().keys().collect();
    assert_eq!(codes, ["i-1/t-1/hq", "i-1/t-1/ops"]);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_kit_sync_with_a_missing_field_or_an_unknown_flag_is_000002() {
    let f = start().await;
    let mut no_domain = tenant(1);
    no_domain.as_object_mut().unwrap().remove("domainName");
    let answer = f.kit("correct", "tenantSync", &no_domain).await;
    assert_eq!(code(&answer), "000002");
    assert!(answer["resultMsg"].as_str().unwrap().contains("domainName"), "{answer}");
    assert_eq!(code(&f.kit("correct", "tenantSync", &tenant(7)).await), "000002");
    assert_eq!(
        code(&f.kit("correct", "orgSync", &tenant(1)).await),
        "000002",
        "no such sync"
    );
    f.sandbox.stop().await;
}
