//! What a file really is, decided from its bytes rather than its name.
//!
//! Sellers rename files, browsers append `(1)`, and a PNG screenshot saved as
//! `bill.xlsx` must be refused with a sentence, not a zip-library error. The xlsx check
//! also guards the reader: a workbook is a zip archive, so the sizes its entries declare
//! are added up and capped before calamine sees them — a zip bomb (a few KiB that
//! inflate to gigabytes) is refused instead of exhausting memory. Lying size headers do
//! not get past this: the zip reader refuses any entry that inflates beyond its declared
//! size, so the declared total bounds what calamine can unpack (a test pins this).

use crate::error::BridgeError;
use std::io::Cursor;

/// Total bytes all entries of a workbook may unpack to.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
/// Entries a workbook may hold (real exports have a dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// Largest file accepted at all (csv or xlsx).
pub const MAX_FILE: usize = 256 * 1024 * 1024;

/// The container a file's bytes turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip archive: maybe an xlsx workbook.
    Zip,
    /// Text: handled as CSV.
    Text,
}

/// Known binary signatures, for a message that names what the file is.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"\x7FELF", "a program (ELF)"),
    (b"RIFF", "a media file (RIFF)"),
    (b"\x00\x00\x01\x00", "an icon"),
];

/// Decides the container, or refuses with a reason naming the file.
pub fn sniff(bytes: &[u8], file: &str) -> Result<Sniffed, BridgeError> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(BridgeError::Empty { file: file.into() });
    }
    if bytes.len() > MAX_FILE {
        return Err(BridgeError::TooLarge {
            file: file.into(),
            what: format!("{} bytes (limit {MAX_FILE})", bytes.len()),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Sniffed::Zip);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // Compound File: either an encrypted OOXML package or a legacy .xls workbook.
        let window = &bytes[..bytes.len().min(64 * 1024)];
        let utf16 = |s: &str| s.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
        let encrypted = contains(window, &utf16("EncryptionInfo")) || contains(window, &utf16("EncryptedPackage"));
        return Err(if encrypted {
            BridgeError::Encrypted { file: file.into() }
        } else {
            BridgeError::LegacyXls { file: file.into() }
        });
    }
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Err(BridgeError::NotATable {
            file: file.into(),
            found: (*what).into(),
        });
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Ok(Sniffed::Text);
    }
    let head = &bytes[..bytes.len().min(8 * 1024)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if head.contains(&0) || control * 20 > head.len() {
        return Err(BridgeError::NotATable {
            file: file.into(),
            found: "binary data".into(),
        });
    }
    Ok(Sniffed::Text)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Checks that a zip archive is a plausible, bounded xlsx workbook: not encrypted,
/// holding `xl/workbook.xml`, with fewer than [`MAX_ENTRIES`] entries declaring at most
/// [`MAX_UNPACKED`] bytes in total.
pub fn check_workbook_zip(bytes: &[u8], file: &str) -> Result<(), BridgeError> {
    check_workbook_zip_within(bytes, file, MAX_UNPACKED)
}

/// [`check_workbook_zip`] with another unpacked-size budget (tests use a small one).
pub fn check_workbook_zip_within(bytes: &[u8], file: &str, max_unpacked: u64) -> Result<(), BridgeError> {
    let damaged = |e: &dyn std::fmt::Display| BridgeError::DamagedWorkbook {
        file: file.into(),
        reason: e.to_string(),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(BridgeError::TooLarge {
            file: file.into(),
            what: format!("{} zip entries", zip.len()),
        });
    }
    let has_workbook = zip
        .file_names()
        .flatten()
        .any(|n| n.eq_ignore_ascii_case("xl/workbook.xml"));
    if !has_workbook {
        let found = if zip
            .file_names()
            .flatten()
            .any(|n| n.eq_ignore_ascii_case("xl/workbook.bin"))
        {
            "a binary (.xlsb) workbook"
        } else {
            "a zip archive that holds no Excel workbook"
        };
        return Err(BridgeError::NotATable {
            file: file.into(),
            found: found.into(),
        });
    }
    let too_large = || BridgeError::TooLarge {
        file: file.into(),
        what: format!("it unpacks to more than {} MiB", max_unpacked >> 20),
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        if entry.encrypted() {
            return Err(BridgeError::Encrypted { file: file.into() });
        }
        declared = declared.saturating_add(entry.size());
    }
    if declared > max_unpacked {
        return Err(too_large());
    }
    Ok(())
}
