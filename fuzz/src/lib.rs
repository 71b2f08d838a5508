//! What the fuzz targets share: generated seed inputs and a small workbook builder.
//!
//! WHY seeds live in code: a coverage-guided fuzzer starting from nothing spends its
//! first minutes rediscovering the zip header or the `[[rule]]` syntax. Starting from
//! one small valid input per format — built here from the real types, so the seeds
//! follow the model when it changes — it reaches the interesting branches at once.
//! No binary seed files are committed; `cargo xtask fuzz` asks each target to write
//! its seeds into its corpus folder (see [`init`]).

pub mod seeds;
pub mod workbook;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Set by `cargo xtask fuzz` to the corpus folder a target should seed.
pub const SEED_DIR_ENV: &str = "GALLERIST_FUZZ_SEED_DIR";

/// How each panic is announced in a run's output; `cargo xtask fuzz` counts these lines.
pub const PANIC_MARK: &str = "gallerist-fuzz panic:";

/// At most this many panics are printed per run, so a frequent one cannot fill the disk.
pub const PANICS_SHOWN: usize = 100;

/// What every target does once before fuzzing: seed its corpus and report panics.
///
/// WHY a panic hook of our own: libfuzzer-sys aborts on every panic, even one the app
/// catches on purpose — the bridge runs calamine under `catch_unwind` and answers a
/// panic inside it with "the xlsx reader stopped on malformed data". Such an input is
/// handled, yet it would stop the whole run at the first hit and hide everything
/// behind it. With this hook a caught panic is printed (and counted) and fuzzing goes
/// on; a panic nothing catches still reaches libfuzzer-sys, which aborts and keeps the
/// input as a crash.
pub fn init(seeds: Vec<Vec<u8>>) {
    seed_corpus(seeds);
    static SHOWN: AtomicUsize = AtomicUsize::new(0);
    std::panic::set_hook(Box::new(|info| {
        if SHOWN.fetch_add(1, Ordering::Relaxed) < PANICS_SHOWN {
            eprintln!("{PANIC_MARK} {info}");
        }
    }));
}

/// Writes `seeds` into the folder named by [`SEED_DIR_ENV`] (if set), as
/// `seed-<n>`, leaving files already there alone. Called from [`init`], which
/// libFuzzer runs before it reads the corpus.
fn seed_corpus(seeds: Vec<Vec<u8>>) {
    let Some(dir) = std::env::var_os(SEED_DIR_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    for (n, seed) in seeds.into_iter().enumerate() {
        let path = dir.join(format!("seed-{n}"));
        if !path.exists() {
            // A seed that cannot be written only makes the run start colder.
            let _ = std::fs::write(path, seed);
        }
    }
}
