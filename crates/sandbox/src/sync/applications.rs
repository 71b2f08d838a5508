//! Applications (申请): submitting a draft for review, reading them, withdrawing one.
//!
//! WHY the withdraw rule comes from the domain: whether a pending application may be
//! withdrawn depends on its delivery type (only License, consulting and manual
//! service), and Gallerist already checks that locally before the seller clicks. The
//! sandbox asks the same `lifecycle::Application` so the two can never disagree; its
//! refusal words travel to the client unchanged.

use super::errors::{serde_field, SyncError};
use super::exchange::{self, Answer, Write};
use super::lists;
use super::store;
use super::wire::{Application, ApplicationStatus, Entity, Product, Sale};
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::Extension;
use gallerist_domain::listing::lifecycle::{self, Actor, ApplicationOp, Refusal};
use gallerist_domain::listing::Draft;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

const MAX_DRAFT_REF: usize = 200;

pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        lists::page(conn, "application", &lists::page_request(&query)?)
    })
}

pub(crate) async fn one(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        let app: Application = store::get(conn, &id)?.ok_or_else(|| SyncError::not_found("application", &id))?;
        Ok(serde_json::to_string(&app)?)
    })
}

pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::POST, &uri, &headers, &body, submit)
}

pub(crate) async fn withdraw(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::POST, &uri, &headers, &body, |w| {
        withdrawn(w, &id)
    })
}

/// `{ draft_ref, product_id, listing }` → a pending application.
fn submit(w: &Write<'_>) -> Result<Answer, SyncError> {
    let body = w.json()?;
    let draft_ref = match body.get("draft_ref") {
        Some(Value::String(s)) if !s.trim().is_empty() && s.chars().count() <= MAX_DRAFT_REF => s.clone(),
        _ => {
            return Err(SyncError::validation(
                "draft_ref",
                format!("draft_ref must be text of 1–{MAX_DRAFT_REF} characters."),
            ))
        }
    };
    let product_id = match body.get("product_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(SyncError::validation(
                "product_id",
                "product_id must be null or a product id.",
            ))
        }
    };
    let listing = body
        .get("listing")
        .ok_or_else(|| SyncError::validation("listing", "The listing (the draft) is missing."))?;
    let draft = parse_listing(listing)?;
    if let Some(pid) = &product_id {
        let product: Product =
            store::get(w.conn, pid)?.ok_or_else(|| SyncError::not_found_in("product_id", "product", pid))?;
        if product.status == Sale::Discontinued {
            return Err(Refusal::ProductDiscontinued.into());
        }
        if product.product_type != draft.product_type() {
            return Err(SyncError::refused(
                format!(
                    "An update keeps the product's delivery type ({}); release a new product for a {} listing.",
                    product.product_type.as_str(),
                    draft.product_type().as_str()
                ),
                format!(
                    "商品更新不能改变接入类型（{}）；{} 类型请发布新商品。",
                    product.product_type.as_str(),
                    draft.product_type().as_str()
                ),
            ));
        }
    }
    let app = Application {
        id: format!("app-{}", store::next(w.conn, "application")?),
        revision: 1,
        updated_at: w.now,
        draft_ref,
        product_id,
        product_type: draft.product_type(),
        name: draft.name.clone(),
        status: ApplicationStatus::Pending,
        submitted_at: w.now,
        decided_at: None,
        comments: Vec::new(),
        pack_version: w.sync.pack.version.clone(),
    };
    store::put_listing(w.conn, &app.id, &serde_json::to_string(&draft)?)?;
    Ok(Answer::created(store::put(w.conn, &app)?))
}

/// The listing as a draft; a 400 names the field serde stumbled on.
fn parse_listing(v: &Value) -> Result<Draft, SyncError> {
    Draft::deserialize(v).map_err(|e| {
        let field = serde_field(&e).map_or("listing".to_string(), |f| format!("listing.{f}"));
        SyncError::validation(&field, format!("The listing is not a draft: {e}"))
    })
}

fn withdrawn(w: &Write<'_>, id: &str) -> Result<Answer, SyncError> {
    let base = w.base_revision()?;
    let mut app: Application = store::get(w.conn, id)?.ok_or_else(|| SyncError::not_found("application", id))?;
    w.unchanged_since(base, &app)?;
    let status = match app.status {
        ApplicationStatus::Pending => lifecycle::ApplicationStatus::Pending,
        ApplicationStatus::Approved => lifecycle::ApplicationStatus::Approved,
        ApplicationStatus::Rejected => lifecycle::ApplicationStatus::Rejected,
        ApplicationStatus::Withdrawn => {
            return Err(SyncError::refused(
                "The application was already withdrawn.",
                "该申请已撤回。",
            ))
        }
    };
    let mut domain = lifecycle::Application {
        product_type: app.product_type,
        status,
    };
    domain.apply(Actor::Seller, ApplicationOp::Withdraw)?;
    app.status = ApplicationStatus::Withdrawn;
    app.decided_at = Some(w.now);
    app.touch(w.now);
    Ok(Answer::ok(store::put(w.conn, &app)?))
}
