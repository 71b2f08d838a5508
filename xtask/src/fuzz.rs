//! `cargo xtask fuzz [--minutes N] [--target NAME]`: the coverage-guided fuzzing harness
//! in `fuzz/` (cargo-fuzz, libFuzzer), one target after another.
//!
//! WHY this wrapper: libFuzzer needs a nightly compiler flag set, seeds, limits and an
//! artifacts folder, and reports in its own words. This runs every target with the
//! same limits (2 GB RSS, 10 s per input), prints executions and coverage per target,
//! and fails naming each new crash so it is kept as a regression test. Without a
//! nightly toolchain the stable compiler is used with `RUSTC_BOOTSTRAP=1`.

use crate::fuzz_stats::{self, RunStats};
use crate::root;
use crate::setup;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The variable the targets read to seed their corpus (`gallerist_fuzz::SEED_DIR_ENV`).
const SEED_DIR_ENV: &str = "GALLERIST_FUZZ_SEED_DIR";

struct Options {
    minutes: u64,
    target: Option<String>,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        minutes: 1,
        target: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--minutes" => {
                let n = it.next().ok_or("--minutes needs a number")?;
                o.minutes = n
                    .parse()
                    .ok()
                    .filter(|m| *m > 0)
                    .ok_or_else(|| format!("--minutes takes a whole number of minutes above 0, not '{n}'"))?;
            }
            "--target" => o.target = Some(it.next().ok_or("--target needs a target name")?.clone()),
            other => {
                return Err(format!(
                    "unknown fuzz option '{other}' (use --minutes N, --target NAME)"
                ))
            }
        }
    }
    Ok(o)
}

/// The fuzz targets: the `[[bin]]` names in fuzz/Cargo.toml.
fn targets(fuzz: &Path) -> Result<Vec<String>, String> {
    let manifest = fuzz.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let mut names = Vec::new();
    let mut in_bin = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if let Some(value) = line.strip_prefix("name").filter(|_| in_bin) {
            names.push(
                value
                    .trim_start_matches([' ', '='])
                    .trim()
                    .trim_matches('"')
                    .to_string(),
            );
        }
    }
    Ok(names)
}

fn has_nightly() -> bool {
    Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.starts_with("nightly"))
        })
        .unwrap_or(false)
}

/// `cargo fuzz <sub>` with the toolchain, folders and build flags every call shares.
/// The sanitizer is off: the workspace forbids `unsafe`, so address checks would
/// only slow the run (about 2×) on a 2-core machine; panics, aborts, timeouts and
/// memory blow-ups are what the fuzzer is here to find.
fn cargo_fuzz(sub: &str, nightly: bool) -> Command {
    let root = root();
    let mut c = Command::new("cargo");
    c.env_remove("CARGO");
    if nightly {
        c.arg("+nightly");
    } else {
        c.env("RUSTC_BOOTSTRAP", "1");
    }
    if std::env::var_os("CARGO_BUILD_JOBS").is_none() {
        // Instrumented builds of the whole dependency tree: one job keeps the machine usable.
        c.env("CARGO_BUILD_JOBS", "1");
    }
    c.args(["fuzz", sub, "--sanitizer", "none", "--debug-assertions", "--fuzz-dir"])
        .arg(root.join("fuzz"))
        .arg("--target-dir")
        .arg(root.join("fuzz/target"))
        .current_dir(&root);
    c
}

/// Crash, timeout and out-of-memory reports libFuzzer left for `target`.
fn artifacts(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            ["crash-", "timeout-", "oom-", "leak-"]
                .iter()
                .any(|k| name.starts_with(k))
        })
        .collect();
    found.sort();
    found
}

fn run_target(name: &str, minutes: u64, nightly: bool) -> Result<(RunStats, Vec<PathBuf>), String> {
    let fuzz = root().join("fuzz");
    let corpus = fuzz.join("corpus").join(name);
    let regressions = fuzz.join("regressions").join(name);
    // Where cargo fuzz tells libFuzzer to write crash, timeout and oom inputs.
    let artifact_dir = fuzz.join("artifacts").join(name);
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    std::fs::create_dir_all(&artifact_dir).map_err(|e| format!("{}: {e}", artifact_dir.display()))?;
    let before = artifacts(&artifact_dir);
    println!("xtask: fuzzing {name} for {minutes} min");
    let mut c = cargo_fuzz("run", nightly);
    c.arg(name).arg(&corpus);
    if regressions.is_dir() {
        c.arg(&regressions);
    }
    c.arg("--")
        .arg(format!("-max_total_time={}", minutes * 60))
        .args(["-rss_limit_mb=2048", "-timeout=10", "-print_final_stats=1"])
        .env(SEED_DIR_ENV, &corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = c.output().map_err(|e| format!("could not start cargo fuzz: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let log = fuzz.join("artifacts").join(format!("{name}.log"));
    std::fs::write(&log, &text).map_err(|e| format!("{}: {e}", log.display()))?;
    let new: Vec<PathBuf> = artifacts(&artifact_dir)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    if !out.status.success() && new.is_empty() {
        let tail: Vec<&str> = text.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "fuzzing {name} failed ({}); log {}:\n{}",
            out.status,
            log.display(),
            tail.join("\n")
        ));
    }
    for (place, times) in fuzz_stats::panic_places(&text) {
        println!("  {name}: caught panic ×{times} at {place}");
    }
    Ok((fuzz_stats::parse(&text), new))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let o = options(args)?;
    setup::cargo_fuzz()?;
    let fuzz = root().join("fuzz");
    let all = targets(&fuzz)?;
    let chosen: Vec<String> = match &o.target {
        Some(t) if all.contains(t) => vec![t.clone()],
        Some(t) => return Err(format!("no fuzz target '{t}'; the targets are: {}", all.join(", "))),
        None => all,
    };
    let nightly = has_nightly();
    if !nightly {
        println!("xtask: no nightly toolchain; building the fuzz targets on stable with RUSTC_BOOTSTRAP=1");
    }
    println!("xtask: building the fuzz targets (instrumented, one job; the first build takes a while)");
    let mut build = cargo_fuzz("build", nightly);
    if let Some(t) = &o.target {
        build.arg(t);
    }
    setup::status(&mut build)?;
    let mut rows = Vec::new();
    let mut crashes = Vec::new();
    for name in &chosen {
        let (stats, new) = run_target(name, o.minutes, nightly)?;
        rows.push((name.clone(), stats, new.len()));
        crashes.extend(new.into_iter().map(|p| (name.clone(), p)));
    }
    println!("\n{}", fuzz_stats::table(&rows));
    if crashes.is_empty() {
        return Ok(());
    }
    for (name, path) in &crashes {
        eprintln!("new crash in {name}: {}", path.display());
    }
    let cargo = if nightly {
        "cargo +nightly"
    } else {
        "RUSTC_BOOTSTRAP=1 cargo"
    };
    Err(format!(
        "{} new crash(es). For each: reproduce with `{cargo} fuzz run --fuzz-dir fuzz -s none -a <target> <file>`, \
         shrink it with `{cargo} fuzz tmin --fuzz-dir fuzz -s none -a <target> <file>`, then keep it as a regression \
         under fuzz/regressions/<target>/ with a test in the crate that owns the reader (fuzz/README.md)",
        crashes.len()
    ))
}
