//! `gallerist validate <pack>... [--format json]`: the listing-standards check for
//! people and for CI.
//!
//! Each pack folder (`listing.toml` + `assets/`) is read with files as the truth and
//! checked against the embedded rule pack. The exit code is non-zero when any pack
//! cannot be read or has an error-level issue, so a seller's own pipeline can gate on
//! it; warnings and heuristics are printed but do not fail the run.
//!
//! A folder without `listing.toml` whose files look like an auto-deployment template
//! (`main.tf` and another required `.tf`) is checked as a template pack instead
//! (`gallerist_domain::deploy`), read with the same care as a pack's assets.

use clap::{Args, ValueEnum};
use gallerist_api::draft_pack;
use gallerist_domain::codes::Locale;
use gallerist_domain::deploy::{check_template, looks_like_template, TemplateReport};
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
    /// Draft pack folders, each holding listing.toml and assets/, or auto-deployment
    /// template folders (main.tf, variables.tf, outputs.tf, providers.tf, versions.tf).
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
    Template(TemplateReport),
}

impl Outcome {
    fn failed(&self) -> bool {
        match self {
            Outcome::Unreadable(_) => true,
            Outcome::Checked { report, asset_problems } => report.has_errors() || !asset_problems.is_empty(),
            Outcome::Template(report) => !report.passed,
        }
    }
}

/// A folder without `listing.toml` whose file names look like a template pack.
fn is_template(dir: &std::path::Path) -> bool {
    if dir.join(draft_pack::LISTING_FILE).exists() {
        return false;
    }
    let names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    looks_like_template(names.iter().map(String::as_str))
}

fn check(pack: &Pack, dir: &std::path::Path) -> Outcome {
    if is_template(dir) {
        return match draft_pack::read_template_folder(dir) {
            Ok(files) => Outcome::Template(check_template(&files)),
            Err(e) => Outcome::Unreadable(e.to_string()),
        };
    }
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
        Outcome::Template(report) => print_template(dir, report, zh),
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

fn print_template(dir: &std::path::Path, report: &TemplateReport, zh: bool) {
    println!(
        "{}: auto-deployment template: {} errors, {} warnings, {} notes",
        dir.display(),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    for f in &report.findings {
        let (message, hint) = if zh {
            (&f.message.zh_cn, &f.hint.zh_cn)
        } else {
            (&f.message.en, &f.hint.en)
        };
        let severity = format!("{:?}", f.severity).to_lowercase();
        let place = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            (Some(file), None) => file.clone(),
            (None, _) => "template".to_string(),
        };
        println!(
            "  {severity:<7} [{place}] {message}\n          {hint}\n          {} · {}",
            f.rule_id, f.source
        );
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
                    Outcome::Template(report) => json!({ "pack": d, "ok": report.passed, "template": report }),
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
