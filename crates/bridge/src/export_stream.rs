//! The CSV and xlsx writers, row by row.
//!
//! WHY streaming: exporting a 1,048,575-line bill built every cell in memory and then
//! rust_xlsxwriter's own copy of the sheet (3.7 GB). Here each row is written as it
//! comes: CSV straight into any `Write` (a file, or a buffer for the browser), xlsx
//! through rust_xlsxwriter's constant-memory worksheet, which keeps only the current
//! row and spills the rest to a temporary file until the workbook is assembled.

use crate::error::BridgeError;
use crate::export::ExportCell;
use crate::formula::neutralise;
use crate::text::display_width;
use crate::values::{format_minor, format_scaled};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use std::collections::HashMap;
use std::io::Write;

/// Excel's limits.
pub(crate) const XLSX_MAX_ROWS: usize = 1_048_576;
const XLSX_MAX_COLS: usize = 16_384;
/// Amounts beyond Excel's 15 significant digits are written as text so none are lost.
const EXACT_IN_EXCEL: i64 = 999_999_999_999_999;
/// Rows whose text decides the column widths.
const WIDTH_SAMPLE: u32 = 1000;

pub(crate) fn too_many_rows(rows: usize) -> BridgeError {
    BridgeError::Export(format!(
        "an xlsx sheet holds at most {} data rows; this view has {rows}. Export it as CSV instead.",
        XLSX_MAX_ROWS - 1
    ))
}

/// CSV out: UTF-8 with BOM, comma-separated, RFC 4180 quoting, CRLF, formulas inert.
pub struct CsvStream<W: Write> {
    out: csv::Writer<W>,
}

fn csv_error(e: impl std::fmt::Display) -> BridgeError {
    BridgeError::Export(e.to_string())
}

impl<W: Write> CsvStream<W> {
    /// Starts the file with the BOM and the header row.
    pub fn new(mut into: W, headers: &[String]) -> Result<CsvStream<W>, BridgeError> {
        into.write_all(b"\xEF\xBB\xBF").map_err(csv_error)?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(into);
        out.write_record(headers.iter().map(|h| neutralise(h).into_owned()))
            .map_err(csv_error)?;
        Ok(CsvStream { out })
    }

    pub fn row(&mut self, cells: &[ExportCell]) -> Result<(), BridgeError> {
        self.out
            .write_record(cells.iter().map(|c| match c {
                ExportCell::Text(s) => neutralise(s).into_owned(),
                other => other.text(),
            }))
            .map_err(csv_error)
    }

    /// Flushes and gives the writer back.
    pub fn finish(self) -> Result<W, BridgeError> {
        self.out.into_inner().map_err(csv_error)
    }
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> BridgeError {
    BridgeError::Export(e.to_string())
}

fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim().to_string();
    if cleaned.is_empty() {
        "Sheet1".into()
    } else {
        cleaned
    }
}

/// xlsx out: typed cells, a bold frozen header, widths fitted to the first rows.
pub struct XlsxStream {
    book: Workbook,
    /// The next row to write (0 is the header).
    next: u32,
    widths: Vec<usize>,
    money: Format,
    stamp: Format,
    percent: Format,
    scaled: HashMap<u32, Format>,
}

