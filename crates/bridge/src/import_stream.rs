//! The preview as a stream: rows are mapped, parsed and handed on one at a time.
//!
//! WHY: a full-height export (1,048,575 lines) held as a grid and then as parsed rows
//! took gigabytes. Only the first [`HEAD_ROWS`] rows are needed to find the header;
//! after that each row is filled from its merged regions, parsed and passed to the
//! caller, and only counts, totals, notes and the duplicate memory stay behind. The
//! caller decides what to keep (the preview keeps a sample, the import stores lines).

use crate::error::BridgeError;
use crate::fields::{Field, FieldKind};
use crate::header::{find_header, Header};
use crate::import::{ParsedRow, Preview, PreviewOptions};
use crate::import_rows::{RowParser, Totals};
use crate::issues::{Note, NoteKind};
use crate::mapping::{fit, propose, Mapping};
use crate::merge_index::HEAD_ROWS;
use crate::table::{stream_table, Cell, Merge, Table, TableHead, MAX_CELLS};
use sha2::{Digest, Sha256};

/// Fills vertically merged data cells (a bill ID merged over its lines) from their
/// anchor, for every kind but amounts and rates, which would be counted twice. Regions
/// are taken in row order as rows go by; at most [`MAX_CELLS`] cells are visited.
struct MergeFill {
    fillable: Vec<bool>,
    first_data_row: usize,
    /// Regions (from the data rows on) already activated.
    next: usize,
    active: Vec<(Merge, Cell)>,
    budget: usize,
}

impl MergeFill {
    fn new(mapping: &Mapping, first_data_row: usize) -> MergeFill {
        let fillable = mapping
            .columns
            .iter()
            .map(|c| {
                c.field
                    .is_some_and(|f| !matches!(f.kind(), FieldKind::Amount | FieldKind::Rate))
            })
            .collect();
        MergeFill {
            fillable,
            first_data_row,
            next: 0,
            active: Vec::new(),
            budget: MAX_CELLS,
        }
    }

    fn apply(&mut self, head: &TableHead, row: usize, cells: &mut Vec<Cell>) {
        if self.budget == 0 {
            return;
        }
        let regions = head.merges.starting_from(self.first_data_row);
        while let Some(m) = regions.get(self.next).filter(|m| m.first_row <= row) {
            let anchor = if m.first_row == row {
                cells.get(m.first_col).cloned().unwrap_or_default()
            } else {
                Cell::default()
            };
            self.active.push((*m, anchor));
            self.next += 1;
        }
        self.active.retain(|(m, _)| m.last_row >= row);
        let width = self.fillable.len();
        for (m, anchor) in &self.active {
            let cols = m.first_col..=m.last_col.min(width.saturating_sub(1));
            self.budget = self.budget.saturating_sub(cols.clone().count().max(1));
            if self.budget == 0 {
                return;
            }
            for col in cols {
                if (row, col) != (m.first_row, m.first_col) && self.fillable[col] {
                    if cells.len() <= col {
                        cells.resize_with(col + 1, Cell::default);
                    }
                    cells[col] = anchor.clone();
                }
            }
        }
    }
}

/// What is known once the header is found.
struct Reading {
    header: Header,
    mapping: Mapping,
    assumed: Option<String>,
    parser: RowParser,
    fill: MergeFill,
}

/// The header and mapping of the first rows.
fn start(
    head: &TableHead,
    rows: &[(usize, Vec<Cell>)],
    file: &str,
    options: &PreviewOptions,
) -> Result<Reading, BridgeError> {
    let mut grid: Vec<Vec<Cell>> = Vec::new();
    for (index, cells) in rows {
        grid.resize_with(*index, Vec::new);
        grid.push(cells.clone());
    }
    let table = Table::from_head(head.clone(), grid);
    let header = find_header(&table, file)?;
    let mut assumed = None;
    let mapping = match &options.mapping {
        Some(given) => fit(given, &header.names)?,
        None => {
            let mut proposed = propose(&header.names);
            let named = proposed
                .columns
                .iter()
                .any(|c| c.field == Some(Field::Currency) || c.currency_hint.is_some());
            if let (false, None, Some(fallback)) = (named, &proposed.default_currency, &options.fallback_currency) {
                proposed.default_currency = Some(fallback.clone());
                assumed = Some(fallback.clone());
            }
            proposed
        }
    };
    Ok(Reading {
        fill: MergeFill::new(&mapping, header.first_data_row),
        parser: RowParser::new(header.clone(), mapping.clone()),
        header,
        mapping,
        assumed,
    })
}

