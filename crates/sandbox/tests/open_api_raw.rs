//! Usage push, License and upload as the sandbox receives them from a raw client
//! (the test's own signer, not Gallerist's): the body signature, lengths, counts and
//! form parts are checked on arrival and refused with the documented code and status.

mod common;

use common::{start, Fixture, AK, SK};
use gallerist_domain::open_api_wire::license::{ACTIVATE_PATH, HEARTBEAT_PATH};
use gallerist_domain::open_api_wire::usage::{self, USAGE_PUSH_PATH};
use gallerist_domain::{apig, Clock};
use gallerist_sandbox::open_api_usage::USAGE_INSTANCES;
use gallerist_sandbox::seller::DEMO_ACCESS_KEY;
use serde_json::{json, Value};

/// POSTs `body` signed with the sandbox's AK/SK under `content_type`; extra headers
/// are sent but not APIG-signed (only X-Sdk-Date must be).
async fn post(f: &Fixture, path: &str, content_type: &str, body: Vec<u8>, extra: &[(&str, String)]) -> (u16, Value) {
    let date = apig::sdk_date(f.clock.now());
    let host = f.sandbox.addr().to_string();
    let parts = apig::RequestParts {
        method: "POST",
        raw_path: path,
        raw_query: None,
        signed_headers: vec![
            ("content-type".into(), content_type.into()),
            ("host".into(), host.clone()),
            ("x-sdk-date".into(), date.clone()),
        ],
        payload_hash: apig::payload_hash(&body),
    };
    let signed = apig::sign(AK, SK, &date, &parts);
    let mut request = reqwest::Client::new()
        .post(format!("http://{host}{path}"))
        .header("content-type", content_type)
        .header("x-sdk-date", date)
        .header("authorization", signed.authorization)
        .body(body);
    for (name, value) in extra {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn record(sn: &str) -> Value {
    json!({
        "instance_id": USAGE_INSTANCES[1],
        "record_time": "20261128T110000Z",
        "begin_time": "20261128T100000Z",
        "end_time": "20261128T110000Z",
        "usage_value": "3",
        "metering_sn": sn,
    })
}

/// A usage push whose body signature covers `signed` but whose body is `sent`.
async fn push_signed_over(f: &Fixture, signed: &Value, sent: &Value) -> (u16, Value) {
    let ts = f.clock.now().timestamp_millis().to_string();
    let signature = usage::body_signature(DEMO_ACCESS_KEY, &ts, "raw-nonce", &usage::canonical_body(signed));
    let headers = [("signature", signature), ("ts", ts), ("nonce", "raw-nonce".to_string())];
    post(
        f,
        USAGE_PUSH_PATH,
        "application/json",
        sent.to_string().into_bytes(),
        &headers,
    )
    .await
}

async fn push(f: &Fixture, body: &Value) -> (u16, Value) {
    push_signed_over(f, body, body).await
}

#[tokio::test]
async fn a_raw_push_signed_as_documented_is_accepted_and_a_changed_body_is_mkt_0102() {
    let f = start().await;
    let body = json!({ "usage_records": [record("raw-1")] });
    let (status, answer) = push(&f, &body).await;
    assert_eq!(
        (status, answer["error_code"].as_str()),
        (200, Some("MKT.0000")),
        "{answer}"
    );
    let mut changed = body.clone();
    changed["usage_records"][0]["usage_value"] = "3000".into();
    let (status, answer) = push_signed_over(&f, &body, &changed).await;
    assert_eq!(
        (status, answer["error_code"].as_str()),
        (400, Some("MKT.0102")),
        "{answer}"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn an_over_long_field_sent_raw_is_refused_by_the_sandbox_naming_it() {
    let f = start().await;
    let mut long = record("raw-1");
    long["instance_id"] = "i".repeat(65).into();
    let (status, answer) = push(&f, &json!({ "usage_records": [long] })).await;
    assert_eq!(
        (status, answer["error_code"].as_str()),
        (500, Some("MKT.0100")),
        "MKT.0100 is documented as a 500"
    );
    assert!(answer["error_msg"]
        .as_str()
        .unwrap()
        .contains("usage_records[0].instance_id is 65 characters"));
    let (status, answer) = post(
        &f,
        ACTIVATE_PATH,
        "application/json",
        json!({"license": "L".repeat(65)}).to_string().into_bytes(),
        &[],
    )
    .await;
    assert_eq!(
        (status, answer["error_code"].as_str()),
        (400, Some("92020002")),
        "{answer}"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn too_many_records_missing_headers_and_old_usage_get_their_documented_codes() {
    let f = start().await;
    let many: Vec<Value> = (0..1001).map(|i| record(&format!("raw-{i}"))).collect();
    let (status, answer) = push(&f, &json!({ "usage_records": many })).await;
    assert_eq!((status, answer["error_code"].as_str()), (500, Some("MKT.9003")));
    let body = json!({ "usage_records": [record("raw-1")] }).to_string().into_bytes();
    let (status, answer) = post(&f, USAGE_PUSH_PATH, "application/json", body, &[]).await;
    assert_eq!(
        (status, answer["error_code"].as_str()),
        (400, Some("MKT.0101")),
        "{answer}"
    );
    assert!(answer["error_msg"].as_str().unwrap().contains("signature"));
    let mut old = record("raw-2");
    old["begin_time"] = "20261106T100000Z".into();
    let (_, answer) = push(&f, &json!({ "usage_records": [old] })).await;
    assert_eq!(answer["error_code"], "MKT.9004", "22 days before the sandbox's clock");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_heartbeat_for_a_code_nobody_issued_is_92020005_with_http_200() {
    let f = start().await;
    let body = json!({"license": "NOPE", "heartbeatInfo": {"ip": "10.0.0.1"}})
        .to_string()
        .into_bytes();
    let (status, answer) = post(&f, HEARTBEAT_PATH, "application/json", body, &[]).await;
    assert_eq!((status, answer["error_code"].as_str()), (200, Some("92020005")));
    f.sandbox.stop().await;
}

fn form(boundary: &str, request: &Value, file: Option<&[u8]>) -> Vec<u8> {
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"isvUpdateFileReq\"\r\n\r\n{request}\r\n")
            .into_bytes();
    if let Some(bytes) = file {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n").bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").bytes());
    body
}

async fn upload(f: &Fixture, event: &str, request: Value, file: Option<&[u8]>) -> (u16, Value) {
    let path = format!("/api/mkp-openapi-public/global/v1/market-event/{event}/file");
    let body = form("b0undary", &request, file);
    post(f, &path, "multipart/form-data; boundary=b0undary", body, &[]).await
}

#[tokio::test]
async fn an_upload_is_checked_part_by_part_on_arrival() {
    let f = start().await;
    let sha = gallerist_domain::open_api_wire::upload::sha256_hex(b"abc");
    let ok = json!({"type": "FILE", "file_name": "f", "sha256": sha.to_uppercase()});
    let (status, answer) = upload(&f, "EV-1", ok.clone(), Some(b"abc")).await;
    assert_eq!(
        (status, answer["error_code"].as_str()),
        (200, Some("MKT.0000")),
        "{answer}"
    );
    let (_, answer) = upload(&f, "EV-1", ok.clone(), Some(b"abd")).await;
    assert_eq!(
        answer["error_code"], "MKT.0100",
        "a file that does not match its sha256: {answer}"
    );
    let (_, answer) = upload(&f, "EV-1", ok, None).await;
    assert_eq!(answer["error_code"], "MKT.0101", "FILE without its file part");
    let long = json!({"type": "CHARACTERS", "characters": "x".repeat(1025)});
    let (status, answer) = upload(&f, "EV-1", long, None).await;
    assert_eq!((status, answer["error_code"].as_str()), (500, Some("MKT.0100")));
    let (_, answer) = upload(
        &f,
        &"e".repeat(65),
        json!({"type": "CHARACTERS", "characters": "x"}),
        None,
    )
    .await;
    assert!(
        answer["error_msg"].as_str().unwrap().starts_with("event_id is 65"),
        "{answer}"
    );
    let body = json!({"type": "CHARACTERS"}).to_string().into_bytes();
    let path = "/api/mkp-openapi-public/global/v1/market-event/EV-1/file";
    let (_, answer) = post(&f, path, "application/json", body, &[]).await;
    assert_eq!(answer["error_code"], "MKT.0101", "a JSON body is not a form");
    f.sandbox.stop().await;
}
