//! Refusals of supervision steps: outside their flow, by the wrong actor, at the wrong
//! node, without their facts — each changing nothing and each in words (reference §4).

use super::case_tests::{delivery, hours, reason, submit, t0, walk};
use super::*;
use chrono::TimeDelta;
use Actor::{Buyer, Platform, Seller};

fn reject_requirements(r: String) -> Op {
    Op::RejectRequirements { reason: r }
}

fn reject_delivery(r: String) -> Op {
    Op::RejectDelivery { reason: r }
}

/// The reference's steps per flow, written out independently of `Op::fits`.
fn flow_has(flow: Flow, op: &Op) -> bool {
    let name = format!("{op:?}");
    let name = name.split([' ', '(', '{']).next().unwrap();
    let steps: &[&str] = match flow {
        Flow::ManualService
        | Flow::OfflineSaas
        | Flow::JointSaas {
            enablement_cloud: false,
        } => &[
            "SubmitRequirements",
            "ConfirmRequirements",
            "RejectRequirements",
            "Deliver",
            "Accept",
            "RejectDelivery",
        ],
        Flow::License | Flow::AppOrchestration => &["Deliver", "Accept", "RejectDelivery"],
        Flow::JointSaas { enablement_cloud: true } => &[
            "SubmitRequirements",
            "ConfirmRequirements",
            "RejectRequirements",
            "Deliver",
            "ApproveAcceptance",
            "ReturnAcceptance",
        ],
        Flow::JointLicense {
            enablement_cloud: false,
        } => &["ConfirmOrder", "ActivateAuthCode", "Deliver", "AutoAccept"],
        Flow::JointLicense { enablement_cloud: true } => &[
            "ConfirmOrder",
            "ActivateAuthCode",
            "Deliver",
            "ApproveAcceptance",
            "ReturnAcceptance",
        ],
        Flow::Hardware => &["Ship", "RecordSignOff", "Accept", "RejectDelivery", "AutoAccept"],
    };
    steps.contains(&name)
}

pub(super) fn all_ops() -> Vec<Op> {
    vec![
        submit(),
        Op::ConfirmRequirements,
        reason(reject_requirements),
        Op::ConfirmOrder,
        Op::ActivateAuthCode,
        delivery(None),
        Op::Ship {
            courier: "SF Express".into(),
            tracking_number: "SF1234567890".into(),
            recipient_phone: "13800138000".into(),
        },
        Op::RecordSignOff { signed_at: t0() },
        Op::Accept,
        reason(reject_delivery),
        Op::AutoAccept,
        Op::ApproveAcceptance,
        reason(|r| Op::ReturnAcceptance { reason: r }),
    ]
}

#[test]
fn a_step_outside_its_flow_is_refused_in_words() {
    for flow in Flow::ALL {
        for op in all_ops() {
            let mut case = Case::open(flow, t0());
            let result = case.apply(op.actor(), op.clone(), hours(1));
            if flow_has(flow, &op) {
                assert_ne!(
                    result,
                    Err(Refusal::NotInThisFlow { flow }),
                    "{op:?} belongs to a {} case",
                    flow.label_en()
                );
            } else {
                assert_eq!(
                    result,
                    Err(Refusal::NotInThisFlow { flow }),
                    "{op:?} has no place in a {} case",
                    flow.label_en()
                );
                assert_eq!(case, Case::open(flow, t0()), "a refused {op:?} changes nothing");
            }
        }
    }
}

#[test]
fn every_step_belongs_to_its_actor() {
    for op in all_ops() {
        for actor in [Buyer, Seller, Platform] {
            if actor == op.actor() {
                continue;
            }
            let mut case = Case::open(Flow::ManualService, t0());
            assert_eq!(
                case.apply(actor, op.clone(), hours(1)),
                Err(Refusal::WrongActor {
                    actor,
                    expected: op.actor()
                }),
                "{actor:?} must not take the {:?}'s step {op:?}",
                op.actor()
            );
        }
    }
    assert_eq!(submit().actor(), Buyer, "requirements are the buyer's");
    assert_eq!(delivery(None).actor(), Seller, "delivery is the seller's");
    assert_eq!(
        Op::AutoAccept.actor(),
        Platform,
        "automatic acceptance is the platform's"
    );
}

#[test]
fn a_step_at_the_wrong_node_is_refused_and_changes_nothing() {
    let mut case = Case::open(Flow::ManualService, t0());
    let before = case.clone();
    assert_eq!(
        case.apply(Seller, delivery(None), hours(1)),
        Err(Refusal::NotAtThisNode {
            node: Node::SubmittingRequirements
        }),
        "the seller cannot deliver before the requirements are confirmed"
    );
    assert_eq!(
        case.apply(Buyer, Op::Accept, hours(1)),
        Err(Refusal::NotAtThisNode {
            node: Node::SubmittingRequirements
        })
    );
    assert_eq!(case, before, "refused steps leave the case as it was");
}

