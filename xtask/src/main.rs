//! `cargo xtask run|test|bundle|bench`: the only entry points a developer needs.
//!
//! Each command first installs what is missing (system packages on Debian/Ubuntu,
//! npm packages, tauri-driver), so both work on a fresh machine; elsewhere it prints
//! the exact install command and stops. No other build tool is required.

mod bench;
mod bench_app;
mod bundle;
mod crash;
mod deb_xz;
mod fuzz;
mod fuzz_stats;
mod programs;
mod setup;
mod steps;
mod tally;

use std::path::PathBuf;
use std::process::ExitCode;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => steps::run_app(),
        Some("test") => steps::test(),
        Some("bench") if args.get(1).is_some_and(|a| a == "app") => bench_app::run(&args[2..]),
        Some("bench") => bench::run(),
        Some("bundle") => bundle::run(&args[1..]),
        Some("crash") => crash::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("setup") => setup::everything(setup::Purpose::Test),
        Some("deb-xz") if args.len() > 1 => args[1..]
            .iter()
            .try_for_each(|deb| deb_xz::recompress(std::path::Path::new(deb), deb_xz::Effort::Smallest)),
        _ => {
            eprintln!("usage: cargo xtask <run|test|bundle|bench|crash|fuzz|setup>\n  run    install what is missing, build, open the app on the sandbox account\n  test   install what is missing, run every check and test suite\n  bundle [--debug] build installers with the pinned Tauri CLI (deb and rpm on Linux), the gallerist CLI inside
  bench  run the benchmarks; report each as a ratio to its in-run baseline\n  bench app [--runs N] Gallerist's release window beside a bare Tauri app: start, memory, .deb size (default 5 runs)\n  crash  [--trials N] [--seed S] kill -9 during draft edits, imports and sync (default 1,000 trials); fails on a lost or duplicated change\n  fuzz   [--minutes N] [--target NAME] fuzz each reader of outside files (default 1 min each); fails on a new crash\n  setup  install everything the tests need, run nothing\n  deb-xz FILE.deb... recompress a .deb's payload with xz (the release workflow's Linux job)");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
