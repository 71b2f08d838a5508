//! Orders written and read back as the orders list and the dashboard show them.

use chrono::{TimeZone, Utc};
use gallerist_domain::{demo::demo_orders, mock_orders::mock_orders, Currency, Site};
use gallerist_store::{accounts, order_stats, orders, settings, Store};
use rand::{rngs::StdRng, SeedableRng};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap()
}

fn seeded() -> (tempfile::TempDir, Store, i64, Vec<gallerist_domain::Order>) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("g.sqlite3"), now()).unwrap();
    let mut all = mock_orders(Currency::Cny);
    all.extend(demo_orders(&mut StdRng::seed_from_u64(5), now(), 12, Currency::Cny));
    let account = store
        .write(|tx| {
            let a = accounts::upsert_sandbox(tx, "http://127.0.0.1:1", now())?;
            for o in &all {
                orders::upsert(tx, a.id, o, now())?;
            }
            Ok(a)
        })
        .unwrap();
    (dir, store, account.id, all)
}

#[test]
fn the_list_is_newest_first_and_counts_every_order() {
    let (_d, store, id, all) = seeded();
    let conn = store.conn().unwrap();
    let (total, rows) = orders::list(
        &conn,
        id,
        &orders::OrderFilter {
            limit: 50,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(total as usize, all.len(), "every written order is counted");
    assert_eq!(rows.len(), 50, "one page of 50");
    assert!(
        rows.windows(2).all(|w| w[0].create_time >= w[1].create_time),
        "newest first"
    );
}

#[test]
fn search_finds_an_order_by_id_product_or_buyer_and_treats_wildcards_literally() {
    let (_d, store, id, _) = seeded();
    let conn = store.conn().unwrap();
    let find = |s: &str| {
        orders::list(
            &conn,
            id,
            &orders::OrderFilter {
                search: Some(s.into()),
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let (n, rows) = find("MOCKPERIODYEARNEW");
    assert_eq!((n, rows[0].order_id.as_str()), (1, "MOCKPERIODYEARNEW"));
    assert_eq!(rows[0].amount_minor, 10000, "100 CNY in fen");
    assert!(find("智能客服").0 > 0, "product names are searchable in Chinese");
    assert!(find("杭州").0 > 0, "buyer names are searchable");
    assert_eq!(find("%").0, 0, "a % typed by the user is a character, not a wildcard");
}

#[test]
fn filtering_by_type_and_rewriting_an_order_keeps_one_copy() {
    let (_d, store, id, all) = seeded();
    let renew = orders::OrderFilter {
        order_type: Some("RENEW".into()),
        limit: 500,
        ..Default::default()
    };
    let (n, rows) = orders::list(&store.conn().unwrap(), id, &renew).unwrap();
    assert!(n > 0 && rows.iter().all(|r| r.order_type == "RENEW"));
    store.write(|tx| orders::upsert(tx, id, &all[0], now())).unwrap();
    let t = order_stats::totals(&store.conn().unwrap(), id, "2026-11").unwrap();
    assert_eq!(t.orders as usize, all.len(), "writing an order again replaces it");
    assert_eq!(t.lines as usize, all.len(), "and its lines");
}

#[test]
fn dashboard_figures_add_up_to_the_orders() {
    let (_d, store, id, all) = seeded();
    let conn = store.conn().unwrap();
    let paid: i64 = all.iter().map(|o| o.total_after_discount().unwrap().minor).sum();
    assert_eq!(
        order_stats::gross(&conn, id).unwrap(),
        vec![("CNY".to_string(), paid)],
        "gross is the exact sum"
    );
    let months = order_stats::per_month(&conn, id, "2025-11").unwrap();
    assert_eq!(months.first().unwrap().month, "2025-11");
    assert_eq!(months.last().unwrap().month, "2026-11");
    let in_months: i64 = months.iter().map(|m| m.orders).sum();
    assert_eq!(
        in_months as usize,
        all.len() - 9,
        "all demo orders fall in the last 13 months; the 9 mocks are from 2024"
    );
    let by_type: i64 = order_stats::by_order_type(&conn, id)
        .unwrap()
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(by_type as usize, all.len());
}

#[test]
fn deleting_an_account_deletes_its_orders_and_settings_persist() {
    let (_d, store, id, _) = seeded();
    let conn = store.conn().unwrap();
    accounts::remove(&conn, id).unwrap();
    assert_eq!(
        order_stats::totals(&conn, id, "2026-11").unwrap().orders,
        0,
        "orders go with their account"
    );
    settings::set(&conn, settings::LOCALE, "en").unwrap();
    settings::set(&conn, settings::LOCALE, "zh-CN").unwrap();
    assert_eq!(
        settings::get(&conn, settings::LOCALE).unwrap().as_deref(),
        Some("zh-CN")
    );
    let a = accounts::insert(
        &conn,
        &accounts::NewAccount {
            name: "CN".into(),
            site: Site::Cn,
            base_url: "https://x".into(),
            access_key_id: None,
        },
        now(),
    )
    .unwrap();
    assert!(
        accounts::insert(
            &conn,
            &accounts::NewAccount {
                name: "CN".into(),
                site: Site::Cn,
                base_url: "https://x".into(),
                access_key_id: None
            },
            now()
        )
        .is_err(),
        "names are unique"
    );
    assert_eq!(accounts::get(&conn, a.id).unwrap().site, Site::Cn);
}
