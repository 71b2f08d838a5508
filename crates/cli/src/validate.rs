//! `gallerist validate <pack>... [--format json]`: the listing-standards check for
//! people and for CI.
//!
//! Each pack folder (`listing.toml` + `assets/`) is read with files as the truth and
//! checked against the embedded rule pack. The exit code is non-zero when any pack
//! cannot be read or has an error-level issue, so a seller's own pipeline can gate on
//! it; warnings and heuristics are printed but do not fail the run.

use clap::{Args, ValueEnum};
use gallerist_api::draft_pack;
use gallerist_domain::codes::Locale;
use gallerist_domain::listing::{Overrides, Pack, Report, Severity};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Args)]
pub struct ValidateArgs {
    /// Draft pack folders, each holding listing.toml and assets/.
    #[arg(required = true)]
    packs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

enum Outcome {
    Unreadable(String),
    Checked {
        report: Report,
        asset_problems: Vec<(String, String)>,
    },
}

impl Outcome {
    fn failed(&self) -> bool {
        match self {
            Outcome::Unreadable(_) => true,
            Outcome::Checked { report, asset_problems } => report.has_errors() || !asset_problems.is_empty(),
        }
    }
}

fn check(pack: &Pack, dir: &std::path::Path) -> Outcome {
    match draft_pack::import(dir) {
        Err(e) => Outcome::Unreadable(e.to_string()),
        Ok(imported) => {
            let report = pack.check(&imported.draft, &Overrides::default());
            Outcome::Checked {
                report,
                asset_problems: imported.asset_problems,
            }
        }
    }
}

fn print_text(dir: &std::path::Path, outcome: &Outcome, locale: Locale) {
    let zh = locale == Locale::ZhCn;
    match outcome {
        Outcome::Unreadable(why) => println!("{}: cannot be read: {why}", dir.display()),
        Outcome::Checked { report, asset_problems } => {
            let count = |s: Severity| report.issues.iter().filter(|i| i.severity == s).count();
            println!(
                "{}: {} errors, {} warnings, {} notes (rule pack {})",
                dir.display(),
                count(Severity::Error) + asset_problems.len(),
                count(Severity::Warning),
                count(Severity::Info),
                report.pack_version
            );
            for (field, why) in asset_problems {
                println!("  error   [{field}] {why}");
            }
            for i in &report.issues {
                let (message, hint) = if zh {
                    (&i.message.zh_cn, &i.hint.zh_cn)
                } else {
                    (&i.message.en, &i.hint.en)
                };
                let severity = format!("{:?}", i.severity).to_lowercase();
                let heuristic = if i.heuristic { " (heuristic)" } else { "" };
                println!(
                    "  {severity:<7} [{}] {message}{heuristic}\n          {hint}\n          {} · {}",
                    i.field, i.rule_id, i.source
                );
            }
        }
    }
}

pub fn run(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let pack = Pack::embedded();
    let locale = Locale::from_tag(&gallerist_api::os_locale());
    let outcomes: Vec<(PathBuf, Outcome)> = args.packs.iter().map(|d| (d.clone(), check(&pack, d))).collect();
    match args.format {
        Format::Text => outcomes.iter().for_each(|(d, o)| print_text(d, o, locale)),
        Format::Json => {
            let items: Vec<_> = outcomes
                .iter()
                .map(|(d, o)| match o {
                    Outcome::Unreadable(why) => json!({ "pack": d, "ok": false, "error": why }),
                    Outcome::Checked { report, asset_problems } => json!({
                        "pack": d,
                        "ok": !o.failed(),
                        "assetProblems": asset_problems.iter().map(|(f, w)| json!({ "field": f, "message": w })).collect::<Vec<_>>(),
                        "report": report,
                    }),
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
    }
    Ok(if outcomes.iter().any(|(_, o)| o.failed()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
