//! Supervision status for billing and the validity start (S-CN-AZ, S-CN-R, S-CN-N).

use super::case_tests::{delivery, hours, t0, walk};
use super::*;
use Actor::{Buyer, Seller};

#[test]
fn only_not_involved_and_completed_release_billing() {
    let cases = [
        (SupervisionStatus::NotInvolved, true, "不涉及"),
        (SupervisionStatus::InProgress, false, "进行中"),
        (SupervisionStatus::Completed, true, "已完成"),
    ];
    for (status, releases, zh) in cases {
        assert_eq!(
            status.releases_billing(),
            releases,
            "{status:?} releasing billing should be {releases}"
        );
        assert_eq!(status.label_zh(), zh, "{status:?} is shown as {zh}");
    }
}

#[test]
fn an_order_without_a_case_is_not_involved_and_a_case_is_in_progress_until_completed() {
    assert_eq!(
        SupervisionStatus::of(None),
        SupervisionStatus::NotInvolved,
        "unsupervised orders and renewals have no case"
    );
    let mut case = Case::open(Flow::License, t0());
    assert_eq!(
        SupervisionStatus::of(Some(&case)),
        SupervisionStatus::InProgress,
        "an open case holds billing back"
    );
    walk(
        &mut case,
        vec![
            (Seller, delivery(None), Node::Accepting),
            (Buyer, Op::Accept, Node::Completed),
        ],
    );
    assert_eq!(
        SupervisionStatus::of(Some(&case)),
        SupervisionStatus::Completed,
        "acceptance completes supervision"
    );
}

#[test]
fn validity_starts_at_acceptance_unless_an_actual_start_was_entered() {
    let mut plain = Case::open(Flow::ManualService, t0());
    let mut dated = plain.clone();
    let steps = |start| {
        vec![
            (Buyer, super::case_tests::submit(), Node::ConfirmingRequirements),
            (Seller, Op::ConfirmRequirements, Node::ProvidingService),
            (Seller, delivery(start), Node::Accepting),
            (Buyer, Op::Accept, Node::Completed),
        ]
    };
    walk(&mut plain, steps(None));
    assert_eq!(
        plain.validity_start(),
        Some(hours(4)),
        "no actual start: validity starts at acceptance"
    );
    walk(&mut dated, steps(Some(t0())));
    assert_eq!(
        dated.validity_start(),
        Some(t0()),
        "an actual start replaces the acceptance time"
    );

    let mut open = Case::open(Flow::License, t0());
    walk(&mut open, vec![(Seller, delivery(Some(t0())), Node::Accepting)]);
    assert_eq!(
        open.validity_start(),
        None,
        "before acceptance the start is not settled"
    );
}
