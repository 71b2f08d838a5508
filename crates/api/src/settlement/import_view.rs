//! What the import wizard shows for a previewed file: the mapping with its reasons, a
//! sample of rows, every problem by row and column, how many lines are new, and the
//! totals the import will add per currency.
//!
//! WHY trimmed: a 100,000-row export would be tens of megabytes of JSON; the wizard
//! needs the first rows to check the mapping by eye and the problems to fix, not every
//! row. Counts and totals still cover the whole file.

use super::import_lines::to_line;
use crate::ApiError;
use gallerist_bridge::fields::SPECS;
use gallerist_bridge::mapping::{MissingField, UnmappedColumn};
use gallerist_bridge::{Field, Mapping, Preview, SourceFormat, TextEncoding, Value};
use gallerist_store::bill_figures::ImportRecord;
use gallerist_store::Connection;
use serde::Serialize;
use std::collections::BTreeMap;

/// Rows shown as a sample.
const SAMPLE: usize = 20;
/// Problems listed (the count covers all).
const ISSUES: usize = 300;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldOption {
    pub key: Field,
    pub zh: &'static str,
    pub en: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub row: usize,
    pub column: String,
    pub message: String,
    /// `error` rows are left out; `warning` rows are imported as read.
    pub severity: &'static str,
    /// What kind of problem, so the wizard can say it in the seller's language:
    /// formula, currency, rounded_id, period, date, order, amount, fee, rate, other.
    pub kind: &'static str,
}

/// The kind of a bridge or line message (the bridge words its messages in English).
fn kind_of(message: &str) -> &'static str {
    let m = message.to_lowercase();
    let has = |w: &str| m.contains(w);
    if has("formula") {
        "formula"
    } else if has("currency") || has("other amounts on this row") {
        "currency"
    } else if has("rounded") || has("scientific") {
        "rounded_id"
    } else if has("period") {
        "period"
    } else if has("fee") {
        "fee"
    } else if has("date") || has("time") {
        "date"
    } else if has("order") {
        "order"
    } else if has("amount") {
        "amount"
    } else if has("rate") || has("%") || has("share") {
        "rate"
    } else {
        "other"
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleRow {
    pub row: usize,
    /// One text per `sample_fields` entry ("" when the row has none).
    pub cells: Vec<String>,
    pub ok: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddedTotals {
    pub currency: String,
    pub lines: usize,
    pub gross_minor: i64,
    pub fee_minor: i64,
    pub net_minor: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    pub file_sha256: String,
    pub format: SourceFormat,
    pub encoding: Option<TextEncoding>,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    pub header_rows: Vec<usize>,
    pub mapping: Mapping,
    pub unmapped: Vec<UnmappedColumn>,
    pub missing_required: Vec<MissingField>,
    pub notes: Vec<Note>,
    pub rows: usize,
    /// Rows that will be stored as new lines.
    pub new_lines: usize,
    /// Rows whose line is already stored (this file or another export of it).
    pub already_stored: usize,
    pub rows_with_errors: usize,
    pub warnings: usize,
    pub problems: Vec<Problem>,
    pub problem_count: usize,
    pub sample_fields: Vec<Field>,
    pub sample: Vec<SampleRow>,
    /// What the new lines add, per currency.
    pub adds: Vec<AddedTotals>,
    /// When this very file was imported before.
    pub previous: Option<ImportRecord>,
    pub fields: Vec<FieldOption>,
}

/// Something the reader skipped or assumed, with a kind the wizard can say in the
/// seller's language: totals_row / repeated_header (with `row`), gbk, clipped,
/// assumed_currency (with `currency`), other (only `text`, in English).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub kind: &'static str,
    pub row: Option<usize>,
    pub currency: Option<String>,
    pub text: String,
}

impl Note {
    /// Reads one of the bridge's notes (it words them in English).
    pub fn from_bridge(text: &str) -> Note {
        let row = text
            .strip_prefix("Row ")
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse().ok());
        let kind = if text.contains("totals line") {
            "totals_row"
        } else if text.contains("repeats the header") {
            "repeated_header"
        } else if text.contains("GBK") {
            "gbk"
        } else if text.contains("were ignored") {
            "clipped"
        } else {
            "other"
        };
        Note {
            kind,
            row,
            currency: None,
            text: text.to_string(),
        }
    }

    pub fn assumed_currency(currency: &str) -> Note {
        Note {
            kind: "assumed_currency",
            row: None,
            currency: Some(currency.to_string()),
            text: format!(
                "No column names the currency: amounts are read as {currency}, this account's site currency."
            ),
        }
    }
}

