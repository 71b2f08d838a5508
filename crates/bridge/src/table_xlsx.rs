//! xlsx workbooks: one worksheet streamed cell by cell, one row at a time.
//!
//! calamine's `worksheet_range` allocates the full bounding box, so one stray cell at
//! XFD1048576 would ask for billions of cells; the cell reader is used instead and only
//! the row being read is held. What the workbook claims is checked before calamine sees
//! it, and every position and text as it streams by ([`crate::xlsx_limits`]). Numeric cells are
//! turned into text the way Excel shows them — at most 15 significant digits — so a
//! stored `0.30000000000000004` or `1234.5699999999999` reads as `0.3` / `1234.57`
//! and no float ever reaches an amount.

use crate::datetime::DateTime;
use crate::error::BridgeError;
use crate::issues::{Note, NoteKind};
use crate::merge_index::{MergeIndex, MAX_MERGES};
use crate::sniff::check_workbook_zip;
use crate::table::{Cell, CellOrigin, Merge, RowSink, SourceFormat, TableHead, MAX_CELLS, MAX_COLUMNS};
use crate::xlsx_limits::{check_position, check_shared_strings, guarded, TextBudget};
use calamine::{DataRef, Reader, Xlsx, XlsxError};
use gallerist_domain::numbers::grouped;
use std::io::Cursor;

/// A float as Excel displays it: rounded to 15 significant digits, plain notation,
/// no trailing zeros. Integral values below 10^15 print exactly.
pub fn float_text(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value == value.trunc() && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    // Fast path: the shortest round-trip text is what Excel shows when it has at most
    // 15 significant digits (true of nearly every amount); only artefacts such as
    // 0.30000000000000004 need the slower fixed-precision rounding below.
    let shortest = value.to_string();
    let significant = shortest
        .trim_start_matches(['-', '0', '.'])
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    if significant <= 15 {
        return shortest;
    }
    let sci = format!("{:.14e}", value.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let point = exponent + 1;
    let sign = if value < 0.0 { "-" } else { "" };
    let len = digits.len() as i32;
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{sign}{digits}{}", "0".repeat((point - len) as usize))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{sign}{int}.{frac}")
    }
}

/// A cell's text, checked against the text budget before it is copied.
fn cell_of(
    value: &DataRef<'_>,
    budget: &mut TextBudget,
    at: (usize, usize),
    file: &str,
) -> Result<Option<Cell>, BridgeError> {
    let (text, origin) = match value {
        DataRef::Empty => return Ok(None),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            budget.admit(s, at.0, at.1, file)?;
            let origin = match value {
                DataRef::String(_) => CellOrigin::Text,
                DataRef::DateTimeIso(_) => CellOrigin::Date,
                _ => CellOrigin::Other,
            };
            (s.clone(), origin)
        }
        DataRef::SharedString(s) => {
            budget.admit(s, at.0, at.1, file)?;
            ((*s).to_string(), CellOrigin::Text)
        }
        DataRef::Int(i) => (i.to_string(), CellOrigin::Number),
        DataRef::Float(f) => (float_text(*f), CellOrigin::Number),
        DataRef::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_string(), CellOrigin::Other),
        DataRef::DateTime(dt) if dt.is_duration() => (float_text(dt.as_f64()), CellOrigin::Number),
        DataRef::DateTime(dt) => {
            let (year, month, day, hour, minute, second, milli) = dt.to_ymd_hms_milli();
            let at = DateTime {
                year: i32::from(year),
                month,
                day,
                hour,
                minute,
                second,
            };
            let at = if milli >= 500 {
                DateTime::from_seconds(at.seconds() + 1)
            } else {
                at
            };
            (at.to_string(), CellOrigin::Date)
        }
        DataRef::Error(e) => (e.to_string(), CellOrigin::Other),
    };
    Ok((!text.is_empty()).then_some(Cell { text, origin }))
}

fn damaged(file: &str, e: XlsxError) -> BridgeError {
    match e {
        XlsxError::Password => BridgeError::Encrypted { file: file.into() },
        e => BridgeError::DamagedWorkbook {
            file: file.into(),
            reason: e.to_string(),
        },
    }
}

