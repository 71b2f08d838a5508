//! The kinds of change the outbox carries, how each becomes a request, and what its
//! answer changes locally.
//!
//! WHY one table of kinds: the engine is generic (send, classify, retry); only here
//! does it matter that a submitted draft becomes "pending" or that a product edit
//! stops being "waiting" once the server has it. The worklist (supervision steps,
//! appeals, proof uploads, invoice actions, the seller profile) and a bill's
//! platform-fee invoice request ride the same engine:
//! a proof file goes up first in the case's lane, so the delivery that names it
//! cannot overtake it, and the proof draft is deleted only once the delivery is in.

use super::client::Request;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use gallerist_store::assets::AssetFiles;
use gallerist_store::{bills, drafts, outbox::Op, remote, worklist, StoreError};
use reqwest::Method;
use rusqlite::Connection;
use serde_json::{json, Value};

pub const SUBMIT_APPLICATION: &str = "submit_application";
pub const WITHDRAW_APPLICATION: &str = "withdraw_application";
pub const EDIT_PRODUCT: &str = "edit_product";
pub const REQUEST_DELISTING: &str = "request_delisting";
pub const UPLOAD_ATTACHMENT: &str = "upload_attachment";
pub const CASE_STEP: &str = "case_step";
pub const CASE_APPEAL: &str = "case_appeal";
pub const INVOICE_ACTION: &str = "invoice_action";
pub const SAVE_PROFILE: &str = "save_profile";
pub const REQUEST_FEE_INVOICE: &str = "request_fee_invoice";

/// The lane of a draft's operations and of a remote entity's.
pub fn draft_lane(draft_id: i64) -> String {
    format!("draft:{draft_id}")
}

pub fn entity_lane(kind: &str, remote_id: &str) -> String {
    format!("{kind}:{remote_id}")
}

fn id(op: &Op, key: &str) -> String {
    op.payload[key].as_str().unwrap_or_default().to_string()
}

/// The request for an operation, or why it cannot be built (a damaged row, a file
/// that is no longer in the asset folder).
pub fn request(op: &Op, assets: Option<&AssetFiles>) -> Result<Request, String> {
    let write = |method: Method, path: String, body: Value, if_match: Option<i64>| Request {
        method,
        path,
        body: Some(body),
        idempotency_key: Some(op.op_key.clone()),
        if_match,
    };
    Ok(match op.kind.as_str() {
        SUBMIT_APPLICATION => write(
            Method::POST,
            "/applications".into(),
            json!({
                "draft_ref": op.payload["draft_ref"],
                "product_id": op.payload["product_id"],
                "listing": op.payload["listing"],
            }),
            None,
        ),
        WITHDRAW_APPLICATION => write(
            Method::POST,
            format!("/applications/{}/withdraw", id(op, "application_id")),
            json!({}),
            op.base_revision,
        ),
        EDIT_PRODUCT => write(
            Method::PATCH,
            format!("/products/{}", id(op, "product_id")),
            op.payload["fields"].clone(),
            op.base_revision,
        ),
        REQUEST_DELISTING => write(
            Method::POST,
            format!("/products/{}/delisting", id(op, "product_id")),
            json!({ "target": op.payload["target"], "reason": op.payload["reason"] }),
            op.base_revision,
        ),
        UPLOAD_ATTACHMENT => {
            let sha = id(op, "sha256");
            let assets = assets.ok_or("this sync run has no access to attached files")?;
            let bytes = assets.get(&sha).map_err(|e| {
                format!(
                    "the attached file {} cannot be read: {e}",
                    op.payload["name"].as_str().unwrap_or(&sha)
                )
            })?;
            let content = base64::engine::general_purpose::STANDARD.encode(bytes);
            write(
                Method::PUT,
                format!("/attachments/{sha}"),
                json!({ "name": op.payload["name"], "content_base64": content }),
                None,
            )
        }
        CASE_STEP => write(
            Method::POST,
            format!("/cases/{}/steps", id(op, "case_id")),
            json!({ "op": op.payload["op"] }),
            None,
        ),
        CASE_APPEAL => write(
            Method::POST,
            format!("/cases/{}/appeal", id(op, "case_id")),
            json!({ "reason": op.payload["reason"] }),
            None,
        ),
        INVOICE_ACTION => write(
            Method::POST,
            format!("/invoice-requests/{}/{}", id(op, "request_id"), id(op, "action")),
            op.payload["body"].clone(),
            None,
        ),
        SAVE_PROFILE => write(
            Method::PUT,
            "/contacts/seller".into(),
            op.payload["fields"].clone(),
            op.base_revision,
        ),
        REQUEST_FEE_INVOICE => write(
            Method::POST,
            format!("/bills/{}/fee-invoice", id(op, "bill_id")),
            json!({ "kind": op.payload["kind"] }),
            None,
        ),
        other => return Err(format!("this Gallerist does not know how to send a '{other}' change")),
    })
}

/// The remote entity an operation writes: (kind, id) once known. Bills are not remote
/// entities (they live in `bills` as columns), so a fee-invoice request has none.
pub fn target(op: &Op) -> Option<(&'static str, String)> {
    match op.kind.as_str() {
        WITHDRAW_APPLICATION => Some(("application", id(op, "application_id"))),
        EDIT_PRODUCT | REQUEST_DELISTING => Some(("product", id(op, "product_id"))),
        CASE_STEP | CASE_APPEAL => Some(("case", id(op, "case_id"))),
        INVOICE_ACTION => Some(("invoice_request", id(op, "request_id"))),
        SAVE_PROFILE => Some(("contacts", "seller".to_string())),
        _ => None,
    }
}

/// Applies a successful answer locally, in the caller's transaction.
pub fn apply_done(conn: &Connection, op: &Op, answer: &Value, now: DateTime<Utc>) -> Result<(), StoreError> {
    match op.kind.as_str() {
        SUBMIT_APPLICATION => {
            let draft_id = op.payload["draft_id"].as_i64();
            remote::store_synced(conn, op.account_id, "application", answer, draft_id, now)?;
            if let Some(d) = draft_id {
                let status = answer["status"].as_str().unwrap_or("pending");
                drafts::set_application(conn, d, status, Some(op.account_id), answer["id"].as_str())?;
            }
        }
        WITHDRAW_APPLICATION => {
            remote::store_synced(conn, op.account_id, "application", answer, None, now)?;
            if let Some(d) = op.payload["draft_id"].as_i64() {
                // A withdrawn application gives the draft back to the seller.
                drafts::set_application(conn, d, "draft", None, None)?;
            }
        }
        EDIT_PRODUCT | REQUEST_DELISTING => {
            remote::store_synced(conn, op.account_id, "product", answer, None, now)?;
        }
        CASE_STEP | CASE_APPEAL | INVOICE_ACTION | SAVE_PROFILE => {
            if let Some((kind, _)) = target(op) {
                remote::store_synced(conn, op.account_id, kind, answer, None, now)?;
            }
            if op.payload["clears_proof"].as_bool() == Some(true) {
                worklist::delete_proof(conn, op.account_id, &id(op, "case_id"))?;
            }
        }
        REQUEST_FEE_INVOICE => {
            // The answer is the bill with its invoice; its lines did not change.
            bills::upsert_bill(conn, op.account_id, &super::settlement_pull::bill_row(answer), now)?;
        }
        _ => {}
    }
    Ok(())
}
