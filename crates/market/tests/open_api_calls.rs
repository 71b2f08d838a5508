//! Usage push, License activate/heartbeat and upload against the sandbox on loopback:
//! each succeeds, the marketplace's refusals keep their code and read in both
//! languages, and values outside the documented limits never leave the machine.

use chrono::{Duration, TimeZone, Utc};
use gallerist_domain::codes::Locale;
use gallerist_domain::open_api_wire::license::{Activate, Heartbeat, LicenseStatus};
use gallerist_domain::open_api_wire::usage::{UsagePush, UsageRecord};
use gallerist_domain::FixedClock;
use gallerist_market::{http_client, usage_nonce, CallError, Credentials, Gateway, OpenApi};
use gallerist_sandbox::open_api_license::{DEMO_LICENSES, UNDELIVERED_LICENSE};
use gallerist_sandbox::open_api_usage::USAGE_INSTANCES;
use gallerist_sandbox::seller::DEMO_ACCESS_KEY;
use gallerist_sandbox::{Sandbox, SandboxConfig};
use rand::rngs::StdRng;
use rand::SeedableRng;
use reqwest::Method;
use std::sync::Arc;
use std::time::Duration as StdDuration;

struct Fixture {
    sandbox: Sandbox,
    clock: Arc<FixedClock>,
    gateway: Gateway,
    inspector: OpenApi,
}

async fn start() -> Fixture {
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap()));
    let sandbox = Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: "AK1".into(),
        secret_key: "SK1".into(),
        data: None,
        clock: clock.clone(),
    })
    .await
    .unwrap();
    let creds = Credentials {
        access_key: "AK1".into(),
        secret_key: "SK1".into(),
    };
    let gateway = Gateway::new(http_client(), &sandbox.url(), creds.clone(), clock.clone()).unwrap();
    let inspector = OpenApi::new(http_client(), &sandbox.url(), creds, clock.clone()).unwrap();
    Fixture {
        sandbox,
        clock,
        gateway,
        inspector,
    }
}

fn record(sn: &str) -> UsageRecord {
    UsageRecord {
        instance_id: USAGE_INSTANCES[0].into(),
        record_time: "20260310T110000Z".into(),
        begin_time: "20260310T100000Z".into(),
        end_time: "20260310T110000Z".into(),
        usage_value: "12.5".into(),
        metering_sn: sn.into(),
        relate_pkg_instance: None,
    }
}

fn push(sns: &[&str]) -> UsagePush {
    UsagePush {
        usage_records: sns.iter().map(|sn| record(sn)).collect(),
    }
}

async fn received_usage(f: &Fixture) -> u64 {
    let raw = f
        .inspector
        .call(Method::GET, "/_sandbox/v1/usage-records", None)
        .await
        .unwrap();
    raw.body["count"].as_u64().expect("the sandbox lists what it received")
}

