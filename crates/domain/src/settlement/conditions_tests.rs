//! The bill-run conditions and the expected run (reference §5, S-CN-R, S-CN-P2).

use super::calendar::WorkingCalendar;
use super::conditions::*;
use super::run::{BillingSite, OrderKind, YearMonth};
use crate::supervision::SupervisionStatus;
use chrono::{NaiveDate, TimeZone, Utc};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A new order activated in October 2026, paid online, everything in order.
fn ready() -> OrderFacts {
    OrderFacts {
        paid_at: Some(Utc.with_ymd_and_hms(2026, 10, 5, 2, 0, 0).unwrap()),
        payment: Payment::Online,
        repaid: false,
        supervision: SupervisionStatus::NotInvolved,
        effective: true,
        certified: true,
        kind: OrderKind::New,
        activated_on: day(2026, 10, 5),
        effective_on: day(2026, 10, 5),
        consumed_month: YearMonth::new(2026, 10),
        supervision_completed_on: None,
        same_type_billed: Some(250_000),
    }
}

fn check(facts: &OrderFacts) -> WhyNotBilled {
    why_not_billed(facts, BillingSite::Cn, &WorkingCalendar::default_cn())
}

/// The conditions that hold the order back; a second reading never does.
fn failing(answer: &WhyNotBilled) -> Vec<ConditionKey> {
    answer
        .conditions
        .iter()
        .filter(|c| !c.pass && !c.second_reading)
        .map(|c| c.key)
        .collect()
}

#[test]
fn an_order_passing_everything_is_billed_in_the_next_months_run() {
    let answer = check(&ready());
    let keys: Vec<_> = answer.conditions.iter().map(|c| c.key).collect();
    use ConditionKey::*;
    assert_eq!(
        keys,
        [Paid, Repaid, Supervision, Effective, Certified, CumulativeAmount],
        "in the reference's order, the FAQ's extra condition last"
    );
    assert!(answer.conditions.iter().all(|c| c.pass));
    assert!(answer.billable);
    assert_eq!(
        answer.run_date,
        Some(day(2026, 11, 3)),
        "Tuesday 3 November bills October"
    );
    assert_eq!(answer.conditions[0].data.en, "paid at 2026-10-05 10:00 UTC+8");
}

#[test]
fn each_failing_condition_blocks_the_bill_and_says_why() {
    type Break = fn(&mut OrderFacts);
    let cases: [(ConditionKey, Break, &str); 6] = [
        (ConditionKey::Paid, |f| f.paid_at = None, "未支付"),
        (
            ConditionKey::Repaid,
            |f| f.payment = Payment::CreditLine,
            "信用额度：未还款",
        ),
        (
            ConditionKey::Repaid,
            |f| f.payment = Payment::CashCoupon,
            "现金券：未还款",
        ),
        (
            ConditionKey::Supervision,
            |f| f.supervision = SupervisionStatus::InProgress,
            "进行中",
        ),
        (ConditionKey::Effective, |f| f.effective = false, "尚未生效"),
        (ConditionKey::Certified, |f| f.certified = false, "未完成认证"),
    ];
    for (key, breaks, zh) in cases {
        let mut facts = ready();
        breaks(&mut facts);
        let answer = check(&facts);
        assert_eq!(failing(&answer), [key], "only {key:?} fails");
        assert!(!answer.billable, "{key:?} blocks the bill");
        assert_eq!(answer.run_date, None, "no run date while {key:?} fails");
        let failed = answer.conditions.iter().find(|c| c.key == key).unwrap();
        assert_eq!(failed.data.zh, zh);
        assert!(!failed.label.en.is_empty() && !failed.label.zh.is_empty());
    }
}

#[test]
fn credit_and_coupon_payments_pass_once_repaid_and_online_needs_no_repayment() {
    for payment in [Payment::CreditLine, Payment::CashCoupon] {
        let facts = OrderFacts {
            payment,
            repaid: true,
            ..ready()
        };
        assert!(check(&facts).billable, "{payment:?} repaid");
    }
    let online = check(&ready());
    assert!(
        online.conditions[1].pass,
        "online payment passes even with repaid = false"
    );
    assert_eq!(online.conditions[1].data.en, "paid online: nothing to repay");
}

#[test]
fn completed_supervision_passes_and_shows_its_date() {
    let facts = OrderFacts {
        supervision: SupervisionStatus::Completed,
        supervision_completed_on: Some(day(2026, 10, 20)),
        ..ready()
    };
    let answer = check(&facts);
    assert!(answer.billable);
    assert_eq!(answer.conditions[2].data.zh, "已完成（2026-10-20）");
    assert_eq!(
        answer.run_date,
        Some(day(2026, 11, 3)),
        "completed within October: November run"
    );
}

#[test]
fn supervision_completed_after_the_run_moves_the_bill_to_the_next_period() {
    let facts = OrderFacts {
        supervision: SupervisionStatus::Completed,
        supervision_completed_on: Some(day(2026, 11, 10)),
        ..ready()
    };
    assert_eq!(
        check(&facts).run_date,
        Some(day(2026, 12, 3)),
        "completed 10 November, after the November run: billed in the December run"
    );
    let late_october = OrderFacts {
        activated_on: day(2026, 9, 10),
        supervision_completed_on: Some(day(2026, 9, 30)),
        ..facts
    };
    assert_eq!(
        check(&late_october).run_date,
        Some(day(2026, 10, 8)),
        "completed in September: October run, moved past National Day"
    );
}

#[test]
fn renewals_and_pay_per_use_are_billed_after_their_own_month() {
    let renewal = OrderFacts {
        kind: OrderKind::Renewal,
        effective_on: day(2026, 12, 20),
        ..ready()
    };
    let answer = check(&renewal);
    assert_eq!(answer.run_date, Some(day(2027, 1, 4)), "renewal effective in December");
    assert_eq!(answer.conditions[3].data.en, "effective from 2026-12-20");
    let usage = OrderFacts {
        kind: OrderKind::PayPerUse,
        consumed_month: YearMonth::new(2026, 4),
        ..ready()
    };
    assert_eq!(
        check(&usage).run_date,
        Some(day(2026, 5, 6)),
        "after the Labour Day holiday"
    );
}

#[test]
fn several_failures_are_all_reported() {
    let facts = OrderFacts {
        paid_at: None,
        certified: false,
        ..ready()
    };
    assert_eq!(failing(&check(&facts)), [ConditionKey::Paid, ConditionKey::Certified]);
}

#[test]
fn the_answer_serializes_in_snake_case() {
    let json = serde_json::to_value(check(&ready())).unwrap();
    assert_eq!(json["conditions"][2]["key"], "supervision");
    assert_eq!(json["run_date"], "2026-11-03");
    let facts = serde_json::to_value(ready()).unwrap();
    assert_eq!(facts["supervision"], "not_involved");
    let back: OrderFacts = serde_json::from_value(facts).unwrap();
    assert_eq!(back, ready());
}
