//! The conformance runner against the sandbox's reference seller server on loopback:
//! all green against the correct server, and each switchable fault turns exactly its
//! own checks red — so every check is shown to be able to fail.

use gallerist_domain::SystemClock;
use gallerist_market::http_client;
use gallerist_market::produce::{self, CannotRun, Check, Mode, RunReport, Target, Verdict, Version};
use gallerist_sandbox::seller::{DEMO_ACCESS_KEY, DEMO_PUBLIC_KEY_PEM, VARIANTS};
use gallerist_sandbox::{Sandbox, SandboxConfig};
use rand::SeedableRng;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Each run gets its own seed: the reference server remembers nonces, so two runs
/// from the same seed would send the same nonces and the second would be refused as
/// a replay — as a real seller's server should.
static SEED: AtomicU64 = AtomicU64::new(15);

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: "AK1".into(),
        secret_key: "SK1".into(),
        data: None,
        clock: Arc::new(SystemClock),
    })
    .await
    .unwrap()
}

struct Run {
    report: RunReport,
    live: Vec<String>,
}

async fn run(sb: &Sandbox, variant: &str, version: Version, mode: Mode, kit: bool) -> Run {
    let target = Target {
        url: format!("{}/seller/{variant}/{}", sb.url(), version.as_str()),
        version,
        mode,
        kit_public_key_pem: kit.then(|| DEMO_PUBLIC_KEY_PEM.to_string()),
    };
    let mut live = Vec::new();
    let mut rng = rand::rngs::StdRng::seed_from_u64(SEED.fetch_add(1, Ordering::Relaxed));
    let report = produce::run(
        &http_client(),
        &target,
        DEMO_ACCESS_KEY,
        &SystemClock,
        &mut rng,
        &mut |c: &Check| live.push(c.id.clone()),
    )
    .await
    .expect("the run starts");
    Run { report, live }
}

fn red(report: &RunReport) -> BTreeSet<&str> {
    report.failing_ids().into_iter().collect()
}

fn ids(report: &RunReport) -> BTreeSet<&str> {
    report.checks.iter().map(|c| c.id.as_str()).collect()
}

#[tokio::test]
async fn the_correct_server_passes_every_v2_and_kit_check_and_progress_is_live() {
    let sb = sandbox().await;
    let run = run(&sb, "correct", Version::V2, Mode::Period, true).await;
    assert_eq!(red(&run.report), BTreeSet::new(), "{:#?}", run.report.checks);
    let warned: Vec<&str> = run
        .report
        .checks
        .iter()
        .filter(|c| c.verdict == Verdict::Warn)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        warned,
        ["url.https", "url.domain", "url.tls"],
        "a loopback http URL is only a warning"
    );
    assert_eq!(
        run.live,
        run.report.checks.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        "each check was reported as it finished, in order"
    );
    let all = ids(&run.report);
    for id in [
        "v2.create.result-code",
        "v2.create.fields",
        "v2.create.idempotent",
        "v2.query.fields",
        "v2.renew.repeat",
        "v2.freeze.result-code",
        "v2.release.repeat",
        "v2.auth.wrong-signature",
        "v2.auth.stale-timestamp",
        "v2.auth.replayed-nonce",
        "kit.tenant.result-code",
        "kit.application.result-code",
        "kit.auth.repeat-add",
        "kit.single-org.repeat-delete",
        "kit.all-org.repeat-add",
        "kit.auth.wrong-signature",
        "url.utf8",
    ] {
        assert!(all.contains(id), "{id} was checked");
    }
    let replay = run
        .report
        .checks
        .iter()
        .find(|c| c.id == "v2.auth.replayed-nonce")
        .unwrap();
    assert!(
        replay.exchanges[0].request.deliberately_bad.is_some(),
        "a deliberately bad request says so"
    );
    let create = run
        .report
        .checks
        .iter()
        .find(|c| c.id == "v2.create.result-code")
        .unwrap();
    let sent = &create.exchanges[0].request;
    assert!(
        sent.url.contains("signature=") && sent.body.contains("\"testFlag\":\"1\""),
        "{sent:?}"
    );
    assert!(
        !serde_json::to_string(&run.report).unwrap().contains(DEMO_ACCESS_KEY),
        "the key never appears in a report"
    );
    sb.stop().await;
}

#[tokio::test]
async fn per_use_and_one_off_products_get_their_own_matrix() {
    let sb = sandbox().await;
    for mode in [Mode::PerUse, Mode::OneOff] {
        let run = run(&sb, "correct", Version::V2, mode, false).await;
        assert_eq!(red(&run.report), BTreeSet::new(), "{mode:?}: {:#?}", run.report.checks);
        let all = ids(&run.report);
        assert!(all.contains("v2.release.repeat"));
        assert_eq!(
            all.contains("v2.query.usage"),
            mode == Mode::PerUse,
            "{mode:?}: usage is judged for per-use only"
        );
        assert!(
            !all.iter()
                .any(|id| id.starts_with("v2.renew") || id.starts_with("kit.")),
            "{mode:?}: no renewal, no Kit"
        );
    }
    sb.stop().await;
}