fn cell_text(value: &Value) -> String {
    match value {
        Value::Text(s) | Value::Id(s) | Value::Currency(s) => s.clone(),
        Value::Amount { minor, .. } => gallerist_bridge::values::format_minor(*minor),
        Value::Rate { ppm } => gallerist_bridge::values::format_rate(*ppm),
        Value::DateTime(d) => d.to_string(),
        Value::Period(p) => p.to_string(),
    }
}

pub fn view(
    conn: &Connection,
    account_id: i64,
    preview: &Preview,
    previous: Option<ImportRecord>,
    assumed_currency: Option<&str>,
) -> Result<ImportPreview, ApiError> {
    let mut problems = Vec::new();
    let mut problem_count = 0;
    let mut push = |p: Problem| {
        problem_count += 1;
        if problems.len() < ISSUES {
            problems.push(p);
        }
    };
    let (mut new_lines, mut already_stored, mut rows_with_errors) = (0, 0, 0);
    let mut adds: BTreeMap<String, AddedTotals> = BTreeMap::new();
    let mut ok_rows = Vec::with_capacity(preview.rows.len());
    for row in &preview.rows {
        for issue in &row.errors {
            push(Problem {
                row: issue.row,
                column: issue.column.clone(),
                kind: kind_of(&issue.message),
                message: issue.message.clone(),
                severity: "error",
            });
        }
        for issue in &row.warnings {
            push(Problem {
                row: issue.row,
                column: issue.column.clone(),
                kind: kind_of(&issue.message),
                message: issue.message.clone(),
                severity: "warning",
            });
        }
        let line = if row.errors.is_empty() {
            to_line(row, "import:").map_err(|message| {
                push(Problem {
                    row: row.row_number,
                    column: String::new(),
                    kind: kind_of(&message),
                    message,
                    severity: "error",
                })
            })
        } else {
            Err(())
        };
        ok_rows.push(line.is_ok());
        match line {
            Err(()) => rows_with_errors += 1,
            Ok(line) if gallerist_store::bills::has_line(conn, account_id, &line.fingerprint)? => already_stored += 1,
            Ok(line) => {
                new_lines += 1;
                let t = adds.entry(line.currency.clone()).or_default();
                t.currency = line.currency.clone();
                t.lines += 1;
                t.gross_minor += line.gross_minor;
                t.fee_minor += line.fee_minor;
                t.net_minor += line.net_minor;
            }
        }
    }
    let sample_fields: Vec<Field> = Field::all()
        .filter(|f| preview.rows.iter().take(SAMPLE).any(|r| r.values.contains_key(f)))
        .collect();
    let sample = preview
        .rows
        .iter()
        .zip(&ok_rows)
        .take(SAMPLE)
        .map(|(r, ok)| SampleRow {
            row: r.row_number,
            cells: sample_fields
                .iter()
                .map(|f| r.values.get(f).map(cell_text).unwrap_or_default())
                .collect(),
            ok: *ok,
        })
        .collect();
    Ok(ImportPreview {
        file_name: preview.file_name.clone(),
        file_sha256: preview.file_sha256.clone(),
        format: preview.format,
        encoding: preview.encoding,
        sheet: preview.sheet.clone(),
        sheets: preview.sheets.clone(),
        header_rows: preview.header_rows.clone(),
        mapping: preview.mapping.clone(),
        unmapped: preview.unmapped.clone(),
        missing_required: preview.missing_required.clone(),
        notes: preview
            .notes
            .iter()
            .map(|n| Note::from_bridge(n))
            .chain(assumed_currency.map(Note::assumed_currency))
            .collect(),
        rows: preview.rows.len(),
        new_lines,
        already_stored,
        rows_with_errors,
        warnings: preview.warning_count,
        problems,
        problem_count,
        sample_fields,
        sample,
        adds: adds.into_values().collect(),
        previous,
        fields: SPECS
            .iter()
            .map(|s| FieldOption {
                key: s.field,
                zh: s.zh,
                en: s.en,
            })
            .collect(),
    })
}
