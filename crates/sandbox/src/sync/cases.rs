//! Supervision cases over the Seller Sync API: reading them, the seller's steps,
//! appeals, and the delivery-proof files those steps reference.
//!
//! WHY steps and not PATCHes: a case moves only by the domain's state machine, whose
//! refusals ("the case is at 用户确认验收", "frozen by an appeal") are the answer a
//! seller needs. A step is checked against the case as it is now, so If-Match is
//! optional: given, it is honoured; left out, a step the case no longer allows is
//! refused in words (422) rather than as a bare stale revision (409).
//!
//! Files are uploaded first, content-addressed (`PUT /attachments/{sha256}`), so a
//! retried upload is harmless and a delivery can only name files the server holds.

use super::buyers;
use super::errors::SyncError;
use super::exchange::{self, Answer, Write};
use super::lists;
use super::store;
use super::wire::Entity;
use super::worklist_wire::{FileRef, SupervisionCase};
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::Extension;
use base64::Engine as _;
use gallerist_domain::supervision::attachment::check_attachment;
use gallerist_domain::supervision::{Actor, Op};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) const FILES_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS seller_sync_files (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    kind TEXT NOT NULL,
    content BLOB NOT NULL
) WITHOUT ROWID;
";

pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        lists::page(conn, "case", &lists::page_request(&query)?)
    })
}

pub(crate) async fn one(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        let case: SupervisionCase = load(conn, &id)?;
        Ok(serde_json::to_string(&case)?)
    })
}

pub(crate) fn load(conn: &Connection, id: &str) -> Result<SupervisionCase, SyncError> {
    store::get(conn, id)?.ok_or_else(|| SyncError::not_found("case", id))
}

pub(crate) async fn step(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::POST, &uri, &headers, &body, |w| {
        seller_step(w, &id)
    })
}

pub(crate) async fn appeal(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::POST, &uri, &headers, &body, |w| {
        seller_appeal(w, &id)
    })
}

#[derive(Deserialize)]
struct StepBody {
    op: Op,
}

fn seller_step(w: &Write<'_>, id: &str) -> Result<Answer, SyncError> {
    let body: StepBody = serde_json::from_value(Value::Object(w.json()?))
        .map_err(|e| SyncError::validation("op", format!("The step is not one this server knows: {e}")))?;
    let mut entity = load(w.conn, id)?;
    if let Some(base) = w.optional_base_revision()? {
        w.unchanged_since(base, &entity)?;
    }
    if body.op.actor() != Actor::Seller {
        return Err(SyncError::refused(
            format!("Only the {} takes this step.", body.op.actor().label_en()),
            format!("此操作应由{}执行。", body.op.actor().label_zh()),
        ));
    }
    if let Op::Deliver(delivery) = &body.op {
        for sha in &delivery.attachments {
            let file = file(w.conn, sha)?.ok_or_else(|| {
                SyncError::validation(
                    "op.deliver.attachments",
                    format!("Attachment {sha} has not been uploaded; PUT /attachments/{sha} first."),
                )
            })?;
            if !entity.files.iter().any(|f| f.sha256 == file.sha256) {
                entity.files.push(file);
            }
        }
    }
    entity.case.apply(Actor::Seller, body.op, w.now)?;
    entity.touch(w.now);
    buyers::schedule(w.conn, w.sync, &entity, w.now)?;
    Ok(Answer::ok(store::put(w.conn, &entity)?))
}

fn seller_appeal(w: &Write<'_>, id: &str) -> Result<Answer, SyncError> {
    let body = w.json()?;
    let reason = body.get("reason").and_then(Value::as_str).unwrap_or_default();
    let mut entity = load(w.conn, id)?;
    if let Some(base) = w.optional_base_revision()? {
        w.unchanged_since(base, &entity)?;
    }
    if reason.trim().is_empty() {
        return Err(SyncError::validation(
            "reason",
            "An appeal needs a reason for the operations manager.",
        ));
    }
    entity.case.appeal(Actor::Seller, reason, w.now)?;
    entity.touch(w.now);
    Ok(Answer::ok(store::put(w.conn, &entity)?))
}

pub(crate) fn file(conn: &Connection, sha256: &str) -> Result<Option<FileRef>, SyncError> {
    conn.prepare_cached("SELECT sha256, name, size, kind FROM seller_sync_files WHERE sha256 = ?1")?
        .query_row([sha256], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
        })
        .optional()?
        .map(|(sha256, name, size, kind)| {
            let kind = serde_json::from_value(Value::String(kind)).map_err(SyncError::internal)?;
            Ok::<_, SyncError>(FileRef {
                sha256,
                name,
                size,
                kind,
            })
        })
        .transpose()
}

pub(crate) async fn put_attachment(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(sha): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::PUT, &uri, &headers, &body, |w| {
        upload(w, &sha)
    })
}

/// `{ name, content_base64 }` stored under its hash; the name must match the bytes.
fn upload(w: &Write<'_>, sha: &str) -> Result<Answer, SyncError> {
    let body = w.json()?;
    let name = body.get("name").and_then(Value::as_str).unwrap_or_default().trim();
    if name.is_empty() || name.contains(['/', '\\']) || name.chars().count() > 200 {
        return Err(SyncError::validation(
            "name",
            "The file name must be 1–200 characters without slashes.",
        ));
    }
    let content = body
        .get("content_base64")
        .and_then(Value::as_str)
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .ok_or_else(|| SyncError::validation("content_base64", "content_base64 must be the file in base64."))?;
    let actual = hex::encode(Sha256::digest(&content));
    if actual != sha.to_ascii_lowercase() {
        return Err(SyncError::validation(
            "sha256",
            format!("The content's SHA-256 is {actual}, not {sha}; the upload was damaged on the way."),
        ));
    }
    let kind = check_attachment(name, &content).map_err(|r| SyncError::refused(r.message_en(), r.message_zh()))?;
    let kind_text = serde_json::to_value(kind)?.as_str().unwrap_or_default().to_string();
    w.conn
        .prepare_cached(
            "INSERT INTO seller_sync_files (sha256, name, size, kind, content) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (sha256) DO NOTHING",
        )?
        .execute(params![actual, name, content.len() as i64, kind_text, content])?;
    let answer = json!({ "sha256": actual, "name": name, "size": content.len(), "kind": kind });
    Ok(Answer::created(answer.to_string()))
}
