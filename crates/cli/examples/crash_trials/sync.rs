//! `gallerist sync` killed mid-pass against `gallerist sandbox`: every queued change
//! reaches the sandbox exactly once.
//!
//! WHY new changes before each trial: a thousand kills would otherwise meet an empty
//! queue after the first few dozen. The sandbox answers slowly and loses answers (some
//! after its write committed), so kills land mid-request and resends meet stored
//! answers; it counts the writes that took effect per idempotency key.

use crate::checks;
use crate::tally::{grouped, integrity, Findings, Kind};
use crate::trial::{self, Trial};
use chrono::Utc;
use gallerist_domain::listing::example::clean_draft;
use gallerist_domain::listing::Delivery;
use gallerist_domain::Site;
use gallerist_store::outbox::{self, NewOp};
use gallerist_store::{accounts, Store};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const AK: &str = "CRASHAK";
const SK: &str = "crash-trials-secret";
/// Changes queued before each trial.
const BATCH: usize = 10;
const KEY_PREFIX: &str = "crash-";

pub struct Sync {
    gallerist: PathBuf,
    data: PathBuf,
    sandbox: Child,
    url: String,
    account: i64,
    listing: Value,
    queued: usize,
    window: Duration,
}

impl Drop for Sync {
    fn drop(&mut self) {
        // Our own child, by its handle.
        let _ = self.sandbox.kill();
        let _ = self.sandbox.wait();
    }
}

fn start_sandbox(gallerist: &Path, state: &Path) -> Result<(Child, String), String> {
    let mut child = Command::new(gallerist)
        .args(["sandbox", "--listen", "127.0.0.1:0", "--ak", AK, "--sk", SK, "--data"])
        .arg(state)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", gallerist.display()))?;
    let out = child.stdout.take().ok_or("the sandbox's stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = tx.send(url.trim().to_string());
            }
        }
    });
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(url) => Ok((child, url)),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Err("the sandbox did not say where it listens within 30 s".into())
        }
    }
}

impl Sync {
    pub fn new(gallerist: &Path, data: &Path, seed: u64) -> Result<Self, String> {
        std::fs::create_dir_all(data).map_err(|e| e.to_string())?;
        let (sandbox, url) = start_sandbox(gallerist, &data.join("sandbox.sqlite3"))?;
        let app = data.join("app");
        let (store, _) = Store::open(&app.join(gallerist_api::DATABASE_FILE), Utc::now()).map_err(|e| e.to_string())?;
        let account = store
            .write(|tx| {
                accounts::insert(
                    tx,
                    &accounts::NewAccount {
                        name: "Crash".into(),
                        site: Site::Custom,
                        base_url: url.clone(),
                        access_key_id: Some(AK.into()),
                    },
                    Utc::now(),
                )
            })
            .map_err(|e| e.to_string())?
            .id;
        drop(store);
        let mut s = Sync {
            gallerist: gallerist.to_path_buf(),
            data: app,
            sandbox,
            url,
            account,
            listing: serde_json::to_value(clean_draft(Delivery::Image)).map_err(|e| e.to_string())?,
            queued: 0,
            window: Duration::ZERO,
        };
        let faults = json!({ "latency_ms": 20, "error_rate": 0.1, "seed": seed }).to_string();
        s.control("PUT", "/_sandbox/v1/faults", Some(&faults))?;
        let mut cmd = s.next(0)?;
        s.window = trial::to_the_end(&mut cmd)?.ran;
        Ok(s)
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.gallerist);
        c.args(["sync", "--account", "Crash", "--until-idle", "--timeout", "120"])
            .args(["--backoff-ms", "5", "--concurrency", "8"])
            .env("GALLERIST_DATA_DIR", &self.data)
            .env("GALLERIST_AK", AK)
            .env("GALLERIST_SK", SK)
            .env("GALLERIST_LOCALE", "en");
        c
    }

    /// A signed call to the sandbox's control endpoints through `gallerist api`.
    fn control(&self, method: &str, path: &str, data: Option<&str>) -> Result<Value, String> {
        let mut cmd = Command::new(&self.gallerist);
        cmd.args(["api", method, path, "--base-url", &self.url])
            .env("GALLERIST_AK", AK)
            .env("GALLERIST_SK", SK);
        if let Some(d) = data {
            cmd.args(["--data", d]);
        }
        let out = cmd.output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!("{method} {path}: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        serde_json::from_str(text.trim()).map_err(|e| format!("{method} {path} answered no JSON ({e}): {text}"))
    }

    /// Queues `BATCH` new changes, each with its own lane and idempotency key, as a
    /// local edit does (the change and its outbox row in one transaction).
    fn enqueue(&mut self) -> Result<(), String> {
        let (store, _) =
            Store::open(&self.data.join(gallerist_api::DATABASE_FILE), Utc::now()).map_err(|e| e.to_string())?;
        let first = self.queued;
        store
            .write(|tx| {
                for i in first..first + BATCH {
                    let op = NewOp {
                        account_id: self.account,
                        op_key: format!("{KEY_PREFIX}{i:06}"),
                        kind: "submit_application".into(),
                        lane: format!("crash:{i}"),
                        payload: json!({ "draft_ref": format!("crash-{i}"), "product_id": null, "listing": self.listing }),
                        base_revision: None,
                    };
                    outbox::enqueue(tx, &op, Utc::now())?;
                }
                Ok(())
            })
            .map_err(|e| e.to_string())?;
        self.queued += BATCH;
        Ok(())
    }
}

impl Kind for Sync {
    fn name(&self) -> &'static str {
        "sync"
    }

    fn window(&self) -> Duration {
        self.window
    }

    fn next(&mut self, _: usize) -> Result<Command, String> {
        self.enqueue()?;
        Ok(self.command())
    }

    fn settle(&mut self, _: &Trial) {}

    fn finish(&mut self) -> Result<Findings, String> {
        let db = self.data.join(gallerist_api::DATABASE_FILE);
        let mut problems: Vec<String> = integrity(&db).err().into_iter().collect();
        trial::to_the_end(&mut self.command())?;
        self.control(
            "PUT",
            "/_sandbox/v1/faults",
            Some(r#"{"error_rate": 0, "latency_ms": 0}"#),
        )?;
        let effects = self.control("GET", "/_sandbox/v1/effects", None)?;
        let (reached, duplicated) = checks::effects(&effects, KEY_PREFIX)?;
        let lost = self.queued.saturating_sub(reached);
        let (store, _) = Store::open(&db, Utc::now()).map_err(|e| e.to_string())?;
        let done: i64 = store
            .conn()
            .map_err(|e| e.to_string())?
            .query_row("SELECT count(*) FROM outbox WHERE state = 'done'", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if done as usize != self.queued {
            problems.push(format!(
                "the outbox records {done} of {} changes as applied",
                self.queued
            ));
        }
        Ok(Findings {
            acked: self.queued,
            lost,
            partial: None,
            duplicated: Some(duplicated),
            problems,
            detail: format!(
                "{} changes queued, {} reached the sandbox, {} applied more than once; the outbox marks {} done",
                grouped(self.queued),
                grouped(reached),
                duplicated,
                grouped(done as usize)
            ),
        })
    }
}
