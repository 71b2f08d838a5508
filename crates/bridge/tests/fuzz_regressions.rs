//! Inputs the fuzzer (`cargo xtask fuzz`, see fuzz/README.md) found to crash a reader,
//! kept under fuzz/regressions/<target>/: each must now get an answer in words.
//!
//! `xlsx_parts` inputs are the XML parts of a workbook separated by 0xFF bytes; they are
//! packed here the same way the fuzz harness packs them (fuzz/src/workbook.rs).

use gallerist_bridge::read_table;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn regression(target: &str, name: &str) -> Vec<u8> {
    let path = format!("{}/../../fuzz/regressions/{target}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="账单" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const SHARED_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>订单号</t></si></sst>"#;

/// An uncompressed xlsx from an `xlsx_parts` input: sheet, shared strings, workbook.
fn workbook_from_parts(data: &[u8]) -> Vec<u8> {
    let mut parts = data.splitn(3, |b| *b == 0xFF);
    let sheet = parts.next().unwrap_or_default();
    let strings = parts.next().unwrap_or(SHARED_STRINGS.as_bytes());
    let workbook = parts.next().unwrap_or(WORKBOOK.as_bytes());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, bytes) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `<c r="ZZZZZZZ">`: a column name past u32 made calamine's cell-reference parser
/// overflow (`attempt to multiply with overflow`, calamine xlsx/mod.rs), a panic in
/// debug builds that took the process down. The seller must get a refusal naming the file.
#[test]
fn a_cell_reference_with_an_overlong_column_is_refused_in_words() {
    let xlsx = workbook_from_parts(&regression("xlsx_parts", "cell-reference-column-overflow"));
    let answer = std::panic::catch_unwind(|| read_table(&xlsx, "bill.xlsx", None));
    let answer = answer.expect("reading the workbook must not panic");
    let err = answer.expect_err("a sheet whose only cell has an impossible reference holds no table");
    assert!(
        err.to_string().contains("bill.xlsx"),
        "the refusal names the file: {err}"
    );
}

/// `<mergeCell ref="AAAAAAAAAAAAAAAA1:A1"/>`: the bridge's own merge scanner
/// (xlsx_merges.rs `cell_ref`) multiplies the column past usize — a panic in debug
/// builds that only the reader's catch-all turns into "the xlsx reader stopped on
/// malformed data", and a silently wrapped column in release builds. Reading must not
/// panic at all, caught or not.
#[test]
fn a_merged_range_with_an_overlong_column_is_refused_without_a_panic() {
    use std::sync::Mutex;
    // Panics on this test's thread only: the other tests run alongside.
    static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let xlsx = workbook_from_parts(&regression("xlsx_parts", "merge-reference-column-overflow"));
    let me = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == me {
            PANICS.lock().unwrap().push(info.to_string());
        }
    }));
    let answer = read_table(&xlsx, "bill.xlsx", None);
    std::panic::set_hook(previous);
    let panics = PANICS.lock().unwrap().clone();
    assert!(
        panics.is_empty(),
        "reading panicked (and was caught): {panics:?} → {answer:?}"
    );
}
