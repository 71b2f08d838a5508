//! Settlement (分账 / 结算): what Huawei will pay a KooGallery seller, when, and why
//! an order is not on a bill yet.
//!
//! WHY: a seller's money arrives only through Huawei's monthly bill run, after a
//! platform fee and taxes, and only for orders that pass every bill-run condition
//! (reference §5). The seller console shows the outcome but not the reasons, so
//! Gallerist recomputes each step from the rules and says, in English and zh-CN,
//! which condition holds an order back and in which run it should appear, and then
//! compares its expectation with Huawei's bill line by line.
//!
//! Pure: no IO and no clock reads. Dates come in as arguments, money is `i64` minor
//! units (fen / cents), rates are parts per million (13 % = 130 000) — never `f64`,
//! because a bill must reconcile to the cent.
//!
//! - [`fee`]: the platform-fee ratio for a product type and release date, or the
//!   general-product 5 % for products on that contract;
//! - [`rebate`]: the 2024-03-01 monthly GMV rebate for 5 % products, by tier table;
//! - [`net`]: settlement amount = (gross − customer WHT) × (1 − fee) − seller WHT − DST;
//! - [`calendar`]: the mainland working-day calendar the CN run date moves on;
//! - [`run`]: run dates per site, the billed period, the month an order belongs to;
//! - [`conditions`]: the bill-run conditions and the expected run date;
//! - [`schedule`]: the steps after a run (bill run → review → payment → paid) with dates;
//! - [`fee_invoice`]: when the seller may ask Huawei for a bill's platform-fee invoice;
//! - [`reconcile`]: expected lines against Huawei's bill.

pub mod calendar;
pub mod conditions;
pub mod fee;
pub mod fee_invoice;
pub mod net;
pub mod rebate;
pub mod reconcile;
pub mod run;
pub mod schedule;

#[cfg(test)]
mod calendar_tests;
#[cfg(test)]
mod conditions_tests;
#[cfg(test)]
mod fee_tests;
#[cfg(test)]
mod net_tests;
#[cfg(test)]
mod rebate_tests;
#[cfg(test)]
mod reconcile_tests;
#[cfg(test)]
mod run_tests;
#[cfg(test)]
mod site_tests;

use serde::{Deserialize, Serialize};

pub use calendar::WorkingCalendar;
pub use conditions::{why_not_billed, Condition, ConditionKey, OrderFacts, Payment, WhyNotBilled};
pub use fee::{
    fee_rate, general_product_rate, FeeRate, FeeRule, ProductType, FEE_BASELINE_FROM, GENERAL_PRODUCT_PPM,
    GENERAL_PRODUCT_SINCE, PPM,
};
pub use fee_invoice::{fee_invoice_blocked, FeeInvoice, FeeInvoiceFacts, FeeInvoiceKind, FeeInvoiceStatus};
pub use net::{settle, Breakdown};
pub use rebate::{
    monthly_rebate, rebate_eligibility, GmvRebateTable, GmvTier, MonthlyRebate, RebateEligibility, BASE_SHARE_PPM,
    GMV_REBATE_SINCE,
};
pub use reconcile::{reconcile, ActualLine, ExpectedLine, Variance, VarianceCause};
pub use run::{attribution_month, billed_period, run_date, BillingSite, OrderKind, YearMonth};
pub use schedule::{settlement_schedule, stage_on, ScheduledStep, Stage};

/// A user-visible text in English and simplified Chinese (zh-CN).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    pub en: String,
    pub zh: String,
}

impl Label {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            zh: zh.into(),
        }
    }
}
