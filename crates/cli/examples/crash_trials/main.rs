//! `crash_trials`: kill -9 at scale. Started by `cargo xtask crash [--trials N] [--seed S]`.
//!
//! WHY a separate program and not a test: a thousand kills take minutes, too long for
//! every CI run (the 100-kill `tests/crash.rs` stays there); this is the bench-style
//! proof. The same binary is the driver and the workers it kills — a draft editor that
//! saves in a loop, a console import (preview, then commit) — while sync is the real
//! `gallerist sync` against a `gallerist sandbox`. Kill points are drawn from a seeded
//! random sequence within the time an uninterrupted run takes. After all trials each
//! data folder is recovered (the work run to its end) and checked: an acknowledged
//! save that is gone, an import neither whole nor absent, a queued change applied
//! twice (or never) on the sandbox — each must be 0, or the run exits non-zero.

mod checks;
mod edits;
mod imports;
mod sync;
mod tally;
mod trial;

use clap::{Parser, Subcommand};
use gallerist_api::{boot, BootOptions, Core};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "crash_trials", about = "kill -9 trials for drafts, imports and sync")]
struct Cli {
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Subcommand)]
enum Mode {
    /// Run the trials and report (what `cargo xtask crash` starts).
    Drive {
        #[arg(long, default_value_t = 1000)]
        trials: usize,
        /// Seeds the kill points and the sandbox's faults; printed so a run can be repeated.
        #[arg(long)]
        seed: Option<u64>,
        /// The `gallerist` binary (default: beside this example's folder).
        #[arg(long)]
        gallerist: Option<PathBuf>,
        /// Keep the data folders here instead of a temporary folder.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// A draft editor: saves `saves` edits, printing each acknowledged one.
    EditWorker {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        saves: usize,
        #[arg(long)]
        drafts: usize,
    },
    /// A console import of generated file `file`: preview, then commit.
    ImportWorker {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        account: i64,
        #[arg(long)]
        file: usize,
        #[arg(long)]
        rows: usize,
    },
}

/// The app's core on `data`, as the CLI boots it but with an in-memory vault: the
/// workers need no keys.
pub async fn core(data: &Path) -> Result<Core, String> {
    boot(BootOptions {
        data_dir: data.to_path_buf(),
        clock: Arc::new(gallerist_domain::SystemClock),
        seed: rand::random(),
        os_locale: "en".into(),
        embedded_sandbox: false,
        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
    })
    .await
    .map_err(|e| e.message)
}

fn worker<F: std::future::Future<Output = Result<(), String>>>(work: F) -> Result<ExitCode, String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(work)?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let result = match Cli::parse().mode {
        Mode::Drive {
            trials,
            seed,
            gallerist,
            keep,
        } => tally::drive(trials, seed, gallerist, keep),
        Mode::EditWorker { data, saves, drafts } => worker(edits::work(data, saves, drafts)),
        Mode::ImportWorker {
            data,
            account,
            file,
            rows,
        } => worker(imports::work(data, account, file, rows)),
    };
    result.unwrap_or_else(|e| {
        eprintln!("crash_trials: {e}");
        ExitCode::FAILURE
    })
}
