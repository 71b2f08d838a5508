//! Products: reading them, the seller's after-listing edits (name, overview,
//! hotline), delisting requests, and the console's edits behind the client's back.
//!
//! WHY delisting goes through `ListedProduct`: what may be removed (not a
//! discontinued product or spec, not an unknown id, not without a reason, not while
//! another request waits) is the domain's lifecycle, already used by the client's
//! own checks. The sandbox converts, applies, and writes the statuses back; it never
//! re-implements a rule. WHY an edit that changes nothing keeps the revision: a
//! revision means "someone changed this", and a no-op must not create conflicts.

use super::errors::SyncError;
use super::exchange::{self, Answer, Write};
use super::lists;
use super::store;
use super::wire::{Entity, Product, Sale, Target, TargetKind};
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::Extension;
use chrono::{DateTime, Utc};
use gallerist_domain::listing::lifecycle::{Actor, ProductOp, Refusal};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The fields a seller may change after listing without a new review; `None` keeps one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductEdit {
    pub name: Option<String>,
    pub overview: Option<String>,
    pub hotline: Option<String>,
}

const LIMITS: [(&str, usize); 3] = [("name", 200), ("overview", 2000), ("hotline", 64)];

impl ProductEdit {
    pub(crate) fn from_json(body: &Map<String, Value>) -> Result<Self, SyncError> {
        if body.is_empty() {
            return Err(SyncError::validation(
                "body",
                "Send at least one of name, overview, hotline.",
            ));
        }
        let mut edit = ProductEdit::default();
        for (field, value) in body {
            let slot = match field.as_str() {
                "name" => &mut edit.name,
                "overview" => &mut edit.overview,
                "hotline" => &mut edit.hotline,
                _ => {
                    return Err(SyncError::validation(
                        field,
                        format!("'{field}' cannot be changed here; only name, overview and hotline change without a new review."),
                    ))
                }
            };
            let Value::String(text) = value else {
                return Err(SyncError::validation(field, format!("'{field}' must be text.")));
            };
            *slot = Some(text.clone());
        }
        edit.check()?;
        Ok(edit)
    }

    fn check(&self) -> Result<(), SyncError> {
        if self.name.as_ref().is_some_and(|n| n.trim().is_empty()) {
            return Err(SyncError::validation("name", "The name cannot be blank."));
        }
        for (field, max) in LIMITS {
            let value = match field {
                "name" => &self.name,
                "overview" => &self.overview,
                _ => &self.hotline,
            };
            if value.as_ref().is_some_and(|v| v.chars().count() > max) {
                return Err(SyncError::validation(
                    field,
                    format!("'{field}' is longer than {max} characters."),
                ));
            }
        }
        Ok(())
    }

    /// Applies the edit; whether anything changed.
    fn apply(&self, p: &mut Product) -> bool {
        let mut changed = false;
        for (new, old) in [
            (&self.name, &mut p.name),
            (&self.overview, &mut p.overview),
            (&self.hotline, &mut p.hotline),
        ] {
            if let Some(new) = new.as_ref().filter(|n| *n != old) {
                old.clone_from(new);
                changed = true;
            }
        }
        changed
    }
}

fn find(conn: &Connection, id: &str) -> Result<Product, SyncError> {
    store::get(conn, id)?.ok_or_else(|| SyncError::not_found("product", id))
}

/// Applies an edit to an on-sale product, bumping the revision if anything changed.
fn edited(
    conn: &Connection,
    mut product: Product,
    edit: &ProductEdit,
    now: DateTime<Utc>,
) -> Result<String, SyncError> {
    if product.status == Sale::Discontinued {
        return Err(Refusal::ProductDiscontinued.into());
    }
    if !edit.apply(&mut product) {
        return Ok(serde_json::to_string(&product)?);
    }
    product.touch(now);
    store::put(conn, &product)
}

/// The console's edit: no If-Match, no idempotency key — someone else's change.
pub(crate) fn console_edit(
    conn: &Connection,
    now: DateTime<Utc>,
    id: &str,
    edit: &ProductEdit,
) -> Result<String, SyncError> {
    edit.check()?;
    edited(conn, find(conn, id)?, edit, now)
}

pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        lists::page(conn, "product", &lists::page_request(&query)?)
    })
}

pub(crate) async fn one(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        Ok(serde_json::to_string(&find(conn, &id)?)?)
    })
}

pub(crate) async fn edit(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::PATCH, &uri, &headers, &body, |w| {
        let base = w.base_revision()?;
        let edit = ProductEdit::from_json(&w.json()?)?;
        let product = find(w.conn, &id)?;
        w.unchanged_since(base, &product)?;
        Ok(Answer::ok(edited(w.conn, product, &edit, w.now)?))
    })
}

pub(crate) async fn delist(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::POST, &uri, &headers, &body, |w| {
        request_delisting(w, &id)
    })
}

fn text_field(map: &Map<String, Value>, key: &str, field: &str) -> Result<Option<String>, SyncError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(SyncError::validation(field, format!("{field} must be text."))),
    }
}

/// `{ target: { kind, spec_id?, sku_id? }, reason }`; a missing reason reads as blank,
/// which the lifecycle refuses in words.
fn parse_delisting(body: &Map<String, Value>) -> Result<(Target, String), SyncError> {
    let Some(Value::Object(t)) = body.get("target") else {
        return Err(SyncError::validation(
            "target",
            "target must be { \"kind\": \"product\" | \"spec\" | \"sku\", \"spec_id\", \"sku_id\" }.",
        ));
    };
    let kind = match t.get("kind").and_then(Value::as_str) {
        Some("product") => TargetKind::Product,
        Some("spec") => TargetKind::Spec,
        Some("sku") => TargetKind::Sku,
        _ => {
            return Err(SyncError::validation(
                "target.kind",
                "target.kind must be product, spec or sku.",
            ))
        }
    };
    let spec_id = text_field(t, "spec_id", "target.spec_id")?;
    let sku_id = text_field(t, "sku_id", "target.sku_id")?;
    if kind != TargetKind::Product && spec_id.is_none() {
        return Err(SyncError::validation(
            "target.spec_id",
            "A spec or SKU target needs spec_id.",
        ));
    }
    if kind == TargetKind::Sku && sku_id.is_none() {
        return Err(SyncError::validation("target.sku_id", "A SKU target needs sku_id."));
    }
    let target = Target {
        kind,
        spec_id: (kind != TargetKind::Product).then_some(spec_id).flatten(),
        sku_id: (kind == TargetKind::Sku).then_some(sku_id).flatten(),
    };
    let reason = text_field(body, "reason", "reason")?.unwrap_or_default();
    Ok((target, reason))
}

fn request_delisting(w: &Write<'_>, id: &str) -> Result<Answer, SyncError> {
    let base = w.base_revision()?;
    let (target, reason) = parse_delisting(&w.json()?)?;
    let mut product = find(w.conn, id)?;
    w.unchanged_since(base, &product)?;
    let mut listed = product.listed();
    listed.apply(
        Actor::Seller,
        ProductOp::RequestDelisting {
            target: target.to_domain(),
            reason,
            at: w.now,
        },
    )?;
    product.adopt(&listed);
    product.touch(w.now);
    Ok(Answer::ok(store::put(w.conn, &product)?))
}
