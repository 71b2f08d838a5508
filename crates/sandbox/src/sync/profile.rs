//! The seller profile over the Seller Sync API: contacts, the 400 pre-sales extension,
//! ticket reception, the invoice types the seller offers, and the certified identity.
//!
//! WHY one entity with If-Match: the console edits these as one form, and two editors
//! (the app offline, a colleague in the console) must not overwrite each other
//! silently; a stale write gets 409 with the current profile so the app can show both.
//! The server validates with the domain's `contacts::validate`, so an invalid phone or a
//! ticket window under 5×8 is refused in the same words the app shows offline.

use super::errors::SyncError;
use super::exchange::{self, Answer, Write};
use super::lists;
use super::store;
use super::wire::Entity;
use super::worklist_wire::{SellerProfile, PROFILE_ID};
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::Extension;
use gallerist_domain::contacts::{validate, ContactSettings};
use gallerist_domain::invoice::InvoiceKind;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        lists::page(conn, "contacts", &lists::page_request(&query)?)
    })
}

pub(crate) async fn put(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::PUT, &uri, &headers, &body, |w| {
        save(w, &id)
    })
}

#[derive(Deserialize)]
struct ProfileBody {
    settings: ContactSettings,
    invoice_kinds: Vec<InvoiceKind>,
}

fn save(w: &Write<'_>, id: &str) -> Result<Answer, SyncError> {
    if id != PROFILE_ID {
        return Err(SyncError::not_found("contacts", id));
    }
    let base = w.base_revision()?;
    let mut profile: SellerProfile = store::get(w.conn, id)?.ok_or_else(|| SyncError::not_found("contacts", id))?;
    w.unchanged_since(base, &profile)?;
    let body: ProfileBody = serde_json::from_value(Value::Object(w.json()?))
        .map_err(|e| SyncError::validation("body", format!("The profile is not valid: {e}")))?;
    let problems = validate(&body.settings);
    if !problems.is_empty() {
        let en: Vec<String> = problems.iter().map(|p| p.message_en()).collect();
        let zh: Vec<String> = problems.iter().map(|p| p.message_zh()).collect();
        return Err(SyncError::refused(en.join(" "), zh.join("")));
    }
    if body.invoice_kinds.is_empty() {
        return Err(SyncError::refused(
            "Offer at least one invoice type, or buyers cannot request invoices.",
            "请至少支持一种发票类型，否则用户无法申请发票。",
        ));
    }
    profile.settings = body.settings;
    profile.invoice_kinds = body.invoice_kinds;
    profile.touch(w.now);
    Ok(Answer::ok(store::put(w.conn, &profile)?))
}
