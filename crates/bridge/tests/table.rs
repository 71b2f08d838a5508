//! Reading the grid: row numbers that match Excel's, delimiters, encodings, headers.

use gallerist_bridge::header::{column_letter, find_header};
use gallerist_bridge::table_csv::{decode, detect_delimiter};
use gallerist_bridge::{read_table, TextEncoding};

#[test]
fn blank_lines_keep_their_row_numbers_whatever_the_line_ends() {
    for (text, ends) in [
        ("title\r\n\r\n订单号,结算金额\r\nA,1\r\n", "CRLF"),
        ("title\n\n订单号,结算金额\nA,1\n", "LF"),
        ("title\r\r订单号,结算金额\rA,1", "CR"),
        ("\"multi\nline\"\n\n订单号,结算金额\nA,1\n", "a quoted newline"),
    ] {
        let t = read_table(text.as_bytes(), "t.csv", None).unwrap();
        assert_eq!(t.rows.len(), 4, "{ends}: four spreadsheet rows, the blank one included");
        assert!(t.rows[1].is_empty(), "{ends}: row 2 is the blank line");
        assert_eq!(t.rows[2][0].text, "订单号", "{ends}: the header is row 3");
        let h = find_header(&t, "t.csv").unwrap();
        assert_eq!(h.rows, vec![2], "{ends}: the header is found on row 3");
    }
}

#[test]
fn delimiters_are_detected_despite_a_title_line() {
    assert_eq!(
        detect_delimiter("账单明细 2026-10\n订单号;结算金额;币种\nA;1,50;CNY\nB;2;CNY\n"),
        b';',
        "semicolons"
    );
    assert_eq!(
        detect_delimiter("订单号\t结算金额\nA\t1,234.50\n"),
        b'\t',
        "tabs beat commas inside amounts"
    );
    assert_eq!(detect_delimiter("订单号,结算金额\nA,1\n"), b',', "commas");
    assert_eq!(
        detect_delimiter("just one column\n"),
        b',',
        "one column defaults to commas"
    );
}

#[test]
fn encodings_are_detected_and_reported() {
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain("订单号,金额".encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let (text, enc) = decode(&be, "be.csv").unwrap();
    assert_eq!(
        (text.as_ref(), enc),
        ("订单号,金额", TextEncoding::Utf16Be),
        "UTF-16BE with a BOM"
    );
    let (gb, _, _) = encoding_rs::GB18030.encode("𠀀订单号");
    let (text, enc) = decode(&gb, "gb.csv").unwrap();
    assert_eq!(
        (text.as_ref(), enc),
        ("𠀀订单号", TextEncoding::Gb18030),
        "GB18030 four-byte characters decode"
    );
    assert_eq!(enc.to_string(), "GBK/GB18030", "the encoding is named for the seller");
}

#[test]
fn header_fallback_and_column_letters() {
    let t = read_table("备注,订单号,其他\r\nx,A1,y\r\n".as_bytes(), "f.csv", None).unwrap();
    let h = find_header(&t, "f.csv").expect("one recognised name is enough when no row does better");
    assert_eq!(h.rows, vec![0], "the row naming a field is taken");
    assert_eq!(
        [
            column_letter(0),
            column_letter(25),
            column_letter(26),
            column_letter(701)
        ],
        ["A", "Z", "AA", "ZZ"],
        "letters"
    );
}
