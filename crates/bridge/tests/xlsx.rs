//! xlsx specifics: merged two-row headers, float cells, date cells, sheets, merged data.

mod common;

use common::*;
use gallerist_bridge::table_xlsx::float_text;
use gallerist_bridge::{preview, preview_with, Field, PreviewOptions, Value};
use rust_xlsxwriter::Format;

#[test]
fn a_merged_two_row_header_is_composed_parent_slash_child() {
    let bytes = workbook(|book| {
        let s = book.add_worksheet();
        let f = Format::new();
        s.merge_range(0, 0, 0, 4, "账单明细 2026-10", &f).unwrap();
        s.merge_range(1, 0, 2, 0, "订单号", &f).unwrap();
        s.merge_range(1, 1, 1, 3, "金额", &f).unwrap();
        s.write_string(2, 1, "含税").unwrap();
        s.write_string(2, 2, "不含税").unwrap();
        s.write_string(2, 3, "税额").unwrap();
        s.merge_range(1, 4, 2, 4, "币种", &f).unwrap();
        for (r, (id, gross, net, tax)) in [("CS1", 113.0, 100.0, 13.0), ("CS2", 226.0, 200.0, 26.0)]
            .into_iter()
            .enumerate()
        {
            let r = r as u32 + 3;
            s.write_string(r, 0, id).unwrap();
            s.write_number(r, 1, gross).unwrap();
            s.write_number(r, 2, net).unwrap();
            s.write_number(r, 3, tax).unwrap();
            s.write_string(r, 4, "CNY").unwrap();
        }
    });
    let p = preview(&bytes, "merged.xlsx", None).expect("a merged header previews");
    assert_eq!(
        p.header_rows,
        vec![2, 3],
        "the title row is skipped and two header rows found"
    );
    assert_eq!(
        p.headers,
        vec!["订单号", "金额/含税", "金额/不含税", "金额/税额", "币种"],
        "merged cells are filled and composed"
    );
    let fields: Vec<_> = p.mapping.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            Some(Field::OrderId),
            Some(Field::AmountInclTax),
            Some(Field::SalesAmount),
            Some(Field::Tax),
            Some(Field::Currency)
        ],
        "each composed header maps"
    );
    assert_eq!(p.rows.len(), 2, "two data rows below the header");
    assert_eq!(p.totals[0].sums[&Field::SalesAmount], 30_000, "net amounts sum exactly");
}

#[test]
fn the_same_two_row_header_in_csv_is_recognised_without_merges() {
    let text = "订单号,金额,,,币种\r\n,含税,不含税,税额,\r\nCS1,113,100,13,CNY\r\n";
    let p = preview(text.as_bytes(), "flat.csv", None).unwrap();
    assert_eq!(
        p.headers,
        vec!["订单号", "金额/含税", "金额/不含税", "金额/税额", "币种"],
        "blank cells right of a parent span it"
    );
    assert_eq!(
        p.rows[0].values[&Field::Tax],
        Value::Amount {
            minor: 1300,
            currency: "CNY".into()
        },
        "the data row parses"
    );
}

