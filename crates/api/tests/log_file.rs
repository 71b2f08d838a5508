//! The diagnostic log: written under the data folder as the app works, with the start
//! and each sync pass in it — and never a key the seller typed, not even when the
//! marketplace refuses that key and the refusal is logged.
//!
//! One test per binary: a process has one logger.

mod common;

use common::files_under;
use gallerist_api::vault::MemoryVault;
use gallerist_api::{background, boot, dispatch, log_file, BootOptions};
use gallerist_domain::SystemClock;
use serde_json::json;
use std::sync::Arc;

const SK: &str = "Sk-Correct-4b1e9d7a2c6f80";
const WRONG_SK: &str = "Sk-Wrong-9e8d7c6b5a4f31";
const PRODUCTION: &str = "Prod-Key-0a9b8c7d6e5f41";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_tells_the_start_and_each_sync_pass_and_never_holds_a_secret() {
    let market = common::seller_sandbox(SK).await;
    let dir = tempfile::tempdir().unwrap();
    let core = boot(BootOptions {
        data_dir: dir.path().to_path_buf(),
        clock: Arc::new(SystemClock),
        seed: 5,
        os_locale: "en-US".into(),
        embedded_sandbox: true,
        vault: Arc::new(MemoryVault::default()),
    })
    .await
    .unwrap();
    let log = log_file::start(&core).expect("the log starts in the data folder");
    assert_eq!(log.dir, dir.path().join("logs"));

    // A wrong key first: the refusal is logged, the key is not.
    let added = dispatch(
        &core,
        "add_account",
        json!({
            "name": "My shop", "site": "custom", "baseUrl": market.url(),
            "accessKeyId": "SELLERAK", "secretKey": WRONG_SK, "productionKey": PRODUCTION,
        }),
    )
    .await
    .unwrap();
    let id = added["id"].as_i64().unwrap();
    background::pass(&core, &|| {}).await;
    dispatch(&core, "update_account", json!({ "accountId": id, "secretKey": SK }))
        .await
        .unwrap();
    background::pass(&core, &|| {}).await;
    core.shutdown().await;
    drop(log);
    market.stop().await;

    let logs: String = files_under(&dir.path().join("logs"))
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(logs.contains("started on data folder"), "the start is logged:\n{logs}");
    assert!(
        logs.contains(&format!("sync pass for account {id}")),
        "the seller's account's passes are logged:\n{logs}"
    );
    assert!(
        logs.contains("the pull failed: APIGW.0301"),
        "the refused key is logged as the marketplace's refusal, with its code:\n{logs}"
    );
    for file in files_under(dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in [SK, WRONG_SK, PRODUCTION] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} contains a secret",
                file.display()
            );
        }
    }
}
