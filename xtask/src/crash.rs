//! `cargo xtask crash [--trials N] [--seed S]`: kill -9 at scale, a bench and not a CI step.
//!
//! WHY here: the thousand trials take minutes, so CI keeps the 100-kill test of
//! `gallerist sync` (`crates/cli/tests/crash.rs`) and this command is run by hand before
//! a release or after touching the store, the outbox or an import. It builds the
//! `gallerist` binary and the `crash_trials` example once (debug), then lets the
//! example drive: random kill points during draft edits, console import commits and
//! sync, then recovery and a count of lost edits, partial imports and duplicated remote
//! effects. The exit code is the verdict.

use crate::root;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const USAGE: &str = "usage: cargo xtask crash [--trials N] [--seed S]";

fn value<T: std::str::FromStr>(flag: &str, v: Option<&String>) -> Result<T, String> {
    v.and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a whole number\n{USAGE}"))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut trials: usize = 1000;
    let mut seed: Option<u64> = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--trials" => trials = value("--trials", it.next())?,
            "--seed" => seed = Some(value("--seed", it.next())?),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    if trials == 0 {
        return Err(format!("--trials must be at least 1\n{USAGE}"));
    }
    // A new seed each run unless one is given; it is printed, so a failure can be replayed.
    let seed = seed.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    crate::setup::status(
        Command::new(cargo)
            .args([
                "build",
                "-p",
                "gallerist-cli",
                "--bin",
                "gallerist",
                "--example",
                "crash_trials",
            ])
            .current_dir(root()),
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
        .join("debug");
    let started = Instant::now();
    let result = crate::setup::status(
        Command::new(target.join("examples/crash_trials"))
            .args(["drive", "--trials", &trials.to_string(), "--seed", &seed.to_string()])
            .arg("--gallerist")
            .arg(target.join("gallerist"))
            .current_dir(root()),
    );
    println!("crash: {:.1} s in all", started.elapsed().as_secs_f64());
    result.map_err(|_| format!("crash trials found a problem (seed {seed}; see above)"))
}
