use super::*;

fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

const EMPTY_SHA: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[test]
fn reproduces_huaweis_official_signing_guide_vector_byte_for_byte() {
    let parts = RequestParts {
        method: "GET",
        raw_path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
        raw_query: Some("limit=2&marker=13551d6b-755d-4757-b956-536f674975c0"),
        signed_headers: headers(&[
            ("Content-Type", "application/json"),
            ("Host", "service.region.example.com"),
            ("X-Sdk-Date", "20191115T033655Z"),
        ]),
        payload_hash: payload_hash(b""),
    };
    let expected_cr = "GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\ncontent-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\ncontent-type;host;x-sdk-date\n".to_string() + EMPTY_SHA;
    let signed = sign(
        "QTWAOYTTINDUT2QVKYUC",
        "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
        "20191115T033655Z",
        &parts,
    );
    assert_eq!(
        signed.canonical_request, expected_cr,
        "canonical request must match the guide exactly"
    );
    assert_eq!(
        hex::encode(Sha256::digest(signed.canonical_request.as_bytes())),
        "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
        "hash of the canonical request must match the guide"
    );
    assert_eq!(
        signed.authorization,
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
        "Authorization header must match the guide"
    );
}

#[test]
fn reproduces_the_koogallery_host_vector() {
    let parts = RequestParts {
        method: "POST",
        raw_path: "/api/mkp-openapi-public/global/v1/license/activate",
        raw_query: None,
        signed_headers: headers(&[
            ("x-stage", "RELEASE"),
            ("X-Sdk-Date", "20240317T144237Z"),
            ("Content-Type", "application/json"),
            ("Host", "mkt.myhuaweicloud.com"),
        ]),
        payload_hash: payload_hash(b""),
    };
    let signed = sign("test", "123", "20240317T144237Z", &parts);
    assert_eq!(
        hex::encode(Sha256::digest(signed.canonical_request.as_bytes())),
        "9a33b07351104f6c775075faa7dc0db58ec18bc532feaa8fd0b8fcf7990b1a9e",
        "canonical request hash for the KooGallery host vector"
    );
    assert_eq!(
        signed.signature,
        "77595ad624b6e4e49990b8c4e84bf1c287457fca61069c4e60b9b6765b52053d"
    );
    assert!(signed
        .authorization
        .contains("SignedHeaders=content-type;host;x-sdk-date;x-stage"));
}

#[test]
fn sorts_query_parameters_for_the_order_query_vector() {
    let parts = RequestParts {
        method: "GET",
        raw_path: "/api/mkp-openapi-public/global/v1/order/query",
        raw_query: Some("orderLineId=MOCKPERIODYEARNEW-000001&orderId=MOCKPERIODYEARNEW"),
        signed_headers: headers(&[
            ("Content-Type", "application/json"),
            ("Host", "mkt.myhuaweicloud.com"),
            ("X-Sdk-Date", "20240101T000000Z"),
        ]),
        payload_hash: payload_hash(b""),
    };
    let signed = sign("TESTAK", "TESTSK", "20240101T000000Z", &parts);
    assert_eq!(
        hex::encode(Sha256::digest(signed.canonical_request.as_bytes())),
        "67851d032ff0f15d1b6a2e6207f355a6e49cbe3ecbe346655e7e72592cb64971"
    );
    assert_eq!(
        signed.signature,
        "5c3c371c2bf9ba023d303a70ba22efb906a8752f53593343be8084fb05fd9f1a"
    );
}

#[test]
fn canonicalises_paths_and_queries_the_way_the_gateway_does() {
    assert_eq!(canonical_uri(""), "/", "an empty path is the root");
    assert_eq!(
        canonical_uri("/a b/c"),
        "/a%20b/c/",
        "spaces are encoded and a slash appended"
    );
    assert_eq!(
        canonical_uri("/a%20b/"),
        "/a%20b/",
        "already-encoded segments are not double-encoded"
    );
    assert_eq!(canonical_uri("/x~y"), "/x~y/", "tilde stays raw");
    assert_eq!(
        canonical_query(Some("b=2&a=1&a=0")),
        "a=0&a=1&b=2",
        "names then values sorted"
    );
    assert_eq!(
        canonical_query(Some("q=%E4%BA%91&flag")),
        "flag=&q=%E4%BA%91",
        "bare keys get empty values"
    );
    assert_eq!(canonical_query(None), "");
}

#[test]
fn parses_an_authorization_header_and_rejects_others() {
    let a = parse_authorization("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=abc").unwrap();
    assert_eq!(a.access_key, "AK1");
    assert_eq!(a.signed_headers, vec!["host", "x-sdk-date"]);
    assert_eq!(a.signature, "abc");
    assert_eq!(parse_authorization("Bearer x"), Err(AuthorizationError::Algorithm));
    assert_eq!(
        parse_authorization("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host"),
        Err(AuthorizationError::Missing("Signature"))
    );
}

#[test]
fn round_trips_the_sdk_date_format() {
    let at = parse_sdk_date("20191115T033655Z").expect("the guide's date parses");
    assert_eq!(sdk_date(at), "20191115T033655Z");
    assert!(
        parse_sdk_date("2019-11-15T03:36:55Z").is_none(),
        "ISO dates are not the SDK format"
    );
    assert!(signatures_match("abcd", "abcd") && !signatures_match("abcd", "abce") && !signatures_match("ab", "abc"));
}
