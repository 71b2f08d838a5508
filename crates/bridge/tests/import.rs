//! Previewing console exports: encodings, delimiters, headers, languages, containers,
//! and the fingerprints that make re-imports safe.

mod common;

use common::*;
use gallerist_bridge::{preview, Field, SourceFormat, TextEncoding, Value};

fn amount(p: &gallerist_bridge::Preview, row: usize, field: Field) -> (i64, String) {
    match p.rows[row].values.get(&field) {
        Some(Value::Amount { minor, currency }) => (*minor, currency.clone()),
        other => panic!("row {row} {field:?} should be an amount, got {other:?}"),
    }
}

#[test]
fn utf8_csv_with_a_title_row_is_read_mapped_and_totalled() {
    let text = csv(&ZH, &LINES, &["账单明细 2026-10", ""], ',');
    let p = preview(text.as_bytes(), "bill.csv", None).expect("a well-formed export previews");
    assert_eq!(p.format, SourceFormat::Csv, "the container is csv");
    assert_eq!(p.encoding, Some(TextEncoding::Utf8), "plain UTF-8 is reported");
    assert_eq!(p.delimiter, Some(','), "the comma is detected");
    assert_eq!(p.header_rows, vec![3], "the title and blank rows are skipped");
    assert!(
        p.missing_required.is_empty() && p.unmapped.is_empty(),
        "every column maps: {:?}",
        p.unmapped
    );
    assert_eq!(
        p.error_count,
        0,
        "no cell is wrong: {:?}",
        p.rows.iter().flat_map(|r| &r.errors).collect::<Vec<_>>()
    );
    assert_eq!(p.rows.len(), 3, "three data rows");
    assert_eq!(p.rows[0].row_number, 4, "row numbers are the spreadsheet's");
    assert_eq!(
        amount(&p, 0, Field::SalesAmount),
        (123_456, "CNY".into()),
        "grouped amounts are exact"
    );
    assert_eq!(
        p.rows[1].values[&Field::PlatformFeeRate],
        Value::Rate { ppm: 25_000 },
        "2.5% is 25 000 ppm"
    );
    assert_eq!(
        p.rows[0].values[&Field::ProductName],
        Value::Text("云备份, SaaS版".into()),
        "quoted commas stay in the text"
    );
    let cny = p.totals.iter().find(|t| t.currency == "CNY").expect("a CNY total");
    assert_eq!(
        (cny.lines, cny.sums[&Field::SettlementAmount]),
        (2, 2_057_407),
        "CNY settlement is 1074.07 + 19500"
    );
    let usd = p.totals.iter().find(|t| t.currency == "USD").expect("a USD total");
    assert_eq!(
        usd.sums[&Field::SettlementAmount],
        56_000,
        "the USD line settles 560.00"
    );
    assert_eq!(p.file_sha256.len(), 64, "the file hash is hex SHA-256");
    serde_json::to_string(&p).expect("the preview serialises for the UI");
}

#[test]
fn gbk_utf16_and_semicolon_files_mean_the_same_rows() {
    let utf8 = preview(csv(&ZH, &LINES, &[], ',').as_bytes(), "a.csv", None).unwrap();
    let gbk = preview(&gbk(&csv(&ZH, &LINES, &["账单明细"], ',')), "a-gbk.csv", None).expect("GBK is read");
    assert_eq!(
        gbk.encoding,
        Some(TextEncoding::Gb18030),
        "GBK is detected and reported"
    );
    assert!(
        gbk.notes.iter().any(|n| n.contains("GBK")),
        "the wizard is told the file was GBK"
    );
    let tabs = preview(&utf16le_with_bom(&csv(&ZH, &LINES, &[], '\t')), "a.txt", None).expect("UTF-16 is read");
    assert_eq!(
        (tabs.encoding, tabs.delimiter),
        (Some(TextEncoding::Utf16Le), Some('\t')),
        "Excel's Unicode text"
    );
    let semi = preview(
        format!("\u{FEFF}{}", csv(&ZH, &LINES, &[], ';')).as_bytes(),
        "a.csv",
        None,
    )
    .unwrap();
    assert_eq!(
        (semi.encoding, semi.delimiter),
        (Some(TextEncoding::Utf8Bom), Some(';')),
        "BOM and semicolons"
    );
    for other in [&gbk, &tabs, &semi] {
        assert_eq!(
            fingerprints(other),
            fingerprints(&utf8),
            "{:?} should fingerprint like UTF-8",
            other.encoding
        );
        assert_ne!(
            other.file_sha256, utf8.file_sha256,
            "different bytes have different file hashes"
        );
    }
}

