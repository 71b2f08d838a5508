//! The driver: trials spread over the three kinds, kill points from one seeded
//! sequence, then recovery, the checks and the report.
//!
//! WHY one plain last line: a person glancing at a long run wants the verdict, and a
//! script wants the exit code; both come from the same counts.

use crate::trial::{self, KillPoint, Trial};
use rand::{rngs::StdRng, Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// One kind of work that gets killed: draft edits, an import commit, sync.
pub trait Kind {
    fn name(&self) -> &'static str;
    /// How long an uninterrupted run took at the start: the first kill window.
    fn window(&self) -> Duration;
    /// For trial `n`, a line to count the kill point from and how long the step after
    /// it takes (instead of counting from the start over the whole run).
    fn aim(&self, _n: usize) -> Option<(&'static str, Duration)> {
        None
    }
    /// Prepares trial `n` and returns the worker to start.
    fn next(&mut self, n: usize) -> Result<Command, String>;
    /// Keeps what a worker acknowledged before it was killed (or ended).
    fn settle(&mut self, trial: &Trial);
    /// Runs the work to its end, then checks the data folder.
    fn finish(&mut self) -> Result<Findings, String>;
}

/// What the checks found for one kind, after recovery.
#[derive(Default)]
pub struct Findings {
    /// Acknowledged changes (saves, committed imports, queued outbox changes).
    pub acked: usize,
    /// Acknowledged changes missing afterwards.
    pub lost: usize,
    /// Imports neither whole nor absent.
    pub partial: Option<usize>,
    /// Outbox changes that took effect more than once on the sandbox.
    pub duplicated: Option<usize>,
    /// Anything else wrong (a damaged database, a recovery that failed).
    pub problems: Vec<String>,
    /// A sentence of kind-specific figures.
    pub detail: String,
}

#[derive(Default)]
struct Counts {
    trials: usize,
    killed_mid_run: usize,
    failures: Vec<String>,
}

/// `1234567` as `1,234,567`.
pub fn grouped(n: usize) -> String {
    gallerist_domain::numbers::grouped(n as u64)
}

/// The database's own verdict on its pages (after the kills, before any repair).
pub fn integrity(db: &Path) -> Result<(), String> {
    let (store, _) =
        gallerist_store::Store::open(db, chrono::Utc::now()).map_err(|e| format!("{}: {e}", db.display()))?;
    let conn = store.conn().map_err(|e| e.to_string())?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(format!("{} fails its integrity check: {verdict}", db.display()))
    }
}

pub fn drive(
    trials: usize,
    seed: Option<u64>,
    gallerist: Option<PathBuf>,
    keep: Option<PathBuf>,
) -> Result<ExitCode, String> {
    let seed = seed.unwrap_or_else(rand::random);
    println!("crash: seed {seed} ({trials} trials; repeat with --seed {seed})");
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let gallerist = match gallerist {
        Some(g) => g,
        None => me
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join("gallerist"))
            .ok_or("say where the gallerist binary is with --gallerist")?,
    };
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = keep.unwrap_or_else(|| temp.path().to_path_buf());
    if std::fs::read_dir(&root).is_ok_and(|mut d| d.next().is_some()) {
        return Err(format!(
            "{} is not empty; keep the trials in a new folder",
            root.display()
        ));
    }
    let started = Instant::now();
    let mut kinds: Vec<Box<dyn Kind>> = vec![
        Box::new(crate::edits::Edits::new(&me, &root.join("edits"))?),
        Box::new(crate::imports::Imports::new(&me, &root.join("imports"))?),
        Box::new(crate::sync::Sync::new(&gallerist, &root.join("sync"), seed)?),
    ];
    for k in &kinds {
        println!(
            "  {:<8} an uninterrupted run takes {} ms",
            k.name(),
            k.window().as_millis()
        );
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut counts: Vec<Counts> = kinds.iter().map(|_| Counts::default()).collect();
    // How long a run lasts, kept current: on a shared machine one measurement is noise.
    let mut estimate: Vec<Duration> = kinds.iter().map(|k| k.window()).collect();
    for n in 0..trials {
        let k = n % counts.len();
        let kind = &mut kinds[k];
        let i = n / counts.len();
        let (from, span) = match kind.aim(i) {
            Some((line, span)) => (Some(line), span),
            None => (None, estimate[k]),
        };
        let window = span.as_micros() as u64 * 5 / 4;
        let after = Duration::from_micros(rng.gen_range(0..=window.max(1)));
        let mut cmd = kind.next(i)?;
        let t = trial::run(&mut cmd, KillPoint { after, from })?;
        kind.settle(&t);
        // A run that ended by itself says how long runs take now; a kill, that they may
        // take longer — so kill points keep covering the whole run.
        estimate[k] = if from.is_some() {
            estimate[k]
        } else if t.killed_mid_run {
            estimate[k].mul_f64(1.05)
        } else {
            (estimate[k] * 3 + t.ran) / 4
        };
        let c = &mut counts[k];
        c.trials += 1;
        c.killed_mid_run += usize::from(t.killed_mid_run);
        c.failures
            .extend(t.failure.map(|f| format!("{} trial {n}: {f}", kind.name())));
        if (n + 1).is_multiple_of(100) {
            println!("  {}/{trials} trials ({:.0} s)", n + 1, started.elapsed().as_secs_f64());
        }
    }
    let trial_time = started.elapsed();
    println!(
        "\n{:<8} {:>6} {:>8} {:>12} {:>5} {:>8} {:>10}",
        "kind", "trials", "mid-run", "acknowledged", "lost", "partial", "duplicated"
    );
    let dash = |v: Option<usize>| v.map_or("-".to_string(), grouped);
    let (mut lost, mut partial, mut duplicated, mut problems) = (0, 0, 0, Vec::new());
    let mut details = Vec::new();
    for (kind, c) in kinds.iter_mut().zip(counts) {
        let f = kind.finish()?;
        println!(
            "{:<8} {:>6} {:>8} {:>12} {:>5} {:>8} {:>10}",
            kind.name(),
            grouped(c.trials),
            grouped(c.killed_mid_run),
            grouped(f.acked),
            grouped(f.lost),
            dash(f.partial),
            dash(f.duplicated)
        );
        details.push(format!("  {}: {}", kind.name(), f.detail));
        lost += f.lost;
        partial += f.partial.unwrap_or(0);
        duplicated += f.duplicated.unwrap_or(0);
        problems.extend(f.problems);
        problems.extend(c.failures);
    }
    for d in details {
        println!("{d}");
    }
    for p in problems.iter().take(20) {
        println!("  problem: {p}");
    }
    let total = started.elapsed();
    println!(
        "  time: {:.1} s for {} trials ({:.0} ms a trial), {:.1} s with recovery and checks",
        trial_time.as_secs_f64(),
        grouped(trials),
        trial_time.as_secs_f64() * 1000.0 / trials.max(1) as f64,
        total.as_secs_f64()
    );
    let verdict = format!(
        "{lost} lost, {partial} partial imports, {duplicated} duplicated remote effects in {} kill -9 trials (seed {seed})",
        grouped(trials)
    );
    if lost + partial + duplicated == 0 && problems.is_empty() {
        println!("{verdict}: every acknowledged change survived.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("FAILED: {verdict}, {} other problems.", problems.len());
        Ok(ExitCode::FAILURE)
    }
}
