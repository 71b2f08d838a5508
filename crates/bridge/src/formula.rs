//! Spreadsheet formula injection ("CSV injection"), in both directions.
//!
//! A cell such as `=cmd|' /C calc'!A0` or `@SUM(1+1)` is harmless text to this crate,
//! but becomes a live formula when a seller opens a re-exported file in Excel or WPS.
//! On import such text is kept inert and flagged so the seller sees it; on export it is
//! neutralised with a leading apostrophe (CSV) or written as a string cell (xlsx). A
//! plain signed number ("-12.50", "+3") is a number, not a formula, in both directions,
//! so amounts survive a round trip untouched.

use crate::values::{is_blank, split_number};

/// Characters that make a spreadsheet start evaluating a cell.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when the text would be taken as a formula by a spreadsheet.
pub fn looks_like_formula(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    if !TRIGGERS.contains(&first) {
        return false;
    }
    if is_blank(text) {
        return false;
    }
    // A signed number such as "-12.50" or "+1,234" is data, not a formula.
    !(matches!(first, '-' | '+') && split_number(text).is_ok())
}

/// Removes the apostrophe an export (or Excel) put before a formula-like text, so that a
/// round trip gives the original text back; other text is returned unchanged.
pub fn strip_escape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => text,
    }
}

/// Text made safe for a CSV cell: formula-like text gets a leading apostrophe.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
