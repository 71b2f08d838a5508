//! Gallerist's expected bill against Huawei's bill, line by line.
//!
//! WHY: bills no longer wait for the seller's confirmation (EN-intl since
//! 2024-12-24), and a dispute must go through a service ticket, after which Huawei
//! adjusts the next period (reference §5, S-EN-CONF, S-CN-Z). A seller who does not
//! spot a difference in time loses it, so every difference is named with its cause.
//!
//! Matching: lines pair by order id and period first; a line left over pairs with
//! the same order in another period (PeriodDiffers); what remains is Missing (expected,
//! not billed) or Extra (billed, not expected). A paired line whose sales amount
//! differs is AmountDiffers; same sales amount but another settlement amount (fee or
//! taxes) is NetDiffers. Differences are `actual − expected`; for Missing the actual
//! is 0 and for Extra the expected is 0. The result is sorted by order id, then period.

use super::run::YearMonth;
use super::Label;
use crate::money::format_minor;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A line Gallerist expects on the bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedLine {
    pub order_id: String,
    pub period: YearMonth,
    /// Sales amount (excl. VAT), minor units.
    pub amount_minor: i64,
    /// Settlement amount, minor units.
    pub net_minor: i64,
}

/// A line on Huawei's bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActualLine {
    pub order_id: String,
    pub period: YearMonth,
    pub amount_minor: i64,
    pub net_minor: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VarianceCause {
    /// Expected but not on the bill.
    Missing,
    /// On the bill but not expected.
    Extra,
    /// Sales amounts differ (minor fields hold sales amounts).
    AmountDiffers,
    /// Same sales amount, different settlement amount: fee or taxes differ.
    NetDiffers,
    /// Billed in another period (minor fields hold settlement amounts).
    PeriodDiffers,
}

/// One difference between the expected and the actual bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variance {
    pub order_id: String,
    pub cause: VarianceCause,
    pub expected_period: Option<YearMonth>,
    pub actual_period: Option<YearMonth>,
    pub expected_minor: i64,
    pub actual_minor: i64,
    /// `actual_minor − expected_minor`.
    pub difference_minor: i64,
    pub label: Label,
}

/// Every difference between `expected` and `actual`, sorted by order id then period.
pub fn reconcile(expected: &[ExpectedLine], actual: &[ActualLine]) -> Vec<Variance> {
    let mut open: BTreeMap<&str, Vec<&ActualLine>> = BTreeMap::new();
    for line in actual {
        open.entry(line.order_id.as_str()).or_default().push(line);
    }
    let mut variances = Vec::new();
    let mut unmatched = Vec::new();
    for line in expected {
        let candidates = open.entry(line.order_id.as_str()).or_default();
        match candidates.iter().position(|a| a.period == line.period) {
            Some(at) => compare(line, candidates.remove(at), &mut variances),
            None => unmatched.push(line),
        }
    }
    for line in unmatched {
        let candidates = open.entry(line.order_id.as_str()).or_default();
        if candidates.is_empty() {
            variances.push(variance(VarianceCause::Missing, Some(line), None));
            continue;
        }
        let other = candidates.remove(0);
        variances.push(variance(VarianceCause::PeriodDiffers, Some(line), Some(other)));
        compare(line, other, &mut variances);
    }
    for line in open.into_values().flatten() {
        variances.push(variance(VarianceCause::Extra, None, Some(line)));
    }
    variances.sort_by(|a, b| {
        (a.order_id.as_str(), a.expected_period.or(a.actual_period))
            .cmp(&(b.order_id.as_str(), b.expected_period.or(b.actual_period)))
    });
    variances
}

fn compare(expected: &ExpectedLine, actual: &ActualLine, out: &mut Vec<Variance>) {
    if expected.amount_minor != actual.amount_minor {
        out.push(variance(VarianceCause::AmountDiffers, Some(expected), Some(actual)));
    } else if expected.net_minor != actual.net_minor {
        out.push(variance(VarianceCause::NetDiffers, Some(expected), Some(actual)));
    }
}

fn variance(cause: VarianceCause, expected: Option<&ExpectedLine>, actual: Option<&ActualLine>) -> Variance {
    let pick = |e: &ExpectedLine| match cause {
        VarianceCause::AmountDiffers => e.amount_minor,
        _ => e.net_minor,
    };
    let pick_actual = |a: &ActualLine| match cause {
        VarianceCause::AmountDiffers => a.amount_minor,
        _ => a.net_minor,
    };
    let expected_minor = expected.map_or(0, pick);
    let actual_minor = actual.map_or(0, pick_actual);
    let expected_period = expected.map(|e| e.period);
    let actual_period = actual.map(|a| a.period);
    let (exp, act) = (format_minor(expected_minor), format_minor(actual_minor));
    let period = |p: Option<YearMonth>| p.map_or_else(String::new, |p| p.to_string());
    let (ep, ap) = (period(expected_period), period(actual_period));
    let label = match cause {
        VarianceCause::Missing => Label::new(
            format!("Not on the bill: expected settlement {exp} for {ep}"),
            format!("账单中缺少该订单：预期 {ep} 结算金额 {exp}"),
        ),
        VarianceCause::Extra => Label::new(
            format!("Not expected: billed settlement {act} for {ap}"),
            format!("账单中多出该订单：{ap} 结算金额 {act}"),
        ),
        VarianceCause::AmountDiffers => Label::new(
            format!("Sales amount differs: expected {exp}, billed {act}"),
            format!("销售金额不一致：预期 {exp}，账单 {act}"),
        ),
        VarianceCause::NetDiffers => Label::new(
            format!("Settlement amount differs (fee or taxes): expected {exp}, billed {act}"),
            format!("结算金额不一致（平台使用费或税费）：预期 {exp}，账单 {act}"),
        ),
        VarianceCause::PeriodDiffers => Label::new(
            format!("Billed in period {ap} instead of {ep}"),
            format!("账期不一致：预期 {ep}，实际 {ap}"),
        ),
    };
    Variance {
        order_id: expected.map_or_else(
            || actual.map(|a| a.order_id.clone()).unwrap_or_default(),
            |e| e.order_id.clone(),
        ),
        cause,
        expected_period,
        actual_period,
        expected_minor,
        actual_minor,
        difference_minor: actual_minor.saturating_sub(expected_minor),
        label,
    }
}
