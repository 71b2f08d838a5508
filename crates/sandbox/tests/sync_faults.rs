//! Faults on the Seller Sync routes: errors, rate limits, dropped answers, skew —
//! and exactly one effect per key however the answers were lost.

mod common;

use common::{license, start, API};
use gallerist_domain::Clock;
use gallerist_sandbox::Faults;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn with_error_rate_one_every_api_request_fails_with_5xx_but_controls_and_orders_do_not() {
    let f = start().await;
    f.sandbox
        .set_faults(Faults {
            error_rate: 1.0,
            ..Faults::default()
        })
        .unwrap();
    let mut statuses = Vec::new();
    for i in 0..10 {
        let body = json!({ "draft_ref": "d", "product_id": null, "listing": license() });
        let a = f
            .client
            .write("POST", "/applications", &body, &format!("k-{i}"), None)
            .await;
        assert_eq!(a.code(), "SYNC.UNAVAILABLE", "{:?}", a.body);
        statuses.push(a.status);
    }
    assert!(statuses.iter().all(|s| *s == 500 || *s == 503), "{statuses:?}");
    assert!(
        statuses.contains(&500) && statuses.contains(&503),
        "both before and after the effect: {statuses:?}"
    );
    let control = f.client.control("GET", "/faults", None).await;
    assert_eq!(
        (control.status, control.body["error_rate"].as_f64()),
        (200, Some(1.0)),
        "the controls are never faulted"
    );
    let order = f
        .client
        .send(
            "GET",
            "/api/mkp-openapi-public/global/v1/order/query?orderId=MOCKONDEMAND",
            None,
            &[],
        )
        .await
        .unwrap();
    assert_eq!(order.status, 200, "nor is the Open API");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn with_rate_limit_rate_one_every_request_gets_429_with_retry_after() {
    let f = start().await;
    let put = f
        .client
        .control(
            "PUT",
            "/faults",
            Some(&json!({ "rate_limit_rate": 1.0, "retry_after_s": 7 })),
        )
        .await;
    assert_eq!(put.status, 200, "{:?}", put.body);
    assert_eq!(put.body["latency_ms"], 0, "fields left out keep their value");
    let a = f.client.get("/products").await;
    assert_eq!(
        (a.status, a.code(), a.header("retry-after")),
        (429, "SYNC.RATE_LIMITED", Some("7"))
    );
    let bad = f
        .client
        .control("PUT", "/faults", Some(&json!({ "drop_rate": 1.5 })))
        .await;
    assert_eq!(
        (bad.status, bad.body["error"]["details"]["field"].as_str()),
        (400, Some("drop_rate"))
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_for_the_client() {
    let f = start().await;
    f.sandbox
        .set_faults(Faults {
            drop_rate: 1.0,
            ..Faults::default()
        })
        .unwrap();
    for i in 0..4 {
        let body = json!({ "draft_ref": "d", "product_id": null, "listing": license() });
        let r = f
            .client
            .try_write("POST", "/applications", &body, &format!("k-{i}"), None)
            .await;
        assert!(
            r.is_err(),
            "the answer was cut off, so there is no complete answer: {r:?}"
        );
    }
    f.sandbox.stop().await;
}

#[tokio::test]
async fn answers_lost_after_the_effect_still_leave_exactly_one_effect_when_the_client_retries() {
    let f = start().await;
    f.sandbox
        .set_faults(Faults {
            error_rate: 0.5,
            drop_rate: 0.5,
            seed: 42,
            ..Faults::default()
        })
        .unwrap();
    const KEYS: usize = 20;
    let body = |i: usize| json!({ "draft_ref": format!("d-{i}"), "product_id": null, "listing": license() });
    for i in 0..KEYS {
        for _ in 0..3 {
            let r = f
                .client
                .try_write("POST", "/applications", &body(i), &format!("k-{i}"), None)
                .await;
            assert!(r.is_err() || r.unwrap().status >= 500, "every attempt is faulted");
        }
    }
    let lost_after_effect = f.sandbox.effects().unwrap().by_key.len();
    assert!(
        lost_after_effect > 0 && lost_after_effect < KEYS,
        "some keys took effect although every answer was lost ({lost_after_effect})"
    );
    f.sandbox.set_faults(Faults::default()).unwrap();
    let mut replayed = 0;
    for i in 0..KEYS {
        let a = f
            .client
            .write("POST", "/applications", &body(i), &format!("k-{i}"), None)
            .await;
        assert_eq!(a.status, 201, "the retry with the same key succeeds: {:?}", a.body);
        replayed += usize::from(a.header("idempotent-replayed") == Some("true"));
    }
    assert_eq!(
        replayed, lost_after_effect,
        "exactly the keys that took effect are replayed"
    );
    let effects = f.sandbox.effects().unwrap();
    assert_eq!(effects.by_key.len(), KEYS, "every change took effect");
    assert!(
        effects.by_key.values().all(|n| *n == 1),
        "and none twice: {:?}",
        effects.by_key
    );
    let apps = f.client.get("/applications?limit=500").await;
    assert_eq!(
        apps.body["items"].as_array().unwrap().len(),
        KEYS,
        "one application per key"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults() {
    let f = start().await;
    let mut runs = Vec::new();
    for _ in 0..2 {
        f.client
            .control(
                "PUT",
                "/faults",
                Some(&json!({ "error_rate": 0.3, "rate_limit_rate": 0.3, "seed": 9 })),
            )
            .await;
        let mut statuses = Vec::new();
        for _ in 0..20 {
            statuses.push(f.client.get("/contacts").await.status);
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1], "a seed replays the same sequence of faults");
    assert!(runs[0].iter().any(|s| *s != 200) && runs[0].contains(&200));
    f.sandbox.stop().await;
}

#[tokio::test]
async fn clock_skew_moves_the_gateway_window_and_the_date_header_and_latency_delays() {
    let f = start().await;
    f.sandbox
        .set_faults(Faults {
            clock_skew_s: 20 * 60,
            ..Faults::default()
        })
        .unwrap();
    let a = f
        .client
        .send("GET", &format!("{API}/products"), None, &[])
        .await
        .unwrap();
    assert_eq!(
        (a.status, a.body["error_code"].as_str()),
        (401, Some("APIGW.0301")),
        "a client 20 minutes behind the skewed gateway is refused"
    );
    let date = chrono::DateTime::parse_from_rfc2822(a.header("date").unwrap()).unwrap();
    let expected = f.clock.now() + chrono::Duration::minutes(20);
    assert_eq!(date.timestamp(), expected.timestamp(), "Date shows the skewed clock");
    f.sandbox
        .set_faults(Faults {
            latency_ms: 150,
            ..Faults::default()
        })
        .unwrap();
    let started = Instant::now();
    assert_eq!(f.client.get("/products").await.status, 200);
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "latency is added to every API request"
    );
    f.sandbox.stop().await;
}
