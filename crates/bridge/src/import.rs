//! The import preview: a file's rows mapped, parsed and checked, nothing stored.
//!
//! The wizard shows this before anything is saved: which encoding and sheet were read,
//! where the header was, how columns map, every row with its values and its problems
//! named by row and column, and the totals per currency the seller can compare with the
//! console. Each row carries a fingerprint of its meaning (not its bytes) so the caller
//! can skip rows already imported — the same export re-saved as GBK csv or as xlsx
//! gives the same fingerprints — and the file carries a SHA-256 of its bytes so the
//! caller can recognise the very same file.

use crate::datetime::{parse_datetime, parse_period, DateTime, Period};
use crate::error::BridgeError;
use crate::fields::{Field, FieldKind};
use crate::formula::{looks_like_formula, strip_escape};
use crate::header::column_letter;
use crate::issues::{IssueKind, Note};
use crate::mapping::{Mapping, MissingField, UnmappedColumn};
use crate::table::{CellOrigin, SourceFormat, TextEncoding};
use crate::text::clean;
use crate::values::{is_blank, parse_amount, parse_currency, parse_rate, CellAmount, SplitSide};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A parsed cell value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Value {
    Text(String),
    Id(String),
    /// Exact minor units (cents / fen) and an ISO currency code ("XXX" when unknown).
    Amount {
        minor: i64,
        currency: String,
    },
    /// Parts per million: 13 % = 130 000.
    Rate {
        ppm: i64,
    },
    DateTime(DateTime),
    Period(Period),
    Currency(String),
}

impl Value {
    /// The canonical text a fingerprint is made of.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        self.write_canonical(&mut out);
        out
    }

    fn write_canonical(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = match self {
            Value::Text(s) | Value::Id(s) | Value::Currency(s) => {
                out.push_str(s);
                Ok(())
            }
            Value::Amount { minor, currency } => write!(out, "{currency}:{minor}"),
            Value::Rate { ppm } => write!(out, "{ppm}"),
            Value::DateTime(d) => write!(out, "{d}"),
            Value::Period(p) => write!(out, "{p}"),
        };
    }
}

/// A problem in one cell (or one row), named for the seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIssue {
    /// The spreadsheet row number (1-based, as Excel shows it).
    pub row: usize,
    /// The column's header, or "column F" when it has none.
    pub column: String,
    pub field: Option<Field>,
    pub kind: IssueKind,
    pub message: String,
}

impl fmt::Display for RowIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Row {}, column {}: {}", self.row, self.column, self.message)
    }
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedRow {
    pub row_number: usize,
    pub values: BTreeMap<Field, Value>,
    pub errors: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    /// SHA-256 (hex) of the canonical mapped values; equal rows of one file are told
    /// apart by their occurrence ("#2"), so re-imports still match one to one.
    pub fingerprint: String,
    /// The earlier row this one repeats exactly, if any.
    pub duplicate_of: Option<usize>,
}

/// Sums of the error-free rows in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyTotals {
    pub currency: String,
    pub lines: usize,
    /// Minor units per amount field.
    pub sums: BTreeMap<Field, i128>,
}

/// Everything the wizard shows before import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub file_name: String,
    pub file_sha256: String,
    pub format: SourceFormat,
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<char>,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// 1-based row numbers of the header row(s).
    pub header_rows: Vec<usize>,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub unmapped: Vec<UnmappedColumn>,
    pub missing_required: Vec<MissingField>,
    /// Every data row ([`preview_with`]); empty when the rows were streamed.
    pub rows: Vec<ParsedRow>,
    /// Data rows read (skipped totals lines and repeated headers not counted).
    #[serde(default)]
    pub row_count: usize,
    pub totals: Vec<CurrencyTotals>,
    /// Cell problems across all rows.
    pub error_count: usize,
    pub warning_count: usize,
    pub rows_with_errors: usize,
    /// What the reader skipped or assumed (totals lines, GBK, clipped columns).
    pub notes: Vec<Note>,
}

/// Choices the seller can make in the wizard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewOptions {
    pub mapping: Option<Mapping>,
    /// Worksheet to read (xlsx); the first with data when absent.
    pub sheet: Option<String>,
    /// With a proposed mapping (no `mapping` given): the currency of amounts when no
    /// column, header unit or cell names one — e.g. the account's site currency. A
    /// [`NoteKind::AssumedCurrency`] note says it was used.
    pub fallback_currency: Option<String>,
}

/// Previews a file with the proposed mapping, or with the caller's.
pub fn preview(bytes: &[u8], file_name: &str, mapping: Option<Mapping>) -> Result<Preview, BridgeError> {
    preview_with(
        bytes,
        file_name,
        PreviewOptions {
            mapping,
            ..PreviewOptions::default()
        },
    )
}

