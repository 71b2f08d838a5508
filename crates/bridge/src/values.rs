//! Money, rates and currencies from the text sellers' files really contain.
//!
//! Amounts end up as exact integer minor units (two decimals) because bills are
//! reconciled to the cent and a float sum drifts. The parser forgives what spreadsheets
//! add — thousands separators, full-width digits, currency symbols and codes,
//! accounting parentheses, no-break spaces — but refuses what it would have to guess:
//! a comma that could be a decimal comma ("1,23", "1 234,56"), a third non-zero
//! decimal, scientific notation that already lost digits. Dates and periods are in
//! [`crate::datetime`].

use crate::text::clean;
use std::fmt;

/// Why one cell could not be read; the row and column are added by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

fn err<T>(raw: &str, what: impl fmt::Display) -> Result<T, ValueError> {
    Err(ValueError(format!("'{}' {what}", raw.trim())))
}

/// An amount as read from one cell: minor units and the currency the cell itself named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellAmount {
    pub minor: i64,
    pub currency: Option<&'static str>,
}

/// True for text that means "no value": blank, or dashes as the console writes for "none".
pub fn is_blank(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}');
    t.is_empty() || t.chars().all(|c| matches!(c, '-' | '—' | '–' | '－' | '/'))
}

/// Currency symbols and words accepted around an amount, longest first.
const AFFIXES: &[(&str, &str)] = &[
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("US$", "USD"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("¥", "CNY"),
    ("元", "CNY"),
    ("$", "USD"),
    ("€", "EUR"),
];

/// Reads a currency cell: an ISO code (any three letters) or a common Chinese name.
pub fn parse_currency(raw: &str) -> Result<Option<String>, ValueError> {
    if is_blank(raw) {
        return Ok(None);
    }
    let t = clean(raw);
    if let Some((_, code)) = AFFIXES.iter().find(|(a, _)| a.eq_ignore_ascii_case(&t)) {
        return Ok(Some((*code).to_string()));
    }
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(Some(t.to_ascii_uppercase()));
    }
    err(raw, "is not a currency (expected a code such as CNY or USD)")
}

/// Currency named by a header's bracketed unit ("结算金额(元)", "Amount (USD)").
pub fn unit_currency(unit: &str) -> Option<String> {
    parse_currency(unit).ok().flatten()
}

/// An exact decimal split from text: sign, integer digits and fraction digits (ASCII).
#[derive(Debug)]
pub(crate) struct Decimal {
    pub negative: bool,
    pub int: String,
    pub frac: String,
}

/// Splits "1,234.56"-style text (sign and currency already removed) into digits,
/// checking that any grouping separator (comma or space) sits every three digits.
fn split_decimal(raw: &str, body: &str) -> Result<Decimal, ValueError> {
    let (int_part, frac) = body.split_once('.').unwrap_or((body, ""));
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return err(raw, "is not a number");
    }
    let mut int = String::with_capacity(int_part.len());
    let mut separator = None;
    for c in int_part.chars() {
        match c {
            '0'..='9' => int.push(c),
            ',' | ' ' if separator.is_none_or(|s| s == c) => separator = Some(c),
            ',' | ' ' => {
                return err(
                    raw,
                    "is ambiguous: it mixes commas and spaces between digits; write it as 1234.56",
                )
            }
            _ => return err(raw, "is not a number"),
        }
    }
    if int.is_empty() && frac.is_empty() {
        return err(raw, "is not a number");
    }
    if let Some(sep) = separator {
        let mut groups = int_part.split(sep);
        let first = groups.next().unwrap_or_default();
        let well_grouped = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        if !well_grouped {
            return err(
                raw,
                "is ambiguous: the comma or space could be a decimal separator; write it as 1234.56",
            );
        }
    }
    Ok(Decimal {
        negative: false,
        int,
        frac: frac.to_string(),
    })
}

/// Removes a currency prefix or suffix, returning the rest and the currency.
fn strip_currency(t: &str) -> (&str, Option<&'static str>) {
    for (affix, code) in AFFIXES {
        if let Some(rest) = t.strip_prefix(affix) {
            return (rest.trim_start(), Some(code));
        }
        if let Some(rest) = t.strip_suffix(affix) {
            return (rest.trim_end(), Some(code));
        }
    }
    (t, None)
}

/// Sign, digits and currency of a number-like cell: `(¥1,234.50)`, `-$12`, `１２３．４５`,
/// `USD 99.00`, `12.5 元`.
pub(crate) fn split_number(raw: &str) -> Result<(Decimal, Option<&'static str>), ValueError> {
    let t = clean(raw);
    let mut body = t.as_str();
    let parenthesised = body.starts_with('(') && body.ends_with(')') && body.len() >= 2;
    if parenthesised {
        body = body[1..body.len() - 1].trim();
    }
    let (mut body, mut currency) = strip_currency(body);
    let mut minus = false;
    if let Some(rest) = body.strip_prefix('-') {
        minus = true;
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest.trim_start();
    }
    if currency.is_none() {
        (body, currency) = strip_currency(body);
    }
    if parenthesised && minus {
        return err(raw, "is negative twice (both parentheses and a minus sign)");
    }
    if body.contains(['e', 'E']) && body.bytes().any(|b| b.is_ascii_digit()) {
        return err(
            raw,
            "is in scientific notation, which has lost digits; format the column as a number with 2 decimals",
        );
    }
    let mut d = split_decimal(raw, body)?;
    d.negative = parenthesised || minus;
    Ok((d, currency))
}

