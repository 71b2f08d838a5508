use super::lifecycle::*;
use super::ProductType;

mod product;

use Actor::{Reviewer, Seller};
use ApplicationOp::*;
use ApplicationStatus::*;

const OPS: [ApplicationOp; 7] = [Modify, Delete, Submit, View, Withdraw, Approve, Reject];
const WITHDRAWABLE: [ProductType; 3] = [
    ProductType::License,
    ProductType::Consulting,
    ProductType::ManualService,
];
const NOT_WITHDRAWABLE: [ProductType; 5] = [
    ProductType::Saas,
    ProductType::SaasJoint,
    ProductType::Image,
    ProductType::Hardware,
    ProductType::Api,
];

fn app(ty: ProductType, status: ApplicationStatus) -> Application {
    Application {
        product_type: ty,
        status,
    }
}

/// The reference's table (S-EU-APPS), written out independently of the implementation.
fn table_allows(status: ApplicationStatus, op: ApplicationOp, ty: ProductType) -> bool {
    match status {
        Draft => matches!(op, Modify | Delete | Submit),
        Pending => matches!(op, View | Approve | Reject) || (op == Withdraw && WITHDRAWABLE.contains(&ty)),
        Rejected => matches!(op, View | Modify | Submit | Delete),
        Approved => op == View,
    }
}

#[test]
fn every_application_operation_follows_the_reference_table() {
    for ty in ProductType::ALL {
        for status in [Draft, Pending, Approved, Rejected] {
            for op in OPS {
                let mut a = app(ty, status);
                let result = a.apply(op.actor(), op);
                assert_eq!(
                    result.is_ok(),
                    table_allows(status, op, ty),
                    "{op:?} on a {status:?} {} application should be {} (got {result:?})",
                    ty.as_str(),
                    if table_allows(status, op, ty) {
                        "allowed"
                    } else {
                        "refused"
                    },
                );
                if result.is_err() {
                    assert_eq!(
                        a.status, status,
                        "a refused {op:?} must leave the application {status:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn application_transitions_land_in_the_right_status() {
    let cases = [
        (Draft, Seller, Submit, Outcome::Status(Pending)),
        (Draft, Seller, Modify, Outcome::Status(Draft)),
        (Draft, Seller, Delete, Outcome::Deleted),
        (Pending, Reviewer, Approve, Outcome::Status(Approved)),
        (Pending, Reviewer, Reject, Outcome::Status(Rejected)),
        (Pending, Seller, View, Outcome::Viewed),
        (Pending, Seller, Withdraw, Outcome::Status(Draft)),
        (Rejected, Seller, View, Outcome::Viewed),
        (Rejected, Seller, Modify, Outcome::Status(Draft)),
        (Rejected, Seller, Submit, Outcome::Status(Pending)),
        (Rejected, Seller, Delete, Outcome::Deleted),
        (Approved, Seller, View, Outcome::Viewed),
    ];
    for (from, actor, op, expected) in cases {
        let mut a = app(ProductType::License, from);
        assert_eq!(
            a.apply(actor, op),
            Ok(expected),
            "{actor:?} doing {op:?} on {from:?} should give {expected:?}"
        );
        if let Outcome::Status(to) = expected {
            assert_eq!(
                a.status, to,
                "after {op:?} from {from:?} the application should be {to:?}"
            );
        }
    }
}

#[test]
fn withdraw_is_only_for_license_consulting_and_manual_service() {
    for ty in WITHDRAWABLE {
        let mut a = app(ty, Pending);
        assert_eq!(
            a.apply(Seller, Withdraw),
            Ok(Outcome::Status(Draft)),
            "a pending {} application should be withdrawable back to draft",
            ty.as_str()
        );
    }
    for ty in NOT_WITHDRAWABLE {
        let mut a = app(ty, Pending);
        assert_eq!(
            a.apply(Seller, Withdraw),
            Err(Refusal::WithdrawNotAllowed(ty)),
            "a pending {} application must not be withdrawable",
            ty.as_str()
        );
        assert_eq!(
            a.status,
            Pending,
            "a refused withdraw must leave the {} application pending",
            ty.as_str()
        );
    }
}

#[test]
fn each_transition_belongs_to_its_actor() {
    let mut a = app(ProductType::Saas, Pending);
    assert_eq!(
        a.apply(Seller, Approve),
        Err(Refusal::WrongActor { actor: Seller }),
        "a seller cannot approve"
    );
    assert_eq!(
        a.apply(Seller, Reject),
        Err(Refusal::WrongActor { actor: Seller }),
        "a seller cannot reject"
    );
    let mut d = Application::new(ProductType::Saas);
    assert_eq!(d.status, Draft, "a new application starts as a draft");
    assert_eq!(
        d.apply(Reviewer, Submit),
        Err(Refusal::WrongActor { actor: Reviewer }),
        "a reviewer cannot submit"
    );
}

#[test]
fn every_refusal_has_an_english_and_a_chinese_reason() {
    let all = [
        Refusal::NotAllowed { status: Approved },
        Refusal::WithdrawNotAllowed(ProductType::Saas),
        Refusal::WrongActor { actor: Seller },
        Refusal::WrongActor { actor: Reviewer },
        Refusal::ProductDiscontinued,
        Refusal::ListedSpecCannotBeDeleted,
        Refusal::AlreadyDiscontinued,
        Refusal::UnknownSpec,
        Refusal::UnknownSku,
        Refusal::DuplicateId,
        Refusal::EmptyReason,
        Refusal::DelistingAlreadyPending,
        Refusal::NoPendingDelisting,
    ];
    for r in all {
        assert!(
            r.message_en().is_ascii() && !r.message_en().is_empty(),
            "{r:?} needs an English reason"
        );
        let zh = r.message_zh();
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{r:?} needs a zh-CN reason: {zh}"
        );
    }
}
