//! The Open API client against the sandbox on loopback and against hostile servers.

use chrono::{Duration, Utc};
use gallerist_domain::{Clock, Currency, FixedClock, SystemClock};
use gallerist_market::{http_client, Credentials, MarketError, OpenApi};
use gallerist_sandbox::{Sandbox, SandboxConfig};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn sandbox(clock: Arc<dyn Clock>) -> Sandbox {
    Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: "AK1".into(),
        secret_key: "SK1".into(),
        data: None,
        clock,
    })
    .await
    .unwrap()
}

fn client(base: &str, sk: &str, clock: Arc<dyn Clock>) -> OpenApi {
    OpenApi::new(
        http_client(),
        base,
        Credentials {
            access_key: "AK1".into(),
            secret_key: sk.into(),
        },
        clock,
    )
    .unwrap()
}

#[tokio::test]
async fn queries_a_mock_order_and_reads_its_quirky_fields() {
    let sb = sandbox(Arc::new(SystemClock)).await;
    let api = client(&sb.url(), "SK1", Arc::new(SystemClock));
    let (order, raw) = api
        .query_order("MOCKPERIODYEARNEW", None, Currency::Cny)
        .await
        .expect("signed query succeeds");
    assert_eq!(raw.status, 200);
    assert_eq!(
        order.lines[0].amount_after_discount.amount_string(),
        "100.00",
        "the string amount '100' is 100.00 CNY"
    );
    assert_eq!(order.lines[0].period_number, Some(1));
    assert_eq!(order.buyer.unwrap().email, None, "null email is tolerated");
    let (one_line, _) = api
        .query_order("MOCKONDEMAND", Some("MOCKONDEMAND-000001"), Currency::Cny)
        .await
        .unwrap();
    assert_eq!(one_line.lines.len(), 1);
    sb.stop().await;
}

#[tokio::test]
async fn a_wrong_secret_is_apigw_0301_and_skew_is_measured() {
    let sb = sandbox(Arc::new(FixedClock::new(Utc::now() + Duration::minutes(20)))).await;
    let err = client(&sb.url(), "wrong", Arc::new(SystemClock))
        .query_order("MOCKONDEMAND", None, Currency::Cny)
        .await
        .unwrap_err();
    match err {
        MarketError::Gateway {
            status,
            code,
            clock_offset_seconds,
            ..
        } => {
            assert_eq!((status, code.as_str()), (401, "APIGW.0301"));
            let offset = clock_offset_seconds.expect("the Date header gives the server's clock");
            assert!(
                (1190..=1210).contains(&offset),
                "a 20-minute skew is measured as ~1200 s, got {offset}"
            );
        }
        other => panic!("expected a gateway refusal, got {other:?}"),
    }
    sb.stop().await;
}

#[tokio::test]
async fn business_errors_keep_the_marketplace_code() {
    let sb = sandbox(Arc::new(SystemClock)).await;
    let err = client(&sb.url(), "SK1", Arc::new(SystemClock))
        .query_order("NO-SUCH-ORDER", None, Currency::Cny)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "MKT.0199", "{err}");
    assert_eq!(err.http_status(), Some(400));
    sb.stop().await;
}

#[tokio::test]
async fn an_unreachable_host_and_a_bad_url_are_named() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = client(&format!("http://127.0.0.1:{port}"), "SK1", Arc::new(SystemClock))
        .query_order("X", None, Currency::Cny)
        .await
        .unwrap_err();
    assert!(
        matches!(err, MarketError::Unreachable { .. }),
        "a closed port is unreachable: {err:?}"
    );
    assert!(OpenApi::new(
        http_client(),
        "ftp://x",
        Credentials {
            access_key: "a".into(),
            secret_key: "b".into()
        },
        Arc::new(SystemClock)
    )
    .is_err());
    let api = client("http://127.0.0.1:1", "s", Arc::new(SystemClock));
    assert!(api.resolve("relative/path").is_err(), "paths must start with /");
    assert_eq!(api.resolve("/a?b=1").unwrap().as_str(), "http://127.0.0.1:1/a?b=1");
}

/// Serves one canned HTTP answer to every connection.
async fn hostile(body: &'static str, status: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf).await;
            let reply = format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
            let _ = s.write_all(reply.as_bytes()).await;
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn hostile_answers_become_decode_errors_not_panics() {
    let cases = [
        (r#"{"resultCode":"MKT.0000","resultMsg":"ok"}"#, "200 OK", "decode"),
        (
            r#"{"resultCode":"MKT.0000","resultMsg":"ok","orderInfo":{"orderId":"X","orderType":"NEW","createTime":"bad","orderLine":[]}}"#,
            "200 OK",
            "decode",
        ),
        (r#"<html>gateway</html>"#, "200 OK", "decode"),
        (r#"<html>bad gateway</html>"#, "502 Bad Gateway", "HTTP.502"),
        (
            r#"{"error_code":"APIGW.0302","error_msg":"not allowed"}"#,
            "403 Forbidden",
            "APIGW.0302",
        ),
    ];
    for (body, status, code) in cases {
        let base = hostile(body, status).await;
        let err = client(&base, "s", Arc::new(SystemClock))
            .query_order("X", None, Currency::Cny)
            .await
            .unwrap_err();
        assert_eq!(
            err.code(),
            code,
            "{status} {body} should be classified as {code}: {err}"
        );
    }
}
