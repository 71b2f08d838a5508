//! A full conformance run (V2 period product + the five Kit syncs) against the
//! sandbox's reference seller server on loopback, as a ratio to plain HTTP.
//!
//! `baseline` sends, one after another as the runner does, as many plain JSON POSTs to
//! the same server as one run sends requests (counted from a first run's distinct
//! exchanges). `v2_kit_run` is the run itself: the same round trips plus signing,
//! the RSA-OAEP clientSecret, judging every answer and recording the exchanges. The
//! ratio is the runner's own cost.

use criterion::{criterion_group, criterion_main, Criterion};
use gallerist_domain::SystemClock;
use gallerist_market::http_client;
use gallerist_market::produce::{run, Mode, RunReport, Target, Version};
use gallerist_sandbox::seller::{DEMO_ACCESS_KEY, DEMO_PUBLIC_KEY_PEM};
use gallerist_sandbox::{Sandbox, SandboxConfig};
use rand::{rngs::StdRng, SeedableRng};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Requests one run sends: its exchanges, each counted once however many checks cite it.
fn requests(report: &RunReport) -> usize {
    let mut seen = HashSet::new();
    for check in &report.checks {
        for e in &check.exchanges {
            seen.insert((e.request.url.clone(), e.request.body.clone()));
        }
    }
    seen.len()
}

fn produce(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let clock = Arc::new(SystemClock);
    let sandbox = rt
        .block_on(Sandbox::start(SandboxConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            access_key: "BENCHAK".into(),
            secret_key: "bench-secret".into(),
            data: None,
            clock: clock.clone(),
        }))
        .unwrap();
    let http = http_client();
    let target = Target {
        url: format!("{}/seller/correct/v2", sandbox.url()),
        version: Version::V2,
        mode: Mode::Period,
        kit_public_key_pem: Some(DEMO_PUBLIC_KEY_PEM.to_string()),
    };
    let mut seed = 0u64;
    let mut one_run = || {
        seed += 1;
        let mut rng = StdRng::seed_from_u64(seed);
        rt.block_on(run(&http, &target, DEMO_ACCESS_KEY, &*clock, &mut rng, &mut |_| {}))
            .expect("the run starts")
    };
    let first = one_run();
    assert!(first.passed(), "the correct server passes: {:?}", first.failing_ids());
    let n = requests(&first);

    let mut group = c.benchmark_group("produce_run");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("baseline", |b| {
        b.iter_custom(|iters| {
            let started = Instant::now();
            for _ in 0..iters {
                rt.block_on(async {
                    for i in 0..n {
                        let answer = http
                            .post(&target.url)
                            .header("content-type", "application/json")
                            .body(format!(r#"{{"activity":"queryInstance","instanceId":"bench-{i}"}}"#))
                            .send()
                            .await
                            .unwrap();
                        let _ = answer.bytes().await.unwrap();
                    }
                });
            }
            started.elapsed()
        })
    });
    group.bench_function("v2_kit_run", |b| {
        b.iter(|| {
            let report = one_run();
            assert!(report.passed());
        })
    });
    group.finish();
    println!("produce_run: one V2 + Kit run sends {n} requests");
}

criterion_group!(benches, produce);
criterion_main!(benches);
