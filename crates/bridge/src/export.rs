//! Any table view out to CSV or xlsx, safe to open in Excel.
//!
//! Sellers pass these files to accountants, so they must open correctly in Excel on a
//! Chinese Windows (CSV is written UTF-8 *with* a BOM — without it Excel guesses GBK and
//! the Chinese headers turn to mojibake; quoting follows RFC 4180 with CRLF lines), keep
//! amounts exact (plain `1234.56` in CSV, numeric cells with a `0.00` format in xlsx),
//! and never carry a live formula: text that a spreadsheet would evaluate gets a
//! leading apostrophe in CSV and is written as a string cell in xlsx.

use crate::datetime::{DateTime, Period};
use crate::error::BridgeError;
use crate::fields::Field;
use crate::formula::neutralise;
use crate::import::{Preview, Value};
use crate::text::display_width;
use crate::values::{format_minor, format_rate, format_scaled};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// One typed cell of an exported table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportCell {
    Empty,
    Text(String),
    /// Minor units; the currency is for the caller's column header (CSV has no types).
    Amount {
        minor: i64,
        currency: String,
    },
    DateTime(DateTime),
    Period(Period),
    /// An exact decimal: `value` with `scale` implied decimals (12345, 2 → 123.45).
    Number {
        value: i64,
        scale: u32,
    },
    /// Parts per million, shown as a percentage.
    Percent {
        ppm: i64,
    },
}

/// A table view to export.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportTable {
    /// xlsx sheet name (made valid if needed).
    pub sheet_name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<ExportCell>>,
}

impl ExportCell {
    /// The cell as CSV text (before formula neutralisation).
    pub fn text(&self) -> String {
        match self {
            ExportCell::Empty => String::new(),
            ExportCell::Text(s) => s.clone(),
            ExportCell::Amount { minor, .. } => format_minor(*minor),
            ExportCell::DateTime(d) => d.to_string(),
            ExportCell::Period(p) => p.to_string(),
            ExportCell::Number { value, scale } => format_scaled(i128::from(*value), *scale),
            ExportCell::Percent { ppm } => format_rate(*ppm),
        }
    }
}

impl From<&Value> for ExportCell {
    fn from(value: &Value) -> ExportCell {
        match value {
            Value::Text(s) | Value::Id(s) | Value::Currency(s) => ExportCell::Text(s.clone()),
            Value::Amount { minor, currency } => ExportCell::Amount {
                minor: *minor,
                currency: currency.clone(),
            },
            Value::Rate { ppm } => ExportCell::Percent { ppm: *ppm },
            Value::DateTime(d) => ExportCell::DateTime(*d),
            Value::Period(p) => ExportCell::Period(*p),
        }
    }
}

impl ExportTable {
    /// The mapped fields of a preview, one column per field present (Chinese labels).
    pub fn from_preview(preview: &Preview) -> ExportTable {
        let fields: Vec<Field> = Field::all()
            .filter(|f| preview.rows.iter().any(|r| r.values.contains_key(f)))
            .collect();
        ExportTable {
            sheet_name: "账单明细".into(),
            headers: fields.iter().map(|f| f.zh().to_string()).collect(),
            rows: preview
                .rows
                .iter()
                .map(|r| {
                    fields
                        .iter()
                        .map(|f| r.values.get(f).map_or(ExportCell::Empty, ExportCell::from))
                        .collect()
                })
                .collect(),
        }
    }
}

/// Writes a table as CSV: UTF-8 with BOM, comma-separated, RFC 4180 quoting, CRLF.
pub fn to_csv(table: &ExportTable) -> Result<Vec<u8>, BridgeError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        let fail = |e: csv::Error| BridgeError::Export(e.to_string());
        w.write_record(table.headers.iter().map(|h| neutralise(h).into_owned()))
            .map_err(fail)?;
        for row in &table.rows {
            w.write_record(row.iter().map(|c| match c {
                ExportCell::Text(s) => neutralise(s).into_owned(),
                other => other.text(),
            }))
            .map_err(fail)?;
        }
        w.flush().map_err(|e| BridgeError::Export(e.to_string()))?;
    }
    Ok(out)
}

/// Excel's limits.
const XLSX_MAX_ROWS: usize = 1_048_576;
const XLSX_MAX_COLS: usize = 16_384;
/// Amounts beyond Excel's 15 significant digits are written as text so none are lost.
const EXACT_IN_EXCEL: i64 = 999_999_999_999_999;

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

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> BridgeError {
    BridgeError::Export(e.to_string())
}

/// Writes a table as an xlsx workbook: typed cells, bold frozen header, fitted widths.
pub fn to_xlsx(table: &ExportTable) -> Result<Vec<u8>, BridgeError> {
    if table.rows.len() + 1 > XLSX_MAX_ROWS {
        return Err(BridgeError::Export(format!(
            "an xlsx sheet holds at most {} data rows; this view has {}. Export it as CSV instead.",
            XLSX_MAX_ROWS - 1,
            table.rows.len()
        )));
    }
    let width = table
        .headers
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    if width > XLSX_MAX_COLS {
        return Err(BridgeError::Export(format!(
            "an xlsx sheet holds at most {XLSX_MAX_COLS} columns; this view has {width}."
        )));
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&table.sheet_name)).map_err(xlsx_error)?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("0.00");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let percent = Format::new().set_num_format("0.00##%");
    let mut widths: Vec<usize> = table.headers.iter().map(|h| display_width(h)).collect();
    widths.resize(width, 0);
    for (col, header) in table.headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, header, &bold)
            .map_err(xlsx_error)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            if r <= 1000 {
                widths[col] = widths[col].max(display_width(&cell.text()));
            }
            match cell {
                ExportCell::Empty => continue,
                ExportCell::Text(s) => sheet.write_string(r, c, s),
                ExportCell::Amount { minor, .. } if minor.abs() <= EXACT_IN_EXCEL => {
                    let value: f64 = format_minor(*minor).parse().unwrap_or_default();
                    sheet.write_number_with_format(r, c, value, &money)
                }
                ExportCell::Amount { minor, .. } => sheet.write_string(r, c, format_minor(*minor)),
                ExportCell::DateTime(d) => {
                    let at = ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)
                        .and_then(|x| x.and_hms(u16::from(d.hour), d.minute, d.second));
                    sheet.write_datetime_with_format(r, c, at.map_err(xlsx_error)?, &stamp)
                }
                ExportCell::Period(p) => sheet.write_string(r, c, p.to_string()),
                ExportCell::Number { value, scale } => {
                    let number: f64 = format_scaled(i128::from(*value), *scale).parse().unwrap_or_default();
                    let format = Format::new().set_num_format(if *scale == 0 {
                        "0".to_string()
                    } else {
                        format!("0.{}", "0".repeat(*scale as usize))
                    });
                    sheet.write_number_with_format(r, c, number, &format)
                }
                ExportCell::Percent { ppm } => sheet.write_number_with_format(r, c, *ppm as f64 / 1e6, &percent),
            }
            .map_err(xlsx_error)?;
        }
    }
    for (col, w) in widths.iter().enumerate() {
        sheet
            .set_column_width(col as u16, (*w + 2).clamp(8, 60) as f64)
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}
