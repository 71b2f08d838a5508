//! Stored conformance runs against a seller's production interface, with history.
//!
//! WHY keep them: a seller changes their server and re-runs; what matters most is what
//! moved — a check that went red, or an answer that got much slower ("create now takes
//! 4.1 s, was 0.3 s"). [`changes`] compares a run with the previous run of the same
//! URL and set-up. The store keeps the checks as JSON it does not interpret beyond the
//! few fields it compares (`id`, `title`, `verdict`, `elapsedMs`), so the runner's
//! model can grow without migrations. Each URL keeps its newest [`KEEP_PER_URL`] runs.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// Older runs of a URL beyond this many are dropped when a new one is saved.
pub const KEEP_PER_URL: i64 = 50;

/// A timing change counts when the answer time at least doubled or halved and moved by
/// at least this much.
pub const TIMING_CHANGE_MS: u64 = 500;

/// A finished run to save.
#[derive(Debug, Clone)]
pub struct NewRun<'a> {
    pub account_id: Option<i64>,
    pub url: &'a str,
    /// `v2` or `v1`.
    pub version: &'a str,
    /// `period`, `per-use` or `one-off`.
    pub mode: &'a str,
    pub kit: bool,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    /// The checks as a JSON array.
    pub checks: &'a serde_json::Value,
}

/// A stored run without its checks, for history lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    pub id: i64,
    pub account_id: Option<i64>,
    pub url: String,
    pub version: String,
    pub mode: String,
    pub kit: bool,
    pub started_at: String,
    pub finished_at: String,
    pub passed: i64,
    pub warned: i64,
    pub failed: i64,
}

/// What the store reads of each check; everything else stays in the JSON.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CheckFacts {
    id: String,
    verdict: String,
    #[serde(default)]
    title: Option<Title>,
    #[serde(default)]
    elapsed_ms: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Title {
    #[serde(default)]
    en: String,
    #[serde(default)]
    zh: String,
}

/// One difference between a run and the one before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum Change {
    /// The check's verdict moved (e.g. `pass` → `fail`).
    Verdict {
        check_id: String,
        title_en: String,
        title_zh: String,
        from: String,
        to: String,
    },
    /// The answer time changed a lot (see [`TIMING_CHANGE_MS`]).
    Timing {
        check_id: String,
        title_en: String,
        title_zh: String,
        was_ms: u64,
        now_ms: u64,
    },
    /// A check the previous run did not have.
    Added { check_id: String, verdict: String },
    /// A check the previous run had and this one does not.
    Removed { check_id: String },
}

/// A run compared with the previous run of the same URL, version, mode and Kit set-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    pub run_id: i64,
    pub previous_run_id: i64,
    pub previous_started_at: String,
    pub changes: Vec<Change>,
}

fn counts(checks: &serde_json::Value) -> Result<(i64, i64, i64), StoreError> {
    let facts = facts(checks)?;
    let n = |v: &str| facts.iter().filter(|c| c.verdict == v).count() as i64;
    Ok((n("pass"), n("warn"), n("fail")))
}

fn facts(checks: &serde_json::Value) -> Result<Vec<CheckFacts>, StoreError> {
    serde_json::from_value(checks.clone())
        .map_err(|e| StoreError::Invalid(format!("a conformance run's checks are not in the expected shape: {e}")))
}

/// Saves a run and drops the oldest runs of its URL beyond [`KEEP_PER_URL`].
pub fn insert(conn: &Connection, run: &NewRun<'_>) -> Result<i64, StoreError> {
    let (passed, warned, failed) = counts(run.checks)?;
    conn.prepare_cached(
        "INSERT INTO produce_runs (account_id, url, version, mode, kit, started_at, finished_at, passed, warned, failed, checks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        run.account_id,
        run.url,
        run.version,
        run.mode,
        run.kit,
        stamp(run.started_at),
        stamp(run.finished_at),
        passed,
        warned,
        failed,
        run.checks.to_string()
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "DELETE FROM produce_runs WHERE url = ?1 AND id NOT IN
             (SELECT id FROM produce_runs WHERE url = ?1 ORDER BY started_at DESC, id DESC LIMIT ?2)",
    )?
    .execute(params![run.url, KEEP_PER_URL])?;
    Ok(id)
}

