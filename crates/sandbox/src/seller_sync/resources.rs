//! The Seller Sync API's resources on the sandbox's records: what each request does.
//!
//! WHY apart from the HTTP plumbing: these functions run inside the write's
//! transaction and only decide — answer or refusal — so idempotency, faults and
//! replay (in `mod.rs`) wrap every write the same way.

use super::products::{bump, listed_from, target, write_listed};
use super::store;
use super::SyncError;
use chrono::{DateTime, Utc};
use gallerist_domain::listing::lifecycle::{withdrawable, Actor, ProductOp, Refusal};
use gallerist_domain::listing::{Draft, ProductType};
use rusqlite::Connection;
use serde_json::{json, Value};

pub(crate) const EDITABLE: [&str; 3] = ["name", "overview", "hotline"];

fn refused(r: Refusal) -> SyncError {
    SyncError::new(422, "SYNC.REFUSED", r.message_en()).details(json!({ "message_zh": r.message_zh() }))
}

fn found(conn: &Connection, kind: &str, id: &str) -> Result<Value, SyncError> {
    store::get(conn, kind, id)?.ok_or_else(|| SyncError::new(404, "SYNC.NOT_FOUND", format!("there is no {kind} '{id}'")))
}

/// If-Match against the current revision: 428 without it, 409 (with `current`) when stale.
fn check_revision(current: &Value, if_match: Option<i64>) -> Result<(), SyncError> {
    let Some(expected) = if_match else {
        return Err(SyncError::new(428, "SYNC.PRECONDITION_REQUIRED", "this write needs If-Match: <revision>"));
    };
    let revision = current["revision"].as_i64().unwrap_or(0);
    if revision != expected {
        return Err(SyncError::new(
            409,
            "SYNC.CONFLICT",
            format!("the entity is at revision {revision}, not {expected}; it changed since you read it"),
        )
        .current(current.clone()));
    }
    Ok(())
}

pub(crate) fn submit(conn: &Connection, body: &Value, now: DateTime<Utc>) -> Result<Value, SyncError> {
    let draft_ref = body["draft_ref"].as_str().filter(|s| !s.is_empty() && s.len() <= 128);
    let Some(draft_ref) = draft_ref else {
        return Err(SyncError::new(400, "SYNC.VALIDATION", "draft_ref is required (1–128 characters)").details(json!({ "field": "draft_ref" })));
    };
    let draft: Draft = serde_json::from_value(body["listing"].clone()).map_err(|e| {
        SyncError::new(400, "SYNC.VALIDATION", format!("listing is not a listing: {e}")).details(json!({ "field": "listing" }))
    })?;
    let product_id = body["product_id"].as_str();
    if let Some(p) = product_id {
        found(conn, "product", p)?;
    }
    let id = format!("app-{}", store::next(conn, "application")?);
    let at = now.to_rfc3339();
    let app = json!({
        "id": id, "revision": 1, "updated_at": at, "draft_ref": draft_ref, "product_id": product_id,
        "product_type": draft.product_type().as_str(), "name": draft.name, "status": "pending",
        "submitted_at": at, "decided_at": null, "comments": [], "pack_version": null,
    });
    store::save_listing(conn, &id, &body["listing"])?;
    store::put(conn, "application", &app, Some(&at))?;
    Ok(app)
}

pub(crate) fn withdraw(conn: &Connection, id: &str, if_match: Option<i64>, now: DateTime<Utc>) -> Result<Value, SyncError> {
    let mut app = found(conn, "application", id)?;
    check_revision(&app, if_match)?;
    if app["status"] != "pending" {
        return Err(SyncError::new(422, "SYNC.REFUSED", "only a pending application can be withdrawn")
            .details(json!({ "message_zh": "只有审核中的申请可以撤回。" })));
    }
    if let Some(ty) = ProductType::parse(app["product_type"].as_str().unwrap_or_default()) {
        if !withdrawable(ty) {
            return Err(refused(Refusal::WithdrawNotAllowed(ty)));
        }
    }
    app["status"] = json!("withdrawn");
    app["decided_at"] = json!(now.to_rfc3339());
    bump(&mut app, now);
    store::put(conn, "application", &app, None)?;
    Ok(app)
}

/// Applies field edits to a product (the seller's PATCH, or the console's when `if_match` is skipped).
pub(crate) fn edit(
    conn: &Connection,
    id: &str,
    fields: &Value,
    if_match: Option<Option<i64>>,
    now: DateTime<Utc>,
) -> Result<Value, SyncError> {
    let mut product = found(conn, "product", id)?;
    if let Some(expected) = if_match {
        check_revision(&product, expected)?;
    }
    if product["status"] == "discontinued" {
        return Err(refused(Refusal::ProductDiscontinued));
    }
    let Some(map) = fields.as_object().filter(|m| !m.is_empty()) else {
        return Err(SyncError::new(400, "SYNC.VALIDATION", format!("send at least one of {}", EDITABLE.join(", "))));
    };
    for (k, v) in map {
        if !EDITABLE.contains(&k.as_str()) {
            return Err(SyncError::new(400, "SYNC.VALIDATION", format!("'{k}' cannot be changed without a new review"))
                .details(json!({ "field": k })));
        }
        if !v.is_string() {
            return Err(SyncError::new(400, "SYNC.VALIDATION", format!("'{k}' must be text")).details(json!({ "field": k })));
        }
        product[k.as_str()] = v.clone();
    }
    bump(&mut product, now);
    store::put(conn, "product", &product, None)?;
    Ok(product)
}

pub(crate) fn delist(conn: &Connection, id: &str, body: &Value, if_match: Option<i64>, now: DateTime<Utc>) -> Result<Value, SyncError> {
    let product = found(conn, "product", id)?;
    check_revision(&product, if_match)?;
    let t = target(&body["target"]).ok_or_else(|| {
        SyncError::new(400, "SYNC.VALIDATION", "target must be { kind: product | spec | sku, spec_id?, sku_id? }")
            .details(json!({ "field": "target" }))
    })?;
    let reason = body["reason"].as_str().unwrap_or_default().to_string();
    let mut listed = listed_from(&product);
    listed
        .apply(Actor::Seller, ProductOp::RequestDelisting { target: t, reason: reason.clone(), at: now })
        .map_err(refused)?;
    let mut product = product;
    product["pending_delisting"] = json!({ "target": body["target"], "reason": reason, "requested_at": now.to_rfc3339() });
    write_listed(conn, product, &listed, now)?;
    Ok(found(conn, "product", id)?)
}
