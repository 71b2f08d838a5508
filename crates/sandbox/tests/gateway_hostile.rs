//! The gateway under hostile requests: a body hash the signature does not cover, bodies
//! of every size, headers that are not readable text. Each answer must be the gateway's
//! own `{error_code, error_msg, request_id}` and say what was wrong.

mod common;

use common::{start, Fixture, AK, SK};
use gallerist_domain::{apig, Clock};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::time::Duration;

const REVIEW: &str = "/_sandbox/v1/review";
const MB: usize = 1024 * 1024;

/// The shared sandbox fixture (its keys are `common::AK` / `common::SK`).
type Gate = Fixture;

/// What a signer puts on a request: the headers it signed (lower-case names) and the
/// Authorization over them, with `payload_hash` as the canonical request's last line.
fn signed_headers(g: &Gate, method: &str, path: &str, extra: &[(&str, &str)], payload_hash: &str) -> HeaderMap {
    let date = apig::sdk_date(g.clock.now());
    let mut signed: Vec<(String, String)> = vec![
        ("content-type".into(), "application/json".into()),
        ("host".into(), g.sandbox.addr().to_string()),
        ("x-sdk-date".into(), date.clone()),
    ];
    signed.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let parts = apig::RequestParts {
        method,
        raw_path: path,
        raw_query: None,
        signed_headers: signed.clone(),
        payload_hash: payload_hash.into(),
    };
    let auth = apig::sign(AK, SK, &date, &parts).authorization;
    let mut headers = HeaderMap::new();
    for (k, v) in signed.iter().filter(|(k, _)| k != "host") {
        headers.insert(
            HeaderName::try_from(k.as_str()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    headers.insert("authorization", HeaderValue::from_str(&auth).unwrap());
    headers
}

async fn send(g: &Gate, method: &str, path: &str, headers: HeaderMap, body: Vec<u8>) -> (u16, String, Value) {
    let response = reqwest::Client::new()
        .request(method.parse().unwrap(), format!("{}{path}", g.sandbox.url()))
        .headers(headers)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, content_type, body)
}

async fn review_delay(g: &Gate) -> Value {
    let headers = signed_headers(g, "GET", REVIEW, &[], &apig::payload_hash(b""));
    send(g, "GET", REVIEW, headers, Vec::new()).await.2["delay_s"].clone()
}

fn assert_gateway_refusal(status: u16, body: &Value, want: (u16, &str), words: &str) {
    assert_eq!(
        (status, body["error_code"].as_str()),
        (want.0, Some(want.1)),
        "refused in the gateway's shape: {body}"
    );
    let msg = body["error_msg"].as_str().unwrap_or_default();
    assert!(msg.contains(words), "the refusal says «{words}»: {msg}");
    assert_eq!(body["request_id"].as_str().map(str::len), Some(32), "{body}");
}

#[tokio::test]
async fn a_body_hash_outside_the_signature_cannot_carry_another_body() {
    let g = start().await;
    let before = review_delay(&g).await;
    // Signed for an empty body; the forged header claims the empty body's hash too.
    let empty = apig::payload_hash(b"");
    let mut headers = signed_headers(&g, "PUT", REVIEW, &[], &empty);
    headers.insert("x-sdk-content-sha256", HeaderValue::from_str(&empty).unwrap());
    let forged = json!({ "delay_s": 7 }).to_string().into_bytes();
    let (status, _, body) = send(&g, "PUT", REVIEW, headers, forged).await;
    assert_gateway_refusal(status, &body, (401, "APIGW.0301"), "verify aksk signature fail");
    assert_eq!(review_delay(&g).await, before, "the forged body changed nothing");
    g.sandbox.stop().await;
}

#[tokio::test]
async fn a_signed_body_hash_must_be_the_hash_of_the_body_received() {
    let g = start().await;
    let body = json!({ "delay_s": 7 }).to_string().into_bytes();
    let real = apig::payload_hash(&body);
    let empty = apig::payload_hash(b"");

    // Signed, but naming another body.
    let mut headers = signed_headers(&g, "PUT", REVIEW, &[("x-sdk-content-sha256", &empty)], &empty);
    headers.insert("x-sdk-content-sha256", HeaderValue::from_str(&empty).unwrap());
    let (status, _, answer) = send(&g, "PUT", REVIEW, headers, body.clone()).await;
    assert_gateway_refusal(status, &answer, (401, "APIGW.0301"), "X-Sdk-Content-Sha256");
    assert!(answer["error_msg"].as_str().unwrap().contains(&real), "{answer}");

    // The reference names no UNSIGNED-PAYLOAD for the AK/SK gateway: refused.
    let mut headers = signed_headers(
        &g,
        "PUT",
        REVIEW,
        &[("x-sdk-content-sha256", "UNSIGNED-PAYLOAD")],
        "UNSIGNED-PAYLOAD",
    );
    headers.insert("x-sdk-content-sha256", HeaderValue::from_static("UNSIGNED-PAYLOAD"));
    let (status, _, answer) = send(&g, "PUT", REVIEW, headers, body.clone()).await;
    assert_gateway_refusal(status, &answer, (401, "APIGW.0301"), "X-Sdk-Content-Sha256");
    assert_eq!(review_delay(&g).await, json!(30), "nothing was applied");

    // Signed and true: accepted.
    let mut headers = signed_headers(&g, "PUT", REVIEW, &[("x-sdk-content-sha256", &real)], &real);
    headers.insert("x-sdk-content-sha256", HeaderValue::from_str(&real).unwrap());
    let (status, _, answer) = send(&g, "PUT", REVIEW, headers, body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(review_delay(&g).await, json!(7));
    g.sandbox.stop().await;
}

#[tokio::test]
async fn bodies_up_to_twelve_mb_reach_the_api_and_larger_ones_get_apigw_0201() {
    let g = start().await;
    // 3 MB: more than axum's default 2 MB, well inside the gateway's 12 MB.
    let mut body = json!({ "delay_s": 9, "note": "x".repeat(3 * MB) })
        .to_string()
        .into_bytes();
    let headers = signed_headers(&g, "PUT", REVIEW, &[], &apig::payload_hash(&body));
    let (status, content_type, answer) = send(&g, "PUT", REVIEW, headers, body.clone()).await;
    assert_eq!(status, 200, "a 3 MB body passes the gateway: {content_type} {answer}");
    assert_eq!(review_delay(&g).await, json!(9));

    // 12 MB and one byte, sent in full.
    body.resize(12 * MB + 1, b' ');
    let headers = signed_headers(&g, "PUT", REVIEW, &[], &apig::payload_hash(&body));
    let (status, content_type, answer) = send(&g, "PUT", REVIEW, headers, body).await;
    assert!(content_type.starts_with("application/json"), "{content_type}");
    assert_gateway_refusal(status, &answer, (413, "APIGW.0201"), "12 MB");
    g.sandbox.stop().await;
}

/// A raw request whose Content-Length promises more than the gateway takes, with no
/// body behind it: the gateway must answer from the header, not wait for the bytes.
#[tokio::test]
async fn a_declared_length_over_twelve_mb_is_refused_before_reading_the_body() {
    let g = start().await;
    let addr = g.sandbox.addr();
    let raw = tokio::task::spawn_blocking(move || {
        let mut tcp = std::net::TcpStream::connect(addr).unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let head = format!(
            "PUT {REVIEW} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            13 * MB
        );
        tcp.write_all(head.as_bytes()).unwrap();
        let mut answer = Vec::new();
        let _ = tcp.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    })
    .await
    .unwrap();
    assert!(raw.starts_with("HTTP/1.1 413"), "answered at once with 413: {raw:?}");
    let body: Value = serde_json::from_str(raw.split("\r\n\r\n").nth(1).unwrap_or("")).unwrap_or(Value::Null);
    assert_gateway_refusal(413, &body, (413, "APIGW.0201"), "more than 12 MB (12,582,912 bytes)");
    g.sandbox.stop().await;
}

#[tokio::test]
async fn authorization_and_date_that_are_not_text_are_named_as_such_not_missing() {
    let g = start().await;
    let path = "/_sandbox/v1/faults";
    let mut headers = signed_headers(&g, "GET", path, &[], &apig::payload_hash(b""));
    headers.insert(
        "authorization",
        HeaderValue::from_bytes("SDK-HMAC-SHA256 Access=ÄK, SignedHeaders=x-sdk-date, Signature=00".as_bytes())
            .unwrap(),
    );
    let (status, _, body) = send(&g, "GET", path, headers, Vec::new()).await;
    assert_gateway_refusal(
        status,
        &body,
        (401, "APIGW.0301"),
        "Authorization header is not readable text",
    );
    assert!(!body["error_msg"].as_str().unwrap().contains("missing"), "{body}");

    let mut headers = signed_headers(&g, "GET", path, &[], &apig::payload_hash(b""));
    headers.insert(
        "x-sdk-date",
        HeaderValue::from_bytes("２0261128T120000Z".as_bytes()).unwrap(),
    );
    let (status, _, body) = send(&g, "GET", path, headers, Vec::new()).await;
    assert_gateway_refusal(
        status,
        &body,
        (401, "APIGW.0301"),
        "X-Sdk-Date header is not readable text",
    );
    assert!(!body["error_msg"].as_str().unwrap().contains("missing"), "{body}");
    g.sandbox.stop().await;
}
