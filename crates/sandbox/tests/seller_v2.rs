//! The reference seller server's V2 base interface: correct behaviour for every
//! activity, and each fault variant showing exactly its fault.

mod seller_common;

use gallerist_domain::produce::spec::{self, field_problems, Problem};
use seller_common::{code, start, Fixture};
use serde_json::{json, Value};

fn create_body(order: &str, business: &str) -> Value {
    json!({
        "activity": "newInstance",
        "orderId": order,
        "orderLineId": format!("{order}-000001"),
        "businessId": business,
        "testFlag": "1",
    })
}

async fn create(f: &Fixture, variant: &str, order: &str, business: &str) -> Value {
    f.v2(variant, &create_body(order, business)).await
}

fn conforms(activity: &str, answer: &Value) {
    let fields = spec::activity(activity).unwrap().response;
    assert_eq!(field_problems(fields, answer), [], "{activity}: {answer}");
}

#[tokio::test]
async fn every_activity_signed_correctly_succeeds_with_documented_answers() {
    let f = start().await;
    let created = create(&f, "correct", "CS1", "biz-1").await;
    assert_eq!(
        (code(&created), created["instanceId"].as_str()),
        ("000000", Some("biz-1"))
    );
    conforms("newInstance", &created);
    let query = f
        .v2(
            "correct",
            &json!({"activity": "queryInstance", "instanceId": "biz-1", "testFlag": "1"}),
        )
        .await;
    assert_eq!(code(&query), "000000", "{query}");
    assert_eq!(query["info"][0]["instanceId"], "biz-1");
    conforms("queryInstance", &query);
    let calls = [
        json!({"activity": "refreshInstance", "scene": "RENEWAL", "orderId": "CS2", "orderLineId": "CS2-1",
               "instanceId": "biz-1", "expireTime": "20271128120000", "testFlag": "1"}),
        json!({"activity": "updateInstanceStatus", "instanceId": "biz-1", "status": "FREEZE", "testFlag": "1"}),
        json!({"activity": "updateInstanceStatus", "instanceId": "biz-1", "status": "UNFREEZE", "testFlag": "1"}),
        json!({"activity": "upgradeInstance", "instanceId": "biz-1", "orderId": "CS3", "orderLineId": "CS3-1", "testFlag": "1"}),
        json!({"activity": "changeInstanceCheck", "instanceId": "biz-1", "testFlag": "1",
               "productInfo": {"productId": "p-1", "skuCode": "s-1", "productName": "Pro", "linearValue": 5}}),
        json!({"activity": "orderNotify", "orderId": "CS1", "orderLineId": "CS1-000001", "testFlag": "1"}),
        json!({"activity": "releaseInstance", "instanceId": "biz-1", "testFlag": "1"}),
    ];
    for body in calls {
        let answer = f.v2("correct", &body).await;
        assert_eq!(code(&answer), "000000", "{body} → {answer}");
        conforms(body["activity"].as_str().unwrap(), &answer);
    }
    let state = f.state("correct").await;
    let instance = &state["instances"][0];
    assert_eq!(
        (&instance["released"], &instance["status"], &instance["expireTime"]),
        (&json!(true), &json!("NORMAL"), &json!("20271128120000"))
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_repeated_create_keeps_its_instance_id_unless_the_server_is_non_idempotent() {
    let f = start().await;
    let first = create(&f, "correct", "CS9", "biz-a").await;
    let again = create(&f, "correct", "CS9", "biz-b").await;
    assert_eq!(first["instanceId"], "biz-a");
    assert_eq!(again["instanceId"], "biz-a", "the same order line, the same instance");
    assert_eq!(f.effects("correct", "create").await, 1);

    let first = create(&f, "non-idempotent", "CS9", "biz-a").await;
    let again = create(&f, "non-idempotent", "CS9", "biz-b").await;
    assert_eq!((code(&first), code(&again)), ("000000", "000000"));
    assert_ne!(
        first["instanceId"], again["instanceId"],
        "the fault: two instances for one order"
    );
    assert_eq!(f.effects("non-idempotent", "create").await, 2);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn repeated_release_renewal_and_upgrade_succeed_with_one_effect_each() {
    let f = start().await;
    create(&f, "correct", "CS1", "i-1").await;
    let renew = json!({"activity": "refreshInstance", "scene": "RENEWAL", "orderId": "R1", "orderLineId": "R1-1",
                       "instanceId": "i-1", "expireTime": "20271128120000"});
    let upgrade = json!({"activity": "upgradeInstance", "instanceId": "i-1", "orderId": "U1", "orderLineId": "U1-1"});
    let release = json!({"activity": "releaseInstance", "instanceId": "i-1"});
    for body in [&renew, &renew, &upgrade, &upgrade, &release, &release] {
        let answer = f.v2("correct", body).await;
        assert_eq!(code(&answer), "000000", "{body} → {answer}");
    }
    for kind in ["renew", "upgrade", "release"] {
        assert_eq!(f.effects("correct", kind).await, 1, "{kind}");
    }
    f.sandbox.stop().await;
}

#[tokio::test]
async fn an_unknown_instance_is_000003_and_a_bad_parameter_000002() {
    let f = start().await;
    for body in [
        json!({"activity": "releaseInstance", "instanceId": "nope"}),
        json!({"activity": "updateInstanceStatus", "instanceId": "nope", "status": "FREEZE"}),
        json!({"activity": "queryInstance", "instanceId": "nope"}),
    ] {
        assert_eq!(code(&f.v2("correct", &body).await), "000003", "{body}");
    }
    let no_line = json!({"activity": "newInstance", "orderId": "CS1", "businessId": "b"});
    let answer = f.v2("correct", &no_line).await;
    assert_eq!(code(&answer), "000002");
    assert!(
        answer["resultMsg"].as_str().unwrap().contains("orderLineId"),
        "{answer}"
    );
    let unknown = json!({"activity": "deleteEverything"});
    assert_eq!(code(&f.v2("correct", &unknown).await), "000002");
    let bad_status = json!({"activity": "updateInstanceStatus", "instanceId": "x", "status": "PAUSE"});
    assert_eq!(code(&f.v2("correct", &bad_status).await), "000002");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_wrong_signature_is_000001_but_the_unsigned_server_accepts_it() {
    let f = start().await;
    let body = create_body("CS1", "b-1");
    for (variant, expected) in [("correct", "000001"), ("unsigned", "000000")] {
        let mut call = f.call();
        call.signature = Some("62E90CD8E07B3F168F232D9099789AAB7BA6ECCE7D5977652F689BEC1B64D13F".into());
        assert_eq!(code(&f.v2_with(variant, &body, call).await), expected, "{variant}");
    }
    let mut lower = f.call();
    let payload = gallerist_domain::produce::v2::payload(&body);
    let key = gallerist_sandbox::seller::DEMO_ACCESS_KEY;
    lower.signature =
        Some(gallerist_domain::produce::v2::sign(key, &lower.nonce, &lower.timestamp, &payload).to_lowercase());
    assert_eq!(
        code(&f.v2_with("correct", &body, lower).await),
        "000000",
        "lower-case hex is fine"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_timestamp_61_s_old_is_000001_but_the_stale_timestamp_server_accepts_it() {
    let f = start().await;
    for (variant, expected) in [("correct", "000001"), ("stale-timestamp", "000000")] {
        let call = f.call();
        f.clock.advance(chrono::Duration::seconds(61));
        assert_eq!(
            code(&f.v2_with(variant, &create_body("CS1", "b"), call).await),
            expected,
            "{variant}"
        );
    }
    let call = f.call();
    f.clock.advance(chrono::Duration::seconds(59));
    assert_eq!(
        code(&f.v2_with("correct", &create_body("CS2", "c"), call).await),
        "000000",
        "59 s is within"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_replayed_nonce_is_000001_but_the_replay_server_accepts_it() {
    let f = start().await;
    for (variant, expected) in [("correct", "000001"), ("replay", "000000")] {
        let first = f.call();
        let again = seller_common::Call {
            nonce: first.nonce.clone(),
            timestamp: first.timestamp.clone(),
            signature: None,
        };
        let body = create_body("CS1", "b");
        assert_eq!(code(&f.v2_with(variant, &body, first).await), "000000");
        assert_eq!(code(&f.v2_with(variant, &body, again).await), expected, "{variant}");
    }
    f.sandbox.stop().await;
}

#[tokio::test(start_paused = true)]
async fn the_slow_create_server_answers_after_the_5_s_budget_and_the_correct_one_within() {
    let f = start().await;
    for (variant, slow) in [("correct", false), ("slow-create", true)] {
        let started = tokio::time::Instant::now();
        let answer = create(&f, variant, "CS1", "b").await;
        let took = started.elapsed();
        assert_eq!(code(&answer), "000000");
        assert_eq!(took > spec::ANSWER_BUDGET, slow, "{variant} took {took:?}");
    }
    f.sandbox.stop().await;
}

#[tokio::test]
async fn the_long_field_server_sends_a_result_msg_over_255_characters() {
    let f = start().await;
    let fields = spec::activity("newInstance").unwrap().response;
    let long = create(&f, "long-field", "CS1", "b").await;
    let problems = field_problems(fields, &long);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "resultMsg");
    assert!(matches!(problems[0].problem, Problem::TooLong { max: 255, .. }));
    assert_eq!(field_problems(fields, &create(&f, "correct", "CS1", "b").await), []);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn the_no_activity_server_does_not_implement_query_instance() {
    let f = start().await;
    for (variant, expected) in [("correct", "000000"), ("no-activity", "000002")] {
        create(&f, variant, "CS1", "b").await;
        let query = f
            .v2(variant, &json!({"activity": "queryInstance", "instanceId": "b"}))
            .await;
        assert_eq!(code(&query), expected, "{variant}: {query}");
    }
    f.sandbox.stop().await;
}

#[tokio::test]
async fn variants_are_listed_served_separately_and_an_unknown_one_is_404() {
    let f = start().await;
    assert_eq!(gallerist_sandbox::seller::VARIANTS[0], "correct");
    create(&f, "correct", "CS1", "b").await;
    assert_eq!(f.state("correct").await["instances"].as_array().unwrap().len(), 1);
    assert_eq!(
        f.state("replay").await["instances"],
        json!([]),
        "each variant has its own books"
    );
    let missing = f.http.post(f.url("sloppy", "/v2")).body("{}").send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert!(
        missing.text().await.unwrap().contains("non-idempotent"),
        "the known variants are listed"
    );
    let pem = f
        .http
        .get(f.url("correct", "/public-key.pem"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(pem, gallerist_sandbox::seller::DEMO_PUBLIC_KEY_PEM);
    f.sandbox.stop().await;
}