const SUMMARY_COLUMNS: &str =
    "SELECT id, account_id, url, version, mode, kit, started_at, finished_at, passed, warned, failed";

fn summary(r: &Row<'_>) -> rusqlite::Result<RunSummary> {
    Ok(RunSummary {
        id: r.get(0)?,
        account_id: r.get(1)?,
        url: r.get(2)?,
        version: r.get(3)?,
        mode: r.get(4)?,
        kit: r.get(5)?,
        started_at: r.get(6)?,
        finished_at: r.get(7)?,
        passed: r.get(8)?,
        warned: r.get(9)?,
        failed: r.get(10)?,
    })
}

/// The runs of one production URL, newest first.
pub fn history(conn: &Connection, url: &str, limit: i64) -> Result<Vec<RunSummary>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY_COLUMNS} FROM produce_runs WHERE url = ?1 ORDER BY started_at DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![url, limit], summary)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One run with its checks.
pub fn get(conn: &Connection, id: i64) -> Result<Option<(RunSummary, serde_json::Value)>, StoreError> {
    let row = conn
        .prepare_cached(&format!("{SUMMARY_COLUMNS}, checks FROM produce_runs WHERE id = ?1"))?
        .query_row([id], |r| Ok((summary(r)?, r.get::<_, String>(11)?)))
        .optional()?;
    row.map(|(run, text)| {
        let checks = serde_json::from_str(&text)
            .map_err(|e| StoreError::Invalid(format!("conformance run {id} is damaged: {e}")))?;
        Ok((run, checks))
    })
    .transpose()
}

/// What changed between run `run_id` and the previous run of the same URL, version,
/// mode and Kit set-up; `None` when there is no previous run (or no such run).
pub fn changes(conn: &Connection, run_id: i64) -> Result<Option<Changes>, StoreError> {
    let Some((run, checks)) = get(conn, run_id)? else {
        return Ok(None);
    };
    let previous: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM produce_runs WHERE url = ?1 AND version = ?2 AND mode = ?3 AND kit = ?4
                 AND (started_at < ?5 OR (started_at = ?5 AND id < ?6))
             ORDER BY started_at DESC, id DESC LIMIT 1",
        )?
        .query_row(
            params![run.url, run.version, run.mode, run.kit, run.started_at, run.id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(previous_id) = previous else {
        return Ok(None);
    };
    let Some((before, before_checks)) = get(conn, previous_id)? else {
        return Ok(None);
    };
    Ok(Some(Changes {
        run_id,
        previous_run_id: previous_id,
        previous_started_at: before.started_at,
        changes: compare(&facts(&before_checks)?, &facts(&checks)?),
    }))
}

fn compare(before: &[CheckFacts], now: &[CheckFacts]) -> Vec<Change> {
    let mut out = Vec::new();
    for check in now {
        let title = check.title.clone().unwrap_or_default();
        let Some(old) = before.iter().find(|b| b.id == check.id) else {
            out.push(Change::Added {
                check_id: check.id.clone(),
                verdict: check.verdict.clone(),
            });
            continue;
        };
        if old.verdict != check.verdict {
            out.push(Change::Verdict {
                check_id: check.id.clone(),
                title_en: title.en.clone(),
                title_zh: title.zh.clone(),
                from: old.verdict.clone(),
                to: check.verdict.clone(),
            });
        }
        if let (Some(was), Some(now_ms)) = (old.elapsed_ms, check.elapsed_ms) {
            if timing_moved(was, now_ms) {
                out.push(Change::Timing {
                    check_id: check.id.clone(),
                    title_en: title.en,
                    title_zh: title.zh,
                    was_ms: was,
                    now_ms,
                });
            }
        }
    }
    for old in before.iter().filter(|b| !now.iter().any(|c| c.id == b.id)) {
        out.push(Change::Removed {
            check_id: old.id.clone(),
        });
    }
    out
}

fn timing_moved(was: u64, now: u64) -> bool {
    let (low, high) = (was.min(now), was.max(now));
    high - low >= TIMING_CHANGE_MS && high >= low.saturating_mul(2)
}