/// Counts and totals over the rows handed on.
#[derive(Default)]
struct Tally {
    rows: usize,
    errors: usize,
    warnings: usize,
    rows_with_errors: usize,
    totals: Totals,
    notes: Vec<Note>,
}

fn process(
    reading: &mut Reading,
    tally: &mut Tally,
    head: &TableHead,
    index: usize,
    mut cells: Vec<Cell>,
    on_row: &mut dyn FnMut(ParsedRow) -> Result<(), BridgeError>,
) -> Result<(), BridgeError> {
    if index < reading.header.first_data_row {
        return Ok(());
    }
    reading.fill.apply(head, index, &mut cells);
    let Some(row) = reading.parser.parse(index, &cells, &mut tally.notes) else {
        return Ok(());
    };
    tally.rows += 1;
    tally.errors += row.errors.len();
    tally.warnings += row.warnings.len();
    tally.rows_with_errors += usize::from(!row.errors.is_empty());
    tally.totals.add(&row);
    on_row(row)
}

/// Previews a file row by row: each parsed row goes to `on_row` as soon as it is read,
/// and the returned [`Preview`] has every count, total and note but no `rows`.
pub fn preview_stream(
    bytes: &[u8],
    file_name: &str,
    options: &PreviewOptions,
    on_row: &mut dyn FnMut(ParsedRow) -> Result<(), BridgeError>,
) -> Result<Preview, BridgeError> {
    let mut buffered: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut reading: Option<Reading> = None;
    let mut tally = Tally::default();
    let head = stream_table(bytes, file_name, options.sheet.as_deref(), &mut |head, index, cells| {
        if let Some(reading) = &mut reading {
            return process(reading, &mut tally, head, index, cells, on_row);
        }
        if index < HEAD_ROWS {
            buffered.push((index, cells));
            return Ok(());
        }
        let mut started = start(head, &buffered, file_name, options)?;
        for (at, early) in buffered.drain(..) {
            process(&mut started, &mut tally, head, at, early, on_row)?;
        }
        let reading = reading.insert(started);
        process(reading, &mut tally, head, index, cells, on_row)
    })?;
    let reading = match reading {
        Some(r) => r,
        None => {
            let mut started = start(&head, &buffered, file_name, options)?;
            for (at, early) in std::mem::take(&mut buffered) {
                process(&mut started, &mut tally, &head, at, early, on_row)?;
            }
            started
        }
    };
    let mut notes = head.notes;
    if let Some(currency) = reading.assumed {
        notes.push(Note {
            currency: Some(currency.clone()),
            ..Note::new(
                NoteKind::AssumedCurrency,
                format!("No column names the currency: amounts are read as {currency}."),
            )
        });
    }
    notes.append(&mut tally.notes);
    let mapping = reading.mapping;
    Ok(Preview {
        file_name: file_name.into(),
        file_sha256: hex::encode(Sha256::digest(bytes)),
        format: head.format,
        encoding: head.encoding,
        delimiter: head.delimiter,
        sheet: head.sheet,
        sheets: head.sheets,
        header_rows: reading.header.rows.iter().map(|r| r + 1).collect(),
        headers: reading.header.names,
        unmapped: mapping.unmapped(),
        missing_required: mapping.missing_required(),
        mapping,
        row_count: tally.rows,
        error_count: tally.errors,
        warning_count: tally.warnings,
        rows_with_errors: tally.rows_with_errors,
        rows: Vec::new(),
        totals: tally.totals.into_vec(),
        notes,
    })
}
