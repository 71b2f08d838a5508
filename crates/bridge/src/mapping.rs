//! Which column holds which field: a proposal the seller can see and correct.
//!
//! Header texts vary between console versions, languages and sellers' own sheets, so
//! the mapping is never silent: each column says what it was taken for and why ("exact
//! synonym 结算金额", "contains 订单号"), columns nobody recognised and required fields
//! nobody provides are listed, and the whole [`Mapping`] is serde data that the import
//! wizard shows, lets the seller edit, and hands back for the next preview — or keeps
//! for the next file of the same layout, since columns are matched by header text.

use crate::error::BridgeError;
use crate::fields::{match_header, Field, MatchHow, REQUIRED};
use crate::header::column_letter;
use crate::text::header_key;
use crate::values::unit_currency;
use serde::{Deserialize, Serialize};

/// How sure the proposal is about one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The header is a known synonym.
    Exact,
    /// The lower half of a two-row header is a known synonym.
    SubHeader,
    /// A known synonym occurs inside the header.
    Contains,
    /// The seller chose it.
    Manual,
    /// Not mapped.
    #[default]
    Unmapped,
}

/// One column of the file and the field it feeds, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// Zero-based column index in the file.
    pub index: usize,
    /// The header as found (two-row headers as "parent/child").
    pub header: String,
    pub field: Option<Field>,
    #[serde(default)]
    pub confidence: Confidence,
    /// Why, in a sentence for the wizard.
    #[serde(default)]
    pub why: String,
    /// Currency named by the header's unit, e.g. "结算金额(元)" → CNY.
    #[serde(default)]
    pub currency_hint: Option<String>,
}

/// A whole file's mapping. Serde-able so the UI can show it, edit it and send it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Mapping {
    pub columns: Vec<ColumnMapping>,
    /// Currency for amounts when neither a currency column, the cell, nor the header
    /// names one (e.g. the seller knows the file is a CN-site bill: CNY).
    #[serde(default)]
    pub default_currency: Option<String>,
}

/// A required field group nobody provides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingField {
    pub any_of: Vec<Field>,
    pub message: String,
}

/// A column that feeds no field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmappedColumn {
    pub index: usize,
    pub header: String,
}

fn display_header(index: usize, header: &str) -> String {
    if header.is_empty() {
        format!("column {}", column_letter(index))
    } else {
        format!("'{header}'")
    }
}

/// Proposes a mapping for a file's header names. When two columns look like the same
/// field, the surer one (then the left one) keeps it and the other is left unmapped.
pub fn propose(headers: &[String]) -> Mapping {
    let mut columns: Vec<ColumnMapping> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let found = if header.is_empty() { None } else { match_header(header) };
            let currency_hint = found.as_ref().and_then(|m| m.unit.as_deref()).and_then(unit_currency);
            match found {
                Some(m) => {
                    let (confidence, why) = match m.how {
                        MatchHow::Exact => (Confidence::Exact, format!("exact synonym '{}'", m.synonym)),
                        MatchHow::SubHeader => (
                            Confidence::SubHeader,
                            format!("sub-header is the synonym '{}'", m.synonym),
                        ),
                        MatchHow::Contains => (Confidence::Contains, format!("contains '{}'", m.synonym)),
                    };
                    ColumnMapping {
                        index,
                        header: header.clone(),
                        field: Some(m.field),
                        confidence,
                        why,
                        currency_hint,
                    }
                }
                None => ColumnMapping {
                    index,
                    header: header.clone(),
                    field: None,
                    confidence: Confidence::Unmapped,
                    why: "no known field has this name".into(),
                    currency_hint: None,
                },
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| (columns[i].confidence, i));
    let mut taken: Vec<(Field, usize)> = Vec::new();
    for i in order {
        let Some(field) = columns[i].field else { continue };
        if let Some((_, winner)) = taken.iter().find(|(f, _)| *f == field) {
            let c = &mut columns[i];
            c.why = format!(
                "looks like {} ({}), but {} already provides it",
                field.zh(),
                c.why,
                display_header(*winner, &headers[*winner])
            );
            c.field = None;
            c.confidence = Confidence::Unmapped;
        } else {
            taken.push((field, i));
        }
    }
    Mapping {
        columns,
        default_currency: None,
    }
}

/// Fits a caller's mapping to this file's headers. Columns are matched by header text
/// (the n-th column of a given name to the n-th entry of that name), so a mapping saved
/// for one export serves the next even if columns moved. A mapped column the file lacks,
/// or two columns mapped to one field, is refused; file columns the mapping does not
/// mention are left unmapped.
pub fn fit(given: &Mapping, headers: &[String]) -> Result<Mapping, BridgeError> {
    let mut used = vec![false; given.columns.len()];
    let mut columns = Vec::with_capacity(headers.len());
    for (index, header) in headers.iter().enumerate() {
        let key = header_key(header);
        let entry = given
            .columns
            .iter()
            .enumerate()
            .find(|(i, c)| !used[*i] && header_key(&c.header) == key && (!key.is_empty() || c.index == index));
        match entry {
            Some((i, c)) => {
                used[i] = true;
                columns.push(ColumnMapping {
                    index,
                    header: header.clone(),
                    ..c.clone()
                });
            }
            None => columns.push(ColumnMapping {
                index,
                header: header.clone(),
                field: None,
                confidence: Confidence::Unmapped,
                why: "not in the given mapping".into(),
                currency_hint: None,
            }),
        }
    }
    if let Some((_, c)) = given
        .columns
        .iter()
        .enumerate()
        .find(|(i, c)| !used[*i] && c.field.is_some())
    {
        let field = c.field.map_or("", Field::zh);
        return Err(BridgeError::BadMapping(format!(
            "it maps '{}' to {field}, but this file has no column '{}'.",
            c.header, c.header
        )));
    }
    for (i, a) in columns.iter().enumerate() {
        if let Some(b) = columns[i + 1..]
            .iter()
            .find(|b| a.field.is_some() && b.field == a.field)
        {
            let field = a.field.map_or("", Field::zh);
            return Err(BridgeError::BadMapping(format!(
                "{} and {} are both mapped to {field}; map one of them to nothing.",
                display_header(a.index, &a.header),
                display_header(b.index, &b.header)
            )));
        }
    }
    if let Some(code) = &given.default_currency {
        if crate::values::parse_currency(code).ok().flatten().is_none() {
            return Err(BridgeError::BadMapping(format!(
                "the default currency '{code}' is not a currency code."
            )));
        }
    }
    Ok(Mapping {
        columns,
        default_currency: given.default_currency.clone(),
    })
}

impl Mapping {
    /// Columns that feed no field.
    pub fn unmapped(&self) -> Vec<UnmappedColumn> {
        self.columns
            .iter()
            .filter(|c| c.field.is_none())
            .map(|c| UnmappedColumn {
                index: c.index,
                header: c.header.clone(),
            })
            .collect()
    }

    /// Required field groups nobody provides.
    pub fn missing_required(&self) -> Vec<MissingField> {
        REQUIRED
            .iter()
            .filter(|group| !group.iter().any(|f| self.column_of(*f).is_some()))
            .map(|group| MissingField {
                any_of: group.to_vec(),
                message: format!(
                    "No column provides {}; map one of the file's columns to it.",
                    group
                        .iter()
                        .map(|f| format!("{} / {}", f.zh(), f.en()))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            })
            .collect()
    }

    /// The column feeding a field.
    pub fn column_of(&self, field: Field) -> Option<&ColumnMapping> {
        self.columns.iter().find(|c| c.field == Some(field))
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