#[test]
fn english_and_chinese_headers_map_to_the_same_fields() {
    let zh = preview(csv(&ZH, &LINES, &[], ',').as_bytes(), "zh.csv", None).unwrap();
    let en = preview(csv(&EN, &LINES, &[], ',').as_bytes(), "en.csv", None).unwrap();
    let fields = |p: &gallerist_bridge::Preview| p.mapping.columns.iter().map(|c| c.field).collect::<Vec<_>>();
    assert_eq!(
        fields(&zh),
        fields(&en),
        "column i maps to the same field in both languages"
    );
    assert_eq!(
        fingerprints(&zh),
        fingerprints(&en),
        "the header language does not change what a row means"
    );
}

#[test]
fn xlsx_with_typed_cells_fingerprints_like_the_csv() {
    let from_csv = preview(csv(&ZH, &LINES, &[], ',').as_bytes(), "bill.csv", None).unwrap();
    let p = preview(&xlsx(&ZH), "bill.xlsx", None).expect("the workbook previews");
    assert_eq!(
        (p.format, p.sheet.as_deref()),
        (SourceFormat::Xlsx, Some("Sheet1")),
        "the first sheet of an xlsx"
    );
    assert_eq!(p.header_rows, vec![2], "the title row is skipped");
    assert_eq!(
        p.error_count,
        0,
        "typed cells parse: {:?}",
        p.rows.iter().flat_map(|r| &r.errors).collect::<Vec<_>>()
    );
    assert_eq!(
        p.rows[1].values[&Field::PaidTime].clone(),
        from_csv.rows[1].values[&Field::PaidTime],
        "date cells equal date text"
    );
    assert_eq!(
        fingerprints(&p),
        fingerprints(&from_csv),
        "the same export as xlsx dedups against the csv"
    );
}

#[test]
fn re_importing_the_same_file_gives_identical_hashes_and_fingerprints() {
    let bytes = xlsx(&EN);
    let first = preview(&bytes, "bill.xlsx", None).unwrap();
    let again = preview(&bytes, "bill (1).xlsx", None).unwrap();
    assert_eq!(
        first.file_sha256, again.file_sha256,
        "the same bytes have the same file hash"
    );
    assert_eq!(
        fingerprints(&first),
        fingerprints(&again),
        "the same rows have the same fingerprints"
    );
    let unique: std::collections::HashSet<_> = fingerprints(&first).into_iter().collect();
    assert_eq!(unique.len(), 3, "different rows have different fingerprints");
}

#[test]
fn repeated_rows_are_flagged_and_still_fingerprinted_one_to_one() {
    let rows = [LINES[0], LINES[1], LINES[0]];
    let p = preview(csv(&ZH, &rows, &[], ',').as_bytes(), "dup.csv", None).unwrap();
    assert_eq!(p.rows[2].duplicate_of, Some(2), "row 4 repeats row 2");
    assert_ne!(
        p.rows[2].fingerprint, p.rows[0].fingerprint,
        "the repeat gets its own fingerprint"
    );
    assert!(
        p.rows[2].warnings.iter().any(|w| w.message.contains("repeats row 2")),
        "the repeat is warned about"
    );
}

#[test]
fn full_width_digits_and_symbols_read_like_ascii() {
    let mut wide = LINES;
    wide[0][9] = "￥１，２３４．５６";
    wide[0][12] = "１０７４．０７";
    wide[0][10] = "１３％";
    let a = preview(csv(&ZH, &LINES, &[], ',').as_bytes(), "a.csv", None).unwrap();
    let b = preview(csv(&ZH, &wide, &[], ',').as_bytes(), "b.csv", None).unwrap();
    assert_eq!(b.error_count, 0, "full-width cells parse: {:?}", b.rows[0].errors);
    assert_eq!(
        fingerprints(&a),
        fingerprints(&b),
        "full-width and ASCII forms mean the same"
    );
}

