//! The settlement amount of one order line: what the seller is paid.
//!
//! WHY: the bill states "Settlement amount = Σ(price excl. VAT − customer WHT) ×
//! (1 − platform-fee proportion) − seller taxes (WHT, DST)" (reference §5, S-EU-BILL,
//! S-CN-Z). Showing every intermediate figure lets the seller find which step differs
//! when Huawei's number is not the expected one.
//!
//! Rounding: the fee is the only step that can produce a fraction of a minor unit. It
//! is rounded half-up at the minor unit (0.5 fen → 1 fen) — half away from zero, so a
//! negative line (a refund or downgrade) mirrors its order exactly. The reference does
//! not state Huawei's rounding; half-up is the common commercial rule. Arithmetic runs
//! in `i128` and saturates at the `i64` range, so no input can panic or wrap.

use super::fee::PPM;
use serde::{Deserialize, Serialize};

/// Every figure of one settlement, in minor units of the bill's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Breakdown {
    /// Sales amount excluding VAT.
    pub gross: i64,
    /// Withholding tax deducted by the customer.
    pub customer_wht: i64,
    /// `gross − customer_wht`: what the platform fee is taken from.
    pub base: i64,
    /// The platform fee: `base × rate`, rounded half-up at the minor unit.
    pub fee: i64,
    /// Withholding tax borne by the seller.
    pub seller_wht: i64,
    /// Digital services tax.
    pub dst: i64,
    /// `base − fee − seller_wht − dst`: the settlement amount paid to the seller.
    pub net: i64,
}

/// Settles one line: `net = (gross − customer_wht) × (1 − rate) − seller_wht − dst`.
///
/// `fee_rate_ppm` is parts per million (150 000 = 15 %); a rate above 100 % is
/// taken as 100 %, since a fee cannot exceed what it is taken from.
pub fn settle(gross: i64, customer_wht: i64, fee_rate_ppm: u32, seller_wht: i64, dst: i64) -> Breakdown {
    let base = clamp(i128::from(gross) - i128::from(customer_wht));
    let rate = i128::from(fee_rate_ppm.min(PPM));
    let fee = clamp(div_half_up(i128::from(base) * rate, i128::from(PPM)));
    let net = clamp(i128::from(base) - i128::from(fee) - i128::from(seller_wht) - i128::from(dst));
    Breakdown {
        gross,
        customer_wht,
        base,
        fee,
        seller_wht,
        dst,
        net,
    }
}

/// `numerator / denominator` rounded half away from zero; `denominator > 0`. Shared
/// with [`super::rebate`] so every fraction of a minor unit is rounded the same way.
pub(super) fn div_half_up(numerator: i128, denominator: i128) -> i128 {
    let magnitude = (numerator.abs() * 2 + denominator) / (denominator * 2);
    if numerator < 0 {
        -magnitude
    } else {
        magnitude
    }
}

/// `value` saturated at the `i64` range.
pub(super) fn clamp(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}