#[tokio::test]
async fn the_correct_v1_server_passes_with_signed_answers() {
    let sb = sandbox().await;
    let run = run(&sb, "correct", Version::V1, Mode::Period, false).await;
    assert_eq!(red(&run.report), BTreeSet::new(), "{:#?}", run.report.checks);
    let body_sign = run.report.checks.iter().find(|c| c.id == "v1.body-sign").unwrap();
    assert_eq!(body_sign.verdict, Verdict::Pass);
    sb.stop().await;
}

/// The checks each fault must turn red, and only those.
fn expected(variant: &str) -> Option<&'static [&'static str]> {
    Some(match variant {
        "correct" => &[],
        "unsigned" => &["v2.auth.wrong-signature", "kit.auth.wrong-signature"],
        "slow-create" => &["v2.create.answer-time"],
        "non-idempotent" => &["v2.create.idempotent"],
        "long-field" => &["v2.create.fields"],
        "no-activity" => &["v2.query.result-code"],
        "stale-timestamp" => &["v2.auth.stale-timestamp"],
        "replay" => &["v2.auth.replayed-nonce"],
        // Usage is required of pay-per-use products only: see `fault`.
        "no-usage" => &["v2.query.usage"],
        _ => return None,
    })
}

async fn fault(variant: &str) {
    let sb = sandbox().await;
    let mode = if variant == "no-usage" {
        Mode::PerUse
    } else {
        Mode::Period
    };
    let run = run(&sb, variant, Version::V2, mode, true).await;
    let want: BTreeSet<&str> = expected(variant).unwrap().iter().copied().collect();
    assert_eq!(red(&run.report), want, "{variant}: {:#?}", run.report.checks);
    sb.stop().await;
}

#[test]
fn every_fault_of_the_reference_server_has_a_test() {
    for v in VARIANTS {
        assert!(expected(v).is_some(), "the fault '{v}' has no expected red checks here");
    }
}

#[tokio::test]
async fn unsigned_turns_only_the_signature_checks_red() {
    fault("unsigned").await;
}

#[tokio::test]
async fn slow_create_turns_only_the_create_answer_time_red() {
    fault("slow-create").await;
}

#[tokio::test]
async fn non_idempotent_turns_only_create_idempotency_red() {
    fault("non-idempotent").await;
}

#[tokio::test]
async fn long_field_turns_only_the_fields_check_red() {
    fault("long-field").await;
}

#[tokio::test]
async fn no_activity_turns_only_that_activity_red() {
    fault("no-activity").await;
}

#[tokio::test]
async fn stale_timestamp_turns_only_the_timestamp_check_red() {
    fault("stale-timestamp").await;
}

#[tokio::test]
async fn replay_turns_only_the_nonce_check_red() {
    fault("replay").await;
}

#[tokio::test]
async fn no_usage_turns_only_the_per_use_usage_check_red() {
    fault("no-usage").await;
    // A period product reports no usage, so the same server is all green for one.
    let sb = sandbox().await;
    let run = run(&sb, "no-usage", Version::V2, Mode::Period, true).await;
    assert_eq!(red(&run.report), BTreeSet::new(), "{:#?}", run.report.checks);
    assert!(
        !ids(&run.report).contains("v2.query.usage"),
        "no usage check for a period product"
    );
    sb.stop().await;
}

#[tokio::test]
async fn an_unreadable_public_key_or_an_empty_key_stops_the_run_before_anything_is_sent() {
    let target = Target {
        url: "https://isv.example.com/produce".into(),
        version: Version::V2,
        mode: Mode::Period,
        kit_public_key_pem: Some("not a key".into()),
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    let mut nothing = |_: &Check| panic!("no check runs");
    let err = produce::run(&http_client(), &target, "k", &SystemClock, &mut rng, &mut nothing)
        .await
        .unwrap_err();
    assert!(matches!(err, CannotRun::PublicKey(_)), "{err}");
    let err = produce::run(
        &http_client(),
        &Target {
            kit_public_key_pem: None,
            ..target
        },
        " ",
        &SystemClock,
        &mut rng,
        &mut nothing,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CannotRun::NoKey), "{err}");
}

/// Over V1 the same faults show in V1's own checks (the V1 server has no nonce or
/// timestamp window, so those faults leave V1 green).
fn expected_v1(variant: &str) -> &'static [&'static str] {
    match variant {
        "unsigned" => &["v1.auth.wrong-token"],
        "slow-create" => &["v1.answer-time"],
        "non-idempotent" => &["v1.create.idempotent"],
        "long-field" => &["v1.create.fields"],
        "no-activity" => &["v1.query.result-code"],
        _ => &[],
    }
}

#[tokio::test]
async fn over_v1_each_fault_turns_only_its_v1_check_red() {
    let sb = sandbox().await;
    for variant in VARIANTS {
        let run = run(&sb, variant, Version::V1, Mode::Period, false).await;
        let want: BTreeSet<&str> = expected_v1(variant).iter().copied().collect();
        assert_eq!(red(&run.report), want, "V1 {variant}: {:#?}", run.report.checks);
    }
    sb.stop().await;
}