#[test]
fn steps_without_their_facts_are_refused() {
    let mut case = Case::open(Flow::ManualService, t0());
    let blank = Op::SubmitRequirements {
        documents: vec![" ".into()],
    };
    assert_eq!(
        case.apply(Buyer, blank, hours(1)),
        Err(Refusal::NoRequirements),
        "requirements need a document"
    );
    walk(&mut case, vec![(Buyer, submit(), Node::ConfirmingRequirements)]);
    let no_reason = Op::RejectRequirements { reason: "  ".into() };
    assert_eq!(
        case.apply(Seller, no_reason, hours(2)),
        Err(Refusal::EmptyReason),
        "a rejection needs a reason"
    );
    assert_eq!(case.requirement_rejections, 0, "a refused rejection is not counted");
    walk(
        &mut case,
        vec![(Seller, Op::ConfirmRequirements, Node::ProvidingService)],
    );
    let no_proof = Op::Deliver(Delivery {
        acceptance_document: String::new(),
        attachments: vec!["x.png".into()],
        actual_start: None,
    });
    assert_eq!(
        case.apply(Seller, no_proof, hours(3)),
        Err(Refusal::NoDeliveryProof),
        "a delivery needs the filled template"
    );
    assert_eq!(
        case.apply(Seller, delivery(Some(hours(4))), hours(3)),
        Err(Refusal::StartInFuture),
        "the start cannot be after the delivery"
    );
    let before_order = t0() - TimeDelta::seconds(1);
    assert_eq!(
        case.apply(Seller, delivery(Some(before_order)), hours(3)),
        Err(Refusal::StartBeforeOrder),
        "the start cannot precede the order"
    );
    assert_eq!(
        case.apply(Seller, delivery(Some(t0())), hours(3)),
        Ok(Node::Accepting),
        "the start may be the order time itself"
    );
    let no_reason = Op::RejectDelivery { reason: String::new() };
    assert_eq!(
        case.apply(Buyer, no_reason, hours(4)),
        Err(Refusal::EmptyReason),
        "the buyer's rejection needs a reason"
    );
    assert_eq!(case.delivery_rejections, 0, "a refused rejection is not counted");
    assert_eq!(
        case.apply(Buyer, Op::Accept, hours(2)),
        Err(Refusal::Backdated { last: hours(3) }),
        "time never runs backwards"
    );
    walk(&mut case, vec![(Buyer, Op::Accept, Node::Completed)]);
    assert_eq!(
        case.apply(Buyer, Op::Accept, hours(9)),
        Err(Refusal::Closed { node: Node::Completed }),
        "a completed case takes no steps"
    );
}

#[test]
fn every_refusal_has_an_english_and_a_chinese_reason() {
    let all = [
        Refusal::Closed { node: Node::Completed },
        Refusal::Frozen,
        Refusal::Backdated { last: t0() },
        Refusal::WrongActor {
            actor: Buyer,
            expected: Seller,
        },
        Refusal::NotInThisFlow { flow: Flow::Hardware },
        Refusal::NotAtThisNode { node: Node::Accepting },
        Refusal::NoRequirements,
        Refusal::EmptyReason,
        Refusal::NoDeliveryProof,
        Refusal::StartInFuture,
        Refusal::StartBeforeOrder,
        Refusal::StartFixedByActivation,
        Refusal::MissingCourier,
        Refusal::MissingTrackingNumber,
        Refusal::MissingRecipientPhone,
        Refusal::NotShipped,
        Refusal::AlreadySignedOff,
        Refusal::SignOffInFuture,
        Refusal::SignOffBeforeShipment,
        Refusal::NotSignedOff,
        Refusal::OrderPhoneUnknown,
        Refusal::PhoneMismatch,
        Refusal::NotDueYet { due: t0() },
        Refusal::PlatformDoesNotAppeal,
        Refusal::NoAppealGrounds {
            opens_after: Some(t0()),
            rejections: 2,
        },
        Refusal::NoAppealGrounds {
            opens_after: None,
            rejections: 0,
        },
        Refusal::AppealPending,
        Refusal::NoAppealToDecide,
    ];
    for r in all {
        let en = r.message_en();
        assert!(en.is_ascii() && en.len() > 10, "{r:?} needs an English reason: {en}");
        let zh = r.message_zh();
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{r:?} needs a zh-CN reason: {zh}"
        );
    }
    assert!(
        Refusal::NotDueYet { due: t0() }
            .message_en()
            .contains("2026-03-02 09:00:00 (UTC+8)"),
        "times in reasons are shown in UTC+8"
    );
}
