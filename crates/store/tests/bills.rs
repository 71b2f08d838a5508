//! Bills and their lines as the settlement screens rely on them: a line stored once
//! however often it arrives, monthly totals that add up, pages for a long table.

use chrono::{DateTime, TimeZone, Utc};
use gallerist_store::bill_figures::{self, ImportRecord};
use gallerist_store::bills::{self, BillRow, LineRow};
use gallerist_store::{accounts, Store};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap()
}

fn line(fp: &str, period: &str, product: &str, gross: i64, fee: i64, tax: i64) -> LineRow {
    LineRow {
        id: 0,
        bill_id: format!("B{period}"),
        fingerprint: fp.into(),
        period: period.into(),
        order_id: format!("CS{fp}"),
        order_line: None,
        order_kind: Some("new".into()),
        product_id: None,
        product_name: product.into(),
        product_type: "saas".into(),
        currency: "CNY".into(),
        gross_minor: gross,
        customer_wht_minor: 0,
        fee_rate_ppm: Some(130_000),
        fee_minor: fee,
        seller_wht_minor: tax,
        dst_minor: 0,
        net_minor: gross - fee - tax,
        source: "import".into(),
    }
}

fn bill(period: &str) -> BillRow {
    BillRow {
        bill_id: format!("B{period}"),
        period: period.into(),
        site: "cn".into(),
        currency: "CNY".into(),
        run_date: None,
        stage: "paid".into(),
        gross_minor: 0,
        fee_minor: 0,
        tax_minor: 0,
        net_minor: 0,
        line_count: 0,
        source: "import".into(),
        revision: 0,
        fee_invoice: None,
        joint_operation: false,
    }
}

#[test]
fn lines_are_stored_once_and_monthly_totals_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("g.sqlite3"), t0()).unwrap();
    let a = store
        .write(|tx| accounts::upsert_sandbox(tx, "http://127.0.0.1:1", t0()))
        .unwrap()
        .id;
    let lines = vec![
        line("1", "2026-09", "CRM", 10_000, 1_300, 0),
        line("2", "2026-10", "CRM", 20_000, 2_600, 0),
        line("3", "2026-10", "网盘", 5_000, 650, 100),
    ];
    let (inserted, dups) = store
        .write(|tx| {
            bills::upsert_bill(tx, a, &bill("2026-09"), t0())?;
            bills::upsert_bill(tx, a, &bill("2026-10"), t0())?;
            let r = bills::insert_lines(tx, a, &lines, None)?;
            bills::refresh_totals(tx, a, "B2026-10")?;
            Ok(r)
        })
        .unwrap();
    assert_eq!((inserted, dups), (3, 0), "three new lines are stored");
    let again = store.write(|tx| bills::insert_lines(tx, a, &lines, None)).unwrap();
    assert_eq!(again, (0, 3), "the same lines a second time are all duplicates");

    let conn = store.conn().unwrap();
    let months = bill_figures::monthly(&conn, a).unwrap();
    assert_eq!(months.len(), 2, "one row per month: {months:?}");
    assert_eq!(
        (
            months[1].key.as_str(),
            months[1].gross_minor,
            months[1].fee_minor,
            months[1].tax_minor,
            months[1].net_minor
        ),
        ("2026-10", 25_000, 3_250, 100, 21_650),
        "October adds both lines: gross − fee − tax = net"
    );
    let b = bills::bill(&conn, a, "B2026-10").unwrap().unwrap();
    assert_eq!(
        (b.gross_minor, b.line_count),
        (25_000, 2),
        "an imported bill's totals come from its lines"
    );
    let by_product = bill_figures::breakdown(&conn, a, false, Some("2026-10")).unwrap();
    assert_eq!(by_product[0].key, "CRM", "the largest product first");
    let (page, total) = bill_figures::lines_page(&conn, a, "B2026-10", 1, 10).unwrap();
    assert_eq!((page.len(), total), (1, 2), "a page from offset 1 of a two-line bill");
    assert_eq!(
        bill_figures::lines_of_order(&conn, a, "CS3").unwrap().len(),
        1,
        "an order's lines are found"
    );
}

#[test]
fn an_import_is_recorded_once_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("g.sqlite3"), t0()).unwrap();
    let a = store
        .write(|tx| accounts::upsert_sandbox(tx, "http://127.0.0.1:1", t0()))
        .unwrap()
        .id;
    let record = ImportRecord {
        id: 0,
        file_name: "账单明细.xlsx".into(),
        file_sha256: "ab".repeat(32),
        encoding: None,
        mapping: "{}".into(),
        rows: 10,
        imported: 10,
        duplicates: 0,
        errors: 0,
        archived_as: "imports/ab.xlsx".into(),
        imported_at: String::new(),
    };
    store
        .write(|tx| bill_figures::record_import(tx, a, &record, t0()))
        .unwrap();
    let twice = store.write(|tx| bill_figures::record_import(tx, a, &record, t0()));
    assert!(twice.is_err(), "the same file cannot be recorded twice");
    let conn = store.conn().unwrap();
    assert!(
        bill_figures::import_by_hash(&conn, a, &"ab".repeat(32))
            .unwrap()
            .is_some(),
        "found by its hash"
    );
}
