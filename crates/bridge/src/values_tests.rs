//! Amounts, rates and currencies: what sellers' cells contain, and what is refused rather than guessed.

use super::*;

fn minor(text: &str) -> i64 {
    parse_amount(text)
        .unwrap_or_else(|e| panic!("'{text}' should be an amount: {e}"))
        .expect("a value")
        .minor
}

fn refused(text: &str) -> String {
    parse_amount(text).expect_err(&format!("'{text}' should be refused")).0
}

#[test]
fn plain_and_grouped_amounts_are_exact_minor_units() {
    assert_eq!(minor("1234.56"), 123_456, "a plain decimal is read to the cent");
    assert_eq!(minor("1,234.56"), 123_456, "comma thousands separators are dropped");
    assert_eq!(
        minor("1,234,567"),
        123_456_700,
        "an integer with grouping gains two zero decimals"
    );
    assert_eq!(
        minor("1 234.56"),
        123_456,
        "space thousands separators are accepted with a decimal point"
    );
    assert_eq!(
        minor("1\u{00A0}234.56"),
        123_456,
        "a no-break space groups like a space"
    );
    assert_eq!(
        minor("  12.5 "),
        1250,
        "surrounding spaces are ignored and one decimal is padded"
    );
    assert_eq!(minor(".5"), 50, "a leading decimal point is half a unit");
    assert_eq!(minor("12.3400"), 1234, "extra decimals that are zeros are allowed");
}

#[test]
fn full_width_digits_and_punctuation_are_folded() {
    assert_eq!(
        minor("１２３．４５"),
        12_345,
        "full-width digits and point read as ASCII"
    );
    assert_eq!(
        minor("１，２３４．５０"),
        123_450,
        "a full-width comma groups thousands"
    );
    assert_eq!(minor("－１２．５０"), -1250, "a full-width minus is a minus");
    assert_eq!(
        minor("\u{3000}８８\u{3000}"),
        8800,
        "ideographic spaces around the number are trimmed"
    );
}

#[test]
fn currency_symbols_and_codes_are_recognised() {
    let a = parse_amount("¥1,234.50").unwrap().unwrap();
    assert_eq!((a.minor, a.currency), (123_450, Some("CNY")), "¥ means CNY");
    let a = parse_amount("￥99").unwrap().unwrap();
    assert_eq!(
        (a.minor, a.currency),
        (9900, Some("CNY")),
        "the full-width ￥ means CNY"
    );
    let a = parse_amount("USD 560.00").unwrap().unwrap();
    assert_eq!(
        (a.minor, a.currency),
        (56_000, Some("USD")),
        "a leading ISO code is the currency"
    );
    let a = parse_amount("$-12.00").unwrap().unwrap();
    assert_eq!(
        (a.minor, a.currency),
        (-1200, Some("USD")),
        "a minus after the symbol is still a minus"
    );
    let a = parse_amount("12.5 元").unwrap().unwrap();
    assert_eq!((a.minor, a.currency), (1250, Some("CNY")), "a trailing 元 means CNY");
    let a = parse_amount("100 CNY").unwrap().unwrap();
    assert_eq!(
        (a.minor, a.currency),
        (10_000, Some("CNY")),
        "a trailing code is the currency"
    );
}

#[test]
fn negatives_in_parentheses_or_with_a_minus() {
    assert_eq!(minor("(12.50)"), -1250, "accounting parentheses mean negative");
    assert_eq!(
        minor("(¥1,000.00)"),
        -100_000,
        "parentheses may hold a symbol and grouping"
    );
    assert_eq!(minor("-12.50"), -1250, "a leading minus means negative");
    assert_eq!(minor("-¥12.50"), -1250, "a minus may precede the symbol");
    assert!(
        refused("(-12.50)").contains("negative twice"),
        "parentheses and a minus together are refused"
    );
}

#[test]
fn ambiguous_or_malformed_amounts_are_refused_with_the_text_quoted() {
    assert_eq!(
        refused("12,3a"),
        "'12,3a' is not an amount",
        "letters make it not an amount"
    );
    assert!(
        refused("1,23").contains("ambiguous"),
        "a comma with two digits after it could be a decimal comma"
    );
    assert!(
        refused("1 234,56").contains("ambiguous"),
        "space grouping with a decimal comma is not guessed"
    );
    assert!(
        refused("1.234,56").contains("not an amount"),
        "European notation is refused"
    );
    assert!(
        refused("12.345").contains("more than 2 decimals"),
        "a third non-zero decimal is refused"
    );
    assert!(
        refused("1.2E+5").contains("scientific"),
        "scientific notation is refused"
    );
    assert!(
        refused("99999999999999999999").contains("too large"),
        "an amount beyond i64 minor units is refused"
    );
    assert!(refused("=1+2").contains("not an amount"), "a formula is not an amount");
}

#[test]
fn blanks_and_dashes_are_no_value() {
    for blank in ["", "   ", "-", "—", "\u{00A0}", "--"] {
        assert_eq!(parse_amount(blank), Ok(None), "'{blank}' should mean no value");
    }
}

#[test]
fn rates_percent_fraction_and_bare_numbers() {
    let rate = |t: &str| {
        parse_rate(t, SplitSide::Platform)
            .unwrap_or_else(|e| panic!("{t}: {e}"))
            .expect("a value")
    };
    assert_eq!(rate("13%"), 130_000, "13% is 130 000 ppm");
    assert_eq!(rate("2.5%"), 25_000, "2.5% keeps its decimal");
    assert_eq!(rate("0.13"), 130_000, "a bare number below 1 is a fraction");
    assert_eq!(rate("13"), 130_000, "a bare number above 1 is a percentage");
    assert_eq!(rate("０．０２５"), 25_000, "full-width fractions are folded");
    assert_eq!(
        rate("87/13"),
        130_000,
        "a share split gives the platform's side for the fee column"
    );
    assert_eq!(
        parse_rate("87/13", SplitSide::Seller),
        Ok(Some(870_000)),
        "the seller's side is the first number"
    );
    assert!(
        parse_rate("1", SplitSide::None).is_err(),
        "a bare 1 could be 1% or 100% and is refused"
    );
    assert!(
        parse_rate("150%", SplitSide::None).is_err(),
        "more than 100% is refused"
    );
    assert!(parse_rate("¥13", SplitSide::None).is_err(), "an amount is not a rate");
    assert_eq!(
        parse_rate("-", SplitSide::None),
        Ok(None),
        "a dash means no operations fee"
    );
}

#[test]
fn currencies_from_codes_and_names() {
    assert_eq!(parse_currency("cny"), Ok(Some("CNY".into())), "codes are upper-cased");
    assert_eq!(parse_currency("人民币"), Ok(Some("CNY".into())), "人民币 is CNY");
    assert_eq!(parse_currency("美元"), Ok(Some("USD".into())), "美元 is USD");
    assert!(parse_currency("dollars").is_err(), "an unknown word is refused");
    assert_eq!(unit_currency("元"), Some("CNY".into()), "a 元 unit names CNY");
}

#[test]
fn formatting_is_the_inverse_of_parsing() {
    for m in [0, 1, -1, 5, 123_456, -100_000, i64::MAX, i64::MIN + 1] {
        assert_eq!(minor(&format_minor(m)), m, "format_minor({m}) should read back");
    }
    assert_eq!(format_minor(-5), "-0.05", "small negatives keep the sign");
    assert_eq!(format_rate(25_000), "2.5%", "rates print without trailing zeros");
    assert_eq!(format_rate(130_000), "13%", "whole percentages print without a point");
}
