//! The SaaS integration page's commands: run the conformance checks against a
//! production URL, keep every run, and show what changed since the last one.
//!
//! WHY here and not in the page: the access key must never reach the webview, so the
//! core picks it — the account's production-interface key from the keychain, or the
//! embedded sandbox's documented demo key when the URL is the sandbox's own reference
//! seller server. The run itself is `gallerist_market::produce::run`, the same one
//! `gallerist produce check` uses, so the page and a seller's CI judge alike.

use crate::produce_progress::Following;
use crate::{ApiError, Core, ErrorCode};
use gallerist_market::produce::{self, Check, Mode, Target, Version, Words};
use gallerist_sandbox::seller::{DEMO_ACCESS_KEY, DEMO_PUBLIC_KEY_PEM, VARIANTS};
use gallerist_store::produce_runs::{self, Changes, NewRun, RunSummary};
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckArgs {
    /// Whose production-interface key signs the calls; not needed for the embedded
    /// sandbox's reference server.
    #[serde(default)]
    pub account_id: Option<i64>,
    pub url: String,
    #[serde(default = "v2")]
    pub version: Version,
    pub mode: Mode,
    /// Joint-operation product: also check the five Kit syncs.
    #[serde(default)]
    pub kit: bool,
    /// The seller's RSA public key for applicationSync (the sandbox's own when omitted
    /// for a sandbox URL).
    #[serde(default)]
    pub public_key_pem: Option<String>,
    /// The page's name for this run: while it goes, each finished check can be read
    /// with `produce_progress` (see `produce_progress.rs`).
    #[serde(default)]
    pub progress_token: Option<String>,
}

/// The interface version when none is given (serde default, shared with the SaaS products' settings).
pub(crate) fn v2() -> Version {
    Version::V2
}

/// A finished run as the page shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunView {
    pub run_id: i64,
    pub run: RunSummary,
    pub checks: Value,
    /// Compared with the previous run of the same URL and set-up; `None` for the first.
    pub changes: Option<Changes>,
}

/// A refusal in both languages, as the other pages word theirs.
fn refused(en: impl Into<String>, zh: impl Into<String>) -> ApiError {
    ApiError::invalid(format!("{} / {}", en.into(), zh.into()))
}

/// The embedded sandbox's reference seller server, when `url` points at it.
fn is_sandbox_seller(core: &Core, url: &str) -> bool {
    core.sandbox
        .as_ref()
        .is_some_and(|s| url.starts_with(&format!("{}/seller/", s.server.url())))
}

/// The key that signs the run. Never logged, never stored, never returned.
fn access_key(core: &Core, args: &CheckArgs, url: &str) -> Result<String, ApiError> {
    let sandbox_account = core.sandbox.as_ref().map(|s| s.account_id);
    if is_sandbox_seller(core, url) || (args.account_id.is_some() && args.account_id == sandbox_account) {
        return Ok(DEMO_ACCESS_KEY.to_string());
    }
    let Some(id) = args.account_id else {
        return Err(refused(
            "Choose the account whose production-interface key signs the calls",
            "请选择使用哪个账号的生产接口密钥签名",
        ));
    };
    let account = gallerist_store::accounts::get(&*core.store.conn()?, id)?;
    let key = core
        .vault
        .get(&core.secret(id, crate::vault::SecretKind::ProductionKey))?;
    key.filter(|k| !k.trim().is_empty()).ok_or_else(|| {
        refused(
            format!(
                "Account '{}' has no production-interface key: add it under Accounts (Seller Center → Key Management)",
                account.name
            ),
            format!(
                "账号“{}”没有生产接口密钥：请在“账号”中添加（卖家中心 → 密钥管理）",
                account.name
            ),
        )
    })
}

fn timestamp(text: &str) -> Result<chrono::DateTime<chrono::Utc>, ApiError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("a run's time '{text}' is not RFC 3339: {e}"),
            )
        })
}

