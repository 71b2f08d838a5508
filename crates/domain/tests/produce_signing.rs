//! V2 base and Kit signatures against the reference vectors (koogallery-apis.md §5.2,
//! §7.1). The reference computed these vectors itself from the documented algorithm
//! ([SELF-COMPUTED]), so the tests carrying them say `self_computed` in their names.

use gallerist_domain::produce::{kit, v2};
use serde_json::json;

const KEY: &str = "test-access-key-123";
const NONCE: &str = "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA";
const TS: &str = "1680508066618";
const CREATE_BODY: &str = r#"{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}"#;
const V2_SIGNATURE: &str = "62E90CD8E07B3F168F232D9099789AAB7BA6ECCE7D5977652F689BEC1B64D13F";
const KIT_PAYLOAD: &str = r#"{"domainName":"https://example.tenantaccount.com","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","tenantId":"68cbc86abc","testFlag":0,"timeStamp":"20220413093539534"}"#;
const KIT_SIGNATURE: &str = "767D7E86A19A52E91B229E5B0F28F3A5C32BD5145B525B4DA502C231E0C3B8C4";

#[test]
fn v2_create_vector_self_computed_gives_the_reference_inner_digest_and_signature() {
    assert_eq!(
        v2::inner(KEY, CREATE_BODY),
        "285908bb4967f74e31d81e4e6535e080bd5044f4371d9256c58670d2b69a67a9"
    );
    assert_eq!(v2::sign(KEY, NONCE, TS, CREATE_BODY), V2_SIGNATURE);
    assert!(v2::verify(KEY, NONCE, TS, CREATE_BODY, V2_SIGNATURE));
}

#[test]
fn v2_payload_of_an_unsorted_body_with_nulls_is_the_signed_vector_self_computed() {
    let body = json!({
        "testFlag": "1",
        "orderLineId": "CS2211181819B4LVS-000001",
        "extra": null,
        "orderId": "CS2211181819B4LVS",
        "businessId": "87b94795-0603-4e24-8ae5-69420d60e3c8",
        "activity": "newInstance",
    });
    assert_eq!(v2::payload(&body), CREATE_BODY);
}

#[test]
fn v2_payload_keeps_nested_objects_and_writes_non_ascii_and_slashes_as_they_are() {
    let body = json!({
        "productInfo": {"productId": "p/1", "skuCode": "s"},
        "activity": "changeInstanceCheck",
        "memo": "云商店",
    });
    assert_eq!(
        v2::payload(&body),
        r#"{"activity":"changeInstanceCheck","memo":"云商店","productInfo":{"productId":"p/1","skuCode":"s"}}"#
    );
}

#[test]
fn v2_accepts_lower_case_hex_as_well_as_upper_case() {
    assert!(v2::verify(KEY, NONCE, TS, CREATE_BODY, &V2_SIGNATURE.to_lowercase()));
}

#[test]
fn v2_refuses_a_changed_byte_anywhere() {
    let mut body = CREATE_BODY.to_string();
    body.replace_range(30..31, "X");
    assert!(!v2::verify(KEY, NONCE, TS, &body, V2_SIGNATURE), "changed payload");
    assert!(
        !v2::verify(KEY, NONCE, "1680508066619", CREATE_BODY, V2_SIGNATURE),
        "changed timestamp"
    );
    assert!(
        !v2::verify(KEY, &NONCE.replace('5', "6"), TS, CREATE_BODY, V2_SIGNATURE),
        "changed nonce"
    );
    assert!(
        !v2::verify("test-access-key-124", NONCE, TS, CREATE_BODY, V2_SIGNATURE),
        "other key"
    );
    let mut signature = V2_SIGNATURE.to_string();
    signature.replace_range(0..1, "7");
    assert!(
        !v2::verify(KEY, NONCE, TS, CREATE_BODY, &signature),
        "changed signature"
    );
    assert!(!v2::verify(KEY, NONCE, TS, CREATE_BODY, "not hex"), "garbage signature");
    assert!(!v2::verify(KEY, NONCE, TS, CREATE_BODY, ""), "empty signature");
}

#[test]
fn kit_tenant_sync_vector_self_computed_gives_the_reference_x_sign() {
    assert_eq!(kit::sign(KEY, NONCE, TS, KIT_PAYLOAD), KIT_SIGNATURE);
    assert!(kit::verify(KEY, NONCE, TS, KIT_PAYLOAD, KIT_SIGNATURE));
    assert!(kit::verify(KEY, NONCE, TS, KIT_PAYLOAD, &KIT_SIGNATURE.to_lowercase()));
}

#[test]
fn kit_body_as_sent_unsorted_re_sorts_to_the_signed_payload_self_computed() {
    let wire = r#"{"tenantId":"68cbc86abc","tenantCode":"huawei","name":"huaiweitest","domainName":"https://example.tenantaccount.com","flag":1,"testFlag":0,"instanceId":"huaiweitest123456","orderId":"CS1906666666ABCDE","timeStamp":"20220413093539534"}"#;
    let body: serde_json::Value = serde_json::from_str(wire).unwrap();
    assert_eq!(v2::payload(&body), KIT_PAYLOAD, "numbers stay numbers");
}

#[test]
fn kit_refuses_a_changed_byte_and_differs_from_the_v2_scheme() {
    let changed = KIT_PAYLOAD.replace("\"flag\":1", "\"flag\":0");
    assert!(!kit::verify(KEY, NONCE, TS, &changed, KIT_SIGNATURE));
    assert_ne!(
        kit::sign(KEY, NONCE, TS, KIT_PAYLOAD),
        v2::sign(KEY, NONCE, TS, KIT_PAYLOAD),
        "Kit has no inner digest"
    );
}
