//! The settlement overview: a monthly trend of gross, platform fee, taxes and net per
//! currency, and breakdowns by product and by delivery type.
//!
//! WHY per currency: a seller on both sites has CNY and USD bills; adding them up would
//! be a number nobody can reconcile, so each currency is its own series.

use crate::{ApiError, Core};
use gallerist_store::bill_figures::{self, Totals};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// One row per (month, currency), oldest first.
    pub months: Vec<Totals>,
    /// The currencies present, so the UI can offer a switch.
    pub currencies: Vec<String>,
    pub by_product: Vec<Totals>,
    pub by_type: Vec<Totals>,
    pub bills: i64,
    pub lines: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverviewArg {
    pub account_id: i64,
    /// Limit the breakdowns to one period (`YYYY-MM`).
    pub period: Option<String>,
}

pub fn settlement_overview(core: &Core, args: OverviewArg) -> Result<Overview, ApiError> {
    let conn = core.store.conn()?;
    let months = bill_figures::monthly(&conn, args.account_id)?;
    let mut currencies: Vec<String> = months.iter().map(|m| m.currency.clone()).collect();
    currencies.sort();
    currencies.dedup();
    let period = args.period.as_deref();
    let bills = gallerist_store::bills::bills(&conn, args.account_id)?.len() as i64;
    Ok(Overview {
        lines: months.iter().map(|m| m.lines).sum(),
        by_product: bill_figures::breakdown(&conn, args.account_id, false, period)?,
        by_type: bill_figures::breakdown(&conn, args.account_id, true, period)?,
        months,
        currencies,
        bills,
    })
}
