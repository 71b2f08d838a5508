//! The commands as the UI calls them, on a real database and a real sandbox.

use chrono::{TimeZone, Utc};
use gallerist_api::{boot, dispatch, BootOptions, Core, ErrorCode};
use gallerist_domain::FixedClock;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

fn options(dir: &Path, seed: u64) -> BootOptions {
    BootOptions {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap())),
        seed,
        os_locale: "zh-CN".into(),
        embedded_sandbox: true,
        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
    }
}

async fn call(core: &Core, name: &str, args: Value) -> Value {
    dispatch(core, name, args)
        .await
        .unwrap_or_else(|e| panic!("{name} failed: {e:?}"))
}

async fn sandbox_id(core: &Core) -> i64 {
    call(core, "list_accounts", json!({})).await[0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn first_start_creates_the_sandbox_account_with_a_year_of_orders() {
    let dir = tempfile::tempdir().unwrap();
    let core = boot(options(dir.path(), 42)).await.unwrap();
    let accounts = call(&core, "list_accounts", json!({})).await;
    assert_eq!(
        accounts.as_array().unwrap().len(),
        1,
        "exactly one account on first start"
    );
    assert_eq!(accounts[0]["name"], "Sandbox");
    assert_eq!(accounts[0]["site"], "sandbox");
    assert_eq!(accounts[0]["isSandbox"], true);
    let d = call(&core, "dashboard", json!({ "accountId": accounts[0]["id"] })).await;
    assert!(
        d["orderCount"].as_i64().unwrap() > 12 * 18,
        "at least a year of demo orders: {}",
        d["orderCount"]
    );
    let months = d["perMonth"].as_array().unwrap();
    assert_eq!(months.len(), 12, "twelve months on the chart");
    assert_eq!(
        months[11]["month"], "2026-11",
        "the last bar is the current UTC+8 month"
    );
    assert!(
        months.iter().all(|m| m["count"].as_i64().unwrap() > 0),
        "demo data fills every month"
    );
    assert_eq!(d["gross"][0]["currency"], "CNY");
    assert!(d["byType"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["orderType"] == "RENEW"));
    core.shutdown().await;
}

#[tokio::test]
async fn test_connection_makes_a_real_signed_call_to_the_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let core = boot(options(dir.path(), 1)).await.unwrap();
    let id = sandbox_id(&core).await;
    let r = call(&core, "test_connection", json!({ "accountId": id })).await;
    assert_eq!(r["ok"], true, "the sandbox answers a signed order query: {r}");
    assert_eq!(r["code"], "MKT.0000");
    assert_eq!(r["httpStatus"], 200);
    assert!(
        r["message"].as_str().unwrap().contains("成功"),
        "the message follows the OS locale (zh-CN): {r}"
    );
    core.shutdown().await;
}

#[tokio::test]
async fn a_restart_keeps_the_data_moves_the_port_and_still_connects() {
    let dir = tempfile::tempdir().unwrap();
    let first = boot(options(dir.path(), 7)).await.unwrap();
    let id = sandbox_id(&first).await;
    let before = call(&first, "dashboard", json!({ "accountId": id })).await["orderCount"].clone();
    call(&first, "set_locale", json!({ "locale": "en" })).await;
    first.shutdown().await;

    let second = boot(options(dir.path(), 8)).await.unwrap();
    let d = call(&second, "dashboard", json!({ "accountId": id })).await;
    assert_eq!(d["orderCount"], before, "a restart neither loses nor duplicates orders");
    assert_eq!(
        call(&second, "app_info", json!({})).await["locale"],
        "en",
        "the chosen language is kept"
    );
    let r = call(&second, "test_connection", json!({ "accountId": id })).await;
    assert_eq!(r["ok"], true, "new in-memory keys and a new port still work: {r}");
    let page = call(&second, "list_orders", json!({ "accountId": id, "limit": 1 })).await;
    let newest = page["rows"][0]["orderId"].as_str().unwrap().to_string();
    let sandbox = second.sandbox.as_ref().unwrap();
    let api = gallerist_market::OpenApi::new(
        second.http.clone(),
        &sandbox.server.url(),
        sandbox.credentials.clone(),
        second.clock.clone(),
    )
    .unwrap();
    let (order, _) = api
        .query_order(&newest, None, gallerist_domain::Currency::Cny)
        .await
        .expect("demo orders are on the sandbox too");
    assert_eq!(order.order_id, newest);
    second.shutdown().await;
}

#[tokio::test]
async fn orders_are_listed_newest_first_searched_and_paged() {
    let dir = tempfile::tempdir().unwrap();
    let core = boot(options(dir.path(), 3)).await.unwrap();
    let id = sandbox_id(&core).await;
    let page = call(
        &core,
        "list_orders",
        json!({ "accountId": id, "limit": 20, "offset": 20 }),
    )
    .await;
    assert_eq!(page["rows"].as_array().unwrap().len(), 20);
    let hit = call(
        &core,
        "list_orders",
        json!({ "accountId": id, "search": "MOCKPERIODYEARNEW" }),
    )
    .await;
    assert_eq!(hit["total"], 1);
    assert_eq!(hit["rows"][0]["amount"], "100.00", "exact decimal string");
    assert_eq!(hit["rows"][0]["currency"], "CNY");
    let err = dispatch(&core, "list_orders", json!({ "accountId": id, "orderType": "BOGUS" }))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    core.shutdown().await;
}

#[tokio::test]
async fn bad_calls_get_codes_the_ui_understands() {
    let dir = tempfile::tempdir().unwrap();
    let core = boot(options(dir.path(), 4)).await.unwrap();
    let missing = dispatch(&core, "dashboard", json!({ "accountId": 999 }))
        .await
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound, "{missing:?}");
    let malformed = dispatch(&core, "dashboard", json!({ "accountId": "one" }))
        .await
        .unwrap_err();
    assert_eq!(malformed.code, ErrorCode::InvalidInput);
    let unknown = dispatch(&core, "drop_tables", json!({})).await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    let lang = dispatch(&core, "set_locale", json!({ "locale": "fr" }))
        .await
        .unwrap_err();
    assert_eq!(lang.code, ErrorCode::InvalidInput);
    core.shutdown().await;
}