impl XlsxStream {
    /// Starts a one-sheet workbook with its header row.
    pub fn new(sheet: &str, headers: &[String]) -> Result<XlsxStream, BridgeError> {
        if headers.len() > XLSX_MAX_COLS {
            return Err(BridgeError::Export(format!(
                "an xlsx sheet holds at most {XLSX_MAX_COLS} columns; this view has {}.",
                headers.len()
            )));
        }
        let mut book = Workbook::new();
        // Constant memory needs a writable temporary folder; without one, the ordinary
        // sheet still works for what fits in memory.
        if book.add_worksheet_with_constant_memory().is_err() {
            book.add_worksheet();
        }
        let mut out = XlsxStream {
            book,
            next: 1,
            widths: headers.iter().map(|h| display_width(h)).collect(),
            money: Format::new().set_num_format("0.00"),
            stamp: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            percent: Format::new().set_num_format("0.00##%"),
            scaled: HashMap::new(),
        };
        let bold = Format::new().set_bold();
        let ws = out.sheet()?;
        ws.set_name(sheet_name(sheet)).map_err(xlsx_error)?;
        for (col, header) in headers.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, header, &bold)
                .map_err(xlsx_error)?;
        }
        Ok(out)
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, BridgeError> {
        self.book.worksheet_from_index(0).map_err(xlsx_error)
    }

    pub fn row(&mut self, cells: &[ExportCell]) -> Result<(), BridgeError> {
        let r = self.next;
        if r as usize >= XLSX_MAX_ROWS {
            return Err(too_many_rows(r as usize));
        }
        if cells.len() > XLSX_MAX_COLS {
            return Err(BridgeError::Export(format!(
                "an xlsx sheet holds at most {XLSX_MAX_COLS} columns; this view has {}.",
                cells.len()
            )));
        }
        if cells.len() > self.widths.len() {
            self.widths.resize(cells.len(), 0);
        }
        for (col, cell) in cells.iter().enumerate() {
            if r <= WIDTH_SAMPLE {
                self.widths[col] = self.widths[col].max(display_width(&cell.text()));
            }
            if let ExportCell::Number { scale, .. } = cell {
                self.scaled.entry(*scale).or_insert_with(|| {
                    Format::new().set_num_format(if *scale == 0 {
                        "0".to_string()
                    } else {
                        format!("0.{}", "0".repeat(*scale as usize))
                    })
                });
            }
        }
        let (money, stamp, percent, scaled) = (&self.money, &self.stamp, &self.percent, &self.scaled);
        let ws = self.book.worksheet_from_index(0).map_err(xlsx_error)?;
        for (col, cell) in cells.iter().enumerate() {
            let c = col as u16;
            match cell {
                ExportCell::Empty => continue,
                ExportCell::Text(s) => ws.write_string(r, c, s),
                ExportCell::Amount { minor, .. } if minor.abs() <= EXACT_IN_EXCEL => {
                    let value: f64 = format_minor(*minor).parse().unwrap_or_default();
                    ws.write_number_with_format(r, c, value, money)
                }
                ExportCell::Amount { minor, .. } => ws.write_string(r, c, format_minor(*minor)),
                ExportCell::DateTime(d) => {
                    let at = ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)
                        .and_then(|x| x.and_hms(u16::from(d.hour), d.minute, d.second));
                    ws.write_datetime_with_format(r, c, at.map_err(xlsx_error)?, stamp)
                }
                ExportCell::Period(p) => ws.write_string(r, c, p.to_string()),
                ExportCell::Number { value, scale } => {
                    let number: f64 = format_scaled(i128::from(*value), *scale).parse().unwrap_or_default();
                    ws.write_number_with_format(r, c, number, &scaled[scale])
                }
                ExportCell::Percent { ppm } => ws.write_number_with_format(r, c, *ppm as f64 / 1e6, percent),
            }
            .map_err(xlsx_error)?;
        }
        self.next += 1;
        Ok(())
    }

    /// Data rows written so far.
    pub fn rows(&self) -> usize {
        self.next as usize - 1
    }

    fn close(&mut self) -> Result<(), BridgeError> {
        let widths = std::mem::take(&mut self.widths);
        let ws = self.sheet()?;
        for (col, w) in widths.iter().enumerate() {
            ws.set_column_width(col as u16, (*w + 2).clamp(8, 60) as f64)
                .map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        Ok(())
    }

    /// The workbook's bytes.
    pub fn finish_to_buffer(mut self) -> Result<Vec<u8>, BridgeError> {
        self.close()?;
        self.book.save_to_buffer().map_err(xlsx_error)
    }

    /// Writes the workbook to `path`.
    pub fn finish_to_file(mut self, path: &std::path::Path) -> Result<(), BridgeError> {
        self.close()?;
        self.book.save(path).map_err(xlsx_error)
    }
}