#[tokio::test]
async fn usage_is_pushed_and_a_repeated_record_id_is_not_counted_twice() {
    let f = start().await;
    let mut rng = StdRng::seed_from_u64(7);
    let first = f
        .gateway
        .push_usage(DEMO_ACCESS_KEY, &usage_nonce(&mut rng), &push(&["sn-1", "sn-2"]))
        .await
        .expect("a signed, well-formed push is accepted");
    assert_eq!(
        (first.status, first.body["error_code"].as_str()),
        (200, Some("MKT.0000"))
    );
    let again = f
        .gateway
        .push_usage(DEMO_ACCESS_KEY, &usage_nonce(&mut rng), &push(&["sn-2", "sn-3"]))
        .await
        .expect("a retried record is still a success");
    assert!(
        again.body["error_msg"].as_str().unwrap().contains("sn-2"),
        "{}",
        again.body
    );
    assert_eq!(received_usage(&f).await, 3, "sn-2 is counted once");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_wrong_body_signature_is_mkt_0102_and_reads_in_both_languages() {
    let f = start().await;
    let err = f
        .gateway
        .push_usage("not-the-bound-key", "nonce-1", &push(&["sn-1"]))
        .await
        .unwrap_err();
    assert!(err.was_sent());
    assert_eq!(err.code(), "MKT.0102", "{err}");
    assert!(matches!(&err, CallError::Market(m) if m.http_status() == Some(400)));
    assert!(err.explain(Locale::En).what.contains("body signature"));
    assert!(err.explain(Locale::ZhCn).what.contains("消息体签名"));
    assert!(err.explain(Locale::ZhCn).next_step.contains("密钥管理"));
    assert_eq!(received_usage(&f).await, 0);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn an_unknown_instance_and_usage_older_than_21_days_keep_their_codes() {
    let f = start().await;
    let mut unknown = push(&["sn-1"]);
    unknown.usage_records[0].instance_id = "no-such-instance".into();
    let err = f.gateway.push_usage(DEMO_ACCESS_KEY, "n1", &unknown).await.unwrap_err();
    assert_eq!((err.code(), err.was_sent()), ("MKT.9001", true));
    assert!(err.explain(Locale::ZhCn).what.contains("实例"));
    // 22 days on, the same records are too old: refused before sending, with the code
    // the marketplace would answer (the sandbox's own check is in its raw tests).
    f.clock.advance(Duration::days(22));
    let err = f
        .gateway
        .push_usage(DEMO_ACCESS_KEY, "n2", &push(&["sn-2"]))
        .await
        .unwrap_err();
    assert_eq!((err.code(), err.was_sent()), ("MKT.9004", false));
    f.sandbox.stop().await;
}

/// A listener that records whether anything connected.
async fn silent_listener() -> (String, tokio::net::TcpListener) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    (format!("http://{}", listener.local_addr().unwrap()), listener)
}

#[tokio::test]
async fn values_over_their_documented_limits_are_refused_before_anything_is_sent() {
    let (base, listener) = silent_listener().await;
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap()));
    let creds = Credentials {
        access_key: "AK1".into(),
        secret_key: "SK1".into(),
    };
    let gateway = Gateway::new(http_client(), &base, creds, clock).unwrap();

    let mut long = push(&["sn-1"]);
    long.usage_records[0].metering_sn = "s".repeat(65);
    let err = gateway.push_usage(DEMO_ACCESS_KEY, "n", &long).await.unwrap_err();
    assert_eq!((err.code(), err.was_sent()), ("MKT.0100", false), "{err}");
    assert!(err
        .explain(Locale::En)
        .what
        .contains("usage_records[0].metering_sn is 65 characters"));
    assert!(err.explain(Locale::ZhCn).what.starts_with("未发送"));

    let many: Vec<String> = (0..1001).map(|i| format!("sn-{i}")).collect();
    let many = push(&many.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        gateway
            .push_usage(DEMO_ACCESS_KEY, "n", &many)
            .await
            .unwrap_err()
            .code(),
        "MKT.9003"
    );
    let long_nonce = "n".repeat(65);
    assert_eq!(
        gateway
            .push_usage(DEMO_ACCESS_KEY, &long_nonce, &push(&["a"]))
            .await
            .unwrap_err()
            .code(),
        "MKT.0100"
    );

    let code = Activate {
        license: "L".repeat(65),
        real_effect_time: None,
    };
    assert_eq!(gateway.activate_license(&code).await.unwrap_err().code(), "92020002");
    let text = "字".repeat(1025);
    assert_eq!(
        gateway.upload_characters("EV-1", &text).await.unwrap_err().code(),
        "MKT.0100"
    );
    let event = "e".repeat(65);
    assert_eq!(
        gateway.upload_characters(&event, "x").await.unwrap_err().code(),
        "MKT.0100"
    );

    let connected = tokio::time::timeout(StdDuration::from_millis(300), listener.accept()).await;
    assert!(connected.is_err(), "no request was made for any of them");
}

