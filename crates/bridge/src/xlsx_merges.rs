//! Merged regions of one worksheet, found without parsing the sheet a second time.
//!
//! `<mergeCells>` sits after `<sheetData>` at the very end of a worksheet's XML, so
//! asking calamine for it parses the whole (often tens of MiB) sheet again — a third
//! of a 100,000-line preview. Here the sheet entry is inflated once more but only
//! searched for `</sheetData>` with a vectorised byte search, and the tail is scanned
//! for `ref="B1:D1"` attributes as it inflates, stopping past the caller's cap. The sheet's file is found through
//! `xl/workbook.xml` and its relationships. Anything unexpected returns `None` and
//! the caller falls back to calamine.

use crate::table::Merge;
use crate::xlsx_limits::{EXCEL_COLUMNS, EXCEL_ROWS};
use memchr::memmem;
use std::io::{Cursor, Read};

fn read_entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let index = zip.index_for_name(name).or_else(|| {
        zip.file_names()
            .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    })?;
    let mut text = String::new();
    zip.by_index(index).ok()?.read_to_string(&mut text).ok()?;
    Some(text)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The value of the first attribute in `tag` whose name is `name` or ends in `:name`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq]
            .rsplit([' ', '\t', '\n', '\r', '<'])
            .next()
            .unwrap_or_default();
        let value_start = eq + 2;
        let value_end = value_start + rest[value_start..].find('"')?;
        if key == name || key.rsplit_once(':').is_some_and(|(_, k)| k == name) {
            return Some(&rest[value_start..value_end]);
        }
        rest = &rest[value_end + 1..];
    }
    None
}

/// Every `<element …>` start tag named `element` in an XML text.
fn tags<'a>(xml: &'a str, element: &str) -> Vec<&'a str> {
    let open = format!("<{element} ");
    xml.match_indices(open.as_str())
        .map(|(at, _)| &xml[at..at + xml[at..].find('>').unwrap_or(xml.len() - at)])
        .collect()
}

/// The zip path of the worksheet called `sheet`.
fn sheet_path(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, sheet: &str) -> Option<String> {
    let workbook = read_entry(zip, "xl/workbook.xml")?;
    let id = tags(&workbook, "sheet")
        .into_iter()
        .find(|t| attr(t, "name").map(unescape).as_deref() == Some(sheet))
        .and_then(|t| attr(t, "id"))?
        .to_string();
    let rels = read_entry(zip, "xl/_rels/workbook.xml.rels")?;
    let target = tags(&rels, "Relationship")
        .into_iter()
        .find(|t| attr(t, "Id") == Some(id.as_str()))
        .and_then(|t| attr(t, "Target"))?;
    let target = unescape(target);
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    })
}

/// "AB12" → zero-based (row 11, column 27). `None` for text that is not a reference,
/// and for one outside Excel's 1,048,576 rows × 16,384 columns (checked as the digits
/// are read, so `AAAAAAAAAAAAAAAA1` cannot overflow: found by `cargo xtask fuzz`).
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let col = letters.bytes().try_fold(0usize, |acc, b| {
        if !b.is_ascii_uppercase() {
            return None;
        }
        let next = acc.checked_mul(26)?.checked_add(usize::from(b - b'A') + 1)?;
        (next <= EXCEL_COLUMNS).then_some(next)
    })?;
    let row: usize = digits.parse().ok().filter(|r| *r <= EXCEL_ROWS)?;
    (col >= 1 && row >= 1).then(|| (row - 1, col - 1))
}

/// More merged regions than the caller's cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooMany;

/// Uppercase letters then digits: a reference in form, whether or not it fits the grid.
fn reference_form(r: &str) -> bool {
    let letters = r.bytes().take_while(u8::is_ascii_uppercase).count();
    letters > 0 && r.len() > letters && r.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

/// One `ref="A1:B2"` tag's region: `None` when the tag is not laid out as expected
/// (the caller then asks calamine), `Some(None)` for a region reaching outside Excel's
/// grid, which covers no cell the reader keeps and is passed over.
fn region(tag: &[u8]) -> Option<Option<Merge>> {
    let tag = std::str::from_utf8(tag).ok()?;
    let (a, b) = attr(tag, "ref")?.split_once(':')?;
    if !(reference_form(a) && reference_form(b)) {
        return None;
    }
    let (Some((r0, c0)), Some((r1, c1))) = (cell_ref(a), cell_ref(b)) else {
        return Some(None);
    };
    Some(Some(Merge {
        first_row: r0.min(r1),
        first_col: c0.min(c1),
        last_row: r0.max(r1),
        last_col: c0.max(c1),
    }))
}

/// Longest `<mergeCell …>` tag read; a longer one sends the caller to calamine.
const MAX_TAG: usize = 4096;

/// The merged regions of `sheet`, or `None` if the workbook is laid out unexpectedly;
/// [`TooMany`] as soon as more than `cap` are found. The tail after `</sheetData>` is
/// scanned as it inflates, never held whole.
pub fn merges(bytes: &[u8], sheet: &str, cap: usize) -> Result<Option<Vec<Merge>>, TooMany> {
    let Some(found) = (|| {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let path = sheet_path(&mut zip, sheet)?;
        let mut entry = zip.by_name(&path).ok()?;
        scan(&mut entry, cap)
    })() else {
        return Ok(None);
    };
    found.map(Some)
}

fn scan(entry: &mut impl Read, cap: usize) -> Option<Result<Vec<Merge>, TooMany>> {
    let end_of_data = memmem::Finder::new(b"</sheetData>");
    let open = memmem::Finder::new(b"<mergeCell ");
    let mut window: Vec<u8> = Vec::with_capacity(128 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut in_tail = false;
    let mut found = Vec::new();
    loop {
        let n = entry.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        window.extend_from_slice(&chunk[..n]);
        if !in_tail {
            match end_of_data.find(&window) {
                Some(at) => {
                    window.drain(..at);
                    in_tail = true;
                }
                None => {
                    let keep = window.len().saturating_sub(16);
                    window.drain(..keep);
                    continue;
                }
            }
        }
        let mut consumed = window.len().saturating_sub(16);
        let mut at = 0;
        while let Some(pos) = open.find(&window[at..]) {
            let start = at + pos;
            let Some(close) = memchr::memchr(b'>', &window[start..]) else {
                if window.len() - start > MAX_TAG {
                    return None;
                }
                consumed = start;
                break;
            };
            if let Some(merge) = region(&window[start..start + close])? {
                found.push(merge);
            }
            if found.len() > cap {
                return Some(Err(TooMany));
            }
            at = start + close + 1;
            consumed = consumed.max(at);
        }
        window.drain(..consumed.min(window.len()));
    }
    Some(Ok(found))
}

#[cfg(test)]
#[path = "xlsx_merges_tests.rs"]
mod tests;
