//! Signed writes per second against the sandbox over loopback, sequential and 16 at
//! a time, with an in-memory and a WAL file database. Ignored by default (it measures,
//! it does not check behaviour); run with
//! `cargo test -p gallerist-sandbox --release --test sync_throughput -- --ignored --nocapture`.

mod common;

use common::{Client, AK, SK};
use gallerist_domain::listing::example::clean_draft;
use gallerist_domain::listing::Delivery;
use gallerist_domain::SystemClock;
use gallerist_sandbox::{Sandbox, SandboxConfig};
use serde_json::json;
use std::sync::Arc;
use std::time::Instant;

const WRITES: usize = 2_000;

async fn run(label: &str, data: Option<std::path::PathBuf>) {
    let sandbox = Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: AK.into(),
        secret_key: SK.into(),
        data,
        clock: Arc::new(SystemClock),
    })
    .await
    .unwrap();
    let client = Arc::new(Client {
        http: reqwest::Client::new(),
        host: sandbox.addr().to_string(),
        clock: Arc::new(SystemClock),
    });
    let body = Arc::new(json!({ "draft_ref": "bench", "product_id": null, "listing": clean_draft(Delivery::Image) }));
    let started = Instant::now();
    for i in 0..WRITES {
        let a = client
            .write("POST", "/applications", &body, &format!("seq-{i}"), None)
            .await;
        assert_eq!(a.status, 201);
    }
    let sequential = WRITES as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for i in 0..WRITES {
        while set.len() >= 16 {
            set.join_next().await;
        }
        let (client, body) = (client.clone(), body.clone());
        set.spawn(async move {
            let a = client
                .write("POST", "/applications", &body, &format!("par-{i}"), None)
                .await;
            assert_eq!(a.status, 201);
        });
    }
    while set.join_next().await.is_some() {}
    let concurrent = WRITES as f64 / started.elapsed().as_secs_f64();
    assert_eq!(
        sandbox.effects().unwrap().total,
        2 * WRITES as u64,
        "every write took effect once"
    );
    sandbox.set_review_delay(std::time::Duration::ZERO);
    let started = Instant::now();
    let page = client.get("/products?limit=1").await;
    let reviewed = 2.0 * WRITES as f64 / started.elapsed().as_secs_f64();
    assert_eq!(page.body["has_more"], true, "the read decided every pending review");
    println!(
        "{label}: {sequential:.0} signed writes/s sequential, {concurrent:.0}/s with 16 in flight; \
         {reviewed:.0} reviews/s decided (pack + reviewer rules + product)"
    );
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run with --ignored --nocapture, preferably --release"]
async fn signed_writes_per_second() {
    run("memory", None).await;
    let dir = tempfile::tempdir().unwrap();
    run("WAL file", Some(dir.path().join("sandbox.sqlite3"))).await;
}