/// Runs every check against `url`, stores the run and answers it with what changed.
pub async fn produce_check(core: &Core, args: CheckArgs) -> Result<RunView, ApiError> {
    if let Some(token) = &args.progress_token {
        crate::produce_progress::check_token(token)?;
    }
    let url = args.url.trim().to_string();
    let key = access_key(core, &args, &url)?;
    let kit_public_key_pem = match (args.kit, &args.public_key_pem) {
        (false, _) => None,
        (true, Some(pem)) if !pem.trim().is_empty() => Some(pem.clone()),
        (true, _) if is_sandbox_seller(core, &url) => Some(DEMO_PUBLIC_KEY_PEM.to_string()),
        (true, _) => {
            return Err(refused(
                "The Kit checks need the RSA public key you gave KooGallery for applicationSync",
                "联营 Kit 检查需要您提供给云商店的 RSA 公钥（用于 applicationSync）",
            ))
        }
    };
    let target = Target {
        url: url.clone(),
        version: args.version,
        mode: args.mode,
        kit_public_key_pem,
    };
    // A generator of its own, so the core's is not held while the run waits on the network.
    let seed: [u8; 32] = core.rng.lock().expect("rng lock").gen();
    let mut rng = rand::rngs::StdRng::from_seed(seed);
    // Marked ended when this function returns, whichever way.
    let following = match &args.progress_token {
        Some(token) => Some(Following::start(core, token)?),
        None => None,
    };
    let mut progress = |check: &Check| {
        if let Some(f) = &following {
            f.record(check);
        }
    };
    let report = produce::run(&core.http, &target, &key, &*core.clock, &mut rng, &mut progress)
        .await
        .map_err(|e| refused(e.to_string(), e.zh()))?;
    let checks = serde_json::to_value(&report.checks).expect("checks serialize");
    let (started_at, finished_at) = (timestamp(&report.started_at)?, timestamp(&report.finished_at)?);
    let run_id = core.store.write(|tx| {
        produce_runs::insert(
            tx,
            &NewRun {
                account_id: args.account_id,
                url: &url,
                version: report.version.as_str(),
                mode: report.mode.as_str(),
                kit: report.kit,
                started_at,
                finished_at,
                checks: &checks,
            },
        )
    })?;
    produce_run(core, RunArg { id: run_id })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunsArgs {
    pub url: String,
    #[serde(default)]
    pub limit: Option<i64>,
}

/// The stored runs of a URL, newest first.
pub fn produce_runs(core: &Core, args: RunsArgs) -> Result<Vec<RunSummary>, ApiError> {
    let limit = args
        .limit
        .unwrap_or(produce_runs::KEEP_PER_URL)
        .clamp(1, produce_runs::KEEP_PER_URL);
    Ok(produce_runs::history(&*core.store.conn()?, args.url.trim(), limit)?)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunArg {
    pub id: i64,
}

/// One stored run with its checks and what changed since the run before it.
pub fn produce_run(core: &Core, args: RunArg) -> Result<RunView, ApiError> {
    let conn = core.store.conn()?;
    let (run, checks) = produce_runs::get(&conn, args.id)?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("there is no stored run {}", args.id)))?;
    let changes = produce_runs::changes(&conn, args.id)?;
    Ok(RunView {
        run_id: run.id,
        run,
        checks,
        changes,
    })
}

/// One way the embedded sandbox's reference seller server can behave.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SellerTarget {
    pub variant: String,
    pub faulty: bool,
    pub about: Words,
    pub v2_url: String,
    pub v1_url: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Targets {
    /// `None` when the app runs without its embedded sandbox.
    pub sandbox_url: Option<String>,
    pub targets: Vec<SellerTarget>,
    /// The reference server's public key (fixed sandbox data, not a secret).
    pub public_key_pem: String,
}

/// What each variant does, for the page's picker.
pub fn about(variant: &str) -> Option<Words> {
    let (en, zh) = match variant {
        "correct" => (
            "Correct: answers every call as documented",
            "正确实现：按文档应答每个调用",
        ),
        "unsigned" => ("Fault: signatures are not checked", "故障：不校验签名"),
        "slow-create" => ("Fault: create answers after 5.5 s", "故障：开通接口 5.5 秒后才应答"),
        "non-idempotent" => (
            "Fault: the same order opened twice gives two instances",
            "故障：同一订单重复开通得到两个实例",
        ),
        "long-field" => (
            "Fault: an answer field is over its length",
            "故障：应答字段超出文档长度",
        ),
        "no-activity" => ("Fault: queryInstance is not implemented", "故障：未实现 queryInstance"),
        "stale-timestamp" => (
            "Fault: a timestamp older than 60 s is accepted",
            "故障：接受超过 60 秒的时间戳",
        ),
        "replay" => ("Fault: a replayed nonce is accepted", "故障：接受重放的 nonce"),
        "no-usage" => (
            "Fault: queryInstance reports no usage (red for a per-use product)",
            "故障：queryInstance 不报告用量（按需计费商品会报错）",
        ),
        _ => return None,
    };
    Some(Words::new(en, zh))
}

/// The embedded sandbox's reference seller URLs, `correct` first.
pub fn produce_targets(core: &Core) -> Result<Targets, ApiError> {
    let sandbox_url = core.sandbox.as_ref().map(|s| s.server.url());
    let targets = match &sandbox_url {
        None => Vec::new(),
        Some(base) => VARIANTS
            .iter()
            .map(|v| SellerTarget {
                variant: v.to_string(),
                faulty: *v != "correct",
                about: about(v).unwrap_or_else(|| Words::new(format!("Fault: {v}"), format!("故障：{v}"))),
                v2_url: format!("{base}/seller/{v}/v2"),
                v1_url: format!("{base}/seller/{v}/v1"),
            })
            .collect(),
    };
    Ok(Targets {
        sandbox_url,
        targets,
        public_key_pem: DEMO_PUBLIC_KEY_PEM.to_string(),
    })
}