/// [`preview`] with every option: every row kept in [`Preview::rows`]. For files too
/// large to hold, [`crate::import_stream::preview_stream`] hands rows on one at a time.
pub fn preview_with(bytes: &[u8], file_name: &str, options: PreviewOptions) -> Result<Preview, BridgeError> {
    let mut rows = Vec::new();
    let mut preview = crate::import_stream::preview_stream(bytes, file_name, &options, &mut |row| {
        rows.push(row);
        Ok(())
    })?;
    preview.rows = rows;
    Ok(preview)
}

/// The header of a column as shown in messages.
pub(crate) fn column_name(mapping: &Mapping, col: usize) -> String {
    match mapping.columns.get(col) {
        Some(c) if !c.header.is_empty() => c.header.clone(),
        _ => format!("column {}", column_letter(col)),
    }
}

/// Parses one mapped cell by its field's kind.
pub(crate) fn parse_cell(field: Field, text: &str, origin: CellOrigin) -> Result<Option<ParsedCell>, String> {
    let text = strip_escape(text);
    let e = |e: crate::values::ValueError| e.0;
    Ok(Some(match field.kind() {
        FieldKind::Text if is_blank(text) => return Ok(None),
        FieldKind::Text => ParsedCell::Value(Value::Text(clean(text))),
        FieldKind::Id if is_blank(text) => return Ok(None),
        FieldKind::Id => {
            let id = clean(text);
            let digits = id.bytes().filter(u8::is_ascii_digit).count();
            if origin == CellOrigin::Number && digits > 15 {
                return Err(format!(
                    "'{id}' was stored by Excel as a number and rounded to 15 digits; export the column as text"
                ));
            }
            if id.contains("E+") && id.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "'{id}' is in scientific notation: Excel has rounded this ID; export the column as text"
                ));
            }
            ParsedCell::Value(Value::Id(id))
        }
        FieldKind::Amount => match parse_amount(text) {
            Ok(Some(a)) => ParsedCell::Amount(a),
            Ok(None) => return Ok(None),
            Err(err) => return Err(err.0),
        },
        FieldKind::Rate => {
            let side = match field {
                Field::SellerShareRate => SplitSide::Seller,
                Field::PlatformFeeRate => SplitSide::Platform,
                _ => SplitSide::None,
            };
            match parse_rate(text, side).map_err(e)? {
                Some(ppm) => ParsedCell::Value(Value::Rate { ppm }),
                None => return Ok(None),
            }
        }
        FieldKind::DateTime => match parse_datetime(text).map_err(e)? {
            Some(d) => ParsedCell::Value(Value::DateTime(d)),
            None => return Ok(None),
        },
        FieldKind::Period => match parse_period(text).map_err(e)? {
            Some(p) => ParsedCell::Value(Value::Period(p)),
            None => return Ok(None),
        },
        FieldKind::Currency => match parse_currency(text).map_err(e)? {
            Some(c) => ParsedCell::Value(Value::Currency(c)),
            None => return Ok(None),
        },
    }))
}

/// A parsed cell before the row's currency is settled.
pub(crate) enum ParsedCell {
    Value(Value),
    Amount(CellAmount),
}

/// The warning a formula-like cell gets.
pub(crate) fn formula_warning(text: &str) -> Option<String> {
    let text = strip_escape(text);
    looks_like_formula(text).then(|| {
        let shown: String = text.trim().chars().take(40).collect();
        format!("'{shown}' looks like a spreadsheet formula; it is kept as plain text and never evaluated")
    })
}

/// The canonical text of a row's values: one `field=value` line per field, in field
/// order, so encoding, container and column order do not change it.
pub(crate) fn canonical(values: &BTreeMap<Field, Value>) -> String {
    let mut canonical = String::with_capacity(512);
    for (field, value) in values {
        canonical.push_str(field.key());
        canonical.push('=');
        value.write_canonical(&mut canonical);
        canonical.push('\n');
    }
    canonical
}

/// SHA-256 of a canonical row; the n-th repeat (n > 0) adds "#n+1".
pub(crate) fn fingerprint(canonical: &str, occurrence: usize) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(canonical.as_bytes());
    if occurrence > 0 {
        hasher.update(format!("#{}", occurrence + 1).as_bytes());
    }
    hasher.finalize().into()
}

/// Rows seen, by the first 128 bits of their fingerprint: (occurrences, first row).
pub(crate) type Seen = HashMap<u128, (u32, u32)>;
