//! Live progress of "Run checks": each check as it finishes, for the page to poll.
//!
//! WHY polling and not events: the same page runs in the desktop app (Tauri IPC) and
//! in web mode (one HTTP request per command), and a command answers once. So the
//! page names its run with a token of its own, `produce_check` writes each finished
//! check under that token while it runs, and `produce_progress` reads them back —
//! two plain commands that work alike over both transports.
//!
//! The book lives in memory only and is bounded: a few runs at once, a few hundred
//! checks each, and a finished run's list is dropped a minute after it ended (the
//! final answer and the stored run are what counts; this is only the view while
//! waiting). Time comes in as an argument, from `core.clock`.

use crate::{ApiError, Core};
use chrono::{DateTime, Duration, Utc};
use gallerist_market::produce::Check;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;

/// How many runs may be followed at once.
pub const MAX_RUNS: usize = 8;
/// How many checks one run's list holds (a full V2 + Kit run has about 60).
pub const MAX_CHECKS: usize = 500;
/// How long a finished run's list stays readable, for the page's last poll.
pub const KEEP_FINISHED_SECS: i64 = 60;
/// The longest token the page may choose.
pub const MAX_TOKEN_LEN: usize = 64;

struct Progress {
    checks: Vec<Value>,
    finished_at: Option<DateTime<Utc>>,
}

/// The runs being followed, by the page's token.
#[derive(Default)]
pub struct ProgressBook(Mutex<HashMap<String, Progress>>);

/// What `produce_progress` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressView {
    /// The checks finished so far, in the order they finished, shaped as in the final run.
    pub checks: Vec<Value>,
    /// The run has ended (answered or refused); nothing more will be added.
    pub done: bool,
}

/// A token is the page's own name for a run: letters, digits and '-', at most 64.
pub fn check_token(token: &str) -> Result<(), ApiError> {
    let fine = !token.is_empty()
        && token.len() <= MAX_TOKEN_LEN
        && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if fine {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "The progress token must be 1 to {MAX_TOKEN_LEN} letters, digits or '-' / 进度标识须为 1 到 {MAX_TOKEN_LEN} 个字母、数字或“-”"
        )))
    }
}

impl ProgressBook {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Progress>> {
        // A panic while holding the lock leaves a list half-written at worst; keep serving.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts following `token`'s run. Refused when the token is already running, or
    /// when [`MAX_RUNS`] runs are still going.
    pub fn start(&self, token: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        check_token(token)?;
        let mut runs = self.lock();
        forget_old(&mut runs, now);
        if runs.get(token).is_some_and(|p| p.finished_at.is_none()) {
            return Err(ApiError::invalid(
                "A run with this progress token is still going / 使用该进度标识的检查仍在运行",
            ));
        }
        runs.remove(token);
        if runs.len() >= MAX_RUNS {
            // Make room by dropping the finished run that ended first.
            let oldest = runs
                .iter()
                .filter_map(|(k, p)| p.finished_at.map(|t| (t, k.clone())))
                .min();
            match oldest {
                Some((_, key)) => {
                    runs.remove(&key);
                }
                None => {
                    return Err(ApiError::invalid(format!(
                        "{MAX_RUNS} runs of the checks are already going; wait for one to finish / 已有 {MAX_RUNS} 次检查正在运行，请等其中一次结束"
                    )))
                }
            }
        }
        runs.insert(
            token.to_string(),
            Progress {
                checks: Vec::new(),
                finished_at: None,
            },
        );
        Ok(())
    }

    /// Adds a finished check to `token`'s list (beyond [`MAX_CHECKS`] it is left out;
    /// the final answer still has it).
    pub fn record(&self, token: &str, check: &Check) {
        let mut runs = self.lock();
        if let Some(p) = runs.get_mut(token).filter(|p| p.finished_at.is_none()) {
            if p.checks.len() < MAX_CHECKS {
                p.checks.push(serde_json::to_value(check).expect("checks serialize"));
            }
        }
    }

    /// Marks `token`'s run ended; its list is kept [`KEEP_FINISHED_SECS`] from `now`.
    pub fn finish(&self, token: &str, now: DateTime<Utc>) {
        if let Some(p) = self.lock().get_mut(token) {
            p.finished_at.get_or_insert(now);
        }
    }

