//! Buyer invoice requests and Huawei's invoicing lists over the Seller Sync API, and the
//! simulated buyers who raise requests over time.
//!
//! WHY the seller's actions go through the domain's `InvoiceRequest::apply`: issuing
//! needs the full order amount and an invoice number, revoking only while requested,
//! returning only once issued (reference §6, S-CN-AD, S-CN-Y). The server refuses in
//! the same words the app used offline. Like case steps, If-Match is optional.

use super::errors::SyncError;
use super::exchange::{self, Answer, Write};
use super::lists;
use super::store;
use super::wire::Entity;
use super::worklist_wire::InvoiceRequestEntity;
use super::SyncState;
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::Extension;
use chrono::{DateTime, TimeZone, Utc};
use gallerist_domain::invoice::{Actor, InvoiceKind, InvoiceOp, InvoiceRequest, InvoiceType, Medium};
use gallerist_domain::money::{Currency, Money};
use rusqlite::Connection;
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
        lists::page(conn, "invoice_request", &lists::page_request(&query)?)
    })
}

pub(crate) async fn lists_of_huawei(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        lists::page(conn, "invoicing_list", &lists::page_request(&query)?)
    })
}

pub(crate) async fn action(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path((id, action)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    exchange::write(&shared, &request_id, &Method::POST, &uri, &headers, &body, |w| {
        seller_action(w, &id, &action)
    })
}

#[derive(Deserialize)]
struct IssueBody {
    number: String,
    amount: Money,
}

#[derive(Deserialize)]
struct ReasonBody {
    reason: String,
}

fn seller_action(w: &Write<'_>, id: &str, action: &str) -> Result<Answer, SyncError> {
    let body = Value::Object(w.json()?);
    let bad = |e: serde_json::Error| SyncError::validation("body", format!("The {action} body is not valid: {e}"));
    let op = match action {
        "issue" => {
            let b: IssueBody = serde_json::from_value(body).map_err(bad)?;
            InvoiceOp::Issue {
                number: b.number,
                amount: b.amount,
            }
        }
        "revoke" => InvoiceOp::Revoke {
            reason: serde_json::from_value::<ReasonBody>(body).map_err(bad)?.reason,
        },
        "return" => InvoiceOp::Return {
            reason: serde_json::from_value::<ReasonBody>(body).map_err(bad)?.reason,
        },
        other => return Err(SyncError::not_found("invoice action", other)),
    };
    let mut entity: InvoiceRequestEntity =
        store::get(w.conn, id)?.ok_or_else(|| SyncError::not_found("invoice request", id))?;
    if let Some(base) = w.optional_base_revision()? {
        w.unchanged_since(base, &entity)?;
    }
    entity
        .request
        .apply(Actor::Seller, op, w.now)
        .map_err(|r| SyncError::refused(r.message_en(), r.message_zh()))?;
    entity.touch(w.now);
    Ok(Answer::ok(store::put(w.conn, &entity)?))
}

/// What a new buyer request carries.
#[derive(Debug, Clone, Deserialize)]
pub struct NewInvoiceRequest {
    pub order_id: Option<String>,
    pub product_name: String,
    pub title: String,
    pub kind: InvoiceKind,
    pub amount: Money,
    pub requested_at: Option<DateTime<Utc>>,
}

/// Stores a new request from a buyer; returns its JSON.
pub(crate) fn raise(conn: &Connection, new: &NewInvoiceRequest, now: DateTime<Utc>) -> Result<String, SyncError> {
    let n = store::next(conn, "invoice_request")?;
    let order_id = new.order_id.clone().unwrap_or_else(|| format!("CS2611{n:06}"));
    let at = new.requested_at.unwrap_or(now);
    let paper = new.kind.medium == Medium::Paper;
    let entity = InvoiceRequestEntity {
        id: format!("inv-{n}"),
        revision: 1,
        updated_at: at,
        product_name: new.product_name.clone(),
        buyer: format!("hw_{:04}***", (n * 7919) % 10_000),
        title: new.title.clone(),
        taxpayer_id: (new.kind.invoice_type == InvoiceType::VatSpecial).then(|| format!("91310000MA1K{n:06}")),
        address: paper.then(|| "上海市浦东新区世纪大道 100 号 15 楼 财务部（收）".to_string()),
        request: InvoiceRequest::new(&order_id, new.kind, new.amount, at),
    };
    store::put(conn, &entity)
}

const TITLES: [&str; 4] = [
    "上海云启信息科技有限公司",
    "北京数桥软件有限公司",
    "深圳星河数据服务有限公司",
    "杭州青禾网络科技有限公司",
];
const PRODUCTS: [&str; 3] = ["Gallerist Demo SaaS", "数据迁移实施服务", "企业网盘 License"];

/// A request raised by the simulated buyers: the `n`-th, varied but repeatable.
fn simulated(n: i64) -> NewInvoiceRequest {
    let i = n.unsigned_abs() as usize;
    let kinds = [
        InvoiceKind::new(InvoiceType::VatOrdinary, Medium::AllDigital),
        InvoiceKind::new(InvoiceType::VatSpecial, Medium::Paper),
        InvoiceKind::new(InvoiceType::VatOrdinary, Medium::Electronic),
    ];
    NewInvoiceRequest {
        order_id: None,
        product_name: PRODUCTS[i % PRODUCTS.len()].into(),
        title: TITLES[i % TITLES.len()].into(),
        kind: kinds[i % kinds.len()],
        amount: Money::new(9_900 + (i as i64 % 7) * 125_000, Currency::Cny),
        requested_at: None,
    }
}

/// Raises the requests whose time has come (at most three at once after a long pause).
pub(crate) fn raise_due(conn: &Connection, sync: &SyncState, now: DateTime<Utc>) -> Result<(), SyncError> {
    let Some(interval) = sync.invoice_interval_chrono() else {
        return Ok(());
    };
    let next_ms: i64 = conn
        .prepare_cached("SELECT value FROM seller_sync_counters WHERE name = 'next_invoice_ms'")?
        .query_row([], |r| r.get(0))?;
    let set_next = |at: DateTime<Utc>| -> Result<(), SyncError> {
        conn.prepare_cached("UPDATE seller_sync_counters SET value = ?1 WHERE name = 'next_invoice_ms'")?
            .execute([at.timestamp_millis()])?;
        Ok(())
    };
    if next_ms == 0 {
        return set_next(now + interval);
    }
    let mut next = Utc.timestamp_millis_opt(next_ms).single().unwrap_or(now);
    let mut raised = 0;
    while next <= now && raised < 3 {
        let n = store::next(conn, "simulated_invoice")?;
        let mut new = simulated(n);
        new.requested_at = Some(next);
        raise(conn, &new, now)?;
        next += interval;
        raised += 1;
    }
    set_next(if next <= now { now + interval } else { next })
}
