//! What an xlsx workbook may claim and hold, checked before anything is allocated for it.
//!
//! WHY: the workbook's own numbers are attacker-chosen. calamine reserves its shared
//! string table from `<sst uniqueCount="…">` before reading a single string (it ignores
//! `count`), so a 2 KB file claiming 2^31 strings asks for ~48 GiB and aborts the
//! process, and 2^63 overflows the capacity and panics. The claim is checked here against
//! the entry's real size — every `<si>` costs at least five bytes (`<si/>`), and the zip
//! reader never inflates an entry past its declared size — before calamine opens the
//! workbook. Cell positions and cell text are checked as they stream by: Excel's own
//! sheet size (1,048,576 rows × 16,384 columns) and text limit (32,767 characters per
//! cell) bound each cell, and a total text budget bounds a small file whose one long
//! shared string is referenced by every cell (each reference becomes a copy).

use crate::error::BridgeError;
use crate::header::column_letter;
use gallerist_domain::numbers::grouped;
use quick_xml::events::Event;
use std::io::{BufReader, Cursor, Read};

/// Rows in an Excel worksheet (Excel's own limit).
pub const EXCEL_ROWS: usize = 1_048_576;
/// Columns in an Excel worksheet (Excel's own limit, XFD).
pub const EXCEL_COLUMNS: usize = 16_384;
/// Characters in one cell: Excel's own limit ("Total number of characters that a cell
/// can contain: 32,767 characters", Excel specifications and limits).
pub const MAX_CELL_CHARS: usize = 32_767;
/// Bytes of cell text one table may hold in total (a 1,048,575-line export of 16
/// columns has about 300 MiB).
pub const MAX_TEXT_BYTES: usize = 512 * 1024 * 1024;
/// Shared strings a workbook may declare (a full-height sheet of unique IDs in four
/// columns); calamine reserves 24 bytes for each one claimed.
pub const MAX_SHARED_STRINGS: usize = 4_194_304;
/// The fewest bytes one shared string takes in the XML (`<si/>`).
const MIN_SI_BYTES: u64 = 5;

fn too_large(file: &str, what: String) -> BridgeError {
    BridgeError::TooLarge {
        file: file.into(),
        what,
    }
}

/// Every number a `uniqueCount` attribute in a raw attribute text could be read as.
/// Over-reads on purpose (any key ending in `uniqueCount`, either quote), so no spelling
/// calamine accepts slips past.
fn unique_counts(raw: &[u8]) -> Vec<u64> {
    let key = b"uniqueCount";
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(pos) = memchr::memmem::find(&raw[at..], key) {
        let mut i = at + pos + key.len();
        at = i;
        while raw.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if raw.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while raw.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let Some(&quote) = raw.get(i).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let value = raw[i + 1..].split(|&b| b == quote).next().unwrap_or_default();
        if !value.is_empty() && value.iter().all(u8::is_ascii_digit) {
            let n = value
                .iter()
                .fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')));
            found.push(n);
        }
    }
    found
}

/// The `uniqueCount`s the first `<sst>` start tag of a shared-strings XML claims, read
/// the way calamine reads it (same XML reader, same settings).
fn claimed_strings(entry: impl Read) -> Vec<u64> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(entry));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => {
                return unique_counts(e.attributes_raw().as_bytes())
            }
            Ok(Event::Eof) | Err(_) => return Vec::new(),
            Ok(_) => {}
        }
    }
}

/// Refuses a workbook whose shared-string table claims more strings than its bytes can
/// hold or than [`MAX_SHARED_STRINGS`]. Every entry named like `sharedStrings.xml` is
/// checked, wherever the workbook's relationships put it.
pub fn check_shared_strings(bytes: &[u8], file: &str) -> Result<(), BridgeError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine names the damage
    };
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let Ok(name) = entry.name() else { continue };
        let name = name.replace('\\', "/").to_ascii_lowercase();
        if !name.ends_with("sharedstrings.xml") {
            continue;
        }
        let size = entry.size();
        for claimed in claimed_strings(entry) {
            if claimed > MAX_SHARED_STRINGS as u64 {
                return Err(too_large(
                    file,
                    format!(
                        "its shared string table declares {} strings, more than {}",
                        grouped(claimed),
                        grouped(MAX_SHARED_STRINGS as u64)
                    ),
                ));
            }
            let room = size / MIN_SI_BYTES + 1;
            if claimed > room {
                return Err(BridgeError::DamagedWorkbook {
                    file: file.into(),
                    reason: format!(
                        "its shared string table declares {} strings but its {} bytes hold at most {}",
                        grouped(claimed),
                        grouped(size),
                        grouped(room)
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Refuses a cell outside Excel's 1,048,576 rows × 16,384 columns (zero-based position).
pub fn check_position(row: u64, col: u64, file: &str) -> Result<(), BridgeError> {
    if row < EXCEL_ROWS as u64 && col < EXCEL_COLUMNS as u64 {
        return Ok(());
    }
    Err(BridgeError::DamagedWorkbook {
        file: file.into(),
        reason: format!(
            "it has a cell at row {}, column {}, outside Excel's {} rows × {} columns",
            grouped(row.saturating_add(1)),
            grouped(col.saturating_add(1)),
            grouped(EXCEL_ROWS as u64),
            grouped(EXCEL_COLUMNS as u64)
        ),
    })
}

/// Running count of the cell text a table holds, refusing past [`MAX_TEXT_BYTES`].
#[derive(Debug, Default)]
pub struct TextBudget {
    used: usize,
}

impl TextBudget {
    /// Admits one cell's text (zero-based position), before it is copied anywhere.
    pub fn admit(&mut self, text: &str, row: usize, col: usize, file: &str) -> Result<(), BridgeError> {
        if text.len() > MAX_CELL_CHARS && text.chars().nth(MAX_CELL_CHARS).is_some() {
            return Err(too_large(
                file,
                format!(
                    "cell {}{} holds more than {} characters, Excel's own limit for one cell",
                    column_letter(col),
                    row + 1,
                    grouped(MAX_CELL_CHARS as u64)
                ),
            ));
        }
        self.used = self.used.saturating_add(text.len());
        if self.used > MAX_TEXT_BYTES {
            return Err(too_large(
                file,
                format!("its cells hold more than {} MiB of text", MAX_TEXT_BYTES >> 20),
            ));
        }
        Ok(())
    }
}

/// Runs calamine code, turning a panic inside it (an integer overflow on a row number
/// past 4,294,967,295, say) into a refusal instead of a dead process.
pub fn guarded<T>(file: &str, f: impl FnOnce() -> Result<T, BridgeError>) -> Result<T, BridgeError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(BridgeError::DamagedWorkbook {
            file: file.into(),
            reason: "the xlsx reader stopped on malformed data".into(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_unique_count_is_read() {
        assert_eq!(unique_counts(br#" count="3" uniqueCount="2""#), vec![2]);
        assert_eq!(unique_counts(b" uniqueCount = '0002147483648'"), vec![2_147_483_648]);
        assert_eq!(
            unique_counts(br#" x:uniqueCount="99999999999999999999999""#),
            vec![u64::MAX]
        );
        assert_eq!(
            unique_counts(br#" uniqueCount="+5""#),
            Vec::<u64>::new(),
            "not digits: calamine reserves nothing"
        );
    }
}
