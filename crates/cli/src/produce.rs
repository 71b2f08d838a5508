//! `gallerist produce check`: play KooGallery against the seller's own production
//! interface and gate their CI on the result.
//!
//! The access key comes from `GALLERIST_PRODUCE_KEY` or, with `--account NAME`, from
//! the system keychain — never from an argument, which other users can read in the
//! process list. Exit 0 when nothing failed (warnings allowed, e.g. a local http URL),
//! 1 when a check failed, 2 when the run could not happen at all (no key, a bad URL,
//! an unreadable public key), so a CI step can tell "your server is wrong" from "the
//! check is misconfigured".

use anyhow::{anyhow, Context};
use clap::{Args, Subcommand, ValueEnum};
use gallerist_domain::codes::Locale;
use gallerist_domain::SystemClock;
use gallerist_market::produce::{self, Check, Mode, RunReport, Target, Verdict, Version};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Subcommand)]
pub enum ProduceCommand {
    /// Call your production URL as KooGallery would (testFlag=1) and check every answer.
    Check(CheckArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// The production URL registered for the product.
    #[arg(long)]
    url: String,
    /// The product's charging mode; it decides which activities are sent.
    #[arg(long, value_enum, default_value = "period")]
    mode: ModeArg,
    /// The product uses the legacy V1.0 interface (GET with authToken).
    #[arg(long)]
    v1: bool,
    /// The product is joint-operation (联营): also check the five Kit syncs.
    #[arg(long, requires = "public_key")]
    kit: bool,
    /// The RSA public key (PEM, ≥ 3072 bits) you gave KooGallery for clientSecret.
    #[arg(long)]
    public_key: Option<PathBuf>,
    /// Read the production-interface key of this account from the system keychain.
    #[arg(long)]
    account: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Period,
    PerUse,
    OneOff,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Junit,
}

/// Exit code when the run could not happen at all.
const CANNOT_RUN: u8 = 2;

pub async fn run(command: ProduceCommand) -> anyhow::Result<ExitCode> {
    let ProduceCommand::Check(args) = command;
    match check(args).await {
        Ok(code) => Ok(code),
        Err(e) => {
            eprintln!("gallerist produce check could not run: {e:#}");
            Ok(ExitCode::from(CANNOT_RUN))
        }
    }
}

async fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let access_key = access_key(args.account.as_deref()).await?;
    let kit_public_key_pem = match &args.public_key {
        Some(path) if args.kit => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("the public key file {} cannot be read", path.display()))?,
        ),
        _ => None,
    };
    let target = Target {
        url: args.url.clone(),
        version: if args.v1 { Version::V1 } else { Version::V2 },
        mode: match args.mode {
            ModeArg::Period => Mode::Period,
            ModeArg::PerUse => Mode::PerUse,
            ModeArg::OneOff => Mode::OneOff,
        },
        kit_public_key_pem,
    };
    let locale = Locale::from_tag(&gallerist_api::os_locale());
    let format = args.format;
    let mut progress = move |check: &Check| {
        let line = line(check, locale);
        if format == Format::Text {
            println!("{line}");
        } else {
            eprintln!("{line}");
        }
    };
    let mut rng = rand::rngs::OsRng;
    let report = produce::run(
        &gallerist_market::http_client(),
        &target,
        &access_key,
        &SystemClock,
        &mut rng,
        &mut progress,
    )
    .await?;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Text => writeln!(out, "{}", summary(&report, locale))?,
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        Format::Junit => writeln!(out, "{}", junit(&report)?)?,
    }
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The key from `GALLERIST_PRODUCE_KEY`, or the account's keychain entry.
async fn access_key(account: Option<&str>) -> anyhow::Result<String> {
    if let Some(name) = account {
        let core = crate::account::core().await?;
        let id = gallerist_store::accounts::find_by_name(&*core.store.conn()?, name)?
            .map(|a| a.id)
            .ok_or_else(|| anyhow!("there is no account named '{name}' (see `gallerist account list`)"))?;
        let entry = core.secret(id, gallerist_api::vault::SecretKind::ProductionKey);
        return core
            .vault
            .get(&entry)?
            .filter(|k| !k.trim().is_empty())
            .ok_or_else(|| {
                anyhow!("account '{name}' has no production-interface key in the keychain (add it with `gallerist account add … --secret-stdin`)")
            });
    }
    match std::env::var("GALLERIST_PRODUCE_KEY") {
        Ok(key) if !key.trim().is_empty() => Ok(key),
        _ => Err(anyhow!(
            "no production-interface key: set GALLERIST_PRODUCE_KEY (Seller Center → Key Management) or pass --account NAME"
        )),
    }
}

fn line(check: &Check, locale: Locale) -> String {
    let (title, words) = match locale {
        Locale::ZhCn => (&check.title.zh, &check.words.zh),
        _ => (&check.title.en, &check.words.en),
    };
    format!("{} {:<34} {title} — {words}", check.verdict.mark(), check.id)
}

fn summary(report: &RunReport, locale: Locale) -> String {
    let (p, w, f) = (
        report.count(Verdict::Pass),
        report.count(Verdict::Warn),
        report.count(Verdict::Fail),
    );
    match locale {
        Locale::ZhCn => format!("{p} 项通过，{w} 项警告，{f} 项失败（Gallerist 对文档的解读，并非云商店官方认证）"),
        _ => format!("{p} passed, {w} warnings, {f} failed (Gallerist's reading of the documentation, not KooGallery's certification)"),
    }
}

/// The run as JUnit XML, one test case per check; a warning is a passing case with
/// its words in system-out, so CI shows it without failing.
fn junit(report: &RunReport) -> anyhow::Result<String> {
    let mut suite = TestSuite::new(format!("produce {} {}", report.version.as_str(), report.mode.as_str()));
    for check in &report.checks {
        let status = match check.verdict {
            Verdict::Pass | Verdict::Warn => TestCaseStatus::success(),
            Verdict::Fail => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(check.words.en.clone())
                    .set_type(check.id.clone())
                    .set_description(failure_details(check));
                s
            }
        };
        let mut case = TestCase::new(check.id.clone(), status);
        case.set_classname(format!(
            "gallerist.produce.{}",
            check.id.split('.').next().unwrap_or("run")
        ));
        if let Some(ms) = check.elapsed_ms {
            case.set_time(Duration::from_millis(ms));
        }
        if check.verdict == Verdict::Warn {
            case.set_system_out(format!("warning: {}\n{}", check.words.en, check.doc_url));
        }
        suite.add_test_case(case);
    }
    let mut junit = Report::new("gallerist produce check");
    junit.add_test_suite(suite);
    Ok(junit.to_string()?)
}

fn failure_details(check: &Check) -> String {
    let mut text = format!("{}\n{}\ndoc: {}\n", check.words.en, check.words.zh, check.doc_url);
    for e in &check.exchanges {
        text.push_str(&format!("\n> {} {}\n", e.request.method, e.request.url));
        if !e.request.body.is_empty() {
            text.push_str(&format!("> {}\n", e.request.body));
        }
        match (&e.answer, &e.transport_error) {
            (Some(a), _) => text.push_str(&format!("< {} ({} ms) {}\n", a.status, e.elapsed_ms, a.body)),
            (None, Some(err)) => text.push_str(&format!("< no answer: {err}\n")),
            (None, None) => {}
        }
    }
    text
}
