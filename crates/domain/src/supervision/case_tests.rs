//! Every flow walked from its first node to completion (reference §4), and the helpers
//! the other supervision tests share.

use super::*;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use Actor::{Buyer, Platform, Seller};

/// When every test order was paid: 2026-03-02 09:00 UTC+8.
pub(super) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap()
}

pub(super) fn hours(h: i64) -> DateTime<Utc> {
    t0() + TimeDelta::hours(h)
}

pub(super) fn delivery(actual_start: Option<DateTime<Utc>>) -> Op {
    Op::Deliver(Delivery {
        acceptance_document: "acceptance-report.docx".into(),
        attachments: vec!["sow.pdf".into()],
        actual_start,
    })
}

pub(super) fn submit() -> Op {
    Op::SubmitRequirements {
        documents: vec!["requirements.xlsx".into()],
    }
}

pub(super) fn reason(op: fn(String) -> Op) -> Op {
    op("does not match the template".into())
}

/// Takes each step one hour after the previous one and checks the node it lands on.
pub(super) fn walk(case: &mut Case, steps: Vec<(Actor, Op, Node)>) {
    let mut h = case.last_change().signed_duration_since(t0()).num_hours();
    for (actor, op, expected) in steps {
        h += 1;
        let label = format!("{actor:?} {op:?} in a {} case at {:?}", case.flow.label_en(), case.node);
        assert_eq!(
            case.apply(actor, op, hours(h)),
            Ok(expected),
            "{label} should lead to {expected:?}"
        );
        assert_eq!(case.node, expected, "{label}: the case should now be at {expected:?}");
    }
}

pub(super) fn reject_requirements(r: String) -> Op {
    Op::RejectRequirements { reason: r }
}

pub(super) fn reject_delivery(r: String) -> Op {
    Op::RejectDelivery { reason: r }
}

#[test]
fn manual_service_runs_requirements_then_delivery_then_acceptance() {
    let mut case = Case::open(Flow::ManualService, t0());
    assert_eq!(
        case.node,
        Node::SubmittingRequirements,
        "manual service starts with the buyer's requirements"
    );
    assert_eq!(case.whose_step(), Some(Buyer), "the first step is the buyer's");
    walk(
        &mut case,
        vec![
            (Buyer, submit(), Node::ConfirmingRequirements),
            (Seller, reason(reject_requirements), Node::SubmittingRequirements),
            (Buyer, submit(), Node::ConfirmingRequirements),
            (Seller, Op::ConfirmRequirements, Node::ProvidingService),
            (Seller, delivery(Some(hours(1))), Node::Accepting),
            (Buyer, reason(reject_delivery), Node::ProvidingService),
            (Seller, delivery(Some(hours(2))), Node::Accepting),
            (Buyer, Op::Accept, Node::Completed),
        ],
    );
    assert_eq!(
        case.requirement_rejections, 1,
        "one rejection of requirements was counted"
    );
    assert_eq!(case.delivery_rejections, 1, "one rejected delivery was counted");
    assert_eq!(
        case.actual_start,
        Some(hours(2)),
        "the re-sent delivery's start replaces the rejected one's"
    );
    assert_eq!(case.history.len(), 8, "every accepted step is on the timeline");
}

#[test]
fn license_and_orchestration_start_at_the_sellers_service() {
    for flow in [Flow::License, Flow::AppOrchestration] {
        let mut case = Case::open(flow, t0());
        assert_eq!(
            case.node,
            Node::ProvidingService,
            "a {} case starts at the seller's service",
            flow.label_en()
        );
        walk(
            &mut case,
            vec![
                (Seller, delivery(None), Node::Accepting),
                (Buyer, reason(reject_delivery), Node::ProvidingService),
                (Seller, delivery(None), Node::Accepting),
                (Buyer, Op::Accept, Node::Completed),
            ],
        );
        assert_eq!(
            case.accepted_at,
            Some(hours(4)),
            "acceptance time is recorded for {}",
            flow.label_en()
        );
    }
}

#[test]
fn joint_license_activation_moves_the_node_and_fixes_the_start() {
    let mut case = Case::open(
        Flow::JointLicense {
            enablement_cloud: false,
        },
        t0(),
    );
    assert_eq!(
        case.node,
        Node::ConfirmingOrder,
        "a joint-operation License starts with the buyer's confirmation"
    );
    walk(&mut case, vec![(Buyer, Op::ConfirmOrder, Node::ActivatingAuthCode)]);
    assert!(
        case.auth_code_taken,
        "after the buyer's confirmation the auth code is taken"
    );
    walk(
        &mut case,
        vec![(Seller, Op::ActivateAuthCode, Node::UploadingDeliveryProof)],
    );
    assert_eq!(
        case.actual_start,
        Some(hours(2)),
        "the service starts at the activation time"
    );
    assert_eq!(
        case.clone().apply(Seller, delivery(Some(hours(2))), hours(3)),
        Err(Refusal::StartFixedByActivation),
        "the start of a joint-operation License cannot be entered by hand"
    );
    walk(
        &mut case,
        vec![
            (Seller, delivery(None), Node::AutoAccepting),
            (Platform, Op::AutoAccept, Node::Completed),
        ],
    );
    assert_eq!(
        case.validity_start(),
        Some(hours(2)),
        "validity starts at activation, not acceptance"
    );
}

#[test]
fn enablement_cloud_joint_license_is_reviewed_by_huawei() {
    let mut case = Case::open(Flow::JointLicense { enablement_cloud: true }, t0());
    walk(
        &mut case,
        vec![
            (Buyer, Op::ConfirmOrder, Node::ActivatingAuthCode),
            (Seller, Op::ActivateAuthCode, Node::UploadingDeliveryProof),
            (Seller, delivery(None), Node::ReviewingAcceptance),
            (
                Platform,
                reason(|r| Op::ReturnAcceptance { reason: r }),
                Node::UploadingDeliveryProof,
            ),
            (Seller, delivery(None), Node::ReviewingAcceptance),
            (Platform, Op::ApproveAcceptance, Node::Completed),
        ],
    );
    assert_eq!(case.whose_step(), None, "a completed case is nobody's step");
}
