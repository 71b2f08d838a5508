//! Why an order is not billed yet: every bill-run condition with pass or fail and the
//! data behind it, and the run the order falls into once the failing ones pass.
//!
//! WHY from the marketplace's settlement facts: paid, credit repaid, supervision,
//! effective and certified are the marketplace's view of the order (交易明细); the
//! conditions are the domain's `why_not_billed`, on the run of the account's site (CN
//! on the working calendar — the seeded 2026 calendar until the seller edits it:
//! `calendar`; international and EU on the 7th). An order the server already billed
//! names its bill.

use super::calendar::working_calendar;
use super::AccountArg;
use crate::{ApiError, Core, ErrorCode};
use chrono::NaiveDate;
use gallerist_domain::clock::china_day;
use gallerist_domain::money::Money;
use gallerist_domain::settlement::{why_not_billed, BillingSite, Condition, OrderFacts, WorkingCalendar};
use gallerist_store::bill_figures;
use gallerist_store::bills::LineRow;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettlementOrderRow {
    pub order_id: String,
    pub product_name: String,
    pub amount: Option<Money>,
    pub billed_in: Option<String>,
    /// Whether every condition holds now.
    pub billable: bool,
    /// The first failing condition, for the list ("supervision in progress").
    pub held_by: Option<Condition>,
    pub run_date: Option<NaiveDate>,
    /// Every condition holds and its run has passed, yet no bill carries it: a
    /// difference for reconciliation (and a service ticket), not a wait.
    pub missed_run: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhyView {
    #[serde(flatten)]
    pub row: SettlementOrderRow,
    pub conditions: Vec<Condition>,
    pub lines: Vec<LineRow>,
}

fn row(
    site: BillingSite,
    calendar: &WorkingCalendar,
    today: NaiveDate,
    order_id: &str,
    body: &Value,
    billed_in: Option<String>,
) -> Result<(SettlementOrderRow, Vec<Condition>), ApiError> {
    let facts = OrderFacts::deserialize(&body["facts"])
        .map_err(|e| ApiError::invalid(format!("the settlement facts of order {order_id} cannot be read: {e}")))?;
    let verdict = why_not_billed(&facts, site, calendar);
    let row = SettlementOrderRow {
        order_id: order_id.to_string(),
        product_name: body["product_name"].as_str().unwrap_or_default().to_string(),
        amount: Money::deserialize(&body["amount"]).ok(),
        billable: verdict.billable,
        held_by: verdict
            .conditions
            .iter()
            .find(|c| !c.pass && !c.second_reading)
            .cloned(),
        run_date: verdict.run_date,
        missed_run: verdict.billable && billed_in.is_none() && verdict.run_date.is_some_and(|r| r <= today),
        billed_in,
    };
    Ok((row, verdict.conditions))
}

/// Every order of the settlement view with its verdict; held-back orders first.
pub fn settlement_orders(core: &Core, args: AccountArg) -> Result<Vec<SettlementOrderRow>, ApiError> {
    let calendar = working_calendar(core)?;
    let today = china_day(core.clock.now());
    let conn = core.store.conn()?;
    let site = gallerist_store::accounts::get(&conn, args.account_id)?.site.into();
    let mut out = Vec::new();
    for (id, body, billed) in bill_figures::settlement_orders(&conn, args.account_id)? {
        out.push(row(site, &calendar, today, &id, &body, billed)?.0);
    }
    out.sort_by_key(|r| (r.billed_in.is_some(), r.billable, r.order_id.clone()));
    Ok(out)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderArg {
    pub account_id: i64,
    pub order_id: String,
}

pub fn why_not_billed_cmd(core: &Core, args: OrderArg) -> Result<WhyView, ApiError> {
    let calendar = working_calendar(core)?;
    let conn = core.store.conn()?;
    let found = bill_figures::settlement_orders(&conn, args.account_id)?
        .into_iter()
        .find(|(id, _, _)| *id == args.order_id)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "order {} has no settlement record on this machine; sync first",
                    args.order_id
                ),
            )
        })?;
    let site = gallerist_store::accounts::get(&conn, args.account_id)?.site.into();
    let (row, conditions) = row(
        site,
        &calendar,
        china_day(core.clock.now()),
        &found.0,
        &found.1,
        found.2,
    )?;
    Ok(WhyView {
        lines: bill_figures::lines_of_order(&conn, args.account_id, &args.order_id)?,
        row,
        conditions,
    })
}
