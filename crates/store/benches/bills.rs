//! Monthly settlement aggregates over 1,000,000 bill lines, next to the `sqlite3` tool
//! running the same SQL on the same file.
//!
//! `baseline` is `sqlite3 <file> <MONTHLY_SQL>` (process start included, which is
//! small next to a million-row scan); `gallerist_monthly` is the same statement through
//! the store. The goal is ≤ 1.2× the baseline. `breakdown_by_product` is the
//! overview's second query, for scale. Without a `sqlite3` on PATH the baseline is
//! skipped with a note (`cargo xtask bench` installs it).

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use gallerist_store::bill_figures::{self, MONTHLY_SQL};
use gallerist_store::bills::{self, LineRow};
use gallerist_store::{accounts, Store};
use std::hint::black_box;
use std::process::Command;

const LINES: usize = 1_000_000;
const PRODUCTS: [(&str, &str); 6] = [
    ("Gallerist Demo SaaS", "saas"),
    ("企业网盘 License", "license"),
    ("数据迁移实施服务", "professional_service"),
    ("边缘计算网关", "hardware"),
    ("Ubuntu 加固镜像", "image"),
    ("OCR API", "api"),
];

fn seeded() -> (tempfile::TempDir, std::path::PathBuf, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sqlite3");
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap();
    let (store, _) = Store::open(&path, now).unwrap();
    let id = store
        .write(|tx| {
            let account = accounts::upsert_sandbox(tx, "http://127.0.0.1:1", now)?;
            let mut batch = Vec::with_capacity(10_000);
            for i in 0..LINES {
                let (name, ty) = PRODUCTS[i % PRODUCTS.len()];
                let month = 1 + (i / 7) % 36;
                let period = format!("{}-{:02}", 2024 + (month - 1) / 12, (month - 1) % 12 + 1);
                let gross = 1_000 + (i as i64 * 7_919) % 500_000;
                let fee = gross * 13 / 100;
                batch.push(LineRow {
                    id: 0,
                    bill_id: format!("B{period}"),
                    fingerprint: format!("f{i}"),
                    period,
                    order_id: format!("CS{i:09}"),
                    order_line: None,
                    order_kind: Some(["new", "renewal", "pay_per_use"][i % 3].into()),
                    product_id: None,
                    product_name: name.into(),
                    product_type: ty.into(),
                    currency: "CNY".into(),
                    gross_minor: gross,
                    customer_wht_minor: 0,
                    fee_rate_ppm: Some(130_000),
                    fee_minor: fee,
                    seller_wht_minor: 0,
                    dst_minor: 0,
                    net_minor: gross - fee,
                    source: "sync".into(),
                });
                if batch.len() == batch.capacity() {
                    bills::insert_lines(tx, account.id, &batch, None)?;
                    batch.clear();
                }
            }
            bills::insert_lines(tx, account.id, &batch, None)?;
            Ok(account.id)
        })
        .unwrap();
    // Checkpoint so the sqlite3 tool reads the same pages from the main file.
    store
        .conn()
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    (dir, path, store, id)
}

fn sqlite3_available() -> bool {
    Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn aggregates(c: &mut Criterion) {
    let (_dir, path, store, id) = seeded();
    let conn = store.conn().unwrap();
    let sql = MONTHLY_SQL.replace("?1", &id.to_string());
    let mut group = c.benchmark_group("bills_1m");
    group.sample_size(10);
    if sqlite3_available() {
        group.bench_function("baseline", |b| {
            b.iter(|| {
                let out = Command::new("sqlite3").arg(&path).arg(&sql).output().unwrap();
                assert!(
                    out.status.success(),
                    "sqlite3 failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                black_box(out.stdout.len())
            })
        });
    } else {
        eprintln!("bills_1m: no sqlite3 on PATH; the baseline is skipped (cargo xtask bench installs it)");
    }
    group.bench_function("gallerist_monthly", |b| {
        b.iter(|| black_box(bill_figures::monthly(&conn, id).unwrap().len()))
    });
    group.bench_function("breakdown_by_product", |b| {
        b.iter(|| black_box(bill_figures::breakdown(&conn, id, false, None).unwrap().len()))
    });
    group.finish();
}

criterion_group!(benches, aggregates);
criterion_main!(benches);
