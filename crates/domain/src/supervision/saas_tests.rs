//! SaaS with offline delivery: the buyer opens the case by submitting requirements on
//! 我的云商店 > 服务监管 and the seller follows up; general products and joint-operation /
//! Huawei products run as separate flows (the help page's two figures).

use super::case_tests::{delivery, reason, reject_delivery, reject_requirements, submit, t0, walk};
use super::*;
use Actor::{Buyer, Platform, Seller};

#[test]
fn offline_saas_starts_with_the_buyers_requirements_then_the_seller_follows_up() {
    let mut case = Case::open(Flow::OfflineSaas, t0());
    assert_eq!(
        case.node,
        Node::SubmittingRequirements,
        "a SaaS case opens at the buyer's requirements, not at the seller's service"
    );
    assert_eq!(case.whose_step(), Some(Buyer), "the buyer moves first");
    assert_eq!(
        case.apply(Seller, delivery(None), t0()),
        Err(Refusal::NotAtThisNode {
            node: Node::SubmittingRequirements
        }),
        "the seller cannot deliver before the buyer has said what is needed"
    );
    walk(
        &mut case,
        vec![
            (Buyer, submit(), Node::ConfirmingRequirements),
            (Seller, reason(reject_requirements), Node::SubmittingRequirements),
            (Buyer, submit(), Node::ConfirmingRequirements),
            (Seller, Op::ConfirmRequirements, Node::ProvidingService),
            (Seller, delivery(None), Node::Accepting),
            (Buyer, reason(reject_delivery), Node::ProvidingService),
            (Seller, delivery(None), Node::Accepting),
            (Buyer, Op::Accept, Node::Completed),
        ],
    );
}

#[test]
fn joint_operation_saas_is_its_own_flow_and_huawei_reviews_enablement_cloud_orders() {
    let general = Case::open(Flow::OfflineSaas, t0());
    let joint = Case::open(
        Flow::JointSaas {
            enablement_cloud: false,
        },
        t0(),
    );
    assert_ne!(
        general.flow, joint.flow,
        "general and joint-operation SaaS are separate flows"
    );
    assert_eq!(
        joint.node,
        Node::SubmittingRequirements,
        "joint-operation SaaS also opens at the buyer's requirements"
    );
    assert_ne!(
        general.flow.label_zh(),
        joint.flow.label_zh(),
        "the seller sees which flow applies"
    );

    let mut joint = joint;
    walk(
        &mut joint,
        vec![
            (Buyer, submit(), Node::ConfirmingRequirements),
            (Seller, Op::ConfirmRequirements, Node::ProvidingService),
            (Seller, delivery(None), Node::Accepting),
            (Buyer, Op::Accept, Node::Completed),
        ],
    );

    let mut reviewed = Case::open(Flow::JointSaas { enablement_cloud: true }, t0());
    walk(
        &mut reviewed,
        vec![
            (Buyer, submit(), Node::ConfirmingRequirements),
            (Seller, Op::ConfirmRequirements, Node::ProvidingService),
            (Seller, delivery(None), Node::ReviewingAcceptance),
            (
                Platform,
                reason(|r| Op::ReturnAcceptance { reason: r }),
                Node::ProvidingService,
            ),
            (Seller, delivery(None), Node::ReviewingAcceptance),
            (Platform, Op::ApproveAcceptance, Node::Completed),
        ],
    );
    assert_eq!(
        Case::open(Flow::JointSaas { enablement_cloud: true }, t0()).apply(Buyer, Op::Accept, t0()),
        Err(Refusal::NotInThisFlow {
            flow: Flow::JointSaas { enablement_cloud: true }
        }),
        "a 赋能云 SaaS order is accepted by Huawei's review, not by the buyer"
    );
}
