//! Listed product, spec and SKU removal (reference §3, S-EU-MOD, S-EN-RM, S-CN-AJ).

use crate::listing::lifecycle::*;
use chrono::{DateTime, Utc};
use Actor::{Reviewer, Seller};
use SaleStatus::{Discontinued, OnSale};

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn product() -> ListedProduct {
    ListedProduct::approved(&[("basic", &["b1", "b2"][..]), ("pro", &["p1"][..])])
}

fn sku(spec: &str, sku: &str) -> DelistTarget {
    DelistTarget::Sku {
        spec: spec.into(),
        sku: sku.into(),
    }
}

fn spec(id: &str) -> DelistTarget {
    DelistTarget::Spec(id.into())
}

fn request(target: DelistTarget, reason: &str) -> ProductOp {
    ProductOp::RequestDelisting {
        target,
        reason: reason.into(),
        at: at(),
    }
}

/// Requests a removal and has the reviewer approve it.
fn delist(p: &mut ListedProduct, target: DelistTarget) -> Result<Outcome, Refusal> {
    assert_eq!(
        p.apply(Seller, request(target, "end of life")),
        Ok(Outcome::DelistingPending)
    );
    p.apply(Reviewer, ProductOp::ApproveDelisting)
}

fn sku_status(p: &ListedProduct, spec: &str, sku: &str) -> SaleStatus {
    p.spec(spec).unwrap().skus.iter().find(|s| s.id == sku).unwrap().status
}

#[test]
fn delisting_a_sku_leaves_its_siblings_on_sale() {
    let mut p = product();
    assert_eq!(delist(&mut p, sku("basic", "b1")), Ok(Outcome::Discontinued));
    assert_eq!(
        sku_status(&p, "basic", "b1"),
        Discontinued,
        "the removed SKU should be discontinued"
    );
    assert_eq!(
        sku_status(&p, "basic", "b2"),
        OnSale,
        "its sibling SKU should stay on sale"
    );
    assert_eq!(p.spec("basic").unwrap().status, OnSale, "the spec should stay on sale");
    assert_eq!(p.status, OnSale, "the product should stay on sale");
}

#[test]
fn delisting_a_spec_takes_its_skus_and_only_them() {
    let mut p = product();
    assert_eq!(delist(&mut p, spec("basic")), Ok(Outcome::Discontinued));
    assert_eq!(
        p.spec("basic").unwrap().status,
        Discontinued,
        "the removed spec should be discontinued"
    );
    for id in ["b1", "b2"] {
        assert_eq!(
            sku_status(&p, "basic", id),
            Discontinued,
            "SKU {id} of the removed spec should go with it"
        );
    }
    assert_eq!(
        p.spec("pro").unwrap().status,
        OnSale,
        "the other spec should stay on sale"
    );
    assert_eq!(
        sku_status(&p, "pro", "p1"),
        OnSale,
        "the other spec's SKU should stay on sale"
    );
    assert_eq!(p.status, OnSale, "the product should stay on sale while a spec is");
}

#[test]
fn delisting_the_last_spec_or_the_product_discontinues_everything() {
    let mut by_spec = product();
    assert_eq!(delist(&mut by_spec, spec("basic")), Ok(Outcome::Discontinued));
    assert_eq!(delist(&mut by_spec, spec("pro")), Ok(Outcome::ProductDiscontinued));
    let mut whole = product();
    assert_eq!(
        delist(&mut whole, DelistTarget::Product),
        Ok(Outcome::ProductDiscontinued)
    );
    for p in [by_spec, whole] {
        assert_eq!(p.status, Discontinued, "the product should be discontinued");
        let all = p
            .specs
            .iter()
            .flat_map(|s| s.skus.iter().map(|k| k.status).chain([s.status]));
        assert!(
            all.into_iter().all(|s| s == Discontinued),
            "every spec and SKU should be discontinued: {p:?}"
        );
    }
}

#[test]
fn after_the_product_is_discontinued_every_operation_is_refused() {
    let mut p = product();
    delist(&mut p, DelistTarget::Product).unwrap();
    let ops = [
        (
            Seller,
            ProductOp::AddSpec {
                id: "new".into(),
                skus: vec!["n1".into()],
            },
        ),
        (
            Seller,
            ProductOp::AddSku {
                spec: "basic".into(),
                sku: "b3".into(),
            },
        ),
        (Seller, ProductOp::ModifySpec { spec: "basic".into() }),
        (Seller, ProductOp::DeleteSpec { spec: "basic".into() }),
        (Seller, ProductOp::SetPublicSales(false)),
        (Seller, request(DelistTarget::Product, "again")),
        (Seller, request(spec("pro"), "again")),
        (Reviewer, ProductOp::ApproveDelisting),
        (Reviewer, ProductOp::RejectDelisting),
    ];
    for (actor, op) in ops {
        let before = p.clone();
        assert_eq!(
            p.apply(actor, op.clone()),
            Err(Refusal::ProductDiscontinued),
            "{op:?} must be refused"
        );
        assert_eq!(p, before, "a refused {op:?} must change nothing");
    }
    let why = Refusal::ProductDiscontinued.message_en();
    assert!(
        why.contains("cannot be restored") && why.contains("release a new product"),
        "{why}"
    );
}

