//! Fixtures generated in code: the same three bill lines as UTF-8, GBK and UTF-16 csv
//! and as a typed xlsx, in Chinese and English, so tests can show that every form of
//! one export means the same thing.
#![allow(dead_code)]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

pub const ZH: [&str; 14] = [
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
pub const EN: [&str; 14] = [
    "Bill ID",
    "Bill Period",
    "Order ID",
    "Product Name",
    "Product Type",
    "Order Type",
    "Customer Account",
    "Payment Time",
    "Currency",
    "Sales Amount",
    "Platform Fee Rate",
    "Platform Fee",
    "Settlement Amount",
    "Supervision Status",
];

/// Three lines as a seller's csv writes them: grouping, slashes, percentages.
pub const LINES: [[&str; 14]; 3] = [
    [
        "B202610-001",
        "202610",
        "CS2610031200001",
        "云备份, SaaS版",
        "SaaS",
        "新购",
        "hw_buyer_01",
        "2026-10-03 12:00:00",
        "CNY",
        "1,234.56",
        "13%",
        "160.49",
        "1,074.07",
        "不涉及",
    ],
    [
        "B202610-001",
        "202610",
        "CS2610051530002",
        "数据治理专业服务",
        "专业服务",
        "续费",
        "hw_buyer_02",
        "2026/10/5 15:30",
        "CNY",
        "20000",
        "2.5%",
        "500",
        "19500",
        "已完成",
    ],
    [
        "B202610-002",
        "2026-10",
        "CS2610090000003",
        "Image \"X\"",
        "镜像",
        "按需",
        "intl_buyer",
        "2026-10-09 00:00:00",
        "USD",
        "800.00",
        "15%",
        "120.00",
        "560.00",
        "不涉及",
    ],
];

/// RFC 4180 csv of the header and rows, with optional title lines first.
pub fn csv(headers: &[&str], rows: &[[&str; 14]], title: &[&str], delimiter: char) -> String {
    let quote = |f: &str| {
        if f.contains([delimiter, '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    let mut out = String::new();
    for t in title {
        out.push_str(t);
        out.push_str("\r\n");
    }
    for line in std::iter::once(headers.to_vec()).chain(rows.iter().map(|r| r.to_vec())) {
        out.push_str(
            &line
                .iter()
                .map(|f| quote(f))
                .collect::<Vec<_>>()
                .join(&delimiter.to_string()),
        );
        out.push_str("\r\n");
    }
    out
}

pub fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the fixture text should be representable in GBK");
    bytes.into_owned()
}

pub fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// Writes LINES as typed cells: numbers, dates, a number period, fractional rates.
pub fn write_typed_lines(sheet: &mut Worksheet, first_row: u32) {
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let pct = Format::new().set_num_format("0.0%");
    // (sales, rate, fee, net, period, (day, hour, minute))
    type Typed = (f64, f64, f64, f64, f64, (u8, u8, u8));
    let typed: [Typed; 3] = [
        (1234.56, 0.13, 160.49, 1074.07, 202610.0, (3, 12, 0)),
        (20000.0, 0.025, 500.0, 19500.0, 202610.0, (5, 15, 30)),
        (800.0, 0.15, 120.0, 560.0, 202610.0, (9, 0, 0)),
    ];
    for (i, (line, (sales, rate, fee, net, period, (day, h, m)))) in LINES.iter().zip(typed).enumerate() {
        let r = first_row + i as u32;
        for (c, text) in line.iter().enumerate() {
            sheet.write_string(r, c as u16, *text).unwrap();
        }
        sheet.write_number(r, 1, period).unwrap();
        let at = ExcelDateTime::from_ymd(2026, 10, day)
            .unwrap()
            .and_hms(u16::from(h), m, 0)
            .unwrap();
        sheet.write_datetime_with_format(r, 7, &at, &date).unwrap();
        sheet.write_number(r, 9, sales).unwrap();
        sheet.write_number_with_format(r, 10, rate, &pct).unwrap();
        sheet.write_number(r, 11, fee).unwrap();
        sheet.write_number(r, 12, net).unwrap();
    }
}

/// The lines as an xlsx workbook with a title row above the header.
pub fn xlsx(headers: &[&str]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "账单明细 2026-10").unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    write_typed_lines(sheet, 2);
    book.save_to_buffer().unwrap()
}

/// A workbook built by a closure, for one-off layouts.
pub fn workbook(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut book = Workbook::new();
    build(&mut book);
    book.save_to_buffer().unwrap()
}

pub fn fingerprints(p: &gallerist_bridge::Preview) -> Vec<String> {
    p.rows.iter().map(|r| r.fingerprint.clone()).collect()
}