/// Streams one worksheet to `sink`, one row at a time; how many rows it sent, or `None`
/// when the sheet is not a worksheet. Positions are checked against Excel's sheet size
/// and text against the budget before anything grows.
fn stream_sheet(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    head: &mut TableHead,
    file: &str,
    sink: &mut RowSink<'_>,
) -> Result<Option<usize>, BridgeError> {
    let name = head.sheet.clone().unwrap_or_default();
    let mut reader = match wb.worksheet_cells_reader(&name) {
        Ok(r) => r,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(damaged(file, e)),
    };
    let mut budget = TextBudget::default();
    let mut current: Option<(usize, Vec<Cell>)> = None;
    let (mut sent, mut cells) = (0usize, 0usize);
    let mut clipped = false;
    while let Some(found) = reader.next_cell().map_err(|e| damaged(file, e))? {
        let (row, col) = found.get_position();
        check_position(u64::from(row), u64::from(col), file)?;
        let (row, col) = (row as usize, col as usize);
        if col >= MAX_COLUMNS {
            clipped |= !matches!(found.get_value(), DataRef::Empty);
            continue;
        }
        let Some(cell) = cell_of(found.get_value(), &mut budget, (row, col), file)? else {
            continue;
        };
        cells += 1;
        if cells > MAX_CELLS {
            return Err(BridgeError::TooLarge {
                file: file.into(),
                what: format!("more than {} cells", grouped(MAX_CELLS as u64)),
            });
        }
        match &mut current {
            Some((at, row_cells)) if *at == row => put(row_cells, col, cell),
            Some((at, _)) if *at > row => {
                return Err(BridgeError::DamagedWorkbook {
                    file: file.into(),
                    reason: format!("row {} of sheet '{name}' comes after row {}", row + 1, *at + 1),
                })
            }
            _ => {
                if let Some((at, done)) = current.take() {
                    sink(head, at, done)?;
                    sent += 1;
                }
                let mut row_cells = Vec::new();
                put(&mut row_cells, col, cell);
                current = Some((row, row_cells));
            }
        }
    }
    if let Some((at, done)) = current.take() {
        sink(head, at, done)?;
        sent += 1;
    }
    if clipped {
        head.notes.push(Note::new(
            NoteKind::Clipped,
            format!("Cells beyond column {MAX_COLUMNS} of sheet '{name}' were ignored."),
        ));
    }
    Ok(Some(sent))
}

/// Places a cell in its row (`col` is below [`MAX_COLUMNS`]).
fn put(row: &mut Vec<Cell>, col: usize, cell: Cell) {
    if col >= row.len() {
        row.resize_with(col + 1, Cell::default);
    }
    row[col] = cell;
}

/// The merged regions of a sheet, at most [`MAX_MERGES`].
fn sheet_merges(wb: &mut Xlsx<Cursor<&[u8]>>, bytes: &[u8], name: &str, file: &str) -> Result<MergeIndex, BridgeError> {
    let too_many = || BridgeError::TooLarge {
        file: file.into(),
        what: format!(
            "sheet '{name}' has more than {} merged cell ranges",
            grouped(MAX_MERGES as u64)
        ),
    };
    // The byte search is fast and stops at the cap; calamine's reading is the fallback.
    let merges = match crate::xlsx_merges::merges(bytes, name, MAX_MERGES) {
        Ok(Some(found)) => found,
        Err(crate::xlsx_merges::TooMany) => return Err(too_many()),
        Ok(None) => wb
            .merge_cells_by_sheet_name(name)
            .map_err(|e| damaged(file, e))?
            .into_iter()
            .map(|d| Merge {
                first_row: d.start.0 as usize,
                first_col: d.start.1 as usize,
                last_row: d.end.0 as usize,
                last_col: d.end.1 as usize,
            })
            .collect(),
    };
    if merges.len() > MAX_MERGES {
        return Err(too_many());
    }
    for m in &merges {
        check_position(m.last_row as u64, m.last_col as u64, file)?;
    }
    Ok(MergeIndex::new(merges))
}

/// Streams an xlsx workbook: the named sheet, or the first one with data.
pub fn stream_xlsx(
    bytes: &[u8],
    file: &str,
    sheet: Option<&str>,
    sink: &mut RowSink<'_>,
) -> Result<TableHead, BridgeError> {
    check_workbook_zip(bytes, file)?;
    check_shared_strings(bytes, file)?;
    guarded(file, || {
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(file, e))?;
        let sheets = wb.sheet_names();
        let candidates: Vec<String> = match sheet {
            Some(wanted) => {
                let found = sheets
                    .iter()
                    .find(|s| *s == wanted)
                    .or_else(|| sheets.iter().find(|s| s.trim().eq_ignore_ascii_case(wanted.trim())));
                let Some(found) = found else {
                    return Err(BridgeError::SheetNotFound {
                        file: file.into(),
                        sheet: wanted.into(),
                        available: sheets.join(", "),
                    });
                };
                vec![found.clone()]
            }
            None => sheets.clone(),
        };
        let mut notes = Vec::new();
        for name in candidates {
            let merges = sheet_merges(&mut wb, bytes, &name, file)?;
            let mut head = TableHead {
                format: SourceFormat::Xlsx,
                encoding: None,
                delimiter: None,
                sheet: Some(name),
                sheets: sheets.clone(),
                merges,
                notes: std::mem::take(&mut notes),
            };
            match stream_sheet(&mut wb, &mut head, file, sink)? {
                Some(0) if sheet.is_none() => notes = head.notes,
                None => notes = head.notes,
                Some(_) => return Ok(head),
            }
        }
        Err(BridgeError::NoData { file: file.into() })
    })
}
