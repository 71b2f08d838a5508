//! xlsx workbooks: one worksheet streamed cell by cell into a grid.
//!
//! calamine's `worksheet_range` allocates the full bounding box, so one stray cell at
//! XFD1048576 would ask for billions of cells; the cell reader is used instead and the
//! grid grows only as far as real cells go, under [`MAX_CELLS`]. Numeric cells are
//! turned into text the way Excel shows them — at most 15 significant digits — so a
//! stored `0.30000000000000004` or `1234.5699999999999` reads as `0.3` / `1234.57`
//! and no float ever reaches an amount.

use crate::datetime::DateTime;
use crate::error::BridgeError;
use crate::issues::{Note, NoteKind};
use crate::sniff::check_workbook_zip;
use crate::table::{Cell, CellOrigin, Merge, SourceFormat, Table, MAX_CELLS, MAX_COLUMNS};
use calamine::{DataRef, Reader, Xlsx, XlsxError};
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

fn cell_of(value: &DataRef<'_>) -> Option<Cell> {
    let (text, origin) = match value {
        DataRef::Empty => return None,
        DataRef::String(s) => (s.clone(), CellOrigin::Text),
        DataRef::SharedString(s) => ((*s).to_string(), CellOrigin::Text),
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
        DataRef::DateTimeIso(s) => (s.clone(), CellOrigin::Date),
        DataRef::DurationIso(s) => (s.clone(), CellOrigin::Other),
        DataRef::Error(e) => (e.to_string(), CellOrigin::Other),
    };
    (!text.is_empty()).then_some(Cell { text, origin })
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

/// Streams one worksheet into rows; `None` when the sheet is not a worksheet.
fn read_sheet(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    file: &str,
    notes: &mut Vec<Note>,
) -> Result<Option<Vec<Vec<Cell>>>, BridgeError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(damaged(file, e)),
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut dense = 0usize;
    let mut clipped = false;
    while let Some(found) = reader.next_cell().map_err(|e| damaged(file, e))? {
        let (row, col) = found.get_position();
        let (row, col) = (row as usize, col as usize);
        let Some(cell) = cell_of(found.get_value()) else {
            continue;
        };
        if col >= MAX_COLUMNS {
            clipped = true;
            continue;
        }
        if row >= rows.len() {
            dense += row + 1 - rows.len();
            rows.resize_with(row + 1, Vec::new);
        }
        let r = &mut rows[row];
        if col >= r.len() {
            dense += col + 1 - r.len();
            r.resize_with(col + 1, Cell::default);
        }
        if dense > MAX_CELLS {
            return Err(BridgeError::TooLarge {
                file: file.into(),
                what: format!("more than {MAX_CELLS} cells"),
            });
        }
        r[col] = cell;
    }
    if clipped {
        notes.push(Note::new(
            NoteKind::Clipped,
            format!("Cells beyond column {MAX_COLUMNS} of sheet '{name}' were ignored."),
        ));
    }
    Ok(Some(rows))
}

/// Reads an xlsx workbook: the named sheet, or the first one with data.
pub fn read_xlsx(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<Table, BridgeError> {
    check_workbook_zip(bytes, file)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(file, e))?;
    let sheets = wb.sheet_names();
    let mut notes = Vec::new();
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
    for name in candidates {
        let Some(rows) = read_sheet(&mut wb, &name, file, &mut notes)? else {
            continue;
        };
        if rows.is_empty() && sheet.is_none() {
            continue;
        }
        // The byte search is fast; calamine's reading of merges is the fallback.
        let merges = match crate::xlsx_merges::merges(bytes, &name) {
            Some(found) => found,
            None => wb
                .merge_cells_by_sheet_name(&name)
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
        return Ok(Table {
            format: SourceFormat::Xlsx,
            encoding: None,
            delimiter: None,
            sheet: Some(name),
            sheets,
            rows,
            merges,
            notes,
        });
    }
    Err(BridgeError::NoData { file: file.into() })
}
