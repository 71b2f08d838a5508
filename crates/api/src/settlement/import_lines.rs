//! One previewed row of a console export → one bill line, or the reason it cannot be.
//!
//! WHY here and not in the bridge: the bridge only knows what the file says; what a
//! *bill line* needs (a period, an order, gross / fee / net that add up) is this app's
//! model. Where the console leaves a figure out, it is derived the way the bill itself
//! is built (reference §5): gross is the sales amount excluding tax (or the
//! tax-inclusive amount less tax), the fee is gross × the platform-fee rate (or
//! 1 − the seller's share), and net is gross − customer WHT − fee − seller WHT − DST.
//! A row that cannot produce every figure is refused with the reason, never guessed.

use gallerist_bridge::{Field, ParsedRow, Value};
use gallerist_domain::settlement::PPM;
use gallerist_store::bills::LineRow;

/// Bill id given to lines of a transaction-detail export that names no bill: one
/// imported bill per period and currency, so such lines still show in the trend.
pub fn detail_bill_id(period: &str, currency: &str) -> String {
    format!("IMPORT-{period}-{currency}")
}

fn text(row: &ParsedRow, field: Field) -> Option<String> {
    match row.values.get(&field)? {
        Value::Text(s) | Value::Id(s) | Value::Currency(s) => Some(s.clone()),
        Value::Period(p) => Some(p.to_string()),
        Value::DateTime(d) => Some(d.to_string()),
        _ => None,
    }
}

fn amount(row: &ParsedRow, field: Field) -> Option<(i64, &str)> {
    match row.values.get(&field)? {
        Value::Amount { minor, currency } => Some((*minor, currency.as_str())),
        _ => None,
    }
}

fn rate(row: &ParsedRow, field: Field) -> Option<i64> {
    match row.values.get(&field)? {
        Value::Rate { ppm } => Some(*ppm),
        _ => None,
    }
}

/// `minor × ppm / 1 000 000`, rounded half away from zero, in integers.
fn share(minor: i64, ppm: i64) -> i64 {
    let product = i128::from(minor) * i128::from(ppm);
    let whole = i128::from(PPM);
    let rounded = (product.abs() + whole / 2) / whole;
    (rounded * product.signum()) as i64
}

/// The bill period: the period column, else the month of payment or effect.
fn period(row: &ParsedRow) -> Option<String> {
    if let Some(Value::Period(p)) = row.values.get(&Field::Period) {
        return Some(p.to_string());
    }
    [Field::PaidTime, Field::EffectiveTime]
        .iter()
        .find_map(|f| match row.values.get(f) {
            Some(Value::DateTime(d)) => Some(d.period().to_string()),
            _ => None,
        })
}

/// Why a row cannot become a line: a kind the wizard words in the seller's language
/// (`order`, `period`, `amount`, `currency`, `fee`) and the English message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub kind: &'static str,
    pub message: String,
}

impl LineError {
    fn new(kind: &'static str, message: &str) -> LineError {
        LineError {
            kind,
            message: message.to_string(),
        }
    }
}