#[test]
fn float_cells_read_as_excel_shows_them() {
    assert_eq!(float_text(0.1 + 0.2), "0.3", "0.30000000000000004 is 0.3 at 15 digits");
    assert_eq!(
        format!("{}", 100.0 * 1.1),
        "110.00000000000001",
        "the case below is a real float artefact"
    );
    assert_eq!(
        float_text(100.0 * 1.1),
        "110",
        "a stored binary approximation reads as Excel shows it"
    );
    assert_eq!(float_text(1.1 * 1.1), "1.21", "1.2100000000000002 is 1.21");
    assert_eq!(float_text(-0.07), "-0.07", "small negatives keep their sign");
    assert_eq!(float_text(1e20), "100000000000000000000", "large values print plainly");
    assert_eq!(float_text(202610.0), "202610", "integral values print without a point");
    assert_eq!(float_text(1.5e-7), "0.00000015", "tiny values print plainly");
    let bytes = workbook(|book| {
        let s = book.add_worksheet();
        s.write_string(0, 0, "订单号").unwrap();
        s.write_string(0, 1, "结算金额").unwrap();
        s.write_string(0, 2, "订单明细").unwrap();
        s.write_string(1, 0, "A").unwrap();
        s.write_number(1, 1, 0.1 + 0.2).unwrap();
        s.write_number(1, 2, 123_456_789_012_345_678.0).unwrap();
        s.write_string(2, 0, "B").unwrap();
        s.write_number(2, 1, 100.0 * 1.1).unwrap();
        s.write_string(2, 2, "123456789012345678").unwrap();
    });
    let p = preview(&bytes, "floats.xlsx", None).unwrap();
    assert_eq!(
        p.rows[0].values[&Field::SettlementAmount],
        Value::Amount {
            minor: 30,
            currency: "XXX".into()
        },
        "0.1+0.2 is 0.30"
    );
    assert_eq!(
        p.rows[1].values[&Field::SettlementAmount],
        Value::Amount {
            minor: 11_000,
            currency: "XXX".into()
        },
        "110.00000000000001 is 110.00"
    );
    assert!(
        p.rows[0].errors[0].message.contains("rounded"),
        "an 18-digit id stored as a number is refused: {:?}",
        p.rows[0].errors
    );
    assert_eq!(
        p.rows[1].values[&Field::OrderLineId],
        Value::Id("123456789012345678".into()),
        "the same id as text is kept"
    );
}

#[test]
fn the_first_sheet_with_data_or_the_named_sheet_is_read() {
    let bytes = workbook(|book| {
        book.add_worksheet().set_name("说明").unwrap();
        let data = book.add_worksheet();
        data.set_name("交易明细").unwrap();
        data.write_string(0, 0, "订单号").unwrap();
        data.write_string(0, 1, "结算金额").unwrap();
        data.write_string(1, 0, "A").unwrap();
        data.write_number(1, 1, 5.0).unwrap();
        let other = book.add_worksheet();
        other.set_name("Bills").unwrap();
        other.write_string(0, 0, "Order ID").unwrap();
        other.write_string(0, 1, "Settlement Amount").unwrap();
        other.write_string(1, 0, "B").unwrap();
        other.write_number(1, 1, 7.0).unwrap();
    });
    let first = preview(&bytes, "two.xlsx", None).unwrap();
    assert_eq!(
        first.sheet.as_deref(),
        Some("交易明细"),
        "the empty first sheet is passed over"
    );
    assert_eq!(
        first.sheets,
        vec!["说明", "交易明细", "Bills"],
        "all sheets are listed for the wizard"
    );
    let named = preview_with(
        &bytes,
        "two.xlsx",
        PreviewOptions {
            sheet: Some("bills".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        named.rows[0].values[&Field::OrderId],
        Value::Id("B".into()),
        "a named sheet is read, case-insensitively"
    );
    let missing = preview_with(
        &bytes,
        "two.xlsx",
        PreviewOptions {
            sheet: Some("Nope".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        missing.to_string().contains("交易明细"),
        "the message lists the sheets: {missing}"
    );
}

#[test]
fn vertically_merged_ids_fill_their_lines_but_amounts_do_not_repeat() {
    let bytes = workbook(|book| {
        let s = book.add_worksheet();
        let f = Format::new();
        for (c, h) in ["账单编号", "订单号", "结算金额"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.merge_range(1, 0, 2, 0, "B-1", &f).unwrap();
        s.write_string(1, 1, "O-1").unwrap();
        s.write_string(2, 1, "O-2").unwrap();
        s.merge_range(1, 2, 2, 2, "", &f).unwrap();
        s.write_number(1, 2, 10.0).unwrap();
    });
    let p = preview(&bytes, "m.xlsx", None).unwrap();
    assert_eq!(
        p.rows[1].values.get(&Field::BillId),
        Some(&Value::Id("B-1".into())),
        "the bill id reaches the second line"
    );
    assert_eq!(
        p.rows[1].values.get(&Field::SettlementAmount),
        None,
        "a merged amount is counted once"
    );
}
