//! The dashboard's figures, read from the database for one account.
//!
//! Months are UTC+8 calendar months (KooGallery's), the last twelve including the
//! current one, with empty months present as zeros so the chart's axis is honest.

use crate::{ApiError, Core};
use gallerist_domain::money::format_minor;
use gallerist_domain::{china_month, month_start};
use gallerist_store::accounts::{self, Account};
use gallerist_store::order_stats;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    pub amount: String,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthPoint {
    pub month: String,
    pub count: i64,
    pub amount: String,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeCount {
    pub order_type: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModeCount {
    pub charging_mode: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub account: Account,
    pub order_count: i64,
    pub line_count: i64,
    pub buyer_count: i64,
    pub orders_this_month: i64,
    pub gross: Vec<Amount>,
    pub per_month: Vec<MonthPoint>,
    pub by_type: Vec<TypeCount>,
    pub by_charging_mode: Vec<ModeCount>,
    pub timezone_note: String,
}

pub fn dashboard(core: &Core, args: crate::accounts::AccountArg) -> Result<Dashboard, ApiError> {
    let conn = core.store.conn()?;
    let account = accounts::get(&conn, args.account_id)?;
    let now = core.clock.now();
    let this_month = china_month(now);
    let totals = order_stats::totals(&conn, account.id, &this_month)?;
    let months: Vec<String> = (0..12).rev().map(|back| china_month(month_start(now, back))).collect();
    let figures = order_stats::per_month(&conn, account.id, &months[0])?;
    let currency = account.site.currency().code().to_string();
    let per_month = months
        .into_iter()
        .map(|month| {
            let f = figures.iter().find(|f| f.month == month);
            MonthPoint {
                count: f.map_or(0, |f| f.orders),
                amount: format_minor(f.map_or(0, |f| f.amount_minor)),
                currency: f.map_or(currency.clone(), |f| f.currency.clone()),
                month,
            }
        })
        .collect();
    Ok(Dashboard {
        order_count: totals.orders,
        line_count: totals.lines,
        buyer_count: totals.buyers,
        orders_this_month: totals.orders_in_month,
        gross: order_stats::gross(&conn, account.id)?
            .into_iter()
            .map(|(currency, minor)| Amount {
                amount: format_minor(minor),
                currency,
            })
            .collect(),
        per_month,
        by_type: order_stats::by_order_type(&conn, account.id)?
            .into_iter()
            .map(|(order_type, count)| TypeCount { order_type, count })
            .collect(),
        by_charging_mode: order_stats::by_charging_mode(&conn, account.id)?
            .into_iter()
            .map(|(charging_mode, count)| ModeCount { charging_mode, count })
            .collect(),
        timezone_note: "UTC+8".into(),
        account,
    })
}
