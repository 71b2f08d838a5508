//! The sandbox behaves like API Gateway in front of the order query.

use chrono::{Duration, TimeZone, Utc};
use gallerist_domain::{apig, FixedClock, SystemClock};
use gallerist_sandbox::{Sandbox, SandboxConfig, SandboxError};
use serde_json::Value;
use std::sync::Arc;

const AK: &str = "SANDBOXAK";
const SK: &str = "sandbox-secret";

async fn start(clock: Arc<dyn gallerist_domain::Clock>) -> Sandbox {
    let config = SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: AK.into(),
        secret_key: SK.into(),
        data: None,
        clock,
    };
    Sandbox::start(config).await.expect("sandbox starts on a free port")
}

/// Signs with the domain signer (itself pinned to Huawei's vectors) at `date`.
async fn get(sandbox: &Sandbox, path_and_query: &str, sk: &str, date: chrono::DateTime<Utc>) -> (u16, Value) {
    let host = sandbox.addr().to_string();
    let (path, query) = path_and_query
        .split_once('?')
        .map_or((path_and_query, None), |(p, q)| (p, Some(q)));
    let sdk_date = apig::sdk_date(date);
    let parts = apig::RequestParts {
        method: "GET",
        raw_path: path,
        raw_query: query,
        signed_headers: vec![
            ("content-type".into(), "application/json".into()),
            ("host".into(), host.clone()),
            ("x-sdk-date".into(), sdk_date.clone()),
        ],
        payload_hash: apig::payload_hash(b""),
    };
    let signed = apig::sign(AK, sk, &sdk_date, &parts);
    let response = reqwest::Client::new()
        .get(format!("http://{host}{path_and_query}"))
        .header("content-type", "application/json")
        .header("x-sdk-date", sdk_date)
        .header("authorization", signed.authorization)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

const Q: &str = "/api/mkp-openapi-public/global/v1/order/query";

#[tokio::test]
async fn serves_each_documented_mock_order_to_a_signed_request() {
    let sandbox = start(Arc::new(SystemClock)).await;
    for id in gallerist_domain::mock_orders::MOCK_ORDER_IDS {
        let (status, body) = get(&sandbox, &format!("{Q}?orderId={id}"), SK, Utc::now()).await;
        assert_eq!(status, 200, "{id} should be served: {body}");
        assert_eq!(body["resultCode"], "MKT.0000");
        assert_eq!(body["orderInfo"]["orderLine"][0]["orderLineId"], format!("{id}-000001"));
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn a_wrong_secret_gets_apigw_0301_with_the_canonical_request_echoed() {
    let sandbox = start(Arc::new(SystemClock)).await;
    let (status, body) = get(
        &sandbox,
        &format!("{Q}?orderId=MOCKONDEMAND"),
        "not-the-secret",
        Utc::now(),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["error_code"], "APIGW.0301");
    let msg = body["error_msg"].as_str().unwrap();
    assert!(
        msg.contains("canonicalRequest:GET|/api/mkp-openapi-public/global/v1/order/query/|orderId=MOCKONDEMAND|"),
        "the gateway echoes its canonical request with | for newlines: {msg}"
    );
    assert!(
        body["request_id"].as_str().is_some_and(|r| r.len() == 32),
        "a request id is given for support"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn the_clock_window_is_fifteen_minutes_either_way() {
    let gateway_now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let sandbox = start(Arc::new(FixedClock::new(gateway_now))).await;
    let path = format!("{Q}?orderId=MOCKONETIMENEW");
    for minutes in [-15, 15, 0] {
        let (status, _) = get(&sandbox, &path, SK, gateway_now + Duration::minutes(minutes)).await;
        assert_eq!(status, 200, "{minutes} minutes of skew is within the window");
    }
    for seconds in [-(15 * 60 + 1), 15 * 60 + 1] {
        let (status, body) = get(&sandbox, &path, SK, gateway_now + Duration::seconds(seconds)).await;
        assert_eq!(
            (status, body["error_code"].as_str()),
            (401, Some("APIGW.0301")),
            "{seconds}s of skew is refused"
        );
        assert!(
            body["error_msg"].as_str().unwrap().contains("at most 15 minutes"),
            "{body}"
        );
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn unsigned_unknown_and_malformed_requests_get_the_documented_errors() {
    let sandbox = start(Arc::new(SystemClock)).await;
    let base = sandbox.url();
    let r = reqwest::get(format!("{base}{Q}?orderId=MOCKONDEMAND")).await.unwrap();
    assert_eq!(r.status().as_u16(), 401, "no Authorization header");
    assert_eq!(r.json::<Value>().await.unwrap()["error_code"], "APIGW.0301");
    let r = reqwest::get(format!("{base}/api/nothing/here")).await.unwrap();
    assert_eq!(r.status().as_u16(), 404);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error_code"],
        "APIGW.0101",
        "unknown API"
    );
    let (status, body) = get(&sandbox, Q, SK, Utc::now()).await;
    assert_eq!(
        (status, body["resultCode"].as_str()),
        (400, Some("MKT.0101")),
        "orderId is mandatory: {body}"
    );
    let (status, body) = get(&sandbox, &format!("{Q}?orderId=NOPE"), SK, Utc::now()).await;
    assert_eq!(
        (status, body["resultCode"].as_str()),
        (400, Some("MKT.0199")),
        "unknown order: {body}"
    );
    let (status, body) = get(
        &sandbox,
        &format!("{Q}?orderId=MOCKONDEMAND&orderLineId=MOCKONDEMAND-000001"),
        SK,
        Utc::now(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = get(
        &sandbox,
        &format!("{Q}?orderId=MOCKONDEMAND&orderLineId=OTHER-1"),
        SK,
        Utc::now(),
    )
    .await;
    assert_eq!(status, 400, "a line that is not part of the order is refused");
    sandbox.stop().await;
}

#[tokio::test]
async fn a_port_in_use_is_named_with_the_way_out() {
    let first = start(Arc::new(SystemClock)).await;
    let config = SandboxConfig {
        listen: first.addr(),
        access_key: AK.into(),
        secret_key: SK.into(),
        data: None,
        clock: Arc::new(SystemClock),
    };
    let err = Sandbox::start(config).await.err().expect("the port is taken");
    assert!(matches!(err, SandboxError::PortInUse { .. }), "{err}");
    assert!(
        err.to_string().contains("already in use") && err.to_string().contains("--listen"),
        "{err}"
    );
    first.stop().await;
}

#[tokio::test]
async fn orders_added_to_a_data_file_survive_a_restart_and_a_bad_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("sandbox.sqlite3");
    let config = || SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: AK.into(),
        secret_key: SK.into(),
        data: Some(data.clone()),
        clock: Arc::new(SystemClock),
    };
    let now = Utc::now();
    let orders = gallerist_domain::demo::demo_orders(
        &mut <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(9),
        now,
        1,
        gallerist_domain::Currency::Cny,
    );
    let sandbox = Sandbox::start(config()).await.unwrap();
    assert_eq!(sandbox.add_orders(&orders).unwrap(), orders.len());
    sandbox.stop().await;
    let sandbox = Sandbox::start(config()).await.unwrap();
    let (status, body) = get(&sandbox, &format!("{Q}?orderId={}", orders[0].order_id), SK, Utc::now()).await;
    assert_eq!(status, 200, "an order added before the restart is still served: {body}");
    sandbox.stop().await;

    let bad = dir.path().join("bad.sqlite3");
    std::fs::write(&bad, vec![7u8; 4096]).unwrap();
    let err = Sandbox::start(SandboxConfig {
        data: Some(bad.clone()),
        ..config()
    })
    .await
    .err()
    .expect("garbage data file");
    assert!(matches!(err, SandboxError::Data { .. }), "{err}");
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        vec![7u8; 4096],
        "the bad file is left as it was"
    );
}
