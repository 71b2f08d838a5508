//! What kind of problem a row has, and what the reader skipped or assumed — as kinds
//! the wizard can put in the seller's language, with the English words alongside.
//!
//! WHY kinds and not only text: the app shows these in English and zh-CN; a kind set
//! where the problem is found is exact, where guessing it back from the English message
//! would break the day a message is reworded.

use crate::fields::{Field, FieldKind};
use serde::{Deserialize, Serialize};
use std::ops::Deref;

/// The kind of a [`crate::RowIssue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A cell a spreadsheet would run as a formula; kept as text (a warning).
    Formula,
    /// The row repeats an earlier one exactly (a warning).
    RepeatedRow,
    /// No currency, or amounts in different currencies.
    Currency,
    /// An ID Excel stored as a number and rounded.
    RoundedId,
    Amount,
    Date,
    Period,
    Rate,
    Other,
}

impl IssueKind {
    /// The serde name (`rounded_id`), for callers that mix it with kinds of their own.
    pub fn key(self) -> &'static str {
        match self {
            IssueKind::Formula => "formula",
            IssueKind::RepeatedRow => "repeated_row",
            IssueKind::Currency => "currency",
            IssueKind::RoundedId => "rounded_id",
            IssueKind::Amount => "amount",
            IssueKind::Date => "date",
            IssueKind::Period => "period",
            IssueKind::Rate => "rate",
            IssueKind::Other => "other",
        }
    }

    /// The kind of a cell that did not parse as its field.
    pub fn of_field(field: Field) -> IssueKind {
        match field.kind() {
            FieldKind::Id => IssueKind::RoundedId,
            FieldKind::Amount => IssueKind::Amount,
            FieldKind::DateTime => IssueKind::Date,
            FieldKind::Period => IssueKind::Period,
            FieldKind::Rate => IssueKind::Rate,
            FieldKind::Currency => IssueKind::Currency,
            FieldKind::Text => IssueKind::Other,
        }
    }
}

/// The kind of a [`Note`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A totals line ("合计") was skipped.
    TotalsRow,
    /// A repeated header row was skipped.
    RepeatedHeader,
    /// The csv was read as GBK / GB18030.
    Gbk,
    /// Columns beyond the reader's limit were ignored.
    Clipped,
    /// Amounts naming no currency were read in the caller's fallback currency.
    AssumedCurrency,
}

/// Something the reader skipped or assumed. Reads as its English text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub kind: NoteKind,
    /// The spreadsheet row (1-based) it concerns, if one.
    pub row: Option<usize>,
    /// The currency assumed, for [`NoteKind::AssumedCurrency`].
    pub currency: Option<String>,
    pub text: String,
}

impl Note {
    pub fn new(kind: NoteKind, text: impl Into<String>) -> Note {
        Note {
            kind,
            row: None,
            currency: None,
            text: text.into(),
        }
    }

    pub fn at_row(kind: NoteKind, row: usize, text: impl Into<String>) -> Note {
        Note {
            row: Some(row),
            ..Note::new(kind, text)
        }
    }
}

impl Deref for Note {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}
