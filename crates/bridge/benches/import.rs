//! A 100,000-line import against its floor: the `csv` crate merely reading the same file.
//!
//! The goal is a 100,000-line console export previewed in ≤ 3 s. `baseline`
//! reads the csv into string records and does nothing else — work any importer must
//! do — so `preview_csv` and `preview_xlsx` can be reported as ratios that travel
//! between machines (`cargo xtask bench`). Files are generated here, not checked in.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use gallerist_bridge::preview;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::hint::black_box;
use std::time::Duration;

const LINES: usize = 100_000;
const HEADERS: [&str; 14] = [
    "账单编号",
    "账期",
    "订单号",
    "商品名称",
    "商品类型",
    "订单类型",
    "客户账号",
    "支付时间",
    "币种",
    "不含税金额",
    "平台服务费比例",
    "平台服务费",
    "结算金额",
    "服务监管状态",
];
const TYPES: [(&str, u32); 4] = [("SaaS", 130), ("License", 130), ("专业服务", 25), ("镜像", 200)];
const KINDS: [&str; 3] = ["新购", "续费", "按需"];

/// Line `i`, deterministic: amounts in fen, the fee rate in per-mille.
struct Line {
    bill: String,
    order: String,
    product_type: &'static str,
    kind: &'static str,
    rate: u32,
    sales: i64,
    fee: i64,
    day: u8,
    second: u32,
}

fn line(i: usize) -> Line {
    let (product_type, rate) = TYPES[i % TYPES.len()];
    let sales = 1_000 + (i as i64 * 7_919) % 5_000_000;
    Line {
        bill: format!("B202610-{:03}", i % 997),
        order: format!("CS26100{i:09}"),
        product_type,
        kind: KINDS[i % KINDS.len()],
        rate,
        sales,
        fee: sales * i64::from(rate) / 1_000,
        day: (i % 28 + 1) as u8,
        second: (i % 86_400) as u32,
    }
}

fn csv_bytes() -> Vec<u8> {
    let mut out = format!("账单明细 2026-10\r\n{}\r\n", HEADERS.join(","));
    for i in 0..LINES {
        let l = line(i);
        let (sec, net) = (l.second, l.sales - l.fee);
        out.push_str(&format!(
            "{},202610,{},\"商品 {n}, 标准版\",{},{},buyer_{n},2026-10-{:02} {:02}:{:02}:{:02},CNY,{}.{:02},{}.{}%,{}.{:02},{}.{:02},不涉及\r\n",
            l.bill,
            l.order,
            l.product_type,
            l.kind,
            l.day,
            sec / 3600,
            sec / 60 % 60,
            sec % 60,
            l.sales / 100,
            l.sales % 100,
            l.rate / 10,
            l.rate % 10,
            l.fee / 100,
            l.fee % 100,
            net / 100,
            net % 100,
            n = i % 500,
        ));
    }
    out.into_bytes()
}

fn xlsx_bytes() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let money = Format::new().set_num_format("0.00");
    sheet.write_string(0, 0, "账单明细 2026-10").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for i in 0..LINES {
        let l = line(i);
        let (sec, r) = (l.second, i as u32 + 2);
        sheet.write_string(r, 0, &l.bill).unwrap();
        sheet.write_number(r, 1, 202_610).unwrap();
        sheet.write_string(r, 2, &l.order).unwrap();
        sheet.write_string(r, 3, format!("商品 {}, 标准版", i % 500)).unwrap();
        sheet.write_string(r, 4, l.product_type).unwrap();
        sheet.write_string(r, 5, l.kind).unwrap();
        sheet.write_string(r, 6, format!("buyer_{}", i % 500)).unwrap();
        let at = ExcelDateTime::from_ymd(2026, 10, l.day)
            .unwrap()
            .and_hms((sec / 3600) as u16, (sec / 60 % 60) as u8, sec % 60)
            .unwrap();
        sheet.write_datetime_with_format(r, 7, &at, &date).unwrap();
        sheet.write_string(r, 8, "CNY").unwrap();
        sheet
            .write_number_with_format(r, 9, l.sales as f64 / 100.0, &money)
            .unwrap();
        sheet.write_number(r, 10, f64::from(l.rate) / 1000.0).unwrap();
        sheet
            .write_number_with_format(r, 11, l.fee as f64 / 100.0, &money)
            .unwrap();
        sheet
            .write_number_with_format(r, 12, (l.sales - l.fee) as f64 / 100.0, &money)
            .unwrap();
        sheet.write_string(r, 13, "不涉及").unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn import(c: &mut Criterion) {
    let csv = csv_bytes();
    let xlsx = xlsx_bytes();
    for (name, bytes) in [("bench.csv", &csv), ("bench.xlsx", &xlsx)] {
        let p = preview(bytes, name, None).expect("the generated file previews");
        assert_eq!(
            (p.rows.len(), p.error_count),
            (LINES, 0),
            "{name}: every generated line parses"
        );
    }
    let mut group = c.benchmark_group("import_100k");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("baseline", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(black_box(csv.as_slice()));
            reader.records().filter_map(Result::ok).count()
        })
    });
    group.bench_function("preview_csv", |b| {
        b.iter(|| preview(black_box(&csv), "bench.csv", None).unwrap().rows.len())
    });
    group.bench_function("preview_xlsx", |b| {
        b.iter(|| preview(black_box(&xlsx), "bench.xlsx", None).unwrap().rows.len())
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
