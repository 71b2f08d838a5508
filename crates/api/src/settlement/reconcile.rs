//! Reconciliation: the lines Gallerist expects from its orders and the fee rules, against
//! the lines the bills carry; every difference with its amount and likely cause.
//!
//! WHY: bills are no longer confirmed by the seller before payment, and a disputed line
//! is corrected only in a later period after a service ticket (reference §5), so a
//! difference must be found while it can still be raised. Expected lines come from the
//! settlement facts of each order: an order that passes every bill-run condition, whose
//! run (on the seller's working calendar) is on or before today, is expected in that
//! run's period at `fee_rate` for its type and release date and `settle`'s net. The
//! matching and the causes are the domain's `reconcile`.

use super::calendar::working_calendar;
use crate::{ApiError, Core};
use chrono::NaiveDate;
use gallerist_domain::clock::china_day;
use gallerist_domain::money::Money;
use gallerist_domain::settlement::{
    billed_period, fee_rate, reconcile, settle, why_not_billed, ActualLine, ExpectedLine, OrderFacts, ProductType,
    Variance, VarianceCause, YearMonth,
};
use gallerist_store::bill_figures;
use gallerist_store::bills::LineRow;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReconcileArg {
    pub account_id: i64,
    /// Limit to one bill: its lines, and the orders expected in its period.
    pub bill_id: Option<String>,
    /// Return at most this many differences (the counts still cover all); the screen
    /// asks for a few hundred, an export for all.
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceRow {
    pub order_id: String,
    pub cause: VarianceCause,
    /// `YYYY-MM`.
    pub expected_period: Option<String>,
    pub actual_period: Option<String>,
    pub expected_minor: i64,
    pub actual_minor: i64,
    /// `actual − expected`.
    pub difference_minor: i64,
    /// The cause in words, English and zh-CN.
    pub label: gallerist_domain::settlement::Label,
    /// The bill carrying the actual line, if any.
    pub bill_id: Option<String>,
    pub product_name: String,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CauseTotal {
    pub cause: VarianceCause,
    pub count: usize,
    /// Sum of `actual − expected` for this cause, minor units.
    pub difference_minor: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reconciliation {
    pub as_of: NaiveDate,
    pub expected_lines: usize,
    pub actual_lines: usize,
    /// Lines that agree exactly.
    pub matched: usize,
    pub by_cause: Vec<CauseTotal>,
    /// Every difference, however many are returned.
    pub variance_count: usize,
    pub variances: Vec<VarianceRow>,
}

/// The line an order should produce by `today`, if any, with its product name.
fn expected(
    order_id: &str,
    body: &Value,
    today: NaiveDate,
    site: gallerist_domain::settlement::BillingSite,
    cal: &gallerist_domain::settlement::WorkingCalendar,
) -> Option<(ExpectedLine, String)> {
    let facts = OrderFacts::deserialize(&body["facts"]).ok()?;
    let amount = Money::deserialize(&body["amount"]).ok()?;
    let product_type = ProductType::deserialize(&body["product_type"]).ok()?;
    let released_on = NaiveDate::deserialize(&body["released_on"]).ok()?;
    let verdict = why_not_billed(&facts, site, cal);
    let run = verdict.run_date.filter(|r| verdict.billable && *r <= today)?;
    let rate = fee_rate(product_type, released_on, facts.effective_on);
    let b = settle(amount.minor, 0, rate.ppm, 0, 0);
    let line = ExpectedLine {
        order_id: order_id.to_string(),
        period: billed_period(run),
        amount_minor: b.gross,
        net_minor: b.net,
    };
    Some((line, body["product_name"].as_str().unwrap_or_default().to_string()))
}

fn period_of(text: &str) -> Option<YearMonth> {
    let (y, m) = text.split_once('-')?;
    let (year, month): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&month).then(|| YearMonth::new(year, month))
}

pub fn reconcile_bills(core: &Core, args: ReconcileArg) -> Result<Reconciliation, ApiError> {
    let calendar = working_calendar(core)?;
    let today = china_day(core.clock.now());
    let conn = core.store.conn()?;
    let scope = match &args.bill_id {
        Some(id) => Some(super::bill_view::stored_bill(&conn, args.account_id, id)?),
        None => None,
    };
    let site = gallerist_store::accounts::get(&conn, args.account_id)?.site.into();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut expected_lines = Vec::new();
    for (id, body, _) in bill_figures::settlement_orders(&conn, args.account_id)? {
        if let Some((line, name)) = expected(&id, &body, today, site, &calendar) {
            names.insert(id, name);
            expected_lines.push(line);
        }
    }
    let lines: Vec<LineRow> = match &scope {
        Some(bill) => bill_figures::lines_of_bill(&conn, args.account_id, &bill.bill_id)?,
        None => bill_figures::lines_of_account(&conn, args.account_id)?,
    };
    let mut carried: BTreeMap<(String, YearMonth), (String, String, String)> = BTreeMap::new();
    let mut actual = Vec::with_capacity(lines.len());
    for l in &lines {
        let Some(period) = period_of(&l.period) else { continue };
        carried.insert(
            (l.order_id.clone(), period),
            (l.bill_id.clone(), l.product_name.clone(), l.currency.clone()),
        );
        actual.push(ActualLine {
            order_id: l.order_id.clone(),
            period,
            amount_minor: l.gross_minor,
            net_minor: l.net_minor,
        });
    }
    let scope_period = scope.as_ref().and_then(|b| period_of(&b.period));
    if let Some(p) = scope_period {
        // Expected lines of this period, and of any order this bill carries (billed late or early).
        let on_bill: std::collections::BTreeSet<&str> = actual.iter().map(|a| a.order_id.as_str()).collect();
        expected_lines.retain(|e| e.period == p || on_bill.contains(e.order_id.as_str()));
    }
    let variances = reconcile(&expected_lines, &actual);
    let variance_count = variances.len();
    let differing: std::collections::BTreeSet<&str> = variances.iter().map(|v| v.order_id.as_str()).collect();
    let matched = actual
        .iter()
        .filter(|a| !differing.contains(a.order_id.as_str()))
        .count();
    let currency = scope.as_ref().map_or("CNY", |b| b.currency.as_str()).to_string();
    let mut by_cause: Vec<CauseTotal> = Vec::new();
    let keep = args.limit.unwrap_or(usize::MAX);
    let rows: Vec<VarianceRow> = variances
        .into_iter()
        .enumerate()
        .filter_map(|(i, v): (usize, Variance)| {
            let at = match by_cause.iter().position(|t| t.cause == v.cause) {
                Some(at) => at,
                None => {
                    by_cause.push(CauseTotal {
                        cause: v.cause,
                        count: 0,
                        difference_minor: 0,
                    });
                    by_cause.len() - 1
                }
            };
            let t = &mut by_cause[at];
            t.count += 1;
            t.difference_minor += v.difference_minor;
            if i >= keep {
                return None;
            }
            let on = v.actual_period.and_then(|p| carried.get(&(v.order_id.clone(), p)));
            Some(VarianceRow {
                bill_id: on.map(|c| c.0.clone()),
                product_name: on
                    .map(|c| c.1.clone())
                    .or_else(|| names.get(&v.order_id).cloned())
                    .unwrap_or_default(),
                currency: on.map_or_else(|| currency.clone(), |c| c.2.clone()),
                order_id: v.order_id,
                cause: v.cause,
                expected_period: v.expected_period.map(|p| p.to_string()),
                actual_period: v.actual_period.map(|p| p.to_string()),
                expected_minor: v.expected_minor,
                actual_minor: v.actual_minor,
                difference_minor: v.difference_minor,
                label: v.label,
            })
        })
        .collect();
    Ok(Reconciliation {
        as_of: today,
        expected_lines: expected_lines.len(),
        actual_lines: actual.len(),
        matched,
        by_cause,
        variance_count,
        variances: rows,
    })
}
