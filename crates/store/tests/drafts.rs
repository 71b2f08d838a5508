//! Drafts and their files as the editor relies on them: every save kept, nothing
//! overwritten silently, files stored once and checked when read.

use chrono::{DateTime, Duration, TimeZone, Utc};
use gallerist_domain::listing::blank::{blank_delivery, blank_draft};
use gallerist_domain::listing::model::ServiceFlow;
use gallerist_domain::listing::{Draft, Overrides, Pack, ProductType};
use gallerist_store::assets::AssetFiles;
use gallerist_store::drafts::{self, DraftFilter, SaveReason};
use gallerist_store::{Store, StoreError};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap()
}

fn open(dir: &std::path::Path) -> Store {
    Store::open(&dir.join("g.sqlite3"), t0()).unwrap().0
}

fn draft(ty: ProductType, name: &str) -> Draft {
    let mut d = blank_draft(blank_delivery(ty, ServiceFlow::Standard));
    d.name = name.into();
    d
}

fn insert(store: &Store, d: &Draft, at: DateTime<Utc>) -> i64 {
    let report = Pack::embedded().check(d, &Overrides::default());
    store
        .write(|tx| drafts::insert(tx, d, &report, SaveReason::Create, at))
        .unwrap()
}

fn save(store: &Store, id: i64, rev: i64, d: &Draft, at: DateTime<Utc>) -> Result<i64, StoreError> {
    let report = Pack::embedded().check(d, &Overrides::default());
    store.write(|tx| drafts::save(tx, id, rev, d, &report, SaveReason::Edit, at))
}

#[test]
fn a_saved_draft_survives_reopening_the_database_with_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = open(dir.path());
        let id = insert(&store, &draft(ProductType::License, ""), t0());
        save(&store, id, 1, &draft(ProductType::License, "Acme 备份"), t0()).unwrap();
        id
    };
    let store = open(dir.path());
    let record = drafts::get(&store.conn().unwrap(), id).unwrap();
    assert_eq!(
        record.draft.name, "Acme 备份",
        "the typed name is on disk after a restart"
    );
    assert_eq!(record.revision, 2);
    let rows = drafts::list(&store.conn().unwrap(), &DraftFilter::default()).unwrap();
    assert_eq!(rows[0].product_type, "license");
    assert!(rows[0].errors > 0, "a blank license still has errors to fix: {rows:?}");
}

#[test]
fn a_stale_revision_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let id = insert(&store, &draft(ProductType::Saas, "A"), t0());
    save(&store, id, 1, &draft(ProductType::Saas, "B"), t0()).unwrap();
    let err = save(&store, id, 1, &draft(ProductType::Saas, "C"), t0()).unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(_)),
        "a second editor with revision 1 must get a conflict, got {err:?}"
    );
    let record = drafts::get(&store.conn().unwrap(), id).unwrap();
    assert_eq!(record.draft.name, "B", "the first save stays");
}

#[test]
fn a_burst_of_autosaves_is_one_history_entry_and_a_pause_starts_another() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let id = insert(&store, &draft(ProductType::Api, ""), t0());
    let mut rev = 1;
    for (i, name) in ["A", "Ac", "Acm", "Acme"].iter().enumerate() {
        rev = save(
            &store,
            id,
            rev,
            &draft(ProductType::Api, name),
            t0() + Duration::seconds(i as i64 * 20),
        )
        .unwrap();
    }
    let later = t0() + Duration::minutes(10);
    rev = save(&store, id, rev, &draft(ProductType::Api, "Acme API"), later).unwrap();
    let history = drafts::history(&store.conn().unwrap(), id).unwrap();
    let names: Vec<&str> = history.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        ["Acme API", "Acme", ""],
        "newest first: the second burst, the first burst, the blank"
    );
    assert_eq!(history[0].revision, rev, "the newest entry is the current revision");
    let first_burst = drafts::version(&store.conn().unwrap(), id, history[1].revision).unwrap();
    assert_eq!(first_burst.name, "Acme", "each entry holds the end of its burst");
}

#[test]
fn an_unchanged_body_is_not_a_new_revision() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let d = draft(ProductType::Image, "Img");
    let id = insert(&store, &d, t0());
    assert_eq!(
        save(&store, id, 1, &d, t0()).unwrap(),
        1,
        "saving the same body keeps revision 1"
    );
}

#[test]
fn the_list_filters_by_type_status_and_name_and_search_treats_wildcards_literally() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    insert(&store, &draft(ProductType::Saas, "云备份 100%"), t0());
    insert(
        &store,
        &draft(ProductType::Hardware, "网关盒子"),
        t0() + Duration::seconds(1),
    );
    let conn = store.conn().unwrap();
    let by = |f: DraftFilter| -> Vec<String> { drafts::list(&conn, &f).unwrap().into_iter().map(|r| r.name).collect() };
    assert_eq!(by(DraftFilter::default()), ["网关盒子", "云备份 100%"], "newest first");
    let hw = by(DraftFilter {
        product_type: Some("hardware".into()),
        ..Default::default()
    });
    assert_eq!(hw, ["网关盒子"]);
    assert_eq!(
        by(DraftFilter {
            search: Some("100%".into()),
            ..Default::default()
        }),
        ["云备份 100%"]
    );
    assert!(
        by(DraftFilter {
            search: Some("%".into()),
            ..Default::default()
        })
        .len()
            == 1,
        "% matches only a literal %"
    );
    assert!(by(DraftFilter {
        status: Some("pending".into()),
        ..Default::default()
    })
    .is_empty());
}

#[test]
fn deleting_removes_the_history_too() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let id = insert(&store, &draft(ProductType::Saas, "X"), t0());
    store.write(|tx| drafts::delete(tx, id)).unwrap();
    assert!(matches!(
        drafts::get(&store.conn().unwrap(), id),
        Err(StoreError::NotFound(_))
    ));
    let left: i64 = store
        .conn()
        .unwrap()
        .query_row("SELECT count(*) FROM draft_versions WHERE draft_id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(left, 0, "no orphaned history rows");
}

#[test]
fn a_damaged_body_is_named_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let id = insert(&store, &draft(ProductType::Saas, "X"), t0());
    store
        .conn()
        .unwrap()
        .execute("UPDATE drafts SET body = '{\"name\": 5' WHERE id = ?1", [id])
        .unwrap();
    let err = drafts::get(&store.conn().unwrap(), id).unwrap_err().to_string();
    assert!(
        err.contains(&format!("draft {id}")) && err.contains("history"),
        "the message names the draft and the way back: {err}"
    );
}

#[test]
fn files_are_stored_once_by_hash_and_verified_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let files = AssetFiles::new(dir.path().join("assets"));
    let conn = store.conn().unwrap();
    let a = files.put(&conn, b"logo bytes", t0()).unwrap();
    let b = files.put(&conn, b"logo bytes", t0()).unwrap();
    assert_eq!(a, b, "the same content has one name");
    assert_eq!(files.get(&a).unwrap(), b"logo bytes");
    let rows: i64 = conn.query_row("SELECT count(*) FROM assets", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1, "one row per content");

    std::fs::write(files.path_of(&a).unwrap(), b"tampered").unwrap();
    let err = files.get(&a).unwrap_err().to_string();
    assert!(
        err.contains("changed or damaged"),
        "a changed file is named, not shown: {err}"
    );

    for hostile in ["../../etc/passwd", "AB", &"g".repeat(64)] {
        assert!(files.path_of(hostile).is_none(), "'{hostile}' must not become a path");
        assert!(matches!(files.get(hostile), Err(StoreError::Invalid(_))));
    }
}
