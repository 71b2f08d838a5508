//! Helpers the API tests share: a core on the embedded sandbox, commands that must
//! succeed or must be refused, and a sync pass to completion.
#![allow(dead_code)] // each test file uses some of these

pub mod bill_csv;

use gallerist_api::sync::{engine, run};
use gallerist_api::{boot, dispatch, ApiError, BootOptions, Core};
use gallerist_domain::SystemClock;
use gallerist_market::sync::{Backoff, Policy};
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A core on `dir` with the embedded sandbox account, on the real clock.
pub async fn sandbox_core(dir: &Path, seed: u64, locale: &str) -> Core {
    boot(BootOptions {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(SystemClock),
        seed,
        os_locale: locale.into(),
        embedded_sandbox: true,
        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
    })
    .await
    .expect("the app boots on an empty folder")
}

/// The embedded sandbox account's id.
pub fn sandbox_account(core: &Core) -> i64 {
    core.sandbox.as_ref().expect("the embedded sandbox").account_id
}

/// A command that must succeed.
pub async fn call(core: &Core, name: &str, args: Value) -> Value {
    dispatch(core, name, args)
        .await
        .unwrap_or_else(|e| panic!("{name} failed: {e:?}"))
}

/// A command that must be refused; its error.
pub async fn refused(core: &Core, name: &str, args: Value) -> ApiError {
    match dispatch(core, name, args).await {
        Ok(v) => panic!("{name} should have been refused, but answered {v}"),
        Err(e) => e,
    }
}

/// One sync pass for `account`: send what is queued, pull what changed.
pub async fn sync(core: &Core, account: i64) {
    let policy = Policy {
        concurrency: 4,
        backoff: Backoff {
            base: Duration::from_millis(5),
            cap: Duration::from_millis(100),
        },
    };
    let e = engine(core, account, None, policy).expect("a sync engine for the account");
    run(&e, Some(Instant::now() + Duration::from_secs(60)), true)
        .await
        .expect("the sync pass completes");
}

/// Every file below `dir`, for searching the data folder byte by byte (secrets).
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A separate sandbox playing the seller's own marketplace account (AK `SELLERAK`).
pub async fn seller_sandbox(secret_key: &str) -> gallerist_sandbox::Sandbox {
    gallerist_sandbox::Sandbox::start(gallerist_sandbox::SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: "SELLERAK".into(),
        secret_key: secret_key.into(),
        data: None,
        clock: Arc::new(SystemClock),
    })
    .await
    .unwrap()
}
