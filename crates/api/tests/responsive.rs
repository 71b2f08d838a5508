//! Long commands run off the async workers (issue 14): while two 100,000-line import
//! previews are being worked on, a trivial command still answers at once.
//!
//! The runtime has two workers, as a 2-core machine does. Before `work::run`, the two
//! previews occupied both workers and `app_info` waited for one of them to finish.

mod common;

use base64::Engine;
use common::bill_csv::bill_csv;
use common::{sandbox_account, sandbox_core};
use gallerist_api::work;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trivial_command_answers_while_two_large_previews_run() {
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(sandbox_core(dir.path(), 21, "en").await);
    let account = sandbox_account(&core);
    let previews: Vec<_> = (0..2)
        .map(|n| {
            // Two different files, so neither is answered from the other's parked copy.
            let file = bill_csv(100_000 + n);
            let encoded = base64::engine::general_purpose::STANDARD.encode(file);
            let core = core.clone();
            tokio::spawn(async move {
                let args = json!({ "accountId": account, "fileName": format!("bill-{n}.csv"), "base64": encoded });
                work::run(core, "import_preview".into(), args).await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let asked = Instant::now();
    let info = work::run(core.clone(), "app_info".into(), json!({}))
        .await
        .expect("app_info answers");
    let waited = asked.elapsed();
    let still_running = previews.iter().filter(|p| !p.is_finished()).count();
    assert!(info["version"].is_string(), "{info}");
    assert_eq!(
        still_running, 2,
        "both previews were still being worked on when app_info answered"
    );
    assert!(
        waited < Duration::from_millis(200),
        "app_info waited {waited:?} behind the previews"
    );

    for p in previews {
        let answer = p.await.unwrap().expect("each preview completes");
        assert_eq!(
            answer["newLines"].as_u64().map(|n| n >= 100_000),
            Some(true),
            "{}",
            answer["newLines"]
        );
    }
}

/// A caller that leaves (a closed tab, a web client that gave up) stops the preview
/// instead of leaving it to pin a core for nobody (issue 14, findings 4 and 7).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preview_whose_caller_left_stops_early() {
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(sandbox_core(dir.path(), 23, "en").await);
    let account = sandbox_account(&core);
    let encoded = base64::engine::general_purpose::STANDARD.encode(bill_csv(300_000));
    let args = json!({ "accountId": account, "fileName": "left.csv", "base64": encoded });
    let asked = tokio::spawn(work::run(core.clone(), "import_preview".into(), args));
    while core.commands_running() == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    asked.abort(); // the caller goes away
    let left = Instant::now();
    // A liveness bound, not a measurement: reading all 300,000 rows takes most of a minute
    // in a debug build; the preview looks at its ticket every 1,024 rows.
    while core.commands_running() > 0 {
        assert!(
            left.elapsed() < Duration::from_secs(20),
            "the preview kept running after its caller left"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
