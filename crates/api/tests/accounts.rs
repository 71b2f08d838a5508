//! Accounts with keys: added, tested for real against a sandbox, fixed, removed —
//! and the secret never lands on disk.

mod common;

use chrono::Utc;
use common::files_under;
use gallerist_api::vault::{MemoryVault, SecretKind, SecretName, Vault, VaultError};
use gallerist_api::{boot, dispatch, BootOptions, Core, ErrorCode};
use gallerist_domain::SystemClock;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

const SK: &str = "Sk-Correct-7f3a9c21e4b8d6";
const PRODUCTION: &str = "Prod-Key-5d2e8a1b9c7f";

async fn seller_sandbox() -> gallerist_sandbox::Sandbox {
    common::seller_sandbox(SK).await
}

async fn core(dir: &Path, vault: Arc<dyn Vault>) -> Core {
    core_seeded(dir, vault, 11).await
}

/// Each installation draws its own seed (the app uses a random one).
async fn core_seeded(dir: &Path, vault: Arc<dyn Vault>, seed: u64) -> Core {
    let core = boot(BootOptions {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(SystemClock),
        seed,
        os_locale: "en-US".into(),
        embedded_sandbox: true,
        vault,
    })
    .await
    .unwrap();
    assert!(Utc::now().timestamp() > 0);
    core
}

async fn call(core: &Core, name: &str, args: Value) -> Result<Value, gallerist_api::ApiError> {
    dispatch(core, name, args).await
}

#[tokio::test]
async fn a_wrong_key_is_explained_a_fixed_key_connects_and_removal_takes_the_keys() {
    let market = seller_sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let core = core(dir.path(), vault.clone()).await;
    let added = call(
        &core,
        "add_account",
        json!({
            "name": "My shop (test)", "site": "custom", "baseUrl": market.url(),
            "accessKeyId": "SELLERAK", "secretKey": "Sk-Wrong-000", "productionKey": PRODUCTION,
        }),
    )
    .await
    .expect("a custom account with keys is added");
    let id = added["id"].as_i64().unwrap();
    assert_eq!(added["secretKeyStored"], true);
    assert_eq!(added["productionKeyStored"], true);

    let r = call(&core, "test_connection", json!({ "accountId": id }))
        .await
        .unwrap();
    assert_eq!(
        (r["ok"].as_bool(), r["code"].as_str()),
        (Some(false), Some("APIGW.0301")),
        "{r}"
    );
    assert!(
        r["message"].as_str().unwrap().contains("signature"),
        "the refusal is explained: {r}"
    );
    assert!(
        r["nextStep"].as_str().unwrap().contains("clock"),
        "the next step names the clock: {r}"
    );

    call(&core, "update_account", json!({ "accountId": id, "secretKey": SK }))
        .await
        .expect("the key is replaced");
    let r = call(&core, "test_connection", json!({ "accountId": id }))
        .await
        .unwrap();
    assert_eq!(r["ok"], true, "with the right key the signed call succeeds: {r}");

    let listed = call(&core, "list_accounts", json!({})).await.unwrap().to_string();
    assert!(
        !listed.contains(SK) && !listed.contains(PRODUCTION),
        "secrets never go back to the UI"
    );

    call(&core, "remove_account", json!({ "accountId": id })).await.unwrap();
    assert_eq!(
        vault.get(&core.secret(id, SecretKind::SecretKey)),
        Ok(None),
        "removing the account removes its secret key"
    );
    assert_eq!(
        vault.get(&core.secret(id, SecretKind::ProductionKey)),
        Ok(None),
        "and its production key"
    );
    assert!(vault.is_empty(), "no secret is left behind");
    let sandbox_id = call(&core, "list_accounts", json!({})).await.unwrap()[0]["id"].clone();
    let refused = call(&core, "remove_account", json!({ "accountId": sandbox_id }))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput, "the built-in sandbox stays");
    core.shutdown().await;
    market.stop().await;
}

#[tokio::test]
async fn no_secret_is_written_to_any_file_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path(), Arc::new(MemoryVault::default())).await;
    call(
        &core,
        "add_account",
        json!({
            "name": "CN", "site": "cn", "accessKeyId": "PUBLICAK", "secretKey": SK, "productionKey": PRODUCTION,
        }),
    )
    .await
    .unwrap();
    call(&core, "set_locale", json!({ "locale": "zh-CN" })).await.unwrap();
    core.shutdown().await;
    let files = files_under(dir.path());
    assert!(
        files.iter().any(|f| f.ends_with("gallerist.sqlite3")),
        "the database was searched"
    );
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for secret in [SK, PRODUCTION] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} contains a secret",
                file.display()
            );
        }
    }
}

