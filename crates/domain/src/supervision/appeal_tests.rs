//! Appeal thresholds at their edges and the freeze (S-CN-M, S-CN-L, S-CN-J, S-EN-APPEAL).

use super::case_tests::{delivery, hours, reason, submit, t0, walk};
use super::*;
use chrono::{DateTime, TimeDelta, Utc};
use Actor::{Buyer, Platform, Seller};

const SECOND: TimeDelta = TimeDelta::seconds(1);

/// A License case delivered at hour 1: waiting on the buyer's acceptance.
fn delivered() -> (Case, DateTime<Utc>) {
    let mut case = Case::open(Flow::License, t0());
    walk(&mut case, vec![(Seller, delivery(None), Node::Accepting)]);
    (case, hours(1))
}

#[test]
fn the_seller_may_appeal_only_after_more_than_five_idle_days_of_the_buyer() {
    let (case, since) = delivered();
    let five_days = since + TimeDelta::days(5);
    assert_eq!(
        idle_appeal_opens_after(&case, Seller),
        Some(five_days),
        "the buyer's step opens an appeal after 5 days"
    );
    assert_eq!(
        appeal_grounds(&case, Seller, five_days),
        Err(Refusal::NoAppealGrounds {
            opens_after: Some(five_days),
            rejections: 0
        }),
        "exactly 5 days idle is not yet more than 5 days"
    );
    assert_eq!(
        appeal_grounds(&case, Seller, five_days + SECOND),
        Ok(AppealGround::Idle { since }),
        "5 days and 1 second idle allows the seller's appeal"
    );
    assert_eq!(
        idle_appeal_opens_after(&case, Buyer),
        None,
        "the buyer cannot appeal idleness at its own step"
    );
    assert!(
        appeal_grounds(&case, Buyer, five_days + TimeDelta::days(30)).is_err(),
        "waiting on yourself is no ground"
    );
}

#[test]
fn the_buyer_may_appeal_when_the_sellers_step_is_idle_more_than_five_days() {
    for flow in [Flow::Hardware, Flow::AppOrchestration] {
        let case = Case::open(flow, t0());
        let five_days = t0() + TimeDelta::days(5);
        assert!(
            appeal_grounds(&case, Buyer, five_days).is_err(),
            "{}: exactly 5 days is not yet",
            flow.label_en()
        );
        assert_eq!(
            appeal_grounds(&case, Buyer, five_days + SECOND),
            Ok(AppealGround::Idle { since: t0() }),
            "{}: the buyer may appeal after 5 days and 1 second",
            flow.label_en()
        );
    }
}

#[test]
fn the_seller_may_appeal_at_the_fourth_rejected_delivery_not_the_third() {
    let mut case = Case::open(Flow::License, t0());
    let reject = || reason(|r| Op::RejectDelivery { reason: r });
    for _ in 0..3 {
        walk(
            &mut case,
            vec![
                (Seller, delivery(None), Node::Accepting),
                (Buyer, reject(), Node::ProvidingService),
            ],
        );
    }
    let now = case.last_change();
    assert_eq!(
        appeal_grounds(&case, Seller, now),
        Err(Refusal::NoAppealGrounds {
            opens_after: None,
            rejections: 3
        }),
        "3 rejections are not more than 3"
    );
    walk(
        &mut case,
        vec![
            (Seller, delivery(None), Node::Accepting),
            (Buyer, reject(), Node::ProvidingService),
        ],
    );
    assert_eq!(
        appeal_grounds(&case, Seller, case.last_change()),
        Ok(AppealGround::Rejections { count: 4 }),
        "the 4th rejection allows the seller's appeal"
    );
}

#[test]
fn the_buyer_may_appeal_at_the_fourth_rejection_of_its_requirements() {
    let mut case = Case::open(Flow::ManualService, t0());
    let reject = || reason(|r| Op::RejectRequirements { reason: r });
    for round in 1..=4 {
        walk(
            &mut case,
            vec![
                (Buyer, submit(), Node::ConfirmingRequirements),
                (Seller, reject(), Node::SubmittingRequirements),
            ],
        );
        let allowed = appeal_grounds(&case, Buyer, case.last_change()).is_ok();
        assert_eq!(
            allowed,
            round > 3,
            "after {round} rejections the buyer's appeal should be {}",
            if round > 3 { "allowed" } else { "refused" }
        );
    }
}

