//! Small hostile workbooks (issue 14): each is a few KiB built here byte by byte, and
//! each once killed the process, hung it or grew its memory without limit. Now each is
//! refused with a sentence that names the limit, quickly.

use gallerist_bridge::{preview, BridgeError};
use std::io::Write;
use std::time::{Duration, Instant};

/// A one-sheet workbook with the given sheet XML body (inside `<sheetData>`), text after
/// `</sheetData>`, and shared-strings XML.
fn workbook(sheet_data: &str, after: &str, shared: Option<&str>) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, text: &str| {
        zip.start_file(name, deflate).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    add(
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    );
    add(
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    add(
        "xl/workbook.xml",
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    add(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    );
    add(
        "xl/worksheets/sheet1.xml",
        &format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData>{after}</worksheet>"#
        ),
    );
    if let Some(shared) = shared {
        add("xl/sharedStrings.xml", shared);
    }
    zip.finish().unwrap();
    buf.into_inner()
}

/// A header row naming three fields, as inline strings.
const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>订单号</t></is></c><c r="B1" t="inlineStr"><is><t>账期</t></is></c><c r="C1" t="inlineStr"><is><t>结算金额</t></is></c></row>"#;

fn refused(bytes: &[u8]) -> String {
    let started = Instant::now();
    let e = preview(bytes, "hostile.xlsx", None).expect_err("the workbook is refused");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refused quickly, not after {:?}",
        started.elapsed()
    );
    e.to_string()
}

#[test]
fn a_shared_string_table_claiming_billions_of_strings_is_refused_before_it_is_reserved() {
    for (claimed, shown) in [
        ("2147483648", "2,147,483,648"),
        ("9223372036854775808", "9,223,372,036,854,775,808"),
        ("18446744073709551615", "18,446,744,073,709,551,615"),
    ] {
        let sst = format!(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="{claimed}"><si><t>x</t></si></sst>"#
        );
        let bytes = workbook(HEADER, "", Some(&sst));
        assert!(bytes.len() < 3000, "the workbook is tiny: {} bytes", bytes.len());
        let e = refused(&bytes);
        assert!(
            e.contains(shown) && e.contains("4,194,304"),
            "the refusal names the claim and the limit: {e}"
        );
    }
    let modest = r#"<sst uniqueCount="4000000"><si><t>x</t></si></sst>"#;
    let e = refused(&workbook(HEADER, "", Some(modest)));
    assert!(
        e.contains("hold at most"),
        "a claim the table's bytes cannot hold is named as damage: {e}"
    );
}

#[test]
fn cells_beyond_excels_last_row_are_refused_before_any_row_is_made() {
    for row in ["4000000000", "300000000", "1048577"] {
        let data = format!(r#"{HEADER}<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>x</t></is></c></row>"#);
        let e = refused(&workbook(&data, "", None));
        assert!(
            e.contains("1,048,576 rows"),
            "the refusal for row {row} names Excel's row limit: {e}"
        );
    }
    let past_u32 = format!(r#"{HEADER}<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>"#);
    let e = preview(&workbook(&past_u32, "", None), "hostile.xlsx", None).expect_err("a row past 2^32 is refused");
    assert!(
        matches!(e, BridgeError::DamagedWorkbook { .. }),
        "a row number the reader cannot even hold is damage, not a crash: {e}"
    );
    let wide = format!(r#"{HEADER}<row r="2"><c r="XFE2" t="inlineStr"><is><t>x</t></is></c></row>"#);
    let e = refused(&workbook(&wide, "", None));
    assert!(
        e.contains("16,384 columns"),
        "and a column past XFD names the column limit: {e}"
    );
}

#[test]
fn a_long_shared_string_referenced_by_every_cell_is_refused_not_copied() {
    let long = "账".repeat(1024 * 1024 / 3);
    let sst = format!(r#"<sst count="1000" uniqueCount="1"><si><t>{long}</t></si></sst>"#);
    let mut data = HEADER.to_string();
    for r in 2..1002 {
        data.push_str(&format!(r#"<row r="{r}"><c r="D{r}" t="s"><v>0</v></c></row>"#));
    }
    let bytes = workbook(&data, "", Some(&sst));
    assert!(bytes.len() < 16 * 1024, "a few KiB: {} bytes", bytes.len());
    let e = refused(&bytes);
    assert!(
        e.contains("32,767 characters") && e.contains("D2"),
        "the refusal names the first long cell and Excel's per-cell limit: {e}"
    );
}

#[test]
fn a_sheet_with_more_merged_ranges_than_the_cap_is_refused_in_seconds() {
    // The issue's workbook had 1,000,000 ranges (186 s); a quarter is past the cap too.
    let mut merges = String::from(r#"<mergeCells count="250000">"#);
    for r in 3..250_003 {
        merges.push_str(&format!(r#"<mergeCell ref="A{r}:B{r}"/>"#));
    }
    merges.push_str("</mergeCells>");
    let e = refused(&workbook(HEADER, &merges, None));
    assert!(
        e.contains("more than 200,000 merged cell ranges"),
        "the refusal names the cap: {e}"
    );
}

#[test]
fn many_merged_ranges_under_the_cap_still_read_quickly() {
    let mut data = HEADER.to_string();
    data.push_str(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>CS1</t></is></c><c r="B2" t="inlineStr"><is><t>2026-10</t></is></c><c r="C2"><v>12.5</v></c></row>"#);
    let mut merges = String::from("<mergeCells>");
    for r in 40..150_040 {
        merges.push_str(&format!(r#"<mergeCell ref="D{r}:E{r}"/>"#));
    }
    merges.push_str("</mergeCells>");
    let started = Instant::now();
    let p = preview(&workbook(&data, &merges, None), "merged.xlsx", None).expect("150,000 merges are read");
    assert_eq!(p.rows.len(), 1, "the one data row is read");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "in seconds: {:?}",
        started.elapsed()
    );
}
