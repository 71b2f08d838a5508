//! Any table view out to CSV or xlsx, safe to open in Excel.
//!
//! Sellers pass these files to accountants, so they must open correctly in Excel on a
//! Chinese Windows (CSV is written UTF-8 *with* a BOM — without it Excel guesses GBK and
//! the Chinese headers turn to mojibake; quoting follows RFC 4180 with CRLF lines), keep
//! amounts exact (plain `1234.56` in CSV, numeric cells with a `0.00` format in xlsx),
//! and never carry a live formula: text that a spreadsheet would evaluate gets a
//! leading apostrophe in CSV and is written as a string cell in xlsx. The writers take
//! one row at a time ([`CsvStream`], [`XlsxStream`]), so a million-line bill is never
//! held whole.

use crate::datetime::{DateTime, Period};
use crate::error::BridgeError;
use crate::export_stream::{too_many_rows, XLSX_MAX_ROWS};
pub use crate::export_stream::{CsvStream, XlsxStream};
use crate::fields::Field;
use crate::import::{Preview, Value};
use crate::values::{format_minor, format_rate, format_scaled};

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
    let mut out = CsvStream::new(Vec::new(), &table.headers)?;
    for row in &table.rows {
        out.row(row)?;
    }
    out.finish()
}

/// Writes a table as an xlsx workbook: typed cells, bold frozen header, fitted widths.
pub fn to_xlsx(table: &ExportTable) -> Result<Vec<u8>, BridgeError> {
    if table.rows.len() + 1 > XLSX_MAX_ROWS {
        return Err(too_many_rows(table.rows.len()));
    }
    let mut out = XlsxStream::new(&table.sheet_name, &table.headers)?;
    for row in &table.rows {
        out.row(row)?;
    }
    out.finish_to_buffer()
}
