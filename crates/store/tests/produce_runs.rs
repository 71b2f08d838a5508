//! Stored conformance runs: history per production URL and "what changed since the
//! last run" — a check that changed verdict, an answer that got much slower.

use chrono::{DateTime, Duration, TimeZone, Utc};
use gallerist_store::produce_runs::{self, Change, NewRun, KEEP_PER_URL};
use gallerist_store::Store;
use serde_json::{json, Value};

const URL: &str = "https://isv.example.com/produce";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("g.sqlite3"), t0()).unwrap();
    (dir, store)
}

fn check(id: &str, verdict: &str, elapsed_ms: Option<u64>) -> Value {
    json!({
        "id": id,
        "title": {"en": format!("{id} title"), "zh": format!("{id} 标题")},
        "verdict": verdict,
        "words": {"en": "…", "zh": "…"},
        "docUrl": "https://support.huaweicloud.com/x",
        "exchanges": [],
        "elapsedMs": elapsed_ms,
    })
}

fn save(store: &Store, url: &str, mode: &str, at: DateTime<Utc>, checks: Vec<Value>) -> i64 {
    let checks = Value::Array(checks);
    store
        .write(|tx| {
            produce_runs::insert(
                tx,
                &NewRun {
                    account_id: None,
                    url,
                    version: "v2",
                    mode,
                    kit: false,
                    started_at: at,
                    finished_at: at + Duration::seconds(3),
                    checks: &checks,
                },
            )
        })
        .unwrap()
}

#[test]
fn a_run_is_kept_with_its_counts_and_checks() {
    let (_d, store) = store();
    let id = save(
        &store,
        URL,
        "period",
        t0(),
        vec![
            check("url.https", "pass", None),
            check("url.domain", "warn", None),
            check("v2.create.result-code", "fail", Some(40)),
        ],
    );
    let conn = store.conn().unwrap();
    let (run, checks) = produce_runs::get(&conn, id).unwrap().unwrap();
    assert_eq!((run.passed, run.warned, run.failed), (1, 1, 1));
    assert_eq!(run.started_at, "2026-12-01T02:00:00.000Z");
    assert_eq!(checks[2]["id"], "v2.create.result-code", "checks come back as saved");
    assert_eq!(produce_runs::get(&conn, id + 1).unwrap(), None);
}

#[test]
fn history_is_per_url_newest_first() {
    let (_d, store) = store();
    let a = save(&store, URL, "period", t0(), vec![check("url.https", "pass", None)]);
    let b = save(
        &store,
        URL,
        "period",
        t0() + Duration::hours(1),
        vec![check("url.https", "pass", None)],
    );
    save(&store, "https://other.example.com/p", "period", t0(), vec![]);
    let ids: Vec<i64> = produce_runs::history(&store.conn().unwrap(), URL, 10)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [b, a]);
}

#[test]
fn what_changed_names_a_new_failure_and_a_much_slower_answer() {
    let (_d, store) = store();
    save(
        &store,
        URL,
        "period",
        t0(),
        vec![
            check("v2.create.answer-time", "pass", Some(300)),
            check("v2.query.answer-time", "pass", Some(120)),
            check("v2.create.idempotent", "pass", Some(80)),
            check("v2.auth.replayed-nonce", "pass", None),
        ],
    );
    // A run of another mode in between is not "the last run" of this set-up.
    save(&store, URL, "one-off", t0() + Duration::minutes(30), vec![]);
    let now = save(
        &store,
        URL,
        "period",
        t0() + Duration::hours(1),
        vec![
            check("v2.create.answer-time", "pass", Some(4100)),
            check("v2.query.answer-time", "pass", Some(200)),
            check("v2.create.idempotent", "fail", Some(90)),
            check("url.https", "warn", None),
        ],
    );
    let changes = produce_runs::changes(&store.conn().unwrap(), now).unwrap().unwrap();
    assert_eq!(changes.previous_started_at, "2026-12-01T02:00:00.000Z");
    assert_eq!(
        changes.changes,
        vec![
            Change::Timing {
                check_id: "v2.create.answer-time".into(),
                title_en: "v2.create.answer-time title".into(),
                title_zh: "v2.create.answer-time 标题".into(),
                was_ms: 300,
                now_ms: 4100,
            },
            Change::Verdict {
                check_id: "v2.create.idempotent".into(),
                title_en: "v2.create.idempotent title".into(),
                title_zh: "v2.create.idempotent 标题".into(),
                from: "pass".into(),
                to: "fail".into(),
            },
            Change::Added {
                check_id: "url.https".into(),
                verdict: "warn".into(),
            },
            Change::Removed {
                check_id: "v2.auth.replayed-nonce".into(),
            },
        ],
        "120 → 200 ms is noise and is not reported"
    );
}

#[test]
fn a_first_run_has_nothing_to_compare_with() {
    let (_d, store) = store();
    let id = save(&store, URL, "period", t0(), vec![check("url.https", "pass", None)]);
    assert_eq!(produce_runs::changes(&store.conn().unwrap(), id).unwrap(), None);
}

#[test]
fn only_the_newest_runs_of_a_url_are_kept() {
    let (_d, store) = store();
    let first = save(&store, URL, "period", t0(), vec![]);
    for i in 1..=KEEP_PER_URL {
        save(&store, URL, "period", t0() + Duration::minutes(i), vec![]);
    }
    let conn = store.conn().unwrap();
    assert_eq!(
        produce_runs::history(&conn, URL, 1000).unwrap().len() as i64,
        KEEP_PER_URL
    );
    assert_eq!(
        produce_runs::get(&conn, first).unwrap(),
        None,
        "the oldest run was dropped"
    );
}

#[test]
fn checks_without_an_id_or_verdict_are_refused_by_name() {
    let (_d, store) = store();
    let bad = json!([{"verdict": "pass"}]);
    let err = store
        .write(|tx| {
            produce_runs::insert(
                tx,
                &NewRun {
                    account_id: None,
                    url: URL,
                    version: "v2",
                    mode: "period",
                    kit: false,
                    started_at: t0(),
                    finished_at: t0(),
                    checks: &bad,
                },
            )
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("checks are not in the expected shape"),
        "{err}"
    );
}
