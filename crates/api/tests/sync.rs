//! The sync engine against the real sandbox on loopback: reviews come back, conflicts
//! surface and resolve both ways, and 10,000 operations through a faulty network are
//! applied exactly once.

use chrono::{TimeZone, Utc};
use gallerist_api::sync::{engine, run};
use gallerist_api::{boot, dispatch, BootOptions, Core};
use gallerist_domain::listing::example::clean_draft;
use gallerist_domain::listing::Delivery;
use gallerist_domain::SystemClock;
use gallerist_market::sync::{Backoff, Policy};
use gallerist_market::OpenApi;
use gallerist_store::outbox::{self, NewOp};
use reqwest::Method;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

async fn core(dir: &Path) -> Core {
    boot(BootOptions {
        data_dir: dir.to_path_buf(),
        // Real time: retries wait for real Retry-After seconds.
        clock: Arc::new(SystemClock),
        seed: 7,
        os_locale: "en".into(),
        embedded_sandbox: true,
        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
    })
    .await
    .unwrap()
}

async fn call(core: &Core, name: &str, args: Value) -> Value {
    dispatch(core, name, args)
        .await
        .unwrap_or_else(|e| panic!("{name} failed: {e:?}"))
}

/// A signed call to the sandbox's own control endpoints.
async fn admin(core: &Core, method: Method, path: &str, body: Option<Value>) -> Value {
    let s = core.sandbox.as_ref().unwrap();
    let api = OpenApi::new(
        core.http.clone(),
        &s.server.url(),
        s.credentials.clone(),
        core.clock.clone(),
    )
    .unwrap();
    let raw = api.call(method, path, body.as_ref()).await.unwrap();
    assert!(raw.status < 300, "{path} answered {}: {}", raw.status, raw.body);
    raw.body
}

fn account(core: &Core) -> i64 {
    core.sandbox.as_ref().unwrap().account_id
}

fn fast() -> Policy {
    Policy {
        concurrency: 16,
        backoff: Backoff {
            base: Duration::from_millis(5),
            cap: Duration::from_millis(200),
        },
    }
}

async fn sync(core: &Core) -> Value {
    let e = engine(core, account(core), None, fast()).unwrap();
    let r = run(&e, Some(Instant::now() + Duration::from_secs(120)), true)
        .await
        .unwrap();
    serde_json::to_value(r).unwrap()
}

#[tokio::test]
async fn a_submitted_draft_is_reviewed_and_a_surprise_rejection_lands_in_the_parity_log() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    admin(&core, Method::PUT, "/_sandbox/v1/review", Some(json!({ "delay_s": 0 }))).await;

    // A clean draft, and one the local pack accepts but the reviewer will not
    // (the description names another cloud vendor).
    let mut ids = Vec::new();
    for vendor in ["", "本产品同样适用于阿里云。"] {
        let view = call(&core, "create_draft", json!({ "productType": "saas" })).await;
        let mut d = serde_json::to_value(clean_draft(Delivery::Saas {
            joint_operation: false,
            offline_delivery: false,
        }))
        .unwrap();
        d["description"] = json!(format!("{}{}", d["description"].as_str().unwrap(), vendor));
        let saved = call(
            &core,
            "save_draft",
            json!({ "id": view["id"], "revision": view["revision"], "draft": d }),
        )
        .await;
        assert_eq!(
            saved["report"]["issues"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["severity"] == "error")
                .count(),
            0,
            "the local pack finds no error in either draft: {}",
            saved["report"]
        );
        let op = call(&core, "submit_draft", json!({ "accountId": a, "draftId": view["id"] })).await;
        assert_eq!(op["state"], "queued", "submitting queues an operation");
        ids.push(view["id"].clone());
    }
    let pending = call(&core, "get_draft", json!({ "id": ids[0] })).await;
    assert_eq!(
        pending["status"], "pending",
        "the draft is pending as soon as it is queued, offline too"
    );

    let first = sync(&core).await;
    assert_eq!(
        first["drain"]["done"], 2,
        "both applications reached the server: {first}"
    );
    let second = sync(&core).await; // the review is decided when the server is next asked
    assert!(second["pull"]["decided"].as_u64().unwrap() >= 1 || first["pull"]["decided"].as_u64().unwrap() >= 1);

    let clean = call(&core, "get_draft", json!({ "id": ids[0] })).await;
    let vendor = call(&core, "get_draft", json!({ "id": ids[1] })).await;
    assert_eq!(clean["status"], "approved", "the clean draft was approved");
    assert_eq!(vendor["status"], "rejected", "the reviewer rejected the vendor mention");
    let products = call(&core, "list_products", json!({ "accountId": a })).await;
    assert!(
        products
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["shown"]["name"] == clean["draft"]["name"]),
        "approval created a product that was pulled: {products}"
    );
    let parity = call(&core, "parity_log", json!({ "accountId": a })).await;
    let rules: Vec<&str> = parity
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["ruleId"].as_str())
        .collect();
    assert!(
        rules.iter().any(|r| r.starts_with("reviewer.")),
        "the unpredicted rejection is logged: {parity}"
    );
    let status = call(&core, "sync_status", json!({ "accountId": a })).await;
    assert_eq!(
        (status["queued"].as_i64(), status["channel"].as_str()),
        (Some(0), Some("seller_sync"))
    );
    core.shutdown().await;
}

