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
use gallerist_bridge::{Field, Mapping, Note, Preview, SourceFormat, TextEncoding, Value};
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
    /// What kind of problem, so the wizard can say it in the seller's language: the
    /// bridge's `IssueKind` keys, or `LineError` kinds (order, period, amount, currency, fee).
    pub kind: &'static str,
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
                kind: issue.kind.key(),
                message: issue.message.clone(),
                severity: "error",
            });
        }
        for issue in &row.warnings {
            push(Problem {
                row: issue.row,
                column: issue.column.clone(),
                kind: issue.kind.key(),
                message: issue.message.clone(),
                severity: "warning",
            });
        }
        let line = if row.errors.is_empty() {
            to_line(row, "import:").map_err(|e| {
                push(Problem {
                    row: row.row_number,
                    column: String::new(),
                    kind: e.kind,
                    message: e.message,
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
        notes: preview.notes.clone(),
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
