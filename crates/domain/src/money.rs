//! Exact money: integer minor units (fen / cents) with an ISO currency code.
//!
//! KooGallery sends amounts as decimal strings ("100", "99.5"); floats would lose
//! cents across a year of orders, so amounts are parsed straight into minor units
//! and formatted back without ever passing through `f64`.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "CNY")]
    Cny,
    #[serde(rename = "USD")]
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "CNY" => Some(Currency::Cny),
            "USD" => Some(Currency::Usd),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}' is not an amount with at most two decimals")]
pub struct AmountError(pub String);

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Parses "100", "99.5", "-0.01"; refuses more than two decimals rather than
    /// rounding, because a silently rounded amount would not reconcile later.
    pub fn parse(text: &str, currency: Currency) -> Result<Self, AmountError> {
        let err = || AmountError(text.to_string());
        let trimmed = text.trim();
        let (negative, digits) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(err());
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int_part) || !all_digits(frac_part) || frac_part.len() > 2 {
            return Err(err());
        }
        let whole: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| err())?
        };
        let frac: i64 = format!("{frac_part:0<2}").parse().map_err(|_| err())?;
        let minor = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(frac))
            .ok_or_else(err)?;
        Ok(Self::new(if negative { -minor } else { minor }, currency))
    }

    /// The amount as a plain decimal string with two decimals, e.g. "1234.50".
    pub fn amount_string(&self) -> String {
        format_minor(self.minor)
    }
}

/// Formats minor units as a two-decimal string without floats.
pub fn format_minor(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_koogallery_amount_strings_exactly() {
        let cases = [
            ("100", 10000),
            ("99.5", 9950),
            ("0.01", 1),
            ("-12.30", -1230),
            (".5", 50),
        ];
        for (text, minor) in cases {
            assert_eq!(
                Money::parse(text, Currency::Cny).map(|m| m.minor),
                Ok(minor),
                "{text} should be {minor} fen"
            );
        }
    }

    #[test]
    fn refuses_amounts_that_would_need_rounding_or_are_not_numbers() {
        for bad in ["1.005", "abc", "", "-", "1,000", "1e3", "12.3.4"] {
            assert!(
                Money::parse(bad, Currency::Usd).is_err(),
                "{bad:?} must be refused, not guessed"
            );
        }
    }

    #[test]
    fn formats_back_without_float_drift() {
        let sum: i64 = (0..1000)
            .map(|_| Money::parse("0.10", Currency::Cny).unwrap().minor)
            .sum();
        assert_eq!(
            format_minor(sum),
            "100.00",
            "a thousand ten-fen amounts add up to exactly 100.00"
        );
        assert_eq!(Money::new(-5, Currency::Usd).to_string(), "-0.05 USD");
    }
}
