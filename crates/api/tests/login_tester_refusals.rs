//! What the unified-login tester refuses, in both languages: a form it cannot use, and
//! every command when the app runs without its embedded sandbox (a real account has no
//! login domain for it to stand in for).

mod common;

use common::{call, refused, sandbox_core};
use gallerist_api::{boot, BootOptions, Core, ErrorCode};
use serde_json::{json, Value};
use std::sync::Arc;

/// A made-up test value; no refusal may repeat it.
const CLIENT_SECRET: &str = "tester-value-5b1e-not-real";

fn setup_args() -> Value {
    json!({
        "tenantCode": "acme-test",
        "tenantName": "Acme Trading Co.",
        "clientId": "acme-saas-app",
        "clientSecret": CLIENT_SECRET,
        "redirectUri": "http://127.0.0.1:5999/oauth/callback",
        "users": [{"userName": "zhangsan", "name": "张三", "role": "admin"}]
    })
}

#[tokio::test]
async fn a_form_the_tester_cannot_use_is_refused_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 24, "en").await;
    let cases = [
        ("tenantCode", json!("../x"), "tenant code", "租户编码"),
        ("redirectUri", json!("/callback"), "redirect URI", "回调地址"),
        ("users", json!([]), "at least one test user", "至少添加一个测试用户"),
        (
            "users",
            json!([{"userName": "a", "name": "A"}, {"userName": "a", "name": "B"}]),
            "'a' appears twice",
            "重复出现",
        ),
        (
            "users",
            json!([{"userName": "a", "name": "A", "role": "owner"}]),
            "'user' or 'admin'",
            "角色",
        ),
    ];
    for (field, value, en, zh) in cases {
        let mut args = setup_args();
        args[field] = value;
        let e = refused(&core, "login_tester_setup", args).await;
        assert_eq!(e.code, ErrorCode::InvalidInput, "{field}");
        assert!(
            e.message.contains(en) && e.message.contains(zh),
            "{field}: {}",
            e.message
        );
        assert!(!e.message.contains(CLIENT_SECRET), "a refusal never repeats the secret");
    }
    assert_eq!(
        call(&core, "login_tester_report", json!({})).await,
        Value::Null,
        "nothing was registered"
    );
}

async fn core_without_sandbox(dir: &std::path::Path) -> Core {
    boot(BootOptions {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(gallerist_domain::SystemClock),
        seed: 25,
        os_locale: "en".into(),
        embedded_sandbox: false,
        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
    })
    .await
    .expect("the app boots without its sandbox")
}

#[tokio::test]
async fn without_the_embedded_sandbox_every_command_refuses_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let core = core_without_sandbox(dir.path()).await;
    let calls = [
        ("login_tester_setup", setup_args()),
        ("login_tester_report", json!({})),
        (
            "login_tester_clock",
            json!({"tenantCode": "acme-test", "advanceSeconds": 60}),
        ),
    ];
    for (name, args) in calls {
        let e = refused(&core, name, args).await;
        assert_eq!(e.code, ErrorCode::InvalidInput, "{name}");
        assert!(
            e.message.contains("runs only in Gallerist's built-in sandbox")
                && e.message.contains("只在 Gallerist 内置沙箱中运行"),
            "{name}: {}",
            e.message
        );
    }
}