    /// The checks so far; an unknown (or long finished) token reads as an empty list
    /// of a run not yet done — the page may poll before its run has started.
    pub fn read(&self, token: &str, now: DateTime<Utc>) -> ProgressView {
        let mut runs = self.lock();
        forget_old(&mut runs, now);
        match runs.get(token) {
            Some(p) => ProgressView {
                checks: p.checks.clone(),
                done: p.finished_at.is_some(),
            },
            None => ProgressView {
                checks: Vec::new(),
                done: false,
            },
        }
    }
}

fn forget_old(runs: &mut HashMap<String, Progress>, now: DateTime<Utc>) {
    let keep = Duration::seconds(KEEP_FINISHED_SECS);
    runs.retain(|_, p| p.finished_at.is_none_or(|t| now - t < keep));
}

/// Marks a run ended however `produce_check` leaves (answer, refusal or error).
pub(crate) struct Following<'a> {
    core: &'a Core,
    token: String,
}

impl<'a> Following<'a> {
    pub(crate) fn start(core: &'a Core, token: &str) -> Result<Self, ApiError> {
        core.produce_progress.start(token, core.clock.now())?;
        Ok(Following {
            core,
            token: token.to_string(),
        })
    }

    pub(crate) fn record(&self, check: &Check) {
        self.core.produce_progress.record(&self.token, check);
    }
}

impl Drop for Following<'_> {
    fn drop(&mut self) {
        self.core.produce_progress.finish(&self.token, self.core.clock.now());
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressArgs {
    pub progress_token: String,
}

/// The checks of the run named `progressToken` that have finished so far.
pub fn produce_progress(core: &Core, args: ProgressArgs) -> Result<ProgressView, ApiError> {
    check_token(&args.progress_token)?;
    Ok(core.produce_progress.read(&args.progress_token, core.clock.now()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn tokens_are_letters_digits_and_dashes_of_at_most_64() {
        assert!(check_token("run-3f9A").is_ok());
        assert!(check_token(&"a".repeat(64)).is_ok());
        for bad in ["", "../etc", "run 1", "ÿ", &"a".repeat(65)] {
            let err = check_token(bad).unwrap_err();
            assert!(err.message.contains("letters, digits or '-'"), "{bad}: {err:?}");
        }
    }

    #[test]
    fn a_finished_run_reads_done_for_a_minute_then_is_forgotten() {
        let book = ProgressBook::default();
        book.start("t", at(0)).unwrap();
        assert_eq!(
            book.read("t", at(1)),
            ProgressView {
                checks: vec![],
                done: false
            }
        );
        book.finish("t", at(10));
        assert!(book.read("t", at(69)).done, "still there 59 s after");
        assert!(!book.read("t", at(70)).done, "gone 60 s after: read as unknown");
        assert!(book.start("t", at(71)).is_ok(), "the token can be used again");
    }

    #[test]
    fn at_most_eight_runs_at_once_and_a_finished_one_makes_room() {
        let book = ProgressBook::default();
        for i in 0..MAX_RUNS {
            book.start(&format!("r{i}"), at(0)).unwrap();
        }
        let full = book.start("r8", at(1)).unwrap_err();
        assert!(full.message.contains("already going"), "{full:?}");
        assert!(book.start("r0", at(1)).unwrap_err().message.contains("still going"));
        book.finish("r3", at(2));
        book.start("r8", at(3)).unwrap();
        assert!(!book.read("r3", at(3)).done, "the finished run made room");
        assert!(!book.read("r8", at(3)).done);
    }

    #[test]
    fn a_list_keeps_at_most_500_checks_and_nothing_after_the_end() {
        let book = ProgressBook::default();
        book.start("t", at(0)).unwrap();
        let check = Check::new(
            "url.https",
            gallerist_market::produce::Words::new("https", "https"),
            "https://d",
        );
        for _ in 0..MAX_CHECKS + 20 {
            book.record("t", &check);
        }
        let view = book.read("t", at(1));
        assert_eq!(view.checks.len(), MAX_CHECKS);
        assert_eq!(view.checks[0]["id"], "url.https", "shaped as in the final run");
        book.finish("t", at(2));
        book.record("t", &check);
        assert_eq!(book.read("t", at(3)).checks.len(), MAX_CHECKS);
    }
}
