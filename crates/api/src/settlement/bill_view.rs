//! One bill: its basic information, the waterfall from gross to net, and its lines a
//! page at a time (the table shows 100,000 lines by asking only for what is on screen).

use crate::{ApiError, Core, ErrorCode};
use chrono::NaiveDate;
use gallerist_domain::settlement::{settlement_schedule, ScheduledStep};
use gallerist_store::bill_figures;
use gallerist_store::bills::{self, BillRow, LineRow};
use serde::{Deserialize, Serialize};

use super::AccountArg;

pub fn list_bills(core: &Core, args: AccountArg) -> Result<Vec<BillRow>, ApiError> {
    Ok(bills::bills(&*core.store.conn()?, args.account_id)?)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillArg {
    pub account_id: i64,
    pub bill_id: String,
}

/// One step of the waterfall, in minor units: gross, then deductions, then net.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// `gross`, `customer_wht`, `fee`, `seller_wht`, `dst`, `net`.
    pub key: &'static str,
    pub minor: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BillDetail {
    #[serde(flatten)]
    pub bill: BillRow,
    pub waterfall: Vec<Step>,
    /// Whether the lines add up to the bill's totals (synced bills carry the server's).
    pub lines_match_totals: bool,
    /// The settlement steps after its run with expected dates (on the seller's working
    /// calendar); empty when the run date is not known (an imported bill).
    pub schedule: Vec<ScheduledStep>,
    /// Whether the platform-fee invoice can be requested, and what is on its way.
    pub fee_invoice_panel: super::fee_invoice::FeeInvoicePanel,
}

/// A bill on this machine, or `not_found` naming it.
pub(super) fn stored_bill(
    conn: &gallerist_store::Connection,
    account_id: i64,
    bill_id: &str,
) -> Result<BillRow, ApiError> {
    bills::bill(conn, account_id, bill_id)?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("bill {bill_id} is not on this machine")))
}

pub fn get_bill(core: &Core, args: BillArg) -> Result<BillDetail, ApiError> {
    let conn = core.store.conn()?;
    let bill = stored_bill(&conn, args.account_id, &args.bill_id)?;
    let lines = bill_figures::lines_of_bill(&conn, args.account_id, &args.bill_id)?;
    let sum = |f: fn(&LineRow) -> i64| lines.iter().map(f).sum::<i64>();
    let waterfall = vec![
        Step {
            key: "gross",
            minor: sum(|l| l.gross_minor),
        },
        Step {
            key: "customer_wht",
            minor: -sum(|l| l.customer_wht_minor),
        },
        Step {
            key: "fee",
            minor: -sum(|l| l.fee_minor),
        },
        Step {
            key: "seller_wht",
            minor: -sum(|l| l.seller_wht_minor),
        },
        Step {
            key: "dst",
            minor: -sum(|l| l.dst_minor),
        },
        Step {
            key: "net",
            minor: sum(|l| l.net_minor),
        },
    ];
    let lines_match_totals = sum(|l| l.gross_minor) == bill.gross_minor && sum(|l| l.net_minor) == bill.net_minor;
    let calendar = super::calendar::working_calendar(core)?;
    let schedule = bill
        .run_date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|run| settlement_schedule(run, &calendar))
        .unwrap_or_default();
    let fee_invoice_panel = super::fee_invoice::panel(&conn, args.account_id, &bill)?;
    Ok(BillDetail {
        bill,
        waterfall,
        lines_match_totals,
        schedule,
        fee_invoice_panel,
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinesArg {
    pub account_id: i64,
    pub bill_id: String,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinesPage {
    pub lines: Vec<LineRow>,
    pub total: i64,
    pub offset: i64,
}

pub fn bill_lines(core: &Core, args: LinesArg) -> Result<LinesPage, ApiError> {
    let (lines, total) = bill_figures::lines_page(
        &*core.store.conn()?,
        args.account_id,
        &args.bill_id,
        args.offset,
        args.limit,
    )?;
    Ok(LinesPage {
        lines,
        total,
        offset: args.offset.max(0),
    })
}
