//! The 2024-03-01 GMV rebate (GMV 返还) for products on the general-product 5 % fee.
//!
//! WHY: from 2024-03-01 a 5 %-fee product keeps a base share of 95 % plus an
//! incremental share that grows with the product's paid amount in the month
//! (reference §5, S-CN-X, S-CN-D, S-CN-R3). For a busy product that is real money,
//! and it does not show on the order lines, so Gallerist computes it per product and
//! month and says what it is based on.
//!
//! The tier table is NOT published: the reference quotes one example only — CNY 1.5 M
//! in a month → 95 % + 2 % — and lists the full table as not found (§8). So tiers are
//! data ([`GmvRebateTable`]) the seller can complete from the console; the seed holds
//! that one example as a tier starting at CNY 1 500 000.00 and says it is incomplete.
//! Below every known tier of an incomplete table the extra share is *unknown*
//! (`None`), never zero: a seller must not be told "no rebate" when we do not know.
//!
//! Readings where the reference is silent:
//! - A line still carries the 5 % fee ([`super::fee::general_product_rate`]); the
//!   rebate is settled monthly apart from the lines, as `paid × extra share`.
//! - The example multiplies the whole amount by the share ("1.5 M × (95 % + 2 %)"),
//!   so a tier applies to the whole monthly amount, not only to the part above its
//!   threshold, and a threshold is reached when the amount equals it.
//! - Tiers grow with the amount, so the highest tier reached applies; an incomplete
//!   table may miss a higher tier, and the note says so.
//! - "Monthly paid amount" is the product's paid order amount in one UTC+8 calendar
//!   month (totals reset on the 1st at 00:00), summed by the caller over orders that
//!   pass [`rebate_eligibility`] only; orders effective before 2024-03-01, including
//!   ones still in supervision, keep the old rule. The reference does not say how
//!   refunds or taxes count; the caller's figure is taken as given.
//! - Tiers are in one currency; an amount in another currency gets no guess (no
//!   exchange rate is documented), only a note.
//! - A seller share cannot exceed 100 %: an entered extra share above 5 % is taken as 5 %.
//!
//! Money is `i64` minor units and shares are ppm; the rebate is rounded half-up at the
//! minor unit with the same integer rounding as the fee ([`super::net`]), never `f64`.

use super::fee::{FeeRule, GENERAL_PRODUCT_PPM, PPM};
use super::net::{clamp, div_half_up};
use super::Label;
use crate::money::{format_minor, Currency};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Orders effective from this UTC+8 day take part in the GMV rebate.
pub const GMV_REBATE_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(2024, 3, 1) {
    Some(day) => day,
    None => panic!("2024-03-01 is a valid date"),
};

/// The seller's base share on the 5 % rule: 95 %.
pub const BASE_SHARE_PPM: u32 = PPM - GENERAL_PRODUCT_PPM;

/// From a monthly paid amount of `from_paid_minor` (inclusive), the extra share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GmvTier {
    pub from_paid_minor: i64,
    /// Incremental share in ppm: 20 000 = 2 %.
    pub extra_ppm: u32,
}

/// Rebate tiers by monthly paid amount, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GmvRebateTable {
    pub currency: Currency,
    /// In any order; [`GmvRebateTable::tier_for`] picks the highest one reached.
    pub tiers: Vec<GmvTier>,
    /// `false` while the table may lack tiers (e.g. only the documented example).
    pub complete: bool,
}

impl GmvRebateTable {
    /// The one documented example (CNY 1.5 M in a month → +2 %), marked incomplete.
    pub fn documented_seed() -> Self {
        Self {
            currency: Currency::Cny,
            tiers: vec![GmvTier {
                from_paid_minor: 150_000_000,
                extra_ppm: 20_000,
            }],
            complete: false,
        }
    }

    /// The highest tier `paid_minor` reaches, if any.
    pub fn tier_for(&self, paid_minor: i64) -> Option<GmvTier> {
        self.tiers
            .iter()
            .filter(|tier| paid_minor >= tier.from_paid_minor)
            .max_by_key(|tier| tier.from_paid_minor)
            .copied()
    }
}

/// One product's GMV rebate for one month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MonthlyRebate {
    pub currency: Currency,
    pub paid_minor: i64,
    pub base_share_ppm: u32,
    /// `None` when unknown: another currency, or below every tier of an incomplete table.
    pub extra_ppm: Option<u32>,
    /// Base + extra, when the extra is known.
    pub seller_share_ppm: Option<u32>,
    /// `paid × extra`, rounded half-up at the minor unit, when the extra is known.
    pub rebate_minor: Option<i64>,
    pub table_complete: bool,
    pub note: Label,
}

