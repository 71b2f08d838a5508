//! The 7-day deadline in UTC+8 calendar days and the request's states (S-CN-AD, S-CN-Y).

use super::*;
use crate::clock::china_offset;
use crate::money::{Currency, Money};
use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};

/// A UTC+8 wall-clock time.
fn beijing(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    china_offset()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn cny(yuan: i64) -> Money {
    Money::new(yuan * 100, Currency::Cny)
}

fn request_at(at: DateTime<Utc>) -> InvoiceRequest {
    let kind = InvoiceKind::new(InvoiceType::VatOrdinary, Medium::Electronic);
    InvoiceRequest::new("CS2601281530ABCDE", kind, cny(1_200), at)
}

#[test]
fn a_late_evening_request_at_month_end_is_due_before_midnight_of_its_seventh_day() {
    let req = request_at(beijing(2026, 1, 28, 23, 30));
    assert_eq!(
        req.requested_at,
        Utc.with_ymd_and_hms(2026, 1, 28, 15, 30, 0).unwrap(),
        "23:30 UTC+8 is 15:30 UTC"
    );
    assert_eq!(
        req.last_day(),
        NaiveDate::from_ymd_opt(2026, 2, 3).unwrap(),
        "Jan 28 counts as day 1, so day 7 is Feb 3 across the month end"
    );
    assert_eq!(
        req.deadline(),
        beijing(2026, 2, 4, 0, 0),
        "too late from 00:00 UTC+8 on Feb 4"
    );
    assert_eq!(
        req.deadline(),
        Utc.with_ymd_and_hms(2026, 2, 3, 16, 0, 0).unwrap(),
        "which is 16:00 UTC on Feb 3"
    );
    assert_eq!(
        req.remaining(req.requested_at),
        TimeDelta::days(6) + TimeDelta::minutes(30),
        "a request at 23:30 leaves 6 days and 30 minutes"
    );
    let deadline = req.deadline();
    assert_eq!(req.remaining(deadline - TimeDelta::seconds(1)), TimeDelta::seconds(1));
    assert!(
        !req.is_overdue(deadline - TimeDelta::seconds(1)),
        "23:59:59 on Feb 3 is still in time"
    );
    assert!(req.is_overdue(deadline), "00:00 on Feb 4 is overdue");
    assert_eq!(
        req.remaining(deadline + TimeDelta::hours(2)),
        -TimeDelta::hours(2),
        "remaining goes negative once overdue"
    );
}

#[test]
fn the_day_is_the_utc8_day_not_the_utc_day() {
    let utc_evening = Utc.with_ymd_and_hms(2026, 1, 31, 16, 30, 0).unwrap();
    let req = request_at(utc_evening);
    assert_eq!(
        req.last_day(),
        NaiveDate::from_ymd_opt(2026, 2, 7).unwrap(),
        "16:30 UTC on Jan 31 is Feb 1 in UTC+8, so day 7 is Feb 7"
    );
    let midnight = request_at(beijing(2026, 2, 1, 0, 0));
    assert_eq!(
        midnight.remaining(midnight.requested_at),
        TimeDelta::days(7),
        "a request at 00:00 UTC+8 gets full 7 days"
    );
}

#[test]
fn the_seller_issues_for_the_full_amount_or_revokes_and_can_return_an_issued_invoice() {
    let t = beijing(2026, 1, 28, 23, 30);
    let mut req = request_at(t);
    let issue = |amount| InvoiceOp::Issue {
        number: "044001900111".into(),
        amount,
    };
    assert_eq!(
        req.apply(Actor::Seller, issue(cny(1_000)), t),
        Err(Refusal::NotFullAmount {
            expected: cny(1_200),
            found: cny(1_000)
        }),
        "a partial invoice is refused"
    );
    let blank = InvoiceOp::Issue {
        number: " ".into(),
        amount: cny(1_200),
    };
    assert_eq!(req.apply(Actor::Seller, blank, t), Err(Refusal::NoInvoiceNumber));
    assert_eq!(
        req.apply(Actor::Buyer, issue(cny(1_200)), t),
        Err(Refusal::WrongActor { actor: Actor::Buyer })
    );
    assert_eq!(
        req.apply(Actor::Seller, issue(cny(1_200)), t - TimeDelta::seconds(1)),
        Err(Refusal::BeforeRequest)
    );
    assert_eq!(req.status, InvoiceStatus::Requested, "refusals leave the request open");
    let on_day_7 = beijing(2026, 2, 3, 23, 59);
    assert_eq!(
        req.apply(Actor::Seller, issue(cny(1_200)), on_day_7),
        Ok(InvoiceStatus::Issued)
    );
    assert!(!req.issued_late(), "issued on day 7 is in time");
    assert!(
        !req.is_overdue(on_day_7 + TimeDelta::days(9)),
        "an issued invoice is never overdue"
    );
    let revoke = InvoiceOp::Revoke {
        reason: "duplicate".into(),
    };
    assert_eq!(
        req.apply(Actor::Seller, revoke, on_day_7),
        Err(Refusal::NotAllowed {
            status: InvoiceStatus::Issued
        }),
        "issued cannot be revoked"
    );
    let ret = |r: &str| InvoiceOp::Return { reason: r.into() };
    assert_eq!(
        req.apply(Actor::Seller, ret(""), on_day_7),
        Err(Refusal::EmptyReason),
        "a return needs a reason"
    );
    assert_eq!(
        req.apply(Actor::Seller, ret("order refunded"), on_day_7),
        Ok(InvoiceStatus::Returned)
    );
    assert_eq!(
        req.apply(Actor::Seller, ret("again"), on_day_7),
        Err(Refusal::NotAllowed {
            status: InvoiceStatus::Returned
        })
    );
}

#[test]
fn a_revoked_request_takes_no_further_step_and_a_late_issue_is_marked() {
    let t = beijing(2026, 1, 28, 23, 30);
    let mut revoked = request_at(t);
    let ret = InvoiceOp::Return { reason: "x".into() };
    assert_eq!(
        revoked.apply(Actor::Seller, ret, t),
        Err(Refusal::NotAllowed {
            status: InvoiceStatus::Requested
        }),
        "nothing to return yet"
    );
    assert_eq!(
        revoked.apply(Actor::Seller, InvoiceOp::Revoke { reason: " ".into() }, t),
        Err(Refusal::EmptyReason)
    );
    assert_eq!(
        revoked.apply(
            Actor::Seller,
            InvoiceOp::Revoke {
                reason: "wrong title".into()
            },
            t
        ),
        Ok(InvoiceStatus::Revoked)
    );
    let issue = InvoiceOp::Issue {
        number: "1".into(),
        amount: cny(1_200),
    };
    assert_eq!(
        revoked.apply(Actor::Seller, issue.clone(), t),
        Err(Refusal::NotAllowed {
            status: InvoiceStatus::Revoked
        })
    );
    assert!(
        !revoked.is_overdue(t + TimeDelta::days(30)),
        "a revoked request is not overdue"
    );

    let mut late = request_at(t);
    late.apply(Actor::Seller, issue, beijing(2026, 2, 4, 0, 0)).unwrap();
    assert!(late.issued_late(), "issued at 00:00 on Feb 4 is late");
}

#[test]
fn general_products_since_november_2018_are_invoiced_by_the_seller() {
    let since = beijing(2018, 11, 1, 0, 0);
    assert_eq!(invoicer(ProductOrigin::General, since), Invoicer::Seller);
    assert_eq!(
        invoicer(ProductOrigin::General, since - TimeDelta::seconds(1)),
        Invoicer::HuaweiCloud,
        "older general orders: Huawei"
    );
    for origin in [
        ProductOrigin::JointOperation,
        ProductOrigin::SelfService,
        ProductOrigin::Selected,
        ProductOrigin::Huawei,
    ] {
        assert_eq!(
            invoicer(origin, since + TimeDelta::days(999)),
            Invoicer::HuaweiCloud,
            "{origin:?} orders are invoiced by Huawei"
        );
    }
}

#[test]
fn every_refusal_has_an_english_and_a_chinese_reason() {
    let all = [
        Refusal::WrongActor { actor: Actor::Buyer },
        Refusal::BeforeRequest,
        Refusal::NotAllowed {
            status: InvoiceStatus::Issued,
        },
        Refusal::NoInvoiceNumber,
        Refusal::NotFullAmount {
            expected: cny(1),
            found: cny(2),
        },
        Refusal::EmptyReason,
    ];
    for r in all {
        assert!(
            r.message_en().is_ascii() && !r.message_en().is_empty(),
            "{r:?} needs an English reason"
        );
        assert!(
            r.message_zh().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{r:?} needs a zh-CN reason"
        );
    }
}
