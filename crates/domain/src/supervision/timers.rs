//! The clocks of a case, as pure functions of the case and `now`.
//!
//! WHY functions and not stored deadlines: the thresholds are the platform's, measured
//! from facts the case already holds (when it reached its node, how often a side said
//! no, when the courier signed). Computing them from those facts on every read means a
//! case synced from the marketplace and a case advanced locally always agree.
//!
//! - Appeal (S-CN-M, S-CN-L): allowed when the other side's step has been idle MORE
//!   than 5 days (exactly 5 days is not yet), or after MORE than 3 rejections by the
//!   other side (the 4th). The seller counts the buyer's rejected deliveries; the buyer
//!   counts the seller's rejected requirements. A platform step is nobody's idle ground.
//! - Hardware auto-acceptance (S-CN-J, S-CN-K): 10 days after the courier's sign-off,
//!   measured as 10 × 24 h (the reference does not say calendar days), and never when
//!   the recipient phone of the shipment differs from the one on the buyer's order — or
//!   when the order's phone is unknown, since a match cannot then be shown.

use super::{Actor, AppealGround, Case, Flow, Node, Refusal};
use chrono::{DateTime, TimeDelta, Utc};

/// The other side's step must have been idle longer than this before an appeal.
pub const APPEAL_IDLE_LIMIT: TimeDelta = TimeDelta::days(5);
/// An appeal on rejections needs more rejections than this.
pub const REJECTIONS_BEFORE_APPEAL: u32 = 3;
/// Hardware is accepted automatically this long after the courier's sign-off.
pub const AUTO_ACCEPT_AFTER: TimeDelta = TimeDelta::days(10);

/// The instant after which `by` may appeal because the other side is idle at the
/// current node (strictly after: at that instant it is not yet allowed). `None` when
/// the current node is not the other side's step.
pub fn idle_appeal_opens_after(case: &Case, by: Actor) -> Option<DateTime<Utc>> {
    let waiting_on = case.node.actor()?;
    let other_side = by != Actor::Platform && waiting_on != Actor::Platform && waiting_on != by;
    other_side.then(|| case.node_since + APPEAL_IDLE_LIMIT)
}

/// How often the other side has said no to `by`.
pub fn rejections_against(case: &Case, by: Actor) -> u32 {
    match by {
        Actor::Seller => case.delivery_rejections,
        Actor::Buyer => case.requirement_rejections,
        Actor::Platform => 0,
    }
}

/// Why `by` may appeal now, or why not. Idle is checked first, then rejections.
pub fn appeal_grounds(case: &Case, by: Actor, now: DateTime<Utc>) -> Result<AppealGround, Refusal> {
    if by == Actor::Platform {
        return Err(Refusal::PlatformDoesNotAppeal);
    }
    if case.node.is_closed() {
        return Err(Refusal::Closed { node: case.node });
    }
    if case.is_frozen() {
        return Err(Refusal::AppealPending);
    }
    let opens_after = idle_appeal_opens_after(case, by);
    if opens_after.is_some_and(|after| now > after) {
        return Ok(AppealGround::Idle { since: case.node_since });
    }
    let rejections = rejections_against(case, by);
    if rejections > REJECTIONS_BEFORE_APPEAL {
        return Ok(AppealGround::Rejections { count: rejections });
    }
    Err(Refusal::NoAppealGrounds {
        opens_after,
        rejections,
    })
}

/// When a shipped, signed-off hardware case is accepted automatically, or why never.
pub fn auto_acceptance_at(case: &Case) -> Result<DateTime<Utc>, Refusal> {
    if case.flow != Flow::Hardware {
        return Err(Refusal::NotInThisFlow { flow: case.flow });
    }
    let shipment = case.shipment.as_ref().ok_or(Refusal::NotShipped)?;
    let signed = shipment.signed_off_at.ok_or(Refusal::NotSignedOff)?;
    let order_phone = case.order_phone.as_deref().ok_or(Refusal::OrderPhoneUnknown)?;
    if !same_phone(order_phone, &shipment.recipient_phone) {
        return Err(Refusal::PhoneMismatch);
    }
    Ok(signed + AUTO_ACCEPT_AFTER)
}

/// Whether the platform's automatic acceptance of a hardware case is due at `now`
/// (from the 10-day mark on, inclusive). A frozen case waits for the appeal.
pub fn auto_acceptance_due(case: &Case, now: DateTime<Utc>) -> bool {
    case.node == Node::Accepting && !case.is_frozen() && auto_acceptance_at(case).is_ok_and(|due| now >= due)
}

/// Whether two phone numbers are the same number: spaces, dashes and brackets are
/// ignored, and a mainland mobile matches with or without +86 / 0086. Blank never matches.
pub fn same_phone(a: &str, b: &str) -> bool {
    let (a, b) = (phone_key(a), phone_key(b));
    !a.is_empty() && a == b
}

fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let international = phone.trim_start().starts_with('+') || digits.starts_with("00");
    let national = digits.strip_prefix("00").unwrap_or(&digits);
    match national.strip_prefix("86") {
        Some(mobile) if international && mobile.len() == 11 && mobile.starts_with('1') => mobile.to_owned(),
        _ if international => format!("+{national}"),
        _ => digits,
    }
}
