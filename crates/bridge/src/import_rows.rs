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
use crate::table::Cell;
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

fn skip_reason(cells: &[Cell], header: &Header, row: usize) -> Option<Note> {
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
        let text = cells.get(c).map(|c| clean(&c.text)).unwrap_or_default();
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

/// Turns data rows into [`ParsedRow`]s one at a time, remembering what it needs to
/// tell a repeated row: 24 bytes per distinct row, not the rows themselves.
pub(crate) struct RowParser {
    header: Header,
    mapping: Mapping,
    fields: Vec<Option<Field>>,
    seen: Seen,
}

impl RowParser {
    pub(crate) fn new(header: Header, mapping: Mapping) -> RowParser {
        RowParser {
            fields: mapping.columns.iter().map(|c| c.field).collect(),
            header,
            mapping,
            seen: Seen::default(),
        }
    }

    /// The data row at zero-based `row`, or `None` when it is blank or skipped (with a
    /// note saying why).
    pub(crate) fn parse(&mut self, row: usize, cells: &[Cell], notes: &mut Vec<Note>) -> Option<ParsedRow> {
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            return None;
        }
        if let Some(reason) = skip_reason(cells, &self.header, row) {
            notes.push(reason);
            return None;
        }
        let (mapping, fields) = (&self.mapping, &self.fields);
        let row_number = row + 1;
        let issue = |col: usize, field: Option<Field>, kind: IssueKind, message: String| RowIssue {
            row: row_number,
            column: column_name(mapping, col),
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
                .or_else(|| mapping.columns.get(col).and_then(|c| c.currency_hint.clone()))
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
            let key = u128::from_le_bytes(first_print[..16].try_into().unwrap_or_default());
            let (count, first) = self.seen.entry(key).or_insert((0, row_number as u32));
            *count = count.saturating_add(1);
            match *count {
                1 => (hex::encode(first_print), None),
                n => (
                    hex::encode(fingerprint(&canonical, n as usize - 1)),
                    Some(*first as usize),
                ),
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
        Some(ParsedRow {
            row_number,
            values,
            errors,
            warnings,
            fingerprint,
            duplicate_of,
        })
    }
}

/// Sums of amount fields of the error-free rows, per currency, exactly (i128 cannot
/// overflow from any number of i64 amounts a file can hold), kept as rows go by.
#[derive(Debug, Default)]
pub(crate) struct Totals(BTreeMap<String, CurrencyTotals>);

impl Totals {
    pub(crate) fn add(&mut self, row: &ParsedRow) {
        if !row.errors.is_empty() {
            return;
        }
        let currency = row.values.values().find_map(|v| match v {
            Value::Amount { currency, .. } => Some(currency.as_str()),
            _ => None,
        });
        let Some(currency) = currency else { return };
        let t = self.0.entry(currency.to_string()).or_insert_with(|| CurrencyTotals {
            currency: currency.to_string(),
            lines: 0,
            sums: BTreeMap::new(),
        });
        t.lines += 1;
        for (field, value) in &row.values {
            if let (FieldKind::Amount, Value::Amount { minor, .. }) = (field.kind(), value) {
                *t.sums.entry(*field).or_insert(0) += i128::from(*minor);
            }
        }
    }

    pub(crate) fn into_vec(self) -> Vec<CurrencyTotals> {
        self.0.into_values().collect()
    }
}
