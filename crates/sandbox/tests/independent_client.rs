//! A client that shares no code with Gallerist — Python's standard library
//! following Huawei's published algorithm — is accepted; one changed byte is not.

use gallerist_domain::SystemClock;
use gallerist_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;
use std::process::Command;
use std::sync::Arc;

fn run_client(url: &str, extra: &[&str]) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/apig/huawei_signer.py");
    let out = Command::new("python3")
        .arg(script)
        .args([url, "INDEPENDENTAK", "independent-secret", "MOCKPERIODYEARNEW"])
        .args(extra)
        .output()
        .expect("python3 runs the independent client");
    assert!(
        out.status.success(),
        "the independent client failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the client prints JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepts_the_published_algorithm_and_refuses_one_changed_byte() {
    let sandbox = Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: "INDEPENDENTAK".into(),
        secret_key: "independent-secret".into(),
        data: None,
        clock: Arc::new(SystemClock),
    })
    .await
    .unwrap();
    let url = sandbox.url();
    let ok = tokio::task::spawn_blocking({
        let url = url.clone();
        move || run_client(&url, &[])
    })
    .await
    .unwrap();
    assert_eq!(ok["status"], 200, "a correctly signed request is accepted: {ok}");
    assert_eq!(ok["body"]["orderInfo"]["orderId"], "MOCKPERIODYEARNEW");
    let tampered = tokio::task::spawn_blocking(move || run_client(&url, &["tamper"]))
        .await
        .unwrap();
    assert_eq!(tampered["status"], 401, "one changed byte must be refused: {tampered}");
    assert_eq!(tampered["body"]["error_code"], "APIGW.0301");
    sandbox.stop().await;
}
