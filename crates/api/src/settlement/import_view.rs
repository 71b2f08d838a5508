//! What the import wizard shows for a previewed file: the mapping with its reasons, a
//! sample of rows, every problem by row and column, how many lines are new, and the
//! totals the import will add per currency.
//!
//! WHY trimmed: a 100,000-row export would be tens of megabytes of JSON; the wizard
//! needs the first rows to check the mapping by eye and the problems to fix, not every
//! row. Counts and totals still cover the whole file, built as its rows stream by, so
//! a full-height sheet is never held.

use super::import_lines::to_line;
use crate::ApiError;
use gallerist_bridge::fields::SPECS;
use gallerist_bridge::mapping::{MissingField, UnmappedColumn};
use gallerist_bridge::{Field, Mapping, Note, ParsedRow, Preview, SourceFormat, TextEncoding, Value};
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

/// Builds the wizard's view as rows stream by: problems (the first [`ISSUES`]), the
/// first [`SAMPLE`] rows, and counts and totals over all of them.
#[derive(Default)]
pub struct ViewBuilder {
    problems: Vec<Problem>,
    problem_count: usize,
    new_lines: usize,
    already_stored: usize,
    rows_with_errors: usize,
    adds: BTreeMap<String, AddedTotals>,
    sample: Vec<(ParsedRow, bool)>,
}

impl ViewBuilder {
    fn push(&mut self, p: Problem) {
        self.problem_count += 1;
        if self.problems.len() < ISSUES {
            self.problems.push(p);
        }
    }

    /// Rows left out: with a cell error or not a bill line.
    pub fn rows_with_errors(&self) -> usize {
        self.rows_with_errors
    }

    /// Takes in one row; `conn` answers whether its line is stored already.
    pub fn add(&mut self, conn: &Connection, account_id: i64, row: ParsedRow) -> Result<(), ApiError> {
        for (issues, severity) in [(&row.errors, "error"), (&row.warnings, "warning")] {
            for issue in issues {
                self.push(Problem {
                    row: issue.row,
                    column: issue.column.clone(),
                    kind: issue.kind.key(),
                    message: issue.message.clone(),
                    severity,
                });
            }
        }
        let line = if row.errors.is_empty() {
            to_line(&row, "import:").map_err(|e| {
                self.push(Problem {
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
        let ok = line.is_ok();
        match line {
            Err(()) => self.rows_with_errors += 1,
            Ok(line) if gallerist_store::bills::has_line(conn, account_id, &line.fingerprint)? => {
                self.already_stored += 1
            }
            Ok(line) => {
                self.new_lines += 1;
                let t = self.adds.entry(line.currency.clone()).or_default();
                t.currency = line.currency.clone();
                t.lines += 1;
                t.gross_minor += line.gross_minor;
                t.fee_minor += line.fee_minor;
                t.net_minor += line.net_minor;
            }
        }
        if self.sample.len() < SAMPLE {
            self.sample.push((row, ok));
        }
        Ok(())
    }

    /// The view of a streamed preview (its counts and notes; its rows went through
    /// [`ViewBuilder::add`]).
    pub fn finish(self, preview: &Preview, previous: Option<ImportRecord>) -> ImportPreview {
        let sample_fields: Vec<Field> = Field::all()
            .filter(|f| self.sample.iter().any(|(r, _)| r.values.contains_key(f)))
            .collect();
        let sample = self
            .sample
            .iter()
            .map(|(r, ok)| SampleRow {
                row: r.row_number,
                cells: sample_fields
                    .iter()
                    .map(|f| r.values.get(f).map(cell_text).unwrap_or_default())
                    .collect(),
                ok: *ok,
            })
            .collect();
        ImportPreview {
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
            rows: preview.row_count,
            new_lines: self.new_lines,
            already_stored: self.already_stored,
            rows_with_errors: self.rows_with_errors,
            warnings: preview.warning_count,
            problems: self.problems,
            problem_count: self.problem_count,
            sample_fields,
            sample,
            adds: self.adds.into_values().collect(),
            previous,
            fields: SPECS
                .iter()
                .map(|s| FieldOption {
                    key: s.field,
                    zh: s.zh,
                    en: s.en,
                })
                .collect(),
        }
    }
}
