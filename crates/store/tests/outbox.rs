//! The outbox as the sync engine relies on it: lanes in order, a parked change
//! holding back only its own lane, retries waiting for their time, rebasing on our
//! own writes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use gallerist_store::outbox::{self, NewOp, Repair};
use gallerist_store::{accounts, Store};
use serde_json::json;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap()
}

fn setup() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("g.sqlite3"), t0()).unwrap();
    let id = store
        .write(|tx| accounts::upsert_sandbox(tx, "http://127.0.0.1:1", t0()))
        .unwrap()
        .id;
    (dir, store, id)
}

fn op(account: i64, key: &str, lane: &str, base: Option<i64>) -> NewOp {
    NewOp {
        account_id: account,
        op_key: key.into(),
        kind: "edit_product".into(),
        lane: lane.into(),
        payload: json!({ "k": key }),
        base_revision: base,
    }
}

fn keys(ops: &[outbox::Op]) -> Vec<&str> {
    ops.iter().map(|o| o.op_key.as_str()).collect()
}

#[test]
fn one_change_per_lane_is_due_and_a_parked_one_holds_back_only_its_lane() {
    let (_d, store, a) = setup();
    store
        .write(|tx| {
            for (k, lane) in [
                ("a1", "product:a"),
                ("a2", "product:a"),
                ("b1", "product:b"),
                ("c1", "product:c"),
            ] {
                outbox::enqueue(tx, &op(a, k, lane, Some(1)), t0())?;
            }
            Ok(())
        })
        .unwrap();
    let conn = store.conn().unwrap();
    let due = outbox::due(&conn, a, t0(), &[], 10).unwrap();
    assert_eq!(
        keys(&due),
        ["a1", "b1", "c1"],
        "the second change of lane a waits for the first"
    );
    let busy = vec!["product:b".to_string()];
    assert_eq!(
        keys(&outbox::due(&conn, a, t0(), &busy, 10).unwrap()),
        ["a1", "c1"],
        "a lane in flight is skipped"
    );

    outbox::park(&conn, due[0].id, "SYNC.REFUSED", "discontinued", t0()).unwrap();
    let due = outbox::due(&conn, a, t0(), &[], 10).unwrap();
    assert_eq!(
        keys(&due),
        ["b1", "c1"],
        "a parked change blocks its own lane, not the others"
    );
    assert_eq!(
        outbox::counts(&conn, a).unwrap(),
        (3, 1),
        "three queued, one waiting for the seller"
    );
}

#[test]
fn a_retry_is_not_due_before_its_time_and_keeps_its_key() {
    let (_d, store, a) = setup();
    let id = store
        .write(|tx| outbox::enqueue(tx, &op(a, "k1", "product:a", Some(1)), t0()))
        .unwrap();
    let conn = store.conn().unwrap();
    outbox::mark_attempt(&conn, id, t0()).unwrap();
    outbox::retry_later(&conn, id, t0() + Duration::seconds(5), "503", t0()).unwrap();
    assert!(
        outbox::due(&conn, a, t0() + Duration::seconds(4), &[], 10)
            .unwrap()
            .is_empty(),
        "not before 5 s"
    );
    let due = outbox::due(&conn, a, t0() + Duration::seconds(5), &[], 10).unwrap();
    assert_eq!(
        (due[0].op_key.as_str(), due[0].attempts),
        ("k1", 1),
        "same key, attempt counted"
    );
}

#[test]
fn later_changes_are_rebased_on_our_own_write_and_repairs_take_a_new_key() {
    let (_d, store, a) = setup();
    let (first, second) = store
        .write(|tx| {
            Ok((
                outbox::enqueue(tx, &op(a, "e1", "product:p", Some(4)), t0())?,
                outbox::enqueue(tx, &op(a, "e2", "product:p", Some(4)), t0())?,
            ))
        })
        .unwrap();
    let conn = store.conn().unwrap();
    outbox::finish(&conn, first, &json!({ "revision": 5 }), t0()).unwrap();
    assert_eq!(outbox::rebase_lane(&conn, a, "product:p", 4, 5).unwrap(), 1);
    assert_eq!(
        outbox::get(&conn, second).unwrap().base_revision,
        Some(5),
        "e2 now stands on revision 5"
    );

    outbox::park(&conn, second, "SYNC.VALIDATION", "bad", t0()).unwrap();
    let repair = Repair {
        payload: json!({ "k": "fixed" }),
        op_key: "e2-fixed".into(),
        base_revision: Some(5),
    };
    outbox::requeue(&conn, second, Some(&repair), t0()).unwrap();
    let again = outbox::get(&conn, second).unwrap();
    assert_eq!((again.state.as_str(), again.op_key.as_str()), ("queued", "e2-fixed"));
    assert!(
        outbox::requeue(&conn, second, None, t0()).is_err(),
        "only a parked change can be requeued"
    );
    outbox::drop_op(&conn, second, t0()).unwrap();
    assert!(
        !outbox::lane_pending(&conn, a, "product:p").unwrap(),
        "nothing left in the lane"
    );
}
