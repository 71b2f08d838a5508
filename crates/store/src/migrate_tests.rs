use super::*;
use crate::Store;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

#[test]
fn every_file_in_the_migrations_folder_is_listed_in_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    let listed: Vec<String> = MIGRATIONS
        .iter()
        .map(|m| format!("{}_{}.sql", m.version, m.name))
        .collect();
    assert_eq!(
        files, listed,
        "a migration file that is not in MIGRATIONS would never run"
    );
    assert!(
        MIGRATIONS.windows(2).all(|w| w[0].version < w[1].version),
        "versions must ascend"
    );
}

#[test]
fn a_new_database_gets_every_migration_and_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (_store, report) = Store::open(&dir.path().join("g.sqlite3"), now()).unwrap();
    assert_eq!(report.applied.len(), MIGRATIONS.len());
    assert_eq!(report.backup, None, "nothing to back up in a new database");
    let (_again, second) = Store::open(&dir.path().join("g.sqlite3"), now()).unwrap();
    assert!(second.applied.is_empty(), "a second open applies nothing");
}

#[test]
fn a_due_migration_copies_the_data_aside_first_and_keeps_it_readable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.sqlite3");
    let mut conn = crate::pool::open_checked(&path).unwrap();
    migrate_with(&mut conn, &path, now(), &MIGRATIONS[..1]).unwrap();
    conn.execute("INSERT INTO settings (key, value) VALUES ('locale', 'zh-CN')", [])
        .unwrap();
    let next = Migration {
        version: 29990101000000,
        name: "later",
        sql: "CREATE TABLE later (x INTEGER);",
    };
    let all = [MIGRATIONS[0], next];
    let report = migrate_with(&mut conn, &path, now(), &all).unwrap();
    assert_eq!(report.applied, vec![29990101000000]);
    let backup = report.backup.expect("existing data is copied before migrating");
    let copy = Connection::open(&backup).unwrap();
    let locale: String = copy
        .query_row("SELECT value FROM settings WHERE key = 'locale'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(locale, "zh-CN", "the backup holds the data as it was");
    let has_later: bool = copy
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'later')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!has_later, "the backup is taken before the migration runs");
}

#[test]
fn a_failing_migration_leaves_the_schema_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.sqlite3");
    let mut conn = crate::pool::open_checked(&path).unwrap();
    migrate_with(&mut conn, &path, now(), &MIGRATIONS[..1]).unwrap();
    let broken = Migration {
        version: 29990101000000,
        name: "broken",
        sql: "CREATE TABLE half (x); SELECT nope FROM nowhere;",
    };
    let err = migrate_with(&mut conn, &path, now(), &[MIGRATIONS[0], broken]).unwrap_err();
    assert!(
        err.to_string().contains("29990101000000"),
        "the message names the migration: {err}"
    );
    let half: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'half')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!half, "a failed migration is rolled back whole");
}
