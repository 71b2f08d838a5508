//! `gallerist sync` killed with SIGKILL at random points, 100 times, then run to the
//! end: every queued change reaches the sandbox exactly once and none is lost.
//!
//! The CI-sized proof; `cargo xtask crash` runs 1,000 such kills over draft edits,
//! console import commits and sync (`examples/crash_trials`), too long for every run.

use chrono::Utc;
use gallerist_domain::listing::example::clean_draft;
use gallerist_domain::listing::Delivery;
use gallerist_domain::Site;
use gallerist_store::outbox::{self, NewOp};
use gallerist_store::{accounts, Store};
use rand::{rngs::StdRng, Rng, SeedableRng};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_gallerist");
const AK: &str = "CRASHAK";
const SK: &str = "crash-test-secret";
const OPS: usize = 600;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sandbox(data: &std::path::Path) -> (Running, String) {
    let mut child = Command::new(BIN)
        .args(["sandbox", "--listen", "127.0.0.1:0", "--ak", AK, "--sk", SK, "--data"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = tx.send(url.trim().to_string());
            }
        }
    });
    (
        Running(child),
        rx.recv_timeout(Duration::from_secs(30))
            .expect("the sandbox prints its URL"),
    )
}

fn sync(data: &std::path::Path) -> Command {
    let mut c = Command::new(BIN);
    c.args([
        "sync",
        "--account",
        "Crash",
        "--until-idle",
        "--timeout",
        "60",
        "--backoff-ms",
        "5",
        "--concurrency",
        "8",
    ])
    .env("GALLERIST_DATA_DIR", data)
    .env("GALLERIST_AK", AK)
    .env("GALLERIST_SK", SK)
    .env("GALLERIST_LOCALE", "en")
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    c
}

/// A signed call to the sandbox's control endpoints through `gallerist api`.
fn control(url: &str, method: &str, path: &str, data: Option<&str>) -> Value {
    let mut args = vec!["api", method, path, "--base-url", url];
    if let Some(d) = data {
        args.extend(["--data", d]);
    }
    let out = Command::new(BIN)
        .args(&args)
        .env("GALLERIST_AK", AK)
        .env("GALLERIST_SK", SK)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("effects are JSON ({e}): {text}"))
}

#[test]
fn sync_killed_100_times_loses_nothing_and_applies_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, url) = sandbox(&dir.path().join("sandbox.sqlite3"));
    let data = dir.path().join("app");
    let (store, _) = Store::open(&data.join("gallerist.sqlite3"), Utc::now()).unwrap();
    let listing = serde_json::to_value(clean_draft(Delivery::Image)).unwrap();
    store
        .write(|tx| {
            let a = accounts::insert(
                tx,
                &accounts::NewAccount {
                    name: "Crash".into(),
                    site: Site::Custom,
                    base_url: url.clone(),
                    access_key_id: Some(AK.into()),
                },
                Utc::now(),
            )?;
            for i in 0..OPS {
                let op = NewOp {
                    account_id: a.id,
                    op_key: format!("crash-{i:04}"),
                    kind: "submit_application".into(),
                    lane: format!("crash:{i}"),
                    payload: json!({ "draft_ref": format!("crash-{i}"), "product_id": null, "listing": listing }),
                    base_revision: None,
                };
                outbox::enqueue(tx, &op, Utc::now())?;
            }
            Ok(())
        })
        .unwrap();
    drop(store);

    // Slow answers and lost answers (half after the write committed), so kills land
    // mid-request and resends meet stored answers.
    control(
        &url,
        "PUT",
        "/_sandbox/v1/faults",
        Some(r#"{"latency_ms": 20, "error_rate": 0.1, "seed": 5}"#),
    );
    let mut rng = StdRng::seed_from_u64(2026);
    let mut killed_mid_run = 0;
    for _ in 0..100 {
        let mut child = sync(&data).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.gen_range(5..120)));
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
    }
    let finish = sync(&data).status().unwrap();
    assert!(
        finish.success(),
        "a last uninterrupted run finishes the queue (exit {finish:?})"
    );

    control(
        &url,
        "PUT",
        "/_sandbox/v1/faults",
        Some(r#"{"error_rate": 0, "latency_ms": 0}"#),
    );
    let effects = control(&url, "GET", "/_sandbox/v1/effects", None);
    let ours: Vec<u64> = effects["by_key"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("crash-"))
        .map(|(_, n)| n.as_u64().unwrap())
        .collect();
    assert_eq!(ours.len(), OPS, "every queued change reached the server");
    assert!(ours.iter().all(|n| *n == 1), "none took effect twice: {ours:?}");
    let (store, _) = Store::open(&data.join("gallerist.sqlite3"), Utc::now()).unwrap();
    let done: i64 = store
        .conn()
        .unwrap()
        .query_row("SELECT count(*) FROM outbox WHERE state = 'done'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(done, OPS as i64, "the outbox records every change as applied");
    println!("crash: 100 SIGKILLs ({killed_mid_run} mid-run), {OPS} changes, each applied exactly once");
    assert!(
        killed_mid_run > 50,
        "most kills should land while sync was running ({killed_mid_run})"
    );
}
