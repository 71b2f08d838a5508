//! CSV files: encoding and delimiter detection, then records streamed as rows.
//!
//! Console exports are UTF-8, but the same file re-saved by Excel on a Chinese Windows
//! becomes GBK, "Unicode text" becomes UTF-16 with tabs, and a European Excel writes
//! semicolons. None of that is declared in the file, so it is detected: a BOM decides;
//! otherwise valid UTF-8 is UTF-8 and anything else is decoded as GB18030 (a superset
//! of GBK) and refused if even that fails. The delimiter is the candidate that splits
//! the first lines into the most consistent number of fields. Records are handed on one
//! at a time; each cell is held to the same text limits as an xlsx cell.

use crate::error::BridgeError;
use crate::issues::{Note, NoteKind};
use crate::table::{Cell, MergeIndex, RowSink, SourceFormat, TableHead, TextEncoding, MAX_CELLS, MAX_COLUMNS};
use crate::xlsx_limits::TextBudget;
use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
use gallerist_domain::numbers::grouped;
use std::borrow::Cow;

/// Decodes CSV bytes to text, reporting the encoding used.
pub fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<(Cow<'a, str>, TextEncoding), BridgeError> {
    let unknown = |offset| BridgeError::UnknownEncoding {
        file: file.into(),
        offset,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| unknown(e.valid_up_to() + 3))?;
        return Ok((Cow::Borrowed(text), TextEncoding::Utf8Bom));
    }
    for (bom, encoding, name) in [
        (b"\xFF\xFE", UTF_16LE, TextEncoding::Utf16Le),
        (b"\xFE\xFF", UTF_16BE, TextEncoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .ok_or_else(|| unknown(2))?;
            return Ok((Cow::Owned(text.into_owned()), name));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), TextEncoding::Utf8)),
        Err(e) => {
            let text = GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or_else(|| unknown(e.valid_up_to()))?;
            Ok((Cow::Owned(text.into_owned()), TextEncoding::Gb18030))
        }
    }
}

const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];

/// Picks the delimiter whose most common field count (above one) occurs on the most of
/// the first 50 records; ties go to the comma. A title line such as "账单明细 2026-10"
/// counts against every candidate equally.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut sample_end = text.len().min(64 * 1024);
    while !text.is_char_boundary(sample_end) {
        sample_end -= 1;
    }
    let sample = &text[..sample_end];
    let mut best = (0usize, b',');
    for delimiter in CANDIDATES {
        let mut reader = reader(sample.as_bytes(), delimiter);
        let mut counts = std::collections::HashMap::<usize, usize>::new();
        for record in reader.byte_records().take(50).flatten() {
            if record.len() > 1 {
                *counts.entry(record.len()).or_default() += 1;
            }
        }
        let score = counts.iter().map(|(fields, n)| n * 1000 + fields).max().unwrap_or(0);
        if score > best.0 {
            best = (score, delimiter);
        }
    }
    best.1
}

fn reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
}

/// Line ends in a stretch of text between records (CRLF, LF or a lone CR each count once).
fn blank_lines(gap: &[u8]) -> usize {
    gap.iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && gap.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Streams a CSV file to `sink`, one record at a time.
pub fn stream_csv(bytes: &[u8], file: &str, sink: &mut RowSink<'_>) -> Result<TableHead, BridgeError> {
    let (text, encoding) = decode(bytes, file)?;
    let delimiter = detect_delimiter(&text);
    let mut head = TableHead {
        format: SourceFormat::Csv,
        encoding: Some(encoding),
        delimiter: Some(char::from(delimiter)),
        sheet: None,
        sheets: Vec::new(),
        merges: MergeIndex::default(),
        notes: Vec::new(),
    };
    let mut index = 0usize;
    let mut cells = 0usize;
    let mut budget = TextBudget::default();
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    let mut csv = reader(bytes, delimiter);
    let mut previous_end = 0usize;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(BridgeError::DamagedWorkbook {
                    file: file.into(),
                    reason: format!("line {line} is not valid CSV ({e})"),
                });
            }
        }
        // The csv crate skips blank lines; count them so row numbers match Excel's.
        // A record's position includes the blank lines before it, and the reader stops
        // after the first byte of a CRLF; count the line ends in between.
        let start = record.position().map_or(previous_end, |p| p.byte() as usize);
        let content = start + bytes[start..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let mut gap = bytes.get(previous_end..content).unwrap_or_default();
        if previous_end > 0 && bytes[previous_end - 1] == b'\r' {
            gap = gap.strip_prefix(b"\n").unwrap_or(gap);
        }
        index += blank_lines(gap);
        previous_end = csv.position().byte() as usize;
        if record.len() > MAX_COLUMNS && !head.notes.iter().any(|n| n.kind == NoteKind::Clipped) {
            head.notes.push(Note::new(
                NoteKind::Clipped,
                format!("Cells beyond column {MAX_COLUMNS} were ignored."),
            ));
        }
        let mut row = Vec::with_capacity(record.len().min(MAX_COLUMNS));
        for (col, field) in record.iter().take(MAX_COLUMNS).enumerate() {
            budget.admit(field, index, col, file)?;
            row.push(Cell::text(field));
        }
        cells += row.len();
        if cells > MAX_CELLS {
            return Err(BridgeError::TooLarge {
                file: file.into(),
                what: format!("more than {} cells", grouped(MAX_CELLS as u64)),
            });
        }
        sink(&head, index, row)?;
        index += 1;
    }
    if encoding == TextEncoding::Gb18030 {
        head.notes.push(Note::new(
            NoteKind::Gbk,
            "The file is not UTF-8; it was read as GBK/GB18030 (Chinese Windows).",
        ));
    }
    Ok(head)
}