/// Scales a decimal to an integer with `scale` decimals, refusing extra non-zero decimals.
pub(crate) fn to_scaled(raw: &str, d: &Decimal, scale: usize, what: &str) -> Result<i64, ValueError> {
    let (kept, extra) = d.frac.split_at(d.frac.len().min(scale));
    if extra.bytes().any(|b| b != b'0') {
        return err(
            raw,
            format!("has more than {scale} decimals; {what} are exact to {scale} decimals"),
        );
    }
    let mut value: i64 = 0;
    let digits = d
        .int
        .bytes()
        .chain(kept.bytes())
        .chain(std::iter::repeat_n(b'0', scale - kept.len()));
    for b in digits {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .map_or_else(|| err(raw, "is too large"), Ok)?;
    }
    Ok(if d.negative { -value } else { value })
}

/// Reads an amount to minor units (2 decimals). Blank and "-" are `None`.
pub fn parse_amount(raw: &str) -> Result<Option<CellAmount>, ValueError> {
    if is_blank(raw) {
        return Ok(None);
    }
    let (d, currency) = split_number(raw).map_err(|e| not_an(raw, e, "an amount"))?;
    let minor = to_scaled(raw, &d, 2, "amounts")?;
    Ok(Some(CellAmount { minor, currency }))
}

fn not_an(raw: &str, e: ValueError, what: &str) -> ValueError {
    if e.0.ends_with("is not a number") {
        ValueError(format!("'{}' is not {what}", raw.trim()))
    } else {
        e
    }
}

/// Which side of an "87/13" share split a rate column wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitSide {
    /// The seller's (ISV's) share: the first number.
    Seller,
    /// The platform's share: the second number.
    Platform,
    /// A split is not meaningful for this column.
    None,
}

/// Parts per million in one whole.
pub const PPM: i64 = 1_000_000;

/// Reads a rate to parts per million (13 % = 130 000).
///
/// How the unit is decided: text with `%` is a percentage; a bare number below 1 is a
/// fraction (0.13 = 13 %); a bare number above 1 is a percentage (13 = 13 %); a bare 1
/// could be either and is refused; more than 100 % is refused. An "87/13" share split
/// (ISV/Huawei, as the help centre writes it) gives the side the column asks for.
pub fn parse_rate(raw: &str, side: SplitSide) -> Result<Option<i64>, ValueError> {
    if is_blank(raw) {
        return Ok(None);
    }
    let t = clean(raw);
    if let Some((a, b)) = t.split_once('/') {
        let a = parse_rate(a, SplitSide::None)?.unwrap_or(0);
        let b = parse_rate(b, SplitSide::None)?.unwrap_or(0);
        return match side {
            SplitSide::Seller => Ok(Some(a)),
            SplitSide::Platform => Ok(Some(b)),
            SplitSide::None => err(raw, "is a share split; write one percentage"),
        };
    }
    let (body, percent) = match t.strip_suffix('%') {
        Some(b) => (b.trim_end(), true),
        None => (t.as_str(), false),
    };
    let (d, currency) = split_number(body).map_err(|e| not_an(raw, e, "a rate"))?;
    if currency.is_some() {
        return err(raw, "is an amount, not a rate");
    }
    let value = if percent {
        to_scaled(raw, &d, 4, "percentages")?
    } else {
        let fraction = to_scaled(raw, &d, 6, "rates")?;
        match fraction.abs() {
            f if f < PPM => fraction,
            PPM => return err(raw, "is ambiguous: write 1% or 100%"),
            _ => to_scaled(raw, &d, 4, "percentages")?,
        }
    };
    if value.abs() > PPM {
        return err(raw, "is more than 100%");
    }
    Ok(Some(value))
}

/// Minor units as plain decimal text: `-123456` → `-1234.56`.
pub fn format_minor(minor: i64) -> String {
    format_scaled(i128::from(minor), 2)
}

/// An integer with `scale` implied decimals as plain decimal text.
pub fn format_scaled(value: i128, scale: u32) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    if scale == 0 {
        return format!("{sign}{abs}");
    }
    let unit = 10u128.pow(scale);
    format!("{sign}{}.{:0width$}", abs / unit, abs % unit, width = scale as usize)
}

/// A rate in parts per million as a percentage text: 25 000 → `2.5%`.
pub fn format_rate(ppm: i64) -> String {
    let text = format_scaled(i128::from(ppm), 4);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