async fn one_product(core: &Core) -> Value {
    let a = account(core);
    admin(core, Method::PUT, "/_sandbox/v1/review", Some(json!({ "delay_s": 0 }))).await;
    let view = call(core, "create_draft", json!({ "productType": "license" })).await;
    let d = serde_json::to_value(clean_draft(Delivery::License {
        asset_package_ref: Some("asset-1".into()),
    }))
    .unwrap();
    let saved = call(
        core,
        "save_draft",
        json!({ "id": view["id"], "revision": view["revision"], "draft": d }),
    )
    .await;
    call(core, "submit_draft", json!({ "accountId": a, "draftId": saved["id"] })).await;
    sync(core).await;
    sync(core).await;
    let products = call(core, "list_products", json!({ "accountId": a })).await;
    let name = saved["draft"]["name"].clone();
    products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["synced"]["name"] == name && p["synced"]["product_type"] == "license")
        .cloned()
        .unwrap_or_else(|| panic!("the approved license is among the synced products: {products}"))
}

async fn shown_product(core: &Core, pid: &str) -> Value {
    let products = call(core, "list_products", json!({ "accountId": account(core) })).await;
    products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["synced"]["id"] == pid)
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn a_console_edit_during_an_offline_edit_becomes_a_conflict_that_resolves_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    let product = one_product(&core).await;
    let pid = product["shown"]["id"]
        .as_str()
        .expect("a product was synced")
        .to_string();

    // Mine (offline) and theirs (the console) change the same fields.
    call(
        &core,
        "edit_product",
        json!({ "accountId": a, "id": pid, "fields": { "name": "Mine 名称", "hotline": "400-111-1111" } }),
    )
    .await;
    let shown = [shown_product(&core, &pid).await];
    assert_eq!(
        shown[0]["shown"]["name"], "Mine 名称",
        "my edit shows at once, before any sync"
    );
    assert_eq!(shown[0]["pending"], true);
    admin(
        &core,
        Method::PATCH,
        &format!("/_sandbox/v1/console/products/{pid}"),
        Some(json!({ "name": "Theirs 名称", "hotline": "400-222-2222" })),
    )
    .await;

    let r = sync(&core).await;
    assert_eq!(r["drain"]["conflicts"], 1, "the stale edit becomes a conflict: {r}");
    let conflicts = call(&core, "list_conflicts", json!({ "accountId": a })).await;
    let c = &conflicts[0];
    assert_eq!(
        (c["mine"]["name"].as_str(), c["theirs"]["name"].as_str()),
        (Some("Mine 名称"), Some("Theirs 名称"))
    );
    assert_eq!(
        c["base"]["name"], product["synced"]["name"],
        "the base is what was last synced"
    );

    // Keep my name, take their hotline.
    call(
        &core,
        "resolve_conflict",
        json!({ "accountId": a, "id": c["id"], "choices": { "hotline": "theirs" } }),
    )
    .await;
    sync(&core).await;
    let now = admin(&core, Method::GET, &format!("/api/seller-sync/v1/products/{pid}"), None).await;
    assert_eq!(
        (now["name"].as_str(), now["hotline"].as_str()),
        (Some("Mine 名称"), Some("400-222-2222")),
        "the merge reached the server"
    );

    // Second round: take theirs everywhere — nothing is sent.
    call(
        &core,
        "edit_product",
        json!({ "accountId": a, "id": pid, "fields": { "overview": "我的概述" } }),
    )
    .await;
    admin(
        &core,
        Method::PATCH,
        &format!("/_sandbox/v1/console/products/{pid}"),
        Some(json!({ "overview": "控制台概述" })),
    )
    .await;
    sync(&core).await;
    let c = call(&core, "list_conflicts", json!({ "accountId": a })).await[0].clone();
    let resolved = call(
        &core,
        "resolve_conflict",
        json!({ "accountId": a, "id": c["id"], "choices": { "overview": "theirs" } }),
    )
    .await;
    assert_eq!(resolved["resolution"], "theirs");
    let r = sync(&core).await;
    assert_eq!(r["drain"]["requests"], 0, "taking theirs sends nothing");
    let shown = [shown_product(&core, &pid).await];
    assert_eq!(
        (shown[0]["shown"]["overview"].as_str(), shown[0]["pending"].as_bool()),
        (Some("控制台概述"), Some(false))
    );
    core.shutdown().await;
}