struct LockedKeychain;

impl Vault for LockedKeychain {
    fn put(&self, _: &SecretName, _: &str) -> Result<(), VaultError> {
        Err(VaultError::Unavailable(
            "org.freedesktop.secrets was not provided by any .service files".into(),
        ))
    }
    fn get(&self, _: &SecretName) -> Result<Option<String>, VaultError> {
        Err(VaultError::Unavailable("no Secret Service".into()))
    }
    fn delete(&self, _: &SecretName) -> Result<(), VaultError> {
        Err(VaultError::Unavailable("no Secret Service".into()))
    }
}

#[tokio::test]
async fn without_a_keychain_the_account_is_refused_and_nothing_is_half_made() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path(), Arc::new(LockedKeychain)).await;
    let err = call(
        &core,
        "add_account",
        json!({
            "name": "CN", "site": "cn", "accessKeyId": "PUBLICAK", "secretKey": SK,
        }),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Keychain);
    assert!(
        err.message.contains("Secret Service") && err.message.contains("GNOME Keyring"),
        "{}",
        err.message
    );
    let accounts = call(&core, "list_accounts", json!({})).await.unwrap();
    assert_eq!(
        accounts.as_array().unwrap().len(),
        1,
        "only the sandbox account remains"
    );
    core.shutdown().await;
}

#[tokio::test]
async fn bad_account_input_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path(), Arc::new(MemoryVault::default())).await;
    let cases = [
        (
            json!({"name": "A", "site": "custom", "accessKeyId": "AK", "secretKey": "S"}),
            "base URL",
        ),
        (
            json!({"name": "A", "site": "sandbox", "accessKeyId": "AK", "secretKey": "S"}),
            "not a site",
        ),
        (
            json!({"name": "A", "site": "cn", "accessKeyId": "AK", "secretKey": "has space"}),
            "secret key",
        ),
        (
            json!({"name": "A", "site": "custom", "baseUrl": "ftp://x", "accessKeyId": "AK", "secretKey": "S"}),
            "http(s)",
        ),
        (
            json!({"name": " ", "site": "cn", "accessKeyId": "AK", "secretKey": "S"}),
            "name",
        ),
    ];
    for (args, why) in cases {
        let err = call(&core, "add_account", args.clone()).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{args}");
        assert!(
            err.message.contains(why),
            "{args}: expected '{why}' in '{}'",
            err.message
        );
    }
    let ok = json!({"name": "CN", "site": "cn", "accessKeyId": "AK", "secretKey": "S"});
    let first = call(&core, "add_account", ok.clone()).await.unwrap();
    assert_eq!(
        first["baseUrl"], "https://mkt.myhuaweicloud.com",
        "the documented CN host is the default"
    );
    assert_eq!(
        call(&core, "add_account", ok).await.unwrap_err().code,
        ErrorCode::InvalidInput,
        "names are unique"
    );
    core.shutdown().await;
}

#[tokio::test]
async fn two_data_folders_keep_their_own_keys_in_one_keychain() {
    let vault = Arc::new(MemoryVault::default());
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = core_seeded(a_dir.path(), vault.clone(), 21).await;
    let b = core_seeded(b_dir.path(), vault.clone(), 22).await;
    let add = |sk: &'static str| json!({"name": "CN", "site": "cn", "accessKeyId": "AK", "secretKey": sk});
    let id_a = call(&a, "add_account", add("secret-of-a")).await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let id_b = call(&b, "add_account", add("secret-of-b")).await.unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(id_a, id_b, "both databases call it the same account id");
    assert_eq!(
        vault.get(&a.secret(id_a, SecretKind::SecretKey)).unwrap().as_deref(),
        Some("secret-of-a")
    );
    assert_eq!(
        vault.get(&b.secret(id_b, SecretKind::SecretKey)).unwrap().as_deref(),
        Some("secret-of-b"),
        "b did not overwrite a"
    );
    a.shutdown().await;
    b.shutdown().await;
}
