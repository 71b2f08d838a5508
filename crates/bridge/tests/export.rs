//! Writing views out: Excel-safe CSV and typed xlsx, and reading them back unchanged.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use gallerist_bridge::{preview, to_csv, to_xlsx, DateTime, ExportCell, ExportTable, Field, Value};
use std::io::{Cursor, Read};

fn sample() -> ExportTable {
    ExportTable {
        sheet_name: "账单/明细".into(),
        headers: vec![
            "订单号".into(),
            "商品名称".into(),
            "结算金额".into(),
            "支付时间".into(),
            "平台服务费比例".into(),
            "数量".into(),
        ],
        rows: vec![
            vec![
                ExportCell::Text("CS1".into()),
                ExportCell::Text("云备份, \"专业\"版\n第二行".into()),
                ExportCell::Amount {
                    minor: -1250,
                    currency: "CNY".into(),
                },
                ExportCell::DateTime(DateTime {
                    year: 2026,
                    month: 10,
                    day: 3,
                    hour: 12,
                    minute: 0,
                    second: 0,
                }),
                ExportCell::Percent { ppm: 25_000 },
                ExportCell::Number { value: 3, scale: 0 },
            ],
            vec![
                ExportCell::Text("CS2".into()),
                ExportCell::Text("=cmd|' /C calc'!A0".into()),
                ExportCell::Amount {
                    minor: 123_456,
                    currency: "CNY".into(),
                },
                ExportCell::Empty,
                ExportCell::Text("-12.50".into()),
                ExportCell::Text("@SUM(1+1)".into()),
            ],
        ],
    }
}

#[test]
fn csv_is_utf8_with_bom_rfc4180_and_formula_safe() {
    let bytes = to_csv(&sample()).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM makes Excel read UTF-8");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0], "订单号,商品名称,结算金额,支付时间,平台服务费比例,数量",
        "the header line is plain"
    );
    assert!(
        text.contains("\"云备份, \"\"专业\"\"版\n第二行\""),
        "commas, quotes and newlines are quoted RFC 4180 style"
    );
    assert!(
        text.contains(",-12.50,2026-10-03 12:00:00,2.5%,3\r\n"),
        "typed cells print exactly: {text}"
    );
    assert!(
        text.contains(",'=cmd|' /C calc'!A0,"),
        "a formula gets a leading apostrophe"
    );
    assert!(text.contains(",'@SUM(1+1)\r\n"), "@ formulas too");
    assert!(
        text.contains(",1234.56,,-12.50,"),
        "a negative number in text is left alone"
    );
}

fn sheet_xml(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn xlsx_has_typed_cells_a_frozen_bold_header_and_widths() {
    let bytes = to_xlsx(&sample()).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), vec!["账单明细"], "the sheet name is made valid");
    let range = book.worksheet_range("账单明细").unwrap();
    assert_eq!(range.get((1, 2)), Some(&Data::Float(-12.5)), "amounts are numbers");
    assert!(
        matches!(range.get((1, 3)), Some(Data::DateTime(_))),
        "date-times are dates"
    );
    assert_eq!(
        range.get((2, 1)),
        Some(&Data::String("=cmd|' /C calc'!A0".into())),
        "a formula-like text is a string cell"
    );
    let formulas = book.worksheet_formula("账单明细").unwrap();
    assert!(formulas.used_cells().next().is_none(), "no cell holds a formula");
    let sheet = sheet_xml(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\""), "the header row is frozen");
    assert!(sheet.contains("<cols>"), "column widths are set");
    let styles = sheet_xml(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.00\""), "amounts use a 0.00 format");
    assert!(styles.contains("<b/>"), "the header is bold");
}

#[test]
fn export_then_import_gives_the_same_values_in_csv_and_xlsx() {
    let original = preview(csv(&ZH, &LINES, &[], ',').as_bytes(), "bill.csv", None).unwrap();
    let view = ExportTable::from_preview(&original);
    for (name, bytes) in [
        ("out.csv", to_csv(&view).unwrap()),
        ("out.xlsx", to_xlsx(&view).unwrap()),
    ] {
        let back = preview(&bytes, name, None).unwrap_or_else(|e| panic!("{name} should import: {e}"));
        assert_eq!(
            back.error_count,
            0,
            "{name} reads back cleanly: {:?}",
            back.rows.iter().flat_map(|r| &r.errors).collect::<Vec<_>>()
        );
        for (a, b) in original.rows.iter().zip(&back.rows) {
            assert_eq!(
                a.values, b.values,
                "{name} row {} should read back unchanged",
                a.row_number
            );
        }
        assert_eq!(
            fingerprints(&back),
            fingerprints(&original),
            "{name} rows dedup against the original"
        );
    }
}

#[test]
fn a_formula_survives_a_round_trip_as_inert_text() {
    let mut rows = LINES;
    rows[0][3] = "=HYPERLINK(\"http://x\")";
    let original = preview(csv(&ZH, &rows, &[], ',').as_bytes(), "a.csv", None).unwrap();
    let back = preview(&to_csv(&ExportTable::from_preview(&original)).unwrap(), "b.csv", None).unwrap();
    assert_eq!(
        back.rows[0].values[&Field::ProductName],
        Value::Text("=HYPERLINK(\"http://x\")".into()),
        "the apostrophe is ours and is removed"
    );
    assert_eq!(back.warning_count, 1, "and the text is still flagged");
}

#[test]
fn views_too_large_for_xlsx_are_refused_with_advice() {
    let view = ExportTable {
        headers: vec!["a".into()],
        rows: vec![vec![ExportCell::Empty]; 1_048_576],
        ..Default::default()
    };
    let e = to_xlsx(&view).unwrap_err();
    assert!(e.to_string().contains("CSV"), "the message suggests CSV: {e}");
}