#[test]
fn formula_injection_is_kept_inert_and_flagged() {
    let mut rows = LINES;
    rows[0][3] = "=cmd|' /C calc'!A0";
    rows[1][6] = "@SUM(1+1)";
    rows[2][12] = "-12.50";
    let p = preview(csv(&ZH, &rows, &[], ',').as_bytes(), "evil.csv", None).unwrap();
    assert_eq!(
        p.rows[0].values[&Field::ProductName],
        Value::Text("=cmd|' /C calc'!A0".into()),
        "the text is kept as is"
    );
    assert!(
        p.rows[0].warnings[0].message.contains("formula"),
        "the cell is flagged: {:?}",
        p.rows[0].warnings
    );
    assert_eq!(p.rows[0].warnings[0].column, "商品名称", "the warning names the column");
    assert_eq!(p.rows[1].warnings.len(), 1, "@SUM is flagged too");
    assert!(p.rows[2].warnings.is_empty(), "a negative number is not a formula");
    assert_eq!(amount(&p, 2, Field::SettlementAmount).0, -1250, "-12.50 is a number");
    assert_eq!((p.error_count, p.warning_count), (0, 2), "warnings, not errors");
}

#[test]
fn a_bad_cell_is_named_by_row_and_column_and_left_out_of_totals() {
    let mut rows = LINES;
    rows[1][12] = "12,3a";
    let p = preview(csv(&ZH, &rows, &["账单明细", ""], ',').as_bytes(), "bad.csv", None).unwrap();
    assert_eq!(p.error_count, 1, "one cell is wrong");
    assert_eq!(
        p.rows[1].errors[0].to_string(),
        "Row 5, column 结算金额: '12,3a' is not an amount",
        "the message names row and column"
    );
    let cny = p.totals.iter().find(|t| t.currency == "CNY").unwrap();
    assert_eq!(cny.lines, 1, "the bad row is not totalled");
}

#[test]
fn totals_lines_and_blank_lines_are_skipped_with_a_note() {
    let text = format!(
        "{}\r\n合计,,,,,,,,,\"21,234.56\",,,\"21,134.07\",\r\n",
        csv(&ZH, &LINES, &[], ',').trim_end()
    );
    let p = preview(text.as_bytes(), "bill.csv", None).unwrap();
    assert_eq!(p.rows.len(), 3, "the totals line is not a bill line");
    assert!(
        p.notes.iter().any(|n| n.contains("totals line")),
        "the skip is noted: {:?}",
        p.notes
    );
}

#[test]
fn currencies_come_from_cells_headers_or_the_mapping_default() {
    let text = "订单号,结算金额（元）,不含税金额\r\nA1,100,$1\r\nA2,200,3\r\n";
    let p = preview(text.as_bytes(), "c.csv", None).unwrap();
    assert_eq!(
        amount(&p, 0, Field::SettlementAmount).1,
        "CNY",
        "the （元） header names the currency"
    );
    assert!(
        p.rows[0].errors[0].message.contains("USD"),
        "a row mixing currencies is refused: {:?}",
        p.rows[0].errors
    );
    let bare = "订单号,结算金额\r\nA1,100\r\n";
    let unknown = preview(bare.as_bytes(), "u.csv", None).unwrap();
    assert_eq!(
        amount(&unknown, 0, Field::SettlementAmount).1,
        "XXX",
        "no currency anywhere is XXX"
    );
    let mut mapping = unknown.mapping.clone();
    mapping.default_currency = Some("USD".into());
    let told = preview(bare.as_bytes(), "u.csv", Some(mapping)).unwrap();
    assert_eq!(
        amount(&told, 0, Field::SettlementAmount).1,
        "USD",
        "the seller's default applies"
    );
}

#[test]
fn the_sellers_mapping_overrides_the_proposal() {
    let text = "订单号,金额,备注\r\nA1,100.00,x\r\n";
    let p = preview(text.as_bytes(), "m.csv", None).unwrap();
    assert_eq!(p.missing_required.len(), 1, "no amount column is recognised in '金额'");
    let mut mapping = p.mapping.clone();
    mapping.columns[1].field = Some(Field::SettlementAmount);
    mapping.columns[1].confidence = gallerist_bridge::Confidence::Manual;
    let fixed = preview(text.as_bytes(), "m.csv", Some(mapping)).unwrap();
    assert!(
        fixed.missing_required.is_empty(),
        "the seller's choice satisfies the requirement"
    );
    assert_eq!(
        amount(&fixed, 0, Field::SettlementAmount).0,
        10_000,
        "the column is now read as an amount"
    );
}