#[test]
fn a_platform_step_is_nobodys_idle_ground() {
    let mut case = Case::open(
        Flow::JointLicense {
            enablement_cloud: false,
        },
        t0(),
    );
    walk(
        &mut case,
        vec![
            (Buyer, Op::ConfirmOrder, Node::ActivatingAuthCode),
            (Seller, Op::ActivateAuthCode, Node::UploadingDeliveryProof),
            (Seller, delivery(None), Node::AutoAccepting),
        ],
    );
    for by in [Buyer, Seller] {
        assert_eq!(
            idle_appeal_opens_after(&case, by),
            None,
            "{by:?} cannot appeal the platform's idleness"
        );
    }
    assert_eq!(
        appeal_grounds(&case, Platform, hours(999)),
        Err(Refusal::PlatformDoesNotAppeal),
        "the platform decides, it does not appeal"
    );
}

#[test]
fn an_appeal_freezes_the_case_until_the_platform_decides() {
    let (mut case, since) = delivered();
    let filed = since + TimeDelta::days(6);
    assert_eq!(
        case.clone().appeal(Seller, " ", filed),
        Err(Refusal::EmptyReason),
        "an appeal needs a reason"
    );
    assert_eq!(
        case.appeal(Seller, "buyer unreachable", filed),
        Ok(AppealGround::Idle { since })
    );
    assert!(case.is_frozen(), "an appeal freezes the case");
    let later = filed + TimeDelta::hours(1);
    assert_eq!(
        case.apply(Buyer, Op::Accept, later),
        Err(Refusal::Frozen),
        "no step while frozen, not even acceptance"
    );
    assert_eq!(
        case.appeal(Buyer, "me too", later),
        Err(Refusal::AppealPending),
        "one appeal at a time"
    );
    assert_eq!(
        case.decide_appeal(Seller, Ruling::Complete, later),
        Err(Refusal::WrongActor {
            actor: Seller,
            expected: Platform
        }),
        "only the platform decides an appeal"
    );
    assert_eq!(
        case.decide_appeal(Platform, Ruling::Continue, later),
        Ok(Node::Accepting),
        "continue keeps the node"
    );
    assert!(!case.is_frozen(), "a decision unfreezes the case");
    assert_eq!(case.node_since, later, "after a decision the idle time starts again");
    assert_eq!(
        case.decide_appeal(Platform, Ruling::Continue, later),
        Err(Refusal::NoAppealToDecide)
    );
    assert_eq!(
        case.apply(Buyer, Op::Accept, later + SECOND),
        Ok(Node::Completed),
        "steps resume after the decision"
    );
    assert_eq!(
        case.appeal(Seller, "late", later + TimeDelta::days(9)),
        Err(Refusal::Closed { node: Node::Completed })
    );
}

#[test]
fn a_frozen_hardware_case_is_not_accepted_automatically() {
    let mut case = Case::hardware("13800138000", t0());
    let ship = Op::Ship {
        courier: "SF".into(),
        tracking_number: "SF1".into(),
        recipient_phone: "13800138000".into(),
    };
    case.apply(Seller, ship, hours(1)).unwrap();
    case.apply(Platform, Op::RecordSignOff { signed_at: hours(2) }, hours(2))
        .unwrap();
    case.appeal(Seller, "buyer silent", hours(2) + TimeDelta::days(6))
        .unwrap();
    let due = hours(2) + TimeDelta::days(10);
    assert!(!auto_acceptance_due(&case, due), "a frozen case waits for the appeal");
    assert_eq!(case.apply(Platform, Op::AutoAccept, due), Err(Refusal::Frozen));
}

#[test]
fn rulings_complete_or_unsubscribe_the_case() {
    let (mut completed, since) = delivered();
    let filed = since + TimeDelta::days(6);
    completed.appeal(Seller, "buyer unreachable", filed).unwrap();
    assert_eq!(
        completed.decide_appeal(Platform, Ruling::Complete, filed + SECOND),
        Ok(Node::Completed)
    );
    assert_eq!(
        completed.validity_start(),
        Some(filed + SECOND),
        "without an actual start, validity starts at the ruling"
    );
    assert!(
        completed.supervision_status().releases_billing(),
        "a completed case releases billing"
    );

    let (mut ended, _) = delivered();
    ended.appeal(Seller, "buyer unreachable", filed).unwrap();
    assert_eq!(
        ended.decide_appeal(Platform, Ruling::Unsubscribe, filed + SECOND),
        Ok(Node::Unsubscribed)
    );
    assert!(
        !ended.supervision_status().releases_billing(),
        "an unsubscribed case never releases billing"
    );
    assert_eq!(
        ended.apply(Buyer, Op::Accept, filed + SECOND),
        Err(Refusal::Closed {
            node: Node::Unsubscribed
        })
    );
}
