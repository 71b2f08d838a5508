//! The conformance runner — "KooGallery calls you".
//!
//! Given a product's production URL and its access key, [`run`] sends the documented
//! development matrix (§5.1 of the reference notes) with `testFlag=1`, signed as
//! KooGallery signs, and checks every answer against the documentation: result codes,
//! fields with their types and lengths, the 5 s budget, idempotency, the refusal of
//! requests KooGallery would never send, URL hygiene and, for joint-operation
//! products, the five Kit syncs.
//!
//! WHY a runner of our own: the console's "interface debugging" page sends one call at
//! a time, online; a create that keeps failing is retried for 3 hours and then
//! refunded, and more than 5 failed orders a month delist the product. A seller needs
//! to know before KooGallery does, on a laptop and in CI. This is Gallerist's reading
//! of the documentation, not KooGallery's own certification.
//!
//! Time and randomness come in as arguments (the clock stamps each request; the RNG
//! makes nonces, order ids and the Kit client secret); the progress callback sees each
//! check as it finishes, so a page can show them live.

mod check;
mod ids;
mod judge;
mod kit;
mod send;
mod url_hygiene;
mod usage;
mod v1;
mod v2;

pub use check::{Answer, Check, Exchange, Mode, RunReport, SentRequest, Verdict, Version, Words};
pub use send::{BUDGET, GIVE_UP};
pub use url_hygiene::is_local;

use gallerist_domain::produce::{client_secret, ProduceError};
use gallerist_domain::Clock;
use rand::{CryptoRng, RngCore};

/// What to check.
#[derive(Debug, Clone)]
pub struct Target {
    /// The production URL registered for the product.
    pub url: String,
    pub version: Version,
    pub mode: Mode,
    /// The seller's RSA public key (PEM, ≥ 3072 bits) for applicationSync's
    /// clientSecret; `Some` means the product is joint-operation and the Kit is checked.
    pub kit_public_key_pem: Option<String>,
}

/// Why a run could not start; nothing was sent.
#[derive(Debug, thiserror::Error)]
pub enum CannotRun {
    #[error("'{0}' is not an http or https URL")]
    InvalidUrl(String),
    #[error("the production-interface key is empty")]
    NoKey,
    #[error("the Kit public key cannot be used: {0}")]
    PublicKey(ProduceError),
}

impl CannotRun {
    /// The same in simplified Chinese.
    pub fn zh(&self) -> String {
        match self {
            CannotRun::InvalidUrl(url) => format!("“{url}”不是 http 或 https 地址"),
            CannotRun::NoKey => "生产接口密钥为空".into(),
            CannotRun::PublicKey(e) => format!("联营 Kit 公钥不可用：{}", e.zh()),
        }
    }
}

/// Everything a running check needs, and the checks so far.
struct Runner<'a, R> {
    http: &'a reqwest::Client,
    url: url::Url,
    key: &'a str,
    clock: &'a dyn Clock,
    rng: &'a mut R,
    progress: &'a mut (dyn FnMut(&Check) + Send),
    checks: Vec<Check>,
}

impl<R: RngCore + CryptoRng + Send> Runner<'_, R> {
    /// Records a finished check and tells the caller at once.
    fn report(&mut self, check: Check) {
        (self.progress)(&check);
        self.checks.push(check);
    }

    fn now_ms(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }
}

/// Runs every check for `target` and returns them in the order they finished;
/// `progress` is called with each one as it finishes.
pub async fn run<R: RngCore + CryptoRng + Send>(
    http: &reqwest::Client,
    target: &Target,
    access_key: &str,
    clock: &dyn Clock,
    rng: &mut R,
    progress: &mut (dyn FnMut(&Check) + Send),
) -> Result<RunReport, CannotRun> {
    let url = url::Url::parse(target.url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| CannotRun::InvalidUrl(target.url.clone()))?;
    if access_key.trim().is_empty() {
        return Err(CannotRun::NoKey);
    }
    if let Some(pem) = &target.kit_public_key_pem {
        client_secret::public_key(pem).map_err(CannotRun::PublicKey)?;
    }
    let started_at = stamp(clock);
    let mut runner = Runner {
        http,
        url: url.clone(),
        key: access_key,
        clock,
        rng,
        progress,
        checks: Vec::new(),
    };
    for check in url_hygiene::static_checks(&url) {
        runner.report(check);
    }
    let exchanges = match target.version {
        Version::V2 => v2::run(&mut runner, target).await,
        Version::V1 => v1::run(&mut runner, target).await,
    };
    let refs: Vec<&Exchange> = exchanges.iter().collect();
    for check in url_hygiene::answer_checks(&url, &refs) {
        runner.report(check);
    }
    Ok(RunReport {
        url: target.url.clone(),
        version: target.version,
        mode: target.mode,
        kit: target.kit_public_key_pem.is_some(),
        started_at,
        finished_at: stamp(clock),
        checks: runner.checks,
    })
}

fn stamp(clock: &dyn Clock) -> String {
    clock.now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