/// The rebate for a product whose eligible orders were paid `paid_minor` (in
/// `currency`) in one month, by the tiers of `table`.
pub fn monthly_rebate(paid_minor: i64, currency: Currency, table: &GmvRebateTable) -> MonthlyRebate {
    let extra_ppm = if currency != table.currency {
        None
    } else {
        match table.tier_for(paid_minor) {
            Some(tier) => Some(tier.extra_ppm.min(PPM - BASE_SHARE_PPM)),
            None if table.complete => Some(0),
            None => None,
        }
    };
    let rebate_minor =
        extra_ppm.map(|extra| clamp(div_half_up(i128::from(paid_minor) * i128::from(extra), i128::from(PPM))));
    let note = if currency != table.currency {
        Label::new(
            format!(
                "Rebate unknown: the tiers are in {}, this product is paid in {}",
                table.currency.code(),
                currency.code()
            ),
            format!(
                "返还未知：返还档位以 {} 计，此商品以 {} 支付",
                table.currency.code(),
                currency.code()
            ),
        )
    } else {
        match (extra_ppm, rebate_minor) {
            (Some(extra), Some(rebate)) => reached_note(extra, rebate, table),
            _ => Label::new(
                "Rebate unknown: the monthly paid amount is below every known tier and the tier table is incomplete",
                "返还未知：本月支付金额低于所有已知档位，且档位表不完整",
            ),
        }
    };
    MonthlyRebate {
        currency,
        paid_minor,
        base_share_ppm: BASE_SHARE_PPM,
        extra_ppm,
        seller_share_ppm: extra_ppm.map(|extra| BASE_SHARE_PPM + extra),
        rebate_minor,
        table_complete: table.complete,
        note,
    }
}

fn reached_note(extra: u32, rebate: i64, table: &GmvRebateTable) -> Label {
    let (en_base, zh_base) = if extra == 0 {
        (
            "No incremental share at this monthly paid amount: base share 95 % only".to_string(),
            "本月支付金额无增量分成：仅基础分成 95%".to_string(),
        )
    } else {
        let amount = format!("{} {}", format_minor(rebate), table.currency.code());
        (
            format!(
                "Base share 95 % + incremental share {} %: rebate {amount}",
                percent(extra)
            ),
            format!("基础分成 95% + 增量分成 {}%：返还 {amount}", percent(extra)),
        )
    };
    if table.complete {
        Label::new(en_base, zh_base)
    } else {
        Label::new(
            format!("{en_base} (the tier table is incomplete: a higher tier not yet entered may apply)"),
            format!("{zh_base}（档位表不完整：可能适用尚未录入的更高档位）"),
        )
    }
}

/// Whether an order counts towards the GMV rebate, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RebateEligibility {
    pub eligible: bool,
    pub note: Label,
}

/// Whether an order charged under `rule` and effective on `order_effective` (UTC+8
/// day) counts towards its product's monthly paid amount for the GMV rebate.
pub fn rebate_eligibility(rule: FeeRule, order_effective: NaiveDate) -> RebateEligibility {
    let (eligible, en, zh) = if rule != FeeRule::GeneralFivePercent {
        (
            false,
            "Not eligible: the GMV rebate applies only to products on the general-product 5 % fee",
            "不适用：GMV 返还仅适用于平台使用费比例为 5% 的通用商品",
        )
    } else if order_effective < GMV_REBATE_SINCE {
        (
            false,
            "Not eligible: orders effective before 2024-03-01 keep the old rule, even if still in supervision",
            "不适用：2024-03-01 之前生效的订单（含服务监管未完成的订单）仍按原规则",
        )
    } else {
        (
            true,
            "Eligible: 5 % product, order effective from 2024-03-01; counts towards its month's GMV rebate",
            "适用：5% 通用商品，订单自 2024-03-01 起生效，计入当月 GMV 返还",
        )
    };
    RebateEligibility {
        eligible,
        note: Label::new(en, zh),
    }
}

/// A ppm share as a percentage without trailing zeros: 20 000 → "2", 25 000 → "2.5".
fn percent(ppm: u32) -> String {
    let (whole, frac) = (ppm / 10_000, ppm % 10_000);
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{frac:04}").trim_end_matches('0'))
    }
}
