//! One trial: start a worker, kill it with SIGKILL at a chosen moment, keep what it
//! acknowledged.
//!
//! WHY lines on stdout: a worker prints a line only after the store said the change is
//! committed, so every line the driver has read is a promise the data folder must keep
//! after the kill. Reading stops at end of file, which the kill guarantees. A kill
//! point can also count from a line (`committing`), to aim at one step of the work.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// When to kill: this long after the start, or after the worker printed a line
/// beginning with `from`.
#[derive(Clone, Copy)]
pub struct KillPoint {
    pub after: Duration,
    pub from: Option<&'static str>,
}

/// What one worker run left behind.
pub struct Trial {
    /// Lines the worker printed, each with when it arrived (from the start).
    pub lines: Vec<(Duration, String)>,
    /// Whether the kill found the worker still running (rather than already done).
    pub killed_mid_run: bool,
    /// How long the worker ran.
    pub ran: Duration,
    /// The worker's own failure (non-zero exit without a kill), with its stderr.
    pub failure: Option<String>,
}

impl Trial {
    /// The printed lines alone.
    pub fn acked(&self) -> Vec<String> {
        self.lines.iter().map(|(_, l)| l.clone()).collect()
    }

    /// When a line beginning with `word` arrived.
    pub fn when(&self, word: &str) -> Option<Duration> {
        self.lines.iter().find(|(_, l)| l.starts_with(word)).map(|(t, _)| *t)
    }
}

fn collect<R: Read + Send + 'static>(from: R, started: Instant) -> Receiver<(Duration, String)> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            if tx.send((started.elapsed(), line)).is_err() {
                break;
            }
        }
    });
    rx
}

/// Runs `cmd` and kills it (SIGKILL, by its own PID) at `kill`, unless it ended first.
pub fn run(cmd: &mut Command, kill: KillPoint) -> Result<Trial, String> {
    let started = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    let out = collect(child.stdout.take().expect("stdout is piped"), started);
    let err = collect(child.stderr.take().expect("stderr is piped"), started);
    let mut lines = Vec::new();
    let mut clock = kill.from.is_none().then_some(started);
    let mut ended: Option<ExitStatus> = None;
    while clock.is_none_or(|c| c.elapsed() < kill.after) {
        lines.extend(out.try_iter());
        if clock.is_none()
            && lines
                .iter()
                .any(|(_, l): &(_, String)| kill.from.is_some_and(|w| l.starts_with(w)))
        {
            clock = Some(Instant::now());
        }
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            ended = Some(status);
            break;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    let killed_mid_run = ended.is_none();
    if killed_mid_run {
        // `Child::kill` is SIGKILL on Unix: no destructor, no flush, no clean shutdown.
        child
            .kill()
            .map_err(|e| format!("could not kill worker {}: {e}", child.id()))?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let ran = started.elapsed();
    lines.extend(out.iter());
    let stderr: Vec<String> = err.iter().map(|(_, l)| l).collect();
    let failure = (!killed_mid_run && !status.success()).then(|| format!("{status}: {}", stderr.join(" | ")));
    Ok(Trial {
        lines,
        killed_mid_run,
        ran,
        failure,
    })
}

/// Runs `cmd` to its end (the recovery run, a calibration), or says why it did not end well.
pub fn to_the_end(cmd: &mut Command) -> Result<Trial, String> {
    let forever = KillPoint {
        after: Duration::from_secs(600),
        from: None,
    };
    let t = run(cmd, forever)?;
    if t.killed_mid_run {
        return Err(format!("{cmd:?} did not finish within 600 s"));
    }
    match &t.failure {
        Some(f) => Err(format!("{cmd:?} failed: {f}")),
        None => Ok(t),
    }
}
