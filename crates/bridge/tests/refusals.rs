//! Files that must be refused with a sentence, never a panic or a corrupted import.

mod common;

use common::*;
use gallerist_bridge::sniff::check_workbook_zip_within;
use gallerist_bridge::{preview, BridgeError};
use std::io::Write;

fn refuse(bytes: &[u8], name: &str) -> BridgeError {
    preview(bytes, name, None).expect_err(&format!("{name} should be refused"))
}

#[test]
fn empty_files_are_refused() {
    assert!(
        matches!(refuse(b"", "a.csv"), BridgeError::Empty { .. }),
        "zero bytes is empty"
    );
    assert!(
        matches!(refuse(b" \r\n \n", "a.csv"), BridgeError::Empty { .. }),
        "only whitespace is empty"
    );
}

#[test]
fn a_png_renamed_xlsx_is_named_for_what_it_is() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let e = refuse(png, "bill.xlsx");
    assert!(
        e.to_string().contains("a PNG image"),
        "the message says it is a PNG: {e}"
    );
    assert!(e.to_string().contains("bill.xlsx"), "the message names the file: {e}");
}

#[test]
fn garbage_encrypted_and_legacy_files_are_refused() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(
        matches!(refuse(&garbage, "x.csv"), BridgeError::NotATable { .. }),
        "random bytes are not a table"
    );
    let mut cfb = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    cfb.extend(vec![0u8; 512]);
    cfb.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(
        matches!(refuse(&cfb, "locked.xlsx"), BridgeError::Encrypted { .. }),
        "an encrypted OOXML package is named as such"
    );
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(
        matches!(refuse(&xls, "old.xls"), BridgeError::LegacyXls { .. }),
        "a BIFF workbook asks to be saved as xlsx"
    );
    let truncated = &xlsx(&ZH)[..600];
    assert!(
        matches!(refuse(truncated, "cut.xlsx"), BridgeError::DamagedWorkbook { .. }),
        "a truncated workbook is damaged"
    );
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused() {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<w:document/>").unwrap();
    zip.finish().unwrap();
    let e = refuse(buf.get_ref(), "letter.xlsx");
    assert!(
        e.to_string().contains("no Excel workbook"),
        "a docx renamed xlsx is refused: {e}"
    );
}

/// Rewrites every size field of one zip entry to claim `size` bytes, as a zip bomb does.
fn lie_about_sizes(bytes: &mut [u8], name: &[u8], size: u32) {
    for i in 0..bytes.len().saturating_sub(46) {
        let (local, central) = (&bytes[i..i + 4] == b"PK\x03\x04", &bytes[i..i + 4] == b"PK\x01\x02");
        let (size_at, name_len_at, name_at) = if local {
            (22, 26, 30)
        } else if central {
            (24, 28, 46)
        } else {
            continue;
        };
        let len = u16::from_le_bytes([bytes[i + name_len_at], bytes[i + name_len_at + 1]]) as usize;
        if bytes.get(i + name_at..i + name_at + len) == Some(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
    }
}

#[test]
fn a_zip_bomb_is_refused_by_what_it_unpacks_to_not_what_it_claims() {
    let long = "爆".repeat(30_000);
    let mut bytes = workbook(|book| {
        let s = book.add_worksheet();
        s.write_string(0, 0, "订单号").unwrap();
        for r in 1..40 {
            s.write_string(r, 0, format!("{r}{long}")).unwrap();
        }
    });
    assert!(
        bytes.len() < 64 * 1024,
        "the fixture compresses well ({} bytes)",
        bytes.len()
    );
    let e = check_workbook_zip_within(&bytes, "bomb.xlsx", 1 << 20).expect_err("more than 1 MiB unpacked is refused");
    assert!(
        matches!(e, BridgeError::TooLarge { .. }),
        "the declared sizes already exceed the budget: {e}"
    );
    lie_about_sizes(&mut bytes, b"xl/sharedStrings.xml", 100);
    check_workbook_zip_within(&bytes, "bomb.xlsx", 1 << 20).expect("the lying sizes pass the declared-size check");
    let e = refuse(&bytes, "bomb.xlsx");
    assert!(
        matches!(e, BridgeError::DamagedWorkbook { .. }),
        "the entry is cut off at its declared size while reading: {e}"
    );
}

#[test]
fn a_file_without_a_recognisable_header_is_refused() {
    let e = refuse("苹果,香蕉\r\n1,2\r\n".as_bytes(), "fruit.csv");
    assert!(
        matches!(e, BridgeError::NoHeader { .. }),
        "no column names a bill field: {e}"
    );
    assert!(
        e.to_string().contains("订单号"),
        "the message says what headers are expected: {e}"
    );
    let text = "\u{FFFD}".repeat(3);
    let bad_gbk: Vec<u8> = text.bytes().chain([0x81, 0x20, 0xFF, b'a']).collect();
    let e = refuse(&bad_gbk, "broken.csv");
    assert!(
        matches!(e, BridgeError::UnknownEncoding { .. }),
        "undecodable text is refused: {e}"
    );
}

#[test]
fn an_empty_workbook_and_a_mapping_that_does_not_fit_are_refused() {
    let empty = workbook(|book| {
        book.add_worksheet();
    });
    assert!(
        matches!(refuse(&empty, "empty.xlsx"), BridgeError::NoData { .. }),
        "a workbook of empty sheets has no data"
    );
    let text = csv(&ZH, &LINES, &[], ',');
    let mut mapping = preview(text.as_bytes(), "a.csv", None).unwrap().mapping;
    mapping.columns[0].header = "不存在的列".into();
    let e = preview(text.as_bytes(), "a.csv", Some(mapping)).expect_err("a mapping for another layout is refused");
    assert!(
        matches!(e, BridgeError::BadMapping(_)),
        "the mapping is named as the problem: {e}"
    );
}

/// Flips bytes of valid files with a fixed pseudo-random sequence: every result must be
/// a preview or a refusal, never a panic.
#[test]
fn damaged_files_never_panic() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let originals = [
        csv(&ZH, &LINES, &["账单明细"], ',').into_bytes(),
        gbk(&csv(&EN, &LINES, &[], ';')),
        xlsx(&ZH),
    ];
    for original in &originals {
        for _ in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..(1 + next() % 8) {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = next() as u8;
            }
            if next() % 4 == 0 {
                bytes.truncate((next() % bytes.len() as u64) as usize);
            }
            let _ = preview(&bytes, "mutated", None);
        }
    }
}