#[tokio::test]
async fn a_corrupt_database_is_a_boot_error_that_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(gallerist_api::DATABASE_FILE),
        b"this is not sqlite at all, just text",
    )
    .unwrap();
    let err = boot(options(dir.path(), 5))
        .await
        .err()
        .expect("a corrupt database cannot boot");
    assert_eq!(err.code, ErrorCode::Boot);
    assert!(err.message.contains("gallerist.sqlite3"), "{}", err.message);
    assert_eq!(
        std::fs::read(dir.path().join(gallerist_api::DATABASE_FILE)).unwrap(),
        b"this is not sqlite at all, just text",
        "the file is untouched"
    );
}

/// Issue 14 finding 5: a second process on the same folder rewrote the sandbox
/// account's URL to its own embedded sandbox and drained the same outbox.
#[tokio::test]
async fn a_second_boot_on_a_held_folder_is_refused_before_touching_anything() {
    let dir = tempfile::tempdir().unwrap();
    let first = boot(options(dir.path(), 11)).await.unwrap();
    let before = call(&first, "list_accounts", json!({})).await;

    let err = boot(options(dir.path(), 12))
        .await
        .err()
        .expect("the folder is held by the first core");
    assert_eq!(err.code, ErrorCode::Boot);
    assert!(err.message.contains("Another Gallerist process"), "{}", err.message);
    assert!(
        err.message.contains(&format!("process {}", std::process::id())),
        "names the process that holds it: {}",
        err.message
    );
    assert_eq!(
        call(&first, "list_accounts", json!({})).await,
        before,
        "the first process's sandbox account (its URL) is untouched"
    );
    let r = call(&first, "test_connection", json!({ "accountId": before[0]["id"] })).await;
    assert_eq!(r["ok"], true, "the first process still reaches its sandbox: {r}");

    first.shutdown().await;
    let again = boot(options(dir.path(), 13))
        .await
        .expect("free once the first is gone");
    again.shutdown().await;
}
