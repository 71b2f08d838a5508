//! Row by row: cells to values, currencies settled, problems named, totals summed.
//!
//! Split from [`crate::import`] so that module holds the shapes the UI sees and this
//! one the loop that fills them. A row is skipped (with a note) when it is blank, a
//! repeated header, or a totals line ("合计", "Total"), since counting the console's own
//! subtotal would double the seller's figures.

use crate::fields::{Field, FieldKind};
use crate::header::Header;
use crate::import::{
    canonical, column_name, fingerprint, formula_warning, parse_cell, CurrencyTotals, ParsedCell, ParsedRow, RowIssue,
    Seen, Value,
};
use crate::issues::{IssueKind, Note, NoteKind};
use crate::mapping::Mapping;
use crate::table::Table;
use crate::text::{clean, header_key};
use crate::values::CellAmount;
use std::collections::BTreeMap;

/// Labels of totals lines, compared as header keys.
const TOTAL_LABELS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "总合计",
    "total",
    "totals",
    "subtotal",
    "grandtotal",
    "sum",
];

fn skip_reason(table: &Table, header: &Header, row: usize) -> Option<Note> {
    let cells = &table.rows[row];
    let first = cells.iter().map(|c| clean(&c.text)).find(|t| !t.is_empty());
    let first = first?;
    let key = header_key(&first);
    if TOTAL_LABELS.iter().any(|l| key.trim_end_matches(':') == *l) {
        return Some(Note::at_row(
            NoteKind::TotalsRow,
            row + 1,
            format!("Row {} is a totals line ('{first}') and was skipped.", row + 1),
        ));
    }
    // Cheap test first: a repeated header starts with one of the header's names.
    let is_header_text =
        |name: &String, text: &str| *name == text || name.strip_suffix(text).is_some_and(|p| p.ends_with('/'));
    if !header.names.iter().any(|n| is_header_text(n, &first)) {
        return None;
    }
    let same_as_header = header.names.iter().enumerate().all(|(c, name)| {
        let text = clean(&table.cell(row, c).text);
        text.is_empty() || is_header_text(name, &text)
    });
    same_as_header.then(|| {
        Note::at_row(
            NoteKind::RepeatedHeader,
            row + 1,
            format!("Row {} repeats the header and was skipped.", row + 1),
        )
    })
}

/// Parses every data row below the header.
pub(crate) fn parse_rows(table: &Table, header: &Header, mapping: &Mapping, notes: &mut Vec<Note>) -> Vec<ParsedRow> {
    let fields: Vec<Option<Field>> = mapping.columns.iter().map(|c| c.field).collect();
    let hints: Vec<Option<String>> = mapping.columns.iter().map(|c| c.currency_hint.clone()).collect();
    let names: Vec<String> = (0..table.width().max(fields.len()))
        .map(|c| column_name(mapping, c))
        .collect();
    let mut seen = Seen::new();
    let mut out = Vec::with_capacity(table.rows.len().saturating_sub(header.first_data_row));
    for row in header.first_data_row..table.rows.len() {
        let cells = &table.rows[row];
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        if let Some(reason) = skip_reason(table, header, row) {
            notes.push(reason);
            continue;
        }
        let row_number = row + 1;
        let issue = |col: usize, field: Option<Field>, kind: IssueKind, message: String| RowIssue {
            row: row_number,
            column: names[col].clone(),
            field,
            kind,
            message,
        };
        let mut values = BTreeMap::new();
        let mut amounts: Vec<(usize, Field, CellAmount)> = Vec::new();
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for (col, cell) in cells.iter().enumerate() {
            if cell.text.is_empty() {
                continue;
            }
            if let Some(message) = formula_warning(&cell.text) {
                warnings.push(issue(
                    col,
                    fields.get(col).copied().flatten(),
                    IssueKind::Formula,
                    message,
                ));
            }
            let Some(field) = fields.get(col).copied().flatten() else {
                continue;
            };
            match parse_cell(field, &cell.text, cell.origin) {
                Ok(Some(ParsedCell::Value(v))) => {
                    values.insert(field, v);
                }
                Ok(Some(ParsedCell::Amount(a))) => amounts.push((col, field, a)),
                Ok(None) => {}
                Err(message) => errors.push(issue(col, Some(field), IssueKind::of_field(field), message)),
            }
        }
        let row_currency = match values.get(&Field::Currency) {
            Some(Value::Currency(c)) => Some(c.clone()),
            _ => None,
        };
        let mut row_amount_currency: Option<String> = None;
        for (col, field, amount) in amounts {
            if let (Some(cell), Some(row)) = (amount.currency, &row_currency) {
                if cell != row {
                    errors.push(issue(
                        col,
                        Some(field),
                        IssueKind::Currency,
                        format!("the amount is in {cell} but the currency column says {row}"),
                    ));
                    continue;
                }
            }
            let currency = amount
                .currency
                .map(str::to_string)
                .or_else(|| row_currency.clone())
                .or_else(|| hints.get(col).cloned().flatten())
                .or_else(|| mapping.default_currency.clone())
                .unwrap_or_else(|| "XXX".into());
            match &row_amount_currency {
                Some(first) if *first != currency => {
                    errors.push(issue(
                        col,
                        Some(field),
                        IssueKind::Currency,
                        format!("the amount is in {currency} but other amounts on this row are in {first}"),
                    ));
                    continue;
                }
                _ => row_amount_currency = Some(currency.clone()),
            }
            values.insert(
                field,
                Value::Amount {
                    minor: amount.minor,
                    currency,
                },
            );
        }
        let (fingerprint, duplicate_of) = {
            let canonical = canonical(&values);
            let first_print = fingerprint(&canonical, 0);
            let (count, first) = seen.entry(first_print).or_insert((0, row_number));
            *count += 1;
            match *count {
                1 => (hex::encode(first_print), None),
                n => (hex::encode(fingerprint(&canonical, n - 1)), Some(*first)),
            }
        };
        if let Some(first) = duplicate_of {
            warnings.push(RowIssue {
                row: row_number,
                column: String::new(),
                field: None,
                kind: IssueKind::RepeatedRow,
                message: format!("this row repeats row {first} exactly"),
            });
        }
        out.push(ParsedRow {
            row_number,
            values,
            errors,
            warnings,
            fingerprint,
            duplicate_of,
        });
    }
    out
}

/// Sums amount fields of the error-free rows, per currency, exactly (i128 cannot
/// overflow from any number of i64 amounts a file can hold).
pub(crate) fn totals(rows: &[ParsedRow]) -> Vec<CurrencyTotals> {
    let mut by_currency: BTreeMap<String, CurrencyTotals> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.errors.is_empty()) {
        let currency = row.values.values().find_map(|v| match v {
            Value::Amount { currency, .. } => Some(currency.as_str()),
            _ => None,
        });
        let Some(currency) = currency else { continue };
        if !by_currency.contains_key(currency) {
            let empty = CurrencyTotals {
                currency: currency.to_string(),
                lines: 0,
                sums: BTreeMap::new(),
            };
            by_currency.insert(currency.to_string(), empty);
        }
        let Some(t) = by_currency.get_mut(currency) else {
            continue;
        };
        t.lines += 1;
        for (field, value) in &row.values {
            if let (FieldKind::Amount, Value::Amount { minor, .. }) = (field.kind(), value) {
                *t.sums.entry(*field).or_insert(0) += i128::from(*minor);
            }
        }
    }
    by_currency.into_values().collect()
}
