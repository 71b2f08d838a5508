//! Opening a database that is missing, damaged, newer or unwritable: the seller is
//! told what happened and nothing on disk is changed.

use chrono::{TimeZone, Utc};
use gallerist_store::{Store, StoreError, MIGRATIONS};
use std::path::Path;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn a_missing_data_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("not/yet/there/gallerist.sqlite3");
    let (store, _) = Store::open(&db, now()).expect("a missing folder is created, not an error");
    assert!(db.exists(), "the database file exists after opening");
    assert!(gallerist_store::accounts::list(&store.conn().unwrap())
        .unwrap()
        .is_empty());
}

#[test]
fn a_damaged_file_is_refused_by_name_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gallerist.sqlite3");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&db, &garbage).unwrap();
    let err = Store::open(&db, now()).err().expect("garbage is not a database");
    assert!(
        matches!(err, StoreError::Corrupt { .. }),
        "expected Corrupt, got {err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("gallerist.sqlite3") && msg.contains("has not changed it"),
        "message names the file: {msg}"
    );
    assert_eq!(
        bytes(&db),
        garbage,
        "the damaged file must be left byte for byte as it was"
    );
}

#[test]
fn a_truncated_database_is_reported_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gallerist.sqlite3");
    drop(Store::open(&db, now()).unwrap());
    let whole = bytes(&db);
    let mut cut = whole[..whole.len() / 2].to_vec();
    cut[100..200].fill(0xFF);
    std::fs::write(&db, &cut).unwrap();
    let _ = std::fs::remove_file(db.with_extension("sqlite3-wal"));
    let err = Store::open(&db, now())
        .err()
        .expect("a half file must not open as if healthy");
    assert!(
        matches!(err, StoreError::Corrupt { .. }),
        "expected Corrupt, got {err:?}"
    );
}

#[test]
fn a_database_from_a_newer_gallerist_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gallerist.sqlite3");
    let (store, _) = Store::open(&db, now()).unwrap();
    store
        .conn()
        .unwrap()
        .execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (29990101000000, 'future', 'x')",
            [],
        )
        .unwrap();
    drop(store);
    // Settle the WAL into the main file first, so "before" is the database at rest.
    let settle = gallerist_store::Connection::open(&db).unwrap();
    settle
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(settle);
    let before = bytes(&db);
    let err = Store::open(&db, now()).err().expect("a newer schema must be refused");
    match &err {
        StoreError::Newer { found, known, .. } => {
            assert_eq!(*found, 29990101000000);
            assert_eq!(*known, MIGRATIONS.last().unwrap().version);
        }
        other => panic!("expected Newer, got {other:?}"),
    }
    assert!(err.to_string().contains("newer Gallerist"), "{err}");
    assert_eq!(bytes(&db), before, "the newer database must not be modified");
}

#[test]
fn an_unwritable_location_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let err = Store::open(&file.join("sub/gallerist.sqlite3"), now())
        .err()
        .expect("cannot create under a file");
    assert!(matches!(err, StoreError::Folder { .. }), "expected Folder, got {err:?}");
    assert!(
        err.to_string().contains("GALLERIST_DATA_DIR"),
        "the message gives the way out: {err}"
    );
}

#[test]
fn a_folder_where_the_database_belongs_is_named_as_a_folder_not_a_permissions_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gallerist.sqlite3");
    std::fs::create_dir(&db).unwrap();
    std::fs::write(db.join("keep.txt"), b"the seller's file").unwrap();
    let err = Store::open(&db, now()).err().expect("a folder is not a database");
    let text = err.to_string();
    assert!(
        matches!(err, StoreError::NotAFile { .. }),
        "expected NotAFile, got {err:?}"
    );
    assert!(text.contains("is a folder"), "{text}");
    assert!(!text.contains("permissions"), "not a permissions problem: {text}");
    assert_eq!(std::fs::read(db.join("keep.txt")).unwrap(), b"the seller's file");
}

#[test]
fn every_connection_uses_wal_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("g.sqlite3"), now()).unwrap();
    for _ in 0..3 {
        let c = store.conn().unwrap();
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        let busy: i64 = c.query_row("PRAGMA busy_timeout", [], |r| r.get(0)).unwrap();
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(
            (mode.as_str(), fk, sync),
            ("wal", 1, 1),
            "WAL, foreign keys on, synchronous=NORMAL"
        );
        assert!(busy >= 1000, "a busy timeout is set, got {busy}");
    }
}
