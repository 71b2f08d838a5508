//! File-level refusals, worded for the seller.
//!
//! These are the reasons a whole file cannot be previewed (as opposed to one bad cell,
//! which becomes a row issue in [`crate::import`]). Every message says what was found
//! and, where there is one, what to do about it, because the import wizard shows the
//! message as it is.

use thiserror::Error;

/// Why a file was refused, or why an export could not be written.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BridgeError {
    #[error("The file '{file}' is empty.")]
    Empty { file: String },
    #[error("The file '{file}' is {found}, not an xlsx workbook or a CSV text file. Export the bill again from the console and choose xlsx or csv.")]
    NotATable { file: String, found: String },
    #[error("The workbook '{file}' is password-protected or encrypted. Open it in Excel, remove the password (File › Info › Protect Workbook) and save it again as xlsx.")]
    Encrypted { file: String },
    #[error("The file '{file}' is an old-style .xls workbook. Open it in Excel or WPS and save it as .xlsx (or export csv from the console).")]
    LegacyXls { file: String },
    #[error("The file '{file}' is too large to import: {what}. Split the export by period and import the parts.")]
    TooLarge { file: String, what: String },
    #[error("The workbook '{file}' could not be read: {reason}. It may be damaged; export it again from the console.")]
    DamagedWorkbook { file: String, reason: String },
    #[error("The text in '{file}' is neither UTF-8, UTF-16 nor GBK/GB18030 (first undecodable byte near offset {offset}). Save it as 'CSV UTF-8' and try again.")]
    UnknownEncoding { file: String, offset: usize },
    #[error("The workbook '{file}' has no sheet named '{sheet}'. Its sheets are: {available}.")]
    SheetNotFound {
        file: String,
        sheet: String,
        available: String,
    },
    #[error("Every sheet in '{file}' is empty.")]
    NoData { file: String },
    #[error("No header row was recognised in the first {scanned} rows of '{file}'. Expected column names such as 订单号 / Order ID, 结算金额 / Settlement Amount, 账期 / Bill Period.")]
    NoHeader { file: String, scanned: usize },
    #[error("The column mapping does not fit this file: {0}")]
    BadMapping(String),
    #[error("The table could not be exported: {0}")]
    Export(String),
}