impl std::ops::Deref for LineError {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The line a row becomes, or why it cannot become one.
pub fn to_line(row: &ParsedRow, fingerprint_prefix: &str) -> Result<LineRow, LineError> {
    let order_id = text(row, Field::OrderId)
        .or_else(|| text(row, Field::OrderLineId))
        .ok_or_else(|| LineError::new("order", "no order ID: map the order column"))?;
    let period = period(row).ok_or_else(|| {
        LineError::new(
            "period",
            "no bill period, payment time or effective time to place the line in a month",
        )
    })?;
    let gross = amount(row, Field::SalesAmount)
        .or_else(|| {
            let (incl, cur) = amount(row, Field::AmountInclTax)?;
            let tax = amount(row, Field::Tax).map_or(0, |t| t.0);
            Some((incl - tax, cur))
        })
        .or_else(|| amount(row, Field::SettlementAmount));
    let (gross_minor, currency) =
        gross.ok_or_else(|| LineError::new("amount", "no sales amount: map the amount column"))?;
    if currency == "XXX" {
        return Err(LineError::new(
            "currency",
            "the currency is not known: choose the file's currency (CNY or USD) in the mapping",
        ));
    }
    let minor = |f| amount(row, f).map_or(0, |a| a.0);
    let customer_wht = minor(Field::CustomerWht);
    let fee_rate_ppm =
        rate(row, Field::PlatformFeeRate).or_else(|| rate(row, Field::SellerShareRate).map(|s| i64::from(PPM) - s));
    let fee = match (amount(row, Field::PlatformFee), fee_rate_ppm) {
        (Some((fee, _)), _) => fee,
        (None, Some(ppm)) => share(gross_minor - customer_wht, ppm),
        (None, None) if amount(row, Field::SettlementAmount).is_some() => {
            gross_minor - customer_wht - minor(Field::SellerWht) - minor(Field::Dst) - minor(Field::SettlementAmount)
        }
        (None, None) => {
            return Err(LineError::new(
                "fee",
                "no platform fee, fee rate or settlement amount to work the fee out from",
            ))
        }
    };
    let net = amount(row, Field::SettlementAmount).map_or(
        gross_minor - customer_wht - fee - minor(Field::SellerWht) - minor(Field::Dst),
        |a| a.0,
    );
    let bill_id = text(row, Field::BillId).unwrap_or_else(|| detail_bill_id(&period, currency));
    Ok(LineRow {
        id: 0,
        bill_id,
        fingerprint: format!("{fingerprint_prefix}{}", row.fingerprint),
        period,
        order_id,
        order_line: text(row, Field::OrderLineId),
        order_kind: text(row, Field::OrderKind),
        product_id: text(row, Field::ProductId),
        product_name: text(row, Field::ProductName).unwrap_or_default(),
        product_type: text(row, Field::ProductType).unwrap_or_default(),
        currency: currency.to_string(),
        gross_minor,
        customer_wht_minor: customer_wht,
        fee_rate_ppm,
        fee_minor: fee,
        seller_wht_minor: minor(Field::SellerWht),
        dst_minor: minor(Field::Dst),
        net_minor: net,
        source: "import".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn row(values: Vec<(Field, Value)>) -> ParsedRow {
        ParsedRow {
            row_number: 2,
            values: values.into_iter().collect::<BTreeMap<_, _>>(),
            errors: vec![],
            warnings: vec![],
            fingerprint: "ab".into(),
            duplicate_of: None,
        }
    }

    fn cny(minor: i64) -> Value {
        Value::Amount {
            minor,
            currency: "CNY".into(),
        }
    }

    #[test]
    fn fee_and_net_are_derived_from_a_rate_when_the_file_has_only_gross() {
        let line = to_line(
            &row(vec![
                (Field::OrderId, Value::Id("CS1".into())),
                (Field::Period, Value::Text("x".into())),
                (
                    Field::PaidTime,
                    Value::DateTime(
                        gallerist_bridge::datetime::parse_datetime("2026-10-05 10:00:00")
                            .expect("a date")
                            .expect("not blank"),
                    ),
                ),
                (Field::SalesAmount, cny(80_000)),
                (Field::SellerShareRate, Value::Rate { ppm: 870_000 }),
            ]),
            "import:",
        )
        .expect("a row with order, time, amount and share is a line");
        assert_eq!(
            line.period, "2026-10",
            "the month of payment stands in for a missing period"
        );
        assert_eq!(line.fee_rate_ppm, Some(130_000), "an 87 % share is a 13 % fee");
        assert_eq!(line.fee_minor, 10_400, "13 % of 800.00 is 104.00");
        assert_eq!(line.net_minor, 69_600, "net is gross less the fee");
        assert_eq!(
            line.bill_id, "IMPORT-2026-10-CNY",
            "a detail row without a bill joins its month's bill"
        );
        assert_eq!(
            line.fingerprint, "import:ab",
            "the fingerprint keeps the bridge's meaning hash"
        );
    }

    #[test]
    fn a_row_without_a_currency_or_an_order_is_refused_in_words() {
        let no_currency = row(vec![
            (Field::OrderId, Value::Id("CS1".into())),
            (
                Field::Period,
                Value::Period(gallerist_bridge::Period { year: 2026, month: 9 }),
            ),
            (
                Field::SettlementAmount,
                Value::Amount {
                    minor: 100,
                    currency: "XXX".into(),
                },
            ),
        ]);
        let err = to_line(&no_currency, "import:").expect_err("an unknown currency cannot be summed");
        assert!(err.contains("currency"), "the reason names the currency: {err}");
        let no_order = row(vec![(Field::SalesAmount, cny(100))]);
        let err = to_line(&no_order, "import:").expect_err("a line needs an order");
        assert!(err.contains("order"), "the reason names the order: {err}");
    }

    #[test]
    fn shares_round_half_away_from_zero_in_integers() {
        assert_eq!(share(1, 500_000), 1, "half a fen rounds up");
        assert_eq!(share(-1, 500_000), -1, "a refund rounds the same way");
        assert_eq!(share(99_999, 25_000), 2_500, "2.5 % of 999.99 is 25.00 (24.99975)");
    }
}