#[test]
fn delisting_waits_for_the_reviewer_and_needs_a_reason() {
    let mut p = product();
    for reason in ["", "   "] {
        assert_eq!(
            p.apply(Seller, request(spec("basic"), reason)),
            Err(Refusal::EmptyReason),
            "reason {reason:?}"
        );
    }
    assert_eq!(
        p.apply(Seller, request(spec("basic"), "replaced by pro")),
        Ok(Outcome::DelistingPending)
    );
    assert_eq!(
        p.spec("basic").unwrap().status,
        OnSale,
        "a pending removal must not discontinue anything yet"
    );
    let pending = p.pending_delisting.clone().unwrap();
    assert_eq!(
        (pending.reason.as_str(), pending.requested_at),
        ("replaced by pro", at()),
        "request is kept"
    );
    assert_eq!(
        p.apply(Seller, request(spec("pro"), "x")),
        Err(Refusal::DelistingAlreadyPending),
        "one request at a time"
    );
    assert_eq!(
        p.apply(Seller, ProductOp::ApproveDelisting),
        Err(Refusal::WrongActor { actor: Seller })
    );
    assert_eq!(
        p.apply(Reviewer, ProductOp::RejectDelisting),
        Ok(Outcome::DelistingRejected)
    );
    assert_eq!(p, product(), "a rejected removal leaves the product as it was");
    assert_eq!(
        p.apply(Reviewer, ProductOp::ApproveDelisting),
        Err(Refusal::NoPendingDelisting)
    );
}

#[test]
fn listed_specs_are_removed_never_deleted() {
    let mut p = product();
    let delete = |id: &str| ProductOp::DeleteSpec { spec: id.into() };
    assert_eq!(
        p.apply(Seller, delete("basic")),
        Err(Refusal::ListedSpecCannotBeDeleted),
        "listed spec deleted"
    );
    delist(&mut p, spec("basic")).unwrap();
    assert_eq!(
        p.apply(Seller, delete("basic")),
        Err(Refusal::ListedSpecCannotBeDeleted),
        "removed spec deleted"
    );
    assert_eq!(
        p.apply(Seller, delete("nope")),
        Err(Refusal::UnknownSpec),
        "unknown spec should be named"
    );
}

#[test]
fn spec_and_sku_edits_are_refused_where_the_rules_say() {
    let mut p = product();
    delist(&mut p, spec("basic")).unwrap();
    delist(&mut p, sku("pro", "p1")).unwrap();
    let cases = [
        (
            ProductOp::AddSku {
                spec: "basic".into(),
                sku: "b3".into(),
            },
            Refusal::AlreadyDiscontinued,
        ),
        (
            ProductOp::ModifySpec { spec: "basic".into() },
            Refusal::AlreadyDiscontinued,
        ),
        (
            ProductOp::AddSku {
                spec: "pro".into(),
                sku: "p1".into(),
            },
            Refusal::DuplicateId,
        ),
        (
            ProductOp::AddSpec {
                id: "pro".into(),
                skus: vec![],
            },
            Refusal::DuplicateId,
        ),
        (ProductOp::ModifySpec { spec: "nope".into() }, Refusal::UnknownSpec),
        (request(spec("basic"), "again"), Refusal::AlreadyDiscontinued),
        (request(sku("pro", "p1"), "again"), Refusal::AlreadyDiscontinued),
        (request(sku("pro", "zz"), "x"), Refusal::UnknownSku),
    ];
    for (op, refusal) in cases {
        assert_eq!(
            p.apply(Seller, op.clone()),
            Err(refusal),
            "{op:?} should be refused with {refusal:?}"
        );
    }
    let accepted = [
        ProductOp::AddSku {
            spec: "pro".into(),
            sku: "p2".into(),
        },
        ProductOp::ModifySpec { spec: "pro".into() },
        ProductOp::AddSpec {
            id: "max".into(),
            skus: vec!["m1".into()],
        },
        ProductOp::SetPublicSales(false),
    ];
    for op in accepted {
        assert_eq!(
            p.apply(Seller, op.clone()),
            Ok(Outcome::Changed),
            "{op:?} should be accepted"
        );
    }
    assert!(
        !p.public_sales,
        "Public Sales = No should hide the product from the catalogue"
    );
    assert_eq!(sku_status(&p, "max", "m1"), OnSale, "a new spec's SKUs start on sale");
}
