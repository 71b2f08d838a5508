//! Hardware: shipping, sign-off and automatic acceptance 10 days later (S-CN-J, S-CN-K).

use super::case_tests::{hours, reason, t0};
use super::*;
use chrono::{DateTime, TimeDelta, Utc};
use Actor::{Buyer, Platform, Seller};

fn ship(phone: &str) -> Op {
    Op::Ship {
        courier: "SF Express".into(),
        tracking_number: "SF1234567890".into(),
        recipient_phone: phone.into(),
    }
}

/// A hardware case shipped at hour 1 and signed off at hour 30.
fn signed_off(order_phone: &str, shipped_to: &str) -> (Case, DateTime<Utc>) {
    let mut case = Case::hardware(order_phone, t0());
    assert_eq!(
        case.node,
        Node::ProvidingService,
        "hardware starts at the seller's service"
    );
    assert_eq!(
        case.apply(Seller, ship(shipped_to), hours(1)),
        Ok(Node::Accepting),
        "shipping hands over to the buyer"
    );
    let signed = hours(30);
    assert_eq!(
        case.apply(Platform, Op::RecordSignOff { signed_at: signed }, hours(31)),
        Ok(Node::Accepting),
        "a sign-off keeps the case at the buyer's acceptance"
    );
    (case, signed)
}

#[test]
fn automatic_acceptance_is_due_exactly_ten_days_after_sign_off() {
    let (case, signed) = signed_off("13800138000", "138 0013 8000");
    let due = signed + TimeDelta::days(10);
    assert_eq!(auto_acceptance_at(&case), Ok(due), "due 10 × 24 h after the sign-off");
    assert!(
        !auto_acceptance_due(&case, due - TimeDelta::seconds(1)),
        "one second before 10 days it is not due"
    );
    assert!(auto_acceptance_due(&case, due), "at 10 days it is due");

    let mut early = case.clone();
    assert_eq!(
        early.apply(Platform, Op::AutoAccept, due - TimeDelta::seconds(1)),
        Err(Refusal::NotDueYet { due }),
        "the platform cannot accept before 10 days"
    );
    let mut on_time = case;
    assert_eq!(
        on_time.apply(Platform, Op::AutoAccept, due),
        Ok(Node::Completed),
        "at 10 days the platform accepts"
    );
    assert_eq!(
        on_time.accepted_at,
        Some(due),
        "the acceptance time is when the platform accepted"
    );
}

#[test]
fn a_different_recipient_phone_means_no_automatic_acceptance() {
    let (mut case, signed) = signed_off("13800138000", "13900139000");
    let long_after = signed + TimeDelta::days(30);
    assert_eq!(
        auto_acceptance_at(&case),
        Err(Refusal::PhoneMismatch),
        "phones differ: never automatic"
    );
    assert!(!auto_acceptance_due(&case, long_after), "not due even a month later");
    assert_eq!(
        case.apply(Platform, Op::AutoAccept, long_after),
        Err(Refusal::PhoneMismatch)
    );
    assert_eq!(
        case.apply(Buyer, Op::Accept, long_after),
        Ok(Node::Completed),
        "the buyer can still accept"
    );

    let mut unknown = Case::open(Flow::Hardware, t0());
    unknown.apply(Seller, ship("13800138000"), hours(1)).unwrap();
    unknown
        .apply(Platform, Op::RecordSignOff { signed_at: hours(2) }, hours(2))
        .unwrap();
    assert_eq!(
        auto_acceptance_at(&unknown),
        Err(Refusal::OrderPhoneUnknown),
        "without the order's phone, no match can be shown"
    );
}

#[test]
fn phone_numbers_match_across_formatting_and_country_prefix() {
    for (a, b) in [
        ("13800138000", "+86 138-0013-8000"),
        ("0086 13800138000", "138 0013 8000"),
        ("+65 6123 4567", "+6561234567"),
    ] {
        assert!(same_phone(a, b), "{a} and {b} are the same number");
    }
    for (a, b) in [("13800138000", "13800138001"), ("", ""), ("+65 6123 4567", "6123 4567")] {
        assert!(!same_phone(a, b), "{a:?} and {b:?} must not count as the same number");
    }
}

#[test]
fn shipping_needs_courier_tracking_number_and_phone() {
    let cases = [
        (
            Op::Ship {
                courier: " ".into(),
                tracking_number: "SF1".into(),
                recipient_phone: "1".into(),
            },
            Refusal::MissingCourier,
        ),
        (
            Op::Ship {
                courier: "SF".into(),
                tracking_number: "".into(),
                recipient_phone: "1".into(),
            },
            Refusal::MissingTrackingNumber,
        ),
        (
            Op::Ship {
                courier: "SF".into(),
                tracking_number: "SF1".into(),
                recipient_phone: "".into(),
            },
            Refusal::MissingRecipientPhone,
        ),
    ];
    for (op, refusal) in cases {
        let mut case = Case::hardware("13800138000", t0());
        assert_eq!(
            case.apply(Seller, op, hours(1)),
            Err(refusal),
            "shipping without its facts is refused: {refusal:?}"
        );
        assert_eq!(case.shipment, None, "a refused shipment records nothing");
    }
}

#[test]
fn sign_off_is_recorded_once_after_shipping_and_never_in_the_future() {
    let mut case = Case::hardware("13800138000", t0());
    assert_eq!(
        auto_acceptance_at(&case),
        Err(Refusal::NotShipped),
        "nothing shipped, nothing to accept"
    );
    case.apply(Seller, ship("13800138000"), hours(5)).unwrap();
    assert_eq!(
        auto_acceptance_at(&case),
        Err(Refusal::NotSignedOff),
        "no sign-off, no date"
    );
    let early = Op::RecordSignOff { signed_at: hours(4) };
    assert_eq!(
        case.apply(Platform, early, hours(6)),
        Err(Refusal::SignOffBeforeShipment)
    );
    let future = Op::RecordSignOff { signed_at: hours(7) };
    assert_eq!(case.apply(Platform, future, hours(6)), Err(Refusal::SignOffInFuture));
    case.apply(Platform, Op::RecordSignOff { signed_at: hours(6) }, hours(6))
        .unwrap();
    let again = Op::RecordSignOff { signed_at: hours(7) };
    assert_eq!(
        case.apply(Platform, again, hours(7)),
        Err(Refusal::AlreadySignedOff),
        "one sign-off per shipment"
    );
}

#[test]
fn a_rejected_hardware_delivery_is_shipped_again_and_the_clock_restarts() {
    let (mut case, _) = signed_off("13800138000", "13800138000");
    let rejected = hours(40);
    let op = reason(|r| Op::RejectDelivery { reason: r });
    assert_eq!(
        case.apply(Buyer, op, rejected),
        Ok(Node::ProvidingService),
        "a rejection sends the seller back"
    );
    assert!(
        !auto_acceptance_due(&case, rejected + TimeDelta::days(20)),
        "a rejected delivery is not accepted automatically"
    );
    assert_eq!(
        case.apply(Seller, ship("13800138000"), hours(41)),
        Ok(Node::Accepting),
        "the seller ships again"
    );
    assert_eq!(
        auto_acceptance_at(&case),
        Err(Refusal::NotSignedOff),
        "the new shipment waits for its own sign-off"
    );
    assert_eq!(
        auto_acceptance_at(&Case::open(Flow::License, t0())),
        Err(Refusal::NotInThisFlow { flow: Flow::License })
    );
}
