//! A file's bytes as a grid of text cells, whatever the container.
//!
//! Everything downstream (header detection, mapping, value parsing) works on one shape:
//! rows of [`Cell`]s, each remembering whether the spreadsheet stored it as text, a
//! number or a date, plus the xlsx merged regions. CSV and xlsx differ only in how the
//! grid is produced ([`crate::table_csv`], [`crate::table_xlsx`]); the container is
//! decided by [`crate::sniff`] from the bytes, never from the file name.

use crate::error::BridgeError;
pub use crate::merge_index::MergeIndex;
use crate::sniff::{sniff, Sniffed};
use gallerist_domain::numbers::grouped;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Cells a table may hold: about 400,000 lines of 40 columns. Bounds the memory of a
/// grid read whole ([`read_table`], blank cells counted) and the work of a streamed one.
pub const MAX_CELLS: usize = 16_000_000;
/// Columns read; cells further right are ignored with a note.
pub const MAX_COLUMNS: usize = 512;

/// How the spreadsheet stored a cell; the text is the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellOrigin {
    #[default]
    Text,
    /// A numeric cell (the text is its shortest exact decimal at Excel's 15 digits).
    Number,
    /// A date-formatted cell (the text is `YYYY-MM-DD HH:MM:SS`).
    Date,
    /// A boolean or an error value such as `#N/A`.
    Other,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    pub origin: CellOrigin,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            origin: CellOrigin::Text,
        }
    }
}

/// The container a table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Csv,
    Xlsx,
}

/// The text encoding a CSV file turned out to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// GBK, read with the GB18030 decoder (a superset).
    Gb18030,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (with BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GBK/GB18030",
        })
    }
}

/// A merged region, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

impl Merge {
    pub fn contains(&self, row: usize, col: usize) -> bool {
        (self.first_row..=self.last_row).contains(&row) && (self.first_col..=self.last_col).contains(&col)
    }
}

/// What is known of a table before its rows: the container, the sheet, its merged
/// regions and what the reader noted.
#[derive(Debug, Clone)]
pub struct TableHead {
    pub format: SourceFormat,
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<char>,
    /// The sheet read (xlsx).
    pub sheet: Option<String>,
    /// Every sheet in the workbook, in order (xlsx).
    pub sheets: Vec<String>,
    pub merges: MergeIndex,
    /// Things the reader ignored or assumed, for the wizard to show.
    pub notes: Vec<crate::issues::Note>,
}

/// A file read as a grid. Row `i` is spreadsheet row `i + 1`.
#[derive(Debug, Clone)]
pub struct Table {
    pub format: SourceFormat,
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<char>,
    /// The sheet read (xlsx).
    pub sheet: Option<String>,
    /// Every sheet in the workbook, in order (xlsx).
    pub sheets: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub merges: MergeIndex,
    /// Things the reader ignored or assumed, for the wizard to show.
    pub notes: Vec<crate::issues::Note>,
}

static EMPTY: Cell = Cell {
    text: String::new(),
    origin: CellOrigin::Text,
};

impl Table {
    /// A table of `rows` under `head`.
    pub fn from_head(head: TableHead, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            format: head.format,
            encoding: head.encoding,
            delimiter: head.delimiter,
            sheet: head.sheet,
            sheets: head.sheets,
            rows,
            merges: head.merges,
            notes: head.notes,
        }
    }

    /// The cell at (row, col), or an empty one past the edge.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    /// Widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The merged region holding (row, col), if any (a binary search in header rows).
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges.at(row, col)
    }
}

/// Receives the rows of a table as they are read: the table's head, the zero-based row
/// index (ascending; blank rows are not sent) and the row's cells.
pub type RowSink<'a> = dyn FnMut(&TableHead, usize, Vec<Cell>) -> Result<(), BridgeError> + 'a;

/// Streams a CSV or xlsx file row by row, holding one row at a time; returns the head
/// with every note. `sheet` picks a worksheet by name; without it the first sheet with
/// any data is used. `file_name` is used in messages only.
pub fn stream_table(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<&str>,
    sink: &mut RowSink<'_>,
) -> Result<TableHead, BridgeError> {
    match sniff(bytes, file_name)? {
        Sniffed::Zip => crate::table_xlsx::stream_xlsx(bytes, file_name, sheet, sink),
        Sniffed::Text => crate::table_csv::stream_csv(bytes, file_name, sink),
    }
}

/// Reads a CSV or xlsx file into a grid of at most [`MAX_CELLS`] cells (blank rows
/// count), refusing before the grid grows past it.
pub fn read_table(bytes: &[u8], file_name: &str, sheet: Option<&str>) -> Result<Table, BridgeError> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut dense = 0usize;
    let head = stream_table(bytes, file_name, sheet, &mut |_, index, cells| {
        dense = dense.saturating_add(index.saturating_sub(rows.len()) + cells.len());
        if dense > MAX_CELLS {
            return Err(BridgeError::TooLarge {
                file: file_name.into(),
                what: format!("more than {} cells", grouped(MAX_CELLS as u64)),
            });
        }
        rows.resize_with(index, Vec::new);
        rows.push(cells);
        Ok(())
    })?;
    Ok(Table::from_head(head, rows))
}