#[tokio::test]
async fn a_license_activation_is_idempotent_and_the_heartbeat_reports_it() {
    let f = start().await;
    let code = DEMO_LICENSES[0];
    let before = f
        .gateway
        .license_heartbeat(&Heartbeat {
            license: code.into(),
            heartbeat_info: None,
        })
        .await
        .expect("a delivered code can be queried");
    assert_eq!(
        (before.0.status(), before.0.activate_time.as_deref()),
        (Some(LicenseStatus::Alive), None)
    );
    let activate = Activate {
        license: code.into(),
        real_effect_time: Some("20260311000000".into()),
    };
    let (first, raw) = f
        .gateway
        .activate_license(&activate)
        .await
        .expect("activation succeeds");
    assert_eq!(raw.body["error_code"], "92020000");
    let info = first.info().expect("license_code_info is a JSON string");
    assert_eq!(
        (info["activate_time"].as_str(), info["effect_time"].as_str()),
        (Some("20260310120000"), Some("20260311000000"))
    );
    f.clock.advance(Duration::hours(1));
    let (second, _) = f.gateway.activate_license(&activate).await.unwrap();
    assert_eq!(second, first, "a second activation answers the first one's facts");
    let (state, _) = f
        .gateway
        .license_heartbeat(&Heartbeat {
            license: code.into(),
            heartbeat_info: None,
        })
        .await
        .unwrap();
    assert_eq!(state.activate_time.as_deref(), Some("20260310120000"));
    f.sandbox.stop().await;
}

#[tokio::test]
async fn unknown_and_undelivered_license_codes_are_refusals_despite_http_200() {
    let f = start().await;
    let activate = |license: &str| Activate {
        license: license.into(),
        real_effect_time: None,
    };
    let err = f.gateway.activate_license(&activate("NO-SUCH-CODE")).await.unwrap_err();
    assert_eq!(err.code(), "92020005");
    assert!(matches!(&err, CallError::Market(m) if m.http_status() == Some(200)));
    assert_eq!(err.explain(Locale::En).what, "The license code does not exist.");
    assert_eq!(err.explain(Locale::ZhCn).what, "License 码不存在。");
    let err = f
        .gateway
        .activate_license(&activate(UNDELIVERED_LICENSE))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "92020004");
    assert!(err.explain(Locale::ZhCn).what.contains("尚未收到"));
    f.sandbox.stop().await;
}

#[tokio::test]
async fn text_and_files_are_uploaded_intact() {
    let f = start().await;
    f.gateway
        .upload_characters("EV-1", "安装完成 / setup done")
        .await
        .expect("a short text is accepted");
    // Bytes that look like multipart framing must survive it.
    let tricky = b"\x00\xff\r\n--gallerist-\r\n\r\nend".to_vec();
    f.gateway
        .upload_file("EV-1", "trace.bin", &tricky)
        .await
        .expect("the file is accepted");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.log");
    std::fs::write(&path, vec![b'x'; 300_000]).unwrap();
    f.gateway
        .upload_file_at("EV/2", &path)
        .await
        .expect("a file on disk is accepted");
    let listed = f
        .inspector
        .call(Method::GET, "/_sandbox/v1/market-event-files", None)
        .await
        .unwrap()
        .body;
    assert_eq!(listed["count"], 3, "{listed}");
    assert_eq!(listed["uploads"][1]["size"], tricky.len());
    assert_eq!(
        listed["uploads"][2]["event_id"], "EV/2",
        "the event id travels as one path segment"
    );
    assert_eq!(listed["uploads"][2]["request"]["file_name"], "report.log");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_file_over_the_gateways_12_mb_is_refused_from_its_size_alone() {
    let (base, listener) = silent_listener().await;
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let creds = Credentials {
        access_key: "AK1".into(),
        secret_key: "SK1".into(),
    };
    let gateway = Gateway::new(http_client(), &base, creds, clock).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    std::fs::File::create(&path).unwrap().set_len(13 * 1024 * 1024).unwrap();
    let err = gateway.upload_file_at("EV-1", &path).await.unwrap_err();
    assert_eq!((err.code(), err.was_sent()), ("APIGW.0201", false));
    assert!(
        err.explain(Locale::En).what.contains("13,631,488 bytes"),
        "{}",
        err.explain(Locale::En).what
    );
    let missing = gateway
        .upload_file_at("EV-1", &dir.path().join("gone"))
        .await
        .unwrap_err();
    assert_eq!(missing.code(), "file_unreadable");
    assert!(missing.explain(Locale::ZhCn).what.contains("无法读取"));
    let connected = tokio::time::timeout(StdDuration::from_millis(300), listener.accept()).await;
    assert!(connected.is_err(), "nothing was sent");
}
