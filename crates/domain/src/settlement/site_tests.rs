//! Why-not-billed on every site: the run date comes from the order's site, and the
//! FAQ's "CNY 1,000 cumulative amount for the same product type" is shown as a
//! possible reason, marked as a second reading (reference §5, S-CN-R, S-EN-RECON,
//! S-EN-NOBILL).

use super::calendar::WorkingCalendar;
use super::conditions::*;
use super::run::{BillingSite, OrderKind, YearMonth};
use crate::site::Site;
use crate::supervision::SupervisionStatus;
use chrono::{NaiveDate, TimeZone, Utc};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A new order activated in September 2026, paid online, everything in order.
fn september(same_type_billed: Option<i64>) -> OrderFacts {
    OrderFacts {
        paid_at: Some(Utc.with_ymd_and_hms(2026, 9, 10, 2, 0, 0).unwrap()),
        payment: Payment::Online,
        repaid: false,
        supervision: SupervisionStatus::NotInvolved,
        effective: true,
        certified: true,
        kind: OrderKind::New,
        activated_on: day(2026, 9, 10),
        effective_on: day(2026, 9, 10),
        consumed_month: YearMonth::new(2026, 9),
        supervision_completed_on: None,
        same_type_billed,
    }
}

fn cumulative(answer: &WhyNotBilled) -> &Condition {
    answer
        .conditions
        .iter()
        .find(|c| c.key == ConditionKey::CumulativeAmount)
        .expect("the CNY 1,000 condition is shown, not skipped")
}

#[test]
fn international_and_eu_orders_are_billed_on_the_7th_not_on_the_cn_run() {
    let cal = WorkingCalendar::default_cn();
    let facts = september(Some(500_000));
    let cn = why_not_billed(&facts, Site::Cn.into(), &cal);
    assert_eq!(
        cn.run_date,
        Some(day(2026, 10, 8)),
        "CN: the 3rd, moved past National Day"
    );
    for site in [Site::Intl, Site::Eu] {
        let answer = why_not_billed(&facts, site.into(), &cal);
        assert_eq!(
            answer.run_date,
            Some(day(2026, 10, 7)),
            "{site:?}: the 7th of October bills September, whatever the mainland holidays"
        );
    }
    assert_eq!(BillingSite::from(Site::Intl), BillingSite::Intl);
}

#[test]
fn the_cumulative_amount_is_a_possible_reason_marked_as_a_second_reading() {
    let cal = WorkingCalendar::default_cn();
    let below = why_not_billed(&september(Some(80_000)), BillingSite::Cn, &cal);
    let c = cumulative(&below);
    assert!(c.second_reading, "marked as a second reading");
    assert!(!c.pass, "CNY 800 is below CNY 1,000: a possible reason");
    assert!(c.data.en.contains("800.00"), "says what was found: {}", c.data.en);
    assert!(c.data.zh.contains("800.00"), "{}", c.data.zh);
    assert!(c.label.en.contains("second reading"), "{}", c.label.en);
    assert!(c.label.zh.contains("另一种解读"), "{}", c.label.zh);
    assert!(
        below.billable && below.run_date.is_some(),
        "a second reading does not hold the order back on its own"
    );

    let unknown = why_not_billed(&september(None), BillingSite::Cn, &cal);
    assert!(!cumulative(&unknown).pass, "not known: still shown as possible");
    assert!(cumulative(&unknown).data.en.contains("not known"));

    let above = why_not_billed(&september(Some(100_000)), BillingSite::Cn, &cal);
    assert!(cumulative(&above).pass, "CNY 1,000 reached");
}
