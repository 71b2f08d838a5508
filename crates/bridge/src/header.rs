//! Finding the header row(s) of an export and naming each column.
//!
//! Exports do not start with the header: the console and sellers' templates put a title
//! ("账单明细 2026-10"), a filter summary or a blank line first, and some sheets use a
//! two-row header where a merged parent spans its children ("金额" over "含税 | 不含税 |
//! 税额"). The header is therefore found by content — the first row whose cells mostly
//! name known fields — and a second row is folded in when it sits under a horizontal
//! span of the first, giving names such as "金额/含税".

use crate::error::BridgeError;
use crate::fields::match_header;
use crate::table::{CellOrigin, Table};
use crate::text::clean;
use crate::values::parse_amount;

/// Rows searched for a header.
pub const SCAN_ROWS: usize = 30;

/// The header found in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Zero-based table rows forming the header (one or two).
    pub rows: Vec<usize>,
    /// One name per column, "parent/child" for two-row headers; empty when unnamed.
    pub names: Vec<String>,
    /// Zero-based row where data begins.
    pub first_data_row: usize,
}

/// Spreadsheet column letters: 0 → "A", 27 → "AB".
pub fn column_letter(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn raw(table: &Table, row: usize, col: usize) -> String {
    clean(&table.cell(row, col).text)
}

/// A cell's text with merged regions filled from their top-left anchor.
fn filled(table: &Table, row: usize, col: usize) -> String {
    let own = raw(table, row, col);
    if !own.is_empty() {
        return own;
    }
    table
        .merge_at(row, col)
        .map(|m| raw(table, m.first_row, m.first_col))
        .unwrap_or_default()
}

/// True when (row, col) is under a horizontal span of its row: a merge wider than one
/// column, or (CSV, where merges are lost) a blank cell right of a named one.
fn under_span(table: &Table, row: usize, col: usize) -> bool {
    if let Some(m) = table.merge_at(row, col) {
        return m.last_col > m.first_col;
    }
    raw(table, row, col).is_empty() && (0..col).rev().any(|c| !raw(table, row, c).is_empty())
}

fn parent_name(table: &Table, row: usize, col: usize) -> String {
    let name = filled(table, row, col);
    if !name.is_empty() || table.merge_at(row, col).is_some() {
        return name;
    }
    (0..col)
        .rev()
        .map(|c| raw(table, row, c))
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

fn looks_like_data(table: &Table, row: usize, col: usize) -> bool {
    let cell = table.cell(row, col);
    cell.origin != CellOrigin::Text || matches!(parse_amount(&cell.text), Ok(Some(_)))
}

fn is_subheader(table: &Table, row: usize, width: usize) -> bool {
    let next = row + 1;
    let cols: Vec<usize> = (0..width).filter(|&c| !raw(table, next, c).is_empty()).collect();
    let parents = (0..width).filter(|&c| !raw(table, row, c).is_empty()).count();
    parents >= 2
        && !cols.is_empty()
        && cols.iter().all(|&c| !looks_like_data(table, next, c))
        && cols.iter().any(|&c| under_span(table, row, c))
}

/// Column names of a two-row header, and how many columns are recognised. A column
/// with a child counts only when the child itself names a field, so a data row that
/// merely sits under blank header cells never passes for a sub-header.
fn two_row_names(table: &Table, row: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    let mut matched = 0;
    let names: Vec<String> = (0..width)
        .map(|c| {
            let child = match table.merge_at(row + 1, c) {
                Some(m) if m.first_row <= row => String::new(),
                _ => filled(table, row + 1, c),
            };
            let parent = if child.is_empty() {
                filled(table, row, c)
            } else {
                parent_name(table, row, c)
            };
            let deciding = if child.is_empty() { &parent } else { &child };
            matched += usize::from(!deciding.is_empty() && match_header(deciding).is_some());
            match (parent.is_empty(), child.is_empty()) {
                (_, true) => parent,
                (true, false) => child,
                _ if parent == child => parent,
                _ => format!("{parent}/{child}"),
            }
        })
        .collect();
    let named = names.iter().filter(|n| !n.is_empty()).count();
    (names, (matched, named))
}

fn score(names: &[String]) -> (usize, usize) {
    let named = names.iter().filter(|n| !n.is_empty()).count();
    let matched = names
        .iter()
        .filter(|n| !n.is_empty() && match_header(n).is_some())
        .count();
    (matched, named)
}

fn accepted((matched, named): (usize, usize)) -> bool {
    matched >= 2 && matched * 2 >= named
}

/// Finds the header in the first [`SCAN_ROWS`] rows: the first row whose cells mostly
/// name known fields. When no row does, the row naming the most fields (at least one,
/// among at least two named cells) is taken, so the seller can fix the mapping instead
/// of being refused.
pub fn find_header(table: &Table, file: &str) -> Result<Header, BridgeError> {
    let scanned = table.rows.len().min(SCAN_ROWS);
    let mut fallback: Option<(usize, usize)> = None;
    for row in 0..scanned {
        let width = table.rows[row].len().max(table.rows.get(row + 1).map_or(0, Vec::len));
        let raw_names: Vec<String> = (0..width).map(|c| raw(table, row, c)).collect();
        let single = score(&raw_names);
        if row + 1 < table.rows.len() && is_subheader(table, row, width) {
            let (names, double) = two_row_names(table, row, width);
            if accepted(double) && double.0 > single.0 {
                return Ok(Header {
                    rows: vec![row, row + 1],
                    names,
                    first_data_row: row + 2,
                });
            }
        }
        if accepted(single) {
            return Ok(single_row(table, row, width));
        }
        if single.0 >= 1 && single.1 >= 2 && fallback.is_none_or(|(_, best)| single.0 > best) {
            fallback = Some((row, single.0));
        }
    }
    match fallback {
        Some((row, _)) => Ok(single_row(table, row, table.rows[row].len())),
        None => Err(BridgeError::NoHeader {
            file: file.into(),
            scanned,
        }),
    }
}

fn single_row(table: &Table, row: usize, width: usize) -> Header {
    let names = (0..width).map(|c| filled(table, row, c)).collect();
    Header {
        rows: vec![row],
        names,
        first_data_row: row + 1,
    }
}