#[tokio::test]
async fn ten_thousand_operations_through_a_network_failing_30_percent_apply_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    admin(
        &core,
        Method::PUT,
        "/_sandbox/v1/review",
        Some(json!({ "delay_s": 86400 })),
    )
    .await;
    let listing = serde_json::to_value(clean_draft(Delivery::Image)).unwrap();
    const N: usize = 10_000;
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 0, 0, 0).unwrap();
    core.store
        .write(|tx| {
            for i in 0..N {
                let op = NewOp {
                    account_id: a,
                    op_key: format!("reliability-{i:05}"),
                    kind: "submit_application".into(),
                    lane: format!("bulk:{i}"),
                    payload: json!({ "draft_ref": format!("bulk-{i}"), "product_id": null, "listing": listing }),
                    base_revision: None,
                };
                outbox::enqueue(tx, &op, now)?;
            }
            Ok(())
        })
        .unwrap();
    admin(
        &core,
        Method::PUT,
        "/_sandbox/v1/faults",
        Some(json!({ "latency_ms": 0, "error_rate": 0.15, "rate_limit_rate": 0.08, "retry_after_s": 1, "drop_rate": 0.07, "clock_skew_s": 0, "seed": 11 })),
    )
    .await;
    let started = Instant::now();
    let e = engine(&core, a, None, fast()).unwrap();
    let mut requests = 0;
    let mut retried = 0;
    while outbox::counts(&core.store.conn().unwrap(), a).unwrap().0 > 0 {
        let r = e
            .drain(Some(Instant::now() + Duration::from_secs(300)), true)
            .await
            .unwrap();
        requests += r.requests;
        retried += r.retried;
        assert!(started.elapsed() < Duration::from_secs(600), "the queue should drain");
    }
    let elapsed = started.elapsed();
    admin(
        &core,
        Method::PUT,
        "/_sandbox/v1/faults",
        Some(json!({ "error_rate": 0.0, "rate_limit_rate": 0.0, "drop_rate": 0.0 })),
    )
    .await;
    let effects = admin(&core, Method::GET, "/_sandbox/v1/effects", None).await;
    let by_key = effects["by_key"].as_object().unwrap();
    let ours: Vec<(&String, &Value)> = by_key.iter().filter(|(k, _)| k.starts_with("reliability-")).collect();
    assert_eq!(ours.len(), N, "every operation took effect");
    assert!(ours.iter().all(|(_, n)| n.as_u64() == Some(1)), "and none twice");
    let (queued, parked) = outbox::counts(&core.store.conn().unwrap(), a).unwrap();
    assert_eq!((queued, parked), (0, 0), "nothing left queued or parked");
    println!(
        "reliability: {N} operations, {requests} requests ({retried} retried, {:.1} % failed) in {:.1} s — {:.0} ops/s, every effect exactly once",
        retried as f64 * 100.0 / requests as f64,
        elapsed.as_secs_f64(),
        N as f64 / elapsed.as_secs_f64()
    );
    assert!(
        retried as f64 / requests as f64 > 0.2,
        "the faults really failed about 30 % of requests ({retried} of {requests})"
    );
    core.shutdown().await;
}
