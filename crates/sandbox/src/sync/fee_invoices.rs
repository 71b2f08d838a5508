//! The platform-fee invoice over the Seller Sync API: `POST /bills/{id}/fee-invoice`,
//! and the platform issuing it after the buyer delay.
//!
//! WHY through the domain's `fee_invoice_blocked`: the app checks the same rule before
//! it queues the request (paid, CN site, not joint-operation, a template in 商家信息,
//! one per bill), so a refusal here reads exactly like the disabled button's reason.
//! The platform's issuing is settled lazily on each request, like the simulated buyers.

use super::errors::SyncError;
use super::exchange::{self, Answer, Write};
use super::settlement::Bill;
use super::store;
use super::wire::Entity;
use super::worklist_wire::{SellerProfile, PROFILE_ID};
use super::SyncState;
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::Extension;
use chrono::{DateTime, TimeZone, Utc};
use gallerist_domain::settlement::{
    fee_invoice_blocked, FeeInvoice, FeeInvoiceFacts, FeeInvoiceKind, FeeInvoiceStatus, Stage,
};
use rusqlite::{params, Connection};
use serde::Deserialize;
use std::sync::Arc;

pub(crate) async fn request(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::POST, &uri, &headers, &body, |w| {
        ask(w, &id)
    })
}

#[derive(Deserialize)]
struct AskBody {
    kind: FeeInvoiceKind,
}

fn ask(w: &Write<'_>, id: &str) -> Result<Answer, SyncError> {
    let body: AskBody = serde_json::from_value(serde_json::Value::Object(w.json()?))
        .map_err(|e| SyncError::validation("kind", format!("kind must be digital_special or digital_ordinary: {e}")))?;
    let mut bill: Bill = store::get(w.conn, id)?.ok_or_else(|| SyncError::not_found("bill", id))?;
    let template_ready = store::get::<SellerProfile>(w.conn, PROFILE_ID)?
        .is_some_and(|p| !p.certified.company_name.trim().is_empty() && !p.certified.taxpayer_id.trim().is_empty());
    let facts = FeeInvoiceFacts {
        site: bill.site.clone(),
        stage: Stage::from_key(&bill.stage),
        joint_operation: bill.joint_operation,
        template_ready,
        existing: bill.fee_invoice.clone(),
    };
    if let Some(why) = fee_invoice_blocked(&facts) {
        return Err(SyncError::refused(why.en, why.zh));
    }
    bill.fee_invoice = Some(FeeInvoice {
        kind: body.kind,
        status: FeeInvoiceStatus::Requested,
        requested_at: w.now,
        issued_at: None,
    });
    bill.touch(w.now);
    let due = w.now + w.sync.buyer_delay_chrono();
    w.conn
        .prepare_cached("INSERT OR REPLACE INTO seller_sync_fee_invoices (bill_id, due_ms) VALUES (?1, ?2)")?
        .execute(params![id, due.timestamp_millis()])?;
    Ok(Answer::ok(store::put(w.conn, &bill)?))
}

/// Issues every requested invoice whose time has come, dated at its due time.
pub(crate) fn issue_due(conn: &Connection, _sync: &SyncState, now: DateTime<Utc>) -> Result<(), SyncError> {
    let due: Vec<(String, i64)> = conn
        .prepare_cached(
            "SELECT bill_id, due_ms FROM seller_sync_fee_invoices WHERE due_ms <= ?1 ORDER BY due_ms LIMIT 100",
        )?
        .query_map([now.timestamp_millis()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, due_ms) in due {
        conn.prepare_cached("DELETE FROM seller_sync_fee_invoices WHERE bill_id = ?1")?
            .execute([&id])?;
        let Some(mut bill) = store::get::<Bill>(conn, &id)? else {
            continue;
        };
        let at = Utc.timestamp_millis_opt(due_ms).single().unwrap_or(now).min(now);
        if let Some(invoice) = bill
            .fee_invoice
            .as_mut()
            .filter(|i| i.status == FeeInvoiceStatus::Requested)
        {
            invoice.status = FeeInvoiceStatus::Issued;
            invoice.issued_at = Some(at);
            bill.touch(at);
            store::put(conn, &bill)?;
        }
    }
    Ok(())
}
