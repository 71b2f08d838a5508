//! The orders list and dashboard over 100,000 orders, against a baseline.
//!
//! `baseline` reads the first page with no filter (an index walk); the other
//! benchmarks are what a seller does: search a page, compute the 12-month figures.
//! `cargo xtask bench` reports each as a ratio of the baseline.

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use gallerist_domain::{demo::demo_orders, Currency};
use gallerist_store::{accounts, order_stats, orders, Store};
use rand::{rngs::StdRng, SeedableRng};
use std::hint::black_box;

fn seeded() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap();
    let (store, _) = Store::open(&dir.path().join("bench.sqlite3"), now).unwrap();
    let mut rng = StdRng::seed_from_u64(11);
    let id = store
        .write(|tx| {
            let account = accounts::upsert_sandbox(tx, "http://127.0.0.1:1", now)?;
            let mut written = 0;
            while written < 100_000 {
                for mut o in demo_orders(&mut rng, now, 12, Currency::Cny) {
                    o.order_id = format!("{}-{written}", o.order_id);
                    orders::upsert(tx, account.id, &o, now)?;
                    written += 1;
                }
            }
            Ok(account.id)
        })
        .unwrap();
    (dir, store, id)
}

fn list(c: &mut Criterion) {
    let (_dir, store, id) = seeded();
    let conn = store.conn().unwrap();
    let page = |search: Option<&str>| orders::OrderFilter {
        search: search.map(str::to_string),
        limit: 50,
        ..Default::default()
    };
    let mut group = c.benchmark_group("orders_100k");
    group.sample_size(10);
    group.bench_function("baseline", |b| {
        b.iter(|| orders::list(&conn, id, black_box(&page(None))).unwrap())
    });
    group.bench_function("search_page", |b| {
        b.iter(|| orders::list(&conn, id, black_box(&page(Some("杭州")))).unwrap())
    });
    group.bench_function("dashboard_months", |b| {
        b.iter(|| order_stats::per_month(&conn, id, black_box("2025-12")).unwrap())
    });
    group.finish();
}

criterion_group!(benches, list);
criterion_main!(benches);
