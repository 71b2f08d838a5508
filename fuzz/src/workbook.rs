//! A minimal xlsx (Office Open XML spreadsheet) built from its parts.
//!
//! WHY: mutating a whole zip rarely gets past the checksums and the central directory,
//! so the `xlsx_parts` target lets the fuzzer write the XML parts and this module wraps
//! them in a valid, uncompressed package. The same builder makes the seed workbooks.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// The workbook part naming one sheet, `账单`.
pub const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="账单" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

/// A console-export-like sheet: a title row merged across, a header row of shared
/// strings, two data rows with an amount, a date serial and a formula-looking text.
pub const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>CS2024</t></is></c><c r="B3"><v>1234.5699999999999</v></c><c r="C3"><v>45292</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>=1+1</t></is></c><c r="B4"><v>-0.3</v></c><c r="C4" t="str"><v>2024-01-31 12:00:00</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>"#;

/// The shared strings the seed sheet refers to.
pub const SHARED_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>账单明细</t></si><si><t>订单号</t></si><si><t>金额</t></si><si><t>交易时间</t></si></sst>"#;

/// Packs the three variable parts (the others are fixed) into an uncompressed xlsx.
pub fn build(sheet: &[u8], shared_strings: &[u8], workbook: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared_strings),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, stored).expect("writing to memory cannot fail");
        zip.write_all(bytes).expect("writing to memory cannot fail");
    }
    zip.finish().expect("writing to memory cannot fail").into_inner()
}

/// The byte that separates the parts in an `xlsx_parts` input (never valid UTF-8).
pub const PART_SEPARATOR: u8 = 0xFF;

/// Splits an `xlsx_parts` input into sheet, shared strings and workbook; missing
/// parts take the seed's.
pub fn from_parts(data: &[u8]) -> Vec<u8> {
    let mut parts = data.splitn(3, |b| *b == PART_SEPARATOR);
    let sheet = parts.next().unwrap_or(SHEET.as_bytes());
    let strings = parts.next().unwrap_or(SHARED_STRINGS.as_bytes());
    let workbook = parts.next().unwrap_or(WORKBOOK.as_bytes());
    build(sheet, strings, workbook)
}

/// The seed workbook itself.
pub fn seed() -> Vec<u8> {
    build(SHEET.as_bytes(), SHARED_STRINGS.as_bytes(), WORKBOOK.as_bytes())
}
