//! The console bridge: KooGallery bill and transaction-detail exports in, any table out.
//!
//! KooGallery's Seller Console (结算管理 › 账单管理 / 交易明细管理) and the Partner Center
//! export bills as xlsx or csv and keep the export for three days only; sellers also
//! keep their own copies, re-saved through Excel or WPS. This crate turns such bytes
//! into a previewed, mapped and validated set of rows, and writes any table view back
//! out as CSV or xlsx. It is pure: it reads the bytes it is given, walks no folders and
//! reads no clock; the caller stores files, fingerprints and rows.
//!
//! Pipeline: [`table::read_table`] (container, encoding, delimiter, sheet) →
//! [`header::find_header`] (title rows skipped, merged two-row headers composed) →
//! [`mapping::propose`] (header → [`fields::Field`]) → [`import::preview`] (cell values
//! via [`values`] and [`datetime`], per-row errors, fingerprints, totals).
//! [`export::to_csv`] / [`export::to_xlsx`] go the other way.

pub mod datetime;
pub mod error;
pub mod export;
mod export_stream;
pub mod fields;
pub mod formula;
pub mod header;
pub mod import;
mod import_rows;
pub mod import_stream;
pub mod issues;
pub mod mapping;
pub mod merge_index;
pub mod sniff;
pub mod table;
pub mod table_csv;
pub mod table_xlsx;
pub mod text;
pub mod values;
pub mod xlsx_limits;
mod xlsx_merges;

pub use datetime::{DateTime, Period};
pub use error::BridgeError;
pub use export::{to_csv, to_xlsx, CsvStream, ExportCell, ExportTable, XlsxStream};
pub use fields::{Field, FieldKind};
pub use import::{preview, preview_with, CurrencyTotals, ParsedRow, Preview, PreviewOptions, RowIssue, Value};
pub use import_stream::preview_stream;
pub use issues::{IssueKind, Note, NoteKind};
pub use mapping::{ColumnMapping, Confidence, Mapping};
pub use table::{read_table, stream_table, SourceFormat, Table, TableHead, TextEncoding};
