//! The simulated KooGallery reviewer: pending applications and delisting requests are
//! decided once the review delay has passed on the sandbox clock.
//!
//! WHY lazily, on the next request: a background timer would make tests with a fixed
//! clock race the timer. Deciding whatever is overdue at the start of every request
//! (inside its transaction) gives the same marketplace to every reader, and a test
//! that advances its `FixedClock` past the delay sees the decision on its next read.
//! WHY the decision time is the due time, not the time someone looked: the reviewer
//! decided when the delay ran out, whoever happened to ask later.
//!
//! The decision uses the embedded rule pack without the seller's overrides (a
//! reviewer does not honour a seller's "ignore this rule"), plus the sandbox's own
//! `reviewer.*` rules, so some rejections are ones the local pack did not predict.

use super::release;
use super::reviewer_rules::objections;
use super::store;
use super::wire::{Application, ApplicationStatus, Comment, Entity, Product};
use super::{errors::SyncError, SyncState};
use chrono::{DateTime, Duration, Utc};
use gallerist_domain::listing::lifecycle::{Actor, ProductOp, Refusal};
use gallerist_domain::listing::{Draft, Overrides, Pack, Severity};
use rusqlite::Connection;

/// Decides everything whose wait is over, oldest first.
pub(crate) fn settle(conn: &Connection, sync: &SyncState, now: DateTime<Utc>) -> Result<(), SyncError> {
    let delay = sync.review_delay_chrono();
    let Some(cutoff) = now.checked_sub_signed(delay) else {
        return Ok(());
    };
    for (kind, id) in store::waiting_since(conn, cutoff)? {
        match kind.as_str() {
            Application::KIND => decide_application(conn, &sync.pack, &id, delay)?,
            Product::KIND => decide_delisting(conn, &id, delay)?,
            _ => {}
        }
    }
    Ok(())
}

fn reviewer(at: DateTime<Utc>, rule_id: &str, field: &str, en: String, zh: String) -> Comment {
    Comment {
        at,
        author: "reviewer".into(),
        rule_id: Some(rule_id.to_string()),
        field: Some(field.to_string()),
        message: en,
        message_zh: zh,
    }
}

/// The reviewer's comments on a draft: pack errors first, then the sandbox's own rules.
pub(crate) fn review_comments(pack: &Pack, mut draft: Draft, at: DateTime<Utc>) -> (Vec<Comment>, Draft) {
    draft.overrides = Overrides::default();
    let report = pack.check(&draft, &Overrides::default());
    let mut out: Vec<Comment> = report
        .issues
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| reviewer(at, &i.rule_id, &i.field, i.message.en, i.message.zh_cn))
        .collect();
    out.extend(
        objections(&draft)
            .into_iter()
            .map(|o| reviewer(at, o.rule_id, &o.field, o.en, o.zh)),
    );
    (out, draft)
}

fn refusal_comment(at: DateTime<Utc>, r: Refusal) -> Comment {
    reviewer(
        at,
        "reviewer.product-discontinued",
        "product_id",
        r.message_en(),
        r.message_zh(),
    )
}

fn decide_application(conn: &Connection, pack: &Pack, id: &str, delay: Duration) -> Result<(), SyncError> {
    let Some(mut app) = store::get::<Application>(conn, id)? else {
        return Ok(());
    };
    if app.status != ApplicationStatus::Pending {
        return Ok(());
    }
    let at = (app.submitted_at + delay).max(app.updated_at);
    let listing = store::listing(conn, id)?.unwrap_or_default();
    let comments = match serde_json::from_str::<Draft>(&listing) {
        Ok(draft) => {
            let (comments, draft) = review_comments(pack, draft, at);
            if comments.is_empty() {
                approve(conn, &mut app, &draft, at)?
            } else {
                comments
            }
        }
        Err(e) => vec![reviewer(
            at,
            "reviewer.listing-unreadable",
            "listing",
            format!("The submitted listing could not be read: {e}"),
            "无法读取提交的商品信息。".into(),
        )],
    };
    app.status = if comments.is_empty() {
        ApplicationStatus::Approved
    } else {
        ApplicationStatus::Rejected
    };
    app.comments = comments;
    app.decided_at = Some(at);
    app.touch(at);
    store::put(conn, &app)?;
    Ok(())
}

/// Creates or updates the product; comments if the named product cannot take the update.
fn approve(
    conn: &Connection,
    app: &mut Application,
    draft: &Draft,
    at: DateTime<Utc>,
) -> Result<Vec<Comment>, SyncError> {
    let Some(pid) = app.product_id.clone() else {
        let product = release::new_product(conn, app, draft, at)?;
        store::put(conn, &product)?;
        app.product_id = Some(product.id);
        return Ok(Vec::new());
    };
    let Some(mut product) = store::get::<Product>(conn, &pid)? else {
        return Ok(vec![reviewer(
            at,
            "reviewer.product-missing",
            "product_id",
            format!("There is no product '{pid}' to update."),
            format!("没有要更新的商品 {pid}。"),
        )]);
    };
    match release::update_product(&mut product, app, draft, at) {
        Ok(()) => {
            store::put(conn, &product)?;
            Ok(Vec::new())
        }
        Err(r) => Ok(vec![refusal_comment(at, r)]),
    }
}

/// KooGallery approves every removal request that reached it (the request itself was
/// checked by the lifecycle when it was made).
fn decide_delisting(conn: &Connection, id: &str, delay: Duration) -> Result<(), SyncError> {
    let Some(mut product) = store::get::<Product>(conn, id)? else {
        return Ok(());
    };
    let Some(requested_at) = product.pending_delisting.as_ref().map(|p| p.requested_at) else {
        return Ok(());
    };
    let at = (requested_at + delay).max(product.updated_at);
    let mut listed = product.listed();
    match listed.apply(Actor::Reviewer, ProductOp::ApproveDelisting) {
        Ok(_) => product.adopt(&listed),
        Err(_) => product.pending_delisting = None,
    }
    product.touch(at);
    store::put(conn, &product)?;
    Ok(())
}
