//! Drain throughput over loopback against a baseline of plain signed requests.
//!
//! `baseline` sends 1,000 signed `POST /applications` with fresh idempotency keys at
//! the engine's concurrency and nothing else: the cost of HTTP, signing and the
//! server. `drain_1000` sends 1,000 queued outbox operations through the engine:
//! the same requests plus reading the queue, recording attempts and settling every
//! answer in a transaction. The ratio is the engine's own overhead; ops/s is
//! 1,000 ÷ the mean (goal ≥ 2,000 ops/s).

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use gallerist_domain::listing::example::clean_draft;
use gallerist_domain::listing::Delivery;
use gallerist_domain::SystemClock;
use gallerist_market::sync::client::Request;
use gallerist_market::sync::{Engine, Policy, SyncClient};
use gallerist_market::{http_client, Credentials};
use gallerist_sandbox::{Sandbox, SandboxConfig};
use gallerist_store::outbox::{self, NewOp};
use gallerist_store::{accounts, Store};
use rand::{rngs::StdRng, SeedableRng};
use reqwest::Method;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const OPS: u64 = 1_000;
const CONCURRENCY: usize = 16;

fn drain(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let creds = Credentials {
        access_key: "BENCHAK".into(),
        secret_key: "bench-secret".into(),
    };
    let clock = Arc::new(SystemClock);
    let sandbox = rt
        .block_on(Sandbox::start(SandboxConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            access_key: creds.access_key.clone(),
            secret_key: creds.secret_key.clone(),
            data: None,
            clock: clock.clone(),
        }))
        .unwrap();
    // No reviews during the run: this measures the wire, not the simulated reviewer.
    sandbox.set_review_delay(Duration::from_secs(10 * 365 * 86_400));
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("bench.sqlite3"), Utc::now()).unwrap();
    let account = store
        .write(|tx| accounts::upsert_sandbox(tx, &sandbox.url(), Utc::now()))
        .unwrap()
        .id;
    let client = SyncClient::new(http_client(), &sandbox.url(), creds, clock.clone()).unwrap();
    let listing = serde_json::to_value(clean_draft(Delivery::Image)).unwrap();
    let body = json!({ "draft_ref": "bench", "product_id": null, "listing": listing });
    let serial = Arc::new(AtomicU64::new(0));

    let mut group = c.benchmark_group("sync_drain");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("baseline", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                rt.block_on(async {
                    let mut set = tokio::task::JoinSet::new();
                    for _ in 0..OPS {
                        while set.len() >= CONCURRENCY {
                            set.join_next().await;
                        }
                        let client = client.clone();
                        let req = Request {
                            method: Method::POST,
                            path: "/applications".into(),
                            body: Some(body.clone()),
                            idempotency_key: Some(format!("base-{}", serial.fetch_add(1, Ordering::Relaxed))),
                            if_match: None,
                        };
                        set.spawn(async move { client.send(&req).await });
                    }
                    while set.join_next().await.is_some() {}
                });
                total += started.elapsed();
            }
            total
        })
    });
    group.bench_function("drain_1000", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                store
                    .write(|tx| {
                        for _ in 0..OPS {
                            let n = serial.fetch_add(1, Ordering::Relaxed);
                            let op = NewOp {
                                account_id: account,
                                op_key: format!("drain-{n}"),
                                kind: "submit_application".into(),
                                lane: format!("bench:{n}"),
                                payload: body.clone(),
                                base_revision: None,
                            };
                            outbox::enqueue(tx, &op, Utc::now())?;
                        }
                        Ok(())
                    })
                    .unwrap();
                let engine = Engine::new(
                    store.clone(),
                    client.clone(),
                    account,
                    clock.clone(),
                    Policy {
                        concurrency: CONCURRENCY,
                        ..Policy::default()
                    },
                    StdRng::seed_from_u64(1),
                );
                let started = Instant::now();
                let report = rt.block_on(engine.drain(None, true)).unwrap();
                total += started.elapsed();
                assert_eq!(report.done, OPS, "every queued operation is applied: {report:?}");
            }
            total
        })
    });
    group.finish();
    rt.block_on(sandbox.stop());
}

criterion_group!(benches, drain);
criterion_main!(benches);
