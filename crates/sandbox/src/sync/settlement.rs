//! The sandbox's settlement: orders with the facts the bill-run conditions read, the
//! bill run on the CN working calendar, and `GET /bills`, `/bills/{id}/lines` and
//! `/settlement-orders`.
//!
//! WHY through the domain: an order is billed in the run `why_not_billed` names — paid,
//! credit repaid, supervision 不涉及 or 已完成, effective, certified — so some demo orders
//! are held back for the right reason (an unrepaid credit line, a case still in
//! progress, an unpaid order), and the client's why-not-billed card agrees with the bill.
//! Fees come from `fee_rate` by product type and release date, nets from `settle`.

use super::errors::SyncError;
use super::exchange;
use super::lists::{self, cursor, page_request};
use super::store;
use super::wire::entity;
use crate::request_id::RequestId;
use crate::Shared;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Extension;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use gallerist_domain::clock::china_day;
use gallerist_domain::money::{Currency, Money};
use gallerist_domain::settlement::FeeInvoice;
use gallerist_domain::settlement::{
    billed_period, fee_rate, run_date, settle, stage_on, why_not_billed, BillingSite, OrderFacts, OrderKind, Payment,
    ProductType, WorkingCalendar, YearMonth,
};
use gallerist_domain::supervision::SupervisionStatus;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS seller_sync_bill_lines (
    seq INTEGER PRIMARY KEY,
    bill_id TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seller_sync_bill_lines_by_bill ON seller_sync_bill_lines (bill_id, seq);
CREATE TABLE IF NOT EXISTS seller_sync_fee_invoices (
    bill_id TEXT PRIMARY KEY,
    due_ms INTEGER NOT NULL
);
";

/// An order as the marketplace's settlement sees it (交易明细).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SettlementOrder {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub product_name: String,
    pub product_type: ProductType,
    pub released_on: NaiveDate,
    pub amount: Money,
    pub facts: OrderFacts,
    pub billed_in: Option<String>,
}
entity!(SettlementOrder, "settlement_order");

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Totals {
    pub gross: Money,
    pub fee: Money,
    pub tax: Money,
    pub net: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Bill {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub period: String,
    pub site: String,
    pub run_date: NaiveDate,
    pub stage: String,
    pub totals: Totals,
    pub line_count: i64,
    /// Joint-operation bills are invoiced seller → Huawei, not the other way round.
    #[serde(default)]
    pub joint_operation: bool,
    /// The platform-fee invoice the seller asked for, once asked (see `fee_invoices`).
    #[serde(default)]
    pub fee_invoice: Option<FeeInvoice>,
}
entity!(Bill, "bill");

const PRODUCTS: [(&str, ProductType); 6] = [
    ("Gallerist Demo SaaS", ProductType::Saas),
    ("企业网盘 License", ProductType::License),
    ("数据迁移实施服务", ProductType::ProfessionalService),
    ("Ubuntu 加固镜像", ProductType::Image),
    ("边缘计算网关", ProductType::Hardware),
    ("OCR 识别 API", ProductType::Api),
];

/// The `i`-th demo order, dated relative to `today` (UTC+8). Some are held back: every
/// ninth (offset 4) is on an unrepaid credit line, supervised ones at `i % 4 == 2` are
/// still in progress, every eleventh (offset 5) is unpaid.
fn demo_order(i: usize, today: NaiveDate, now: DateTime<Utc>) -> SettlementOrder {
    let (name, product_type) = PRODUCTS[i % PRODUCTS.len()];
    let effective_on = today - Duration::days(3 + (i as i64 * 37) % 120);
    let paid = i % 11 != 5;
    let credit = i % 9 == 4;
    let supervised = matches!(product_type, ProductType::ProfessionalService | ProductType::Hardware);
    let in_progress = supervised && i % 4 == 2;
    let facts = OrderFacts {
        paid_at: paid.then(|| effective_on.and_hms_opt(2, 0, 0).unwrap_or_default().and_utc()),
        payment: if credit { Payment::CreditLine } else { Payment::Online },
        repaid: !credit,
        supervision: match (supervised, in_progress) {
            (false, _) => SupervisionStatus::NotInvolved,
            (true, true) => SupervisionStatus::InProgress,
            (true, false) => SupervisionStatus::Completed,
        },
        effective: true,
        certified: true,
        kind: OrderKind::New,
        activated_on: effective_on,
        effective_on,
        consumed_month: YearMonth::of(effective_on),
        supervision_completed_on: (supervised && !in_progress).then_some(effective_on + Duration::days(9)),
        same_type_billed: None,
    };
    SettlementOrder {
        id: format!("CS2611{:06}", 500 + i),
        revision: 1,
        updated_at: now,
        product_name: name.into(),
        product_type,
        released_on: if i.is_multiple_of(2) {
            NaiveDate::from_ymd_opt(2023, 3, 1).unwrap_or_default()
        } else {
            NaiveDate::from_ymd_opt(2021, 6, 1).unwrap_or_default()
        },
        amount: Money::new(100_000 + (i as i64 * 7_919) % 4_000_000, Currency::Cny),
        facts,
        billed_in: None,
    }
}

/// Three mistakes a real bill can carry, so the reconciliation view has something to
/// find: one order billed at the stock 15 % though released after 2022-11-11, one
/// billable order left off its bill, one billed a run late; plus a line for an order
/// the shop never had (see [`stray_line`]).
const WRONG_RATE: usize = 8;
const LEFT_OUT: usize = 12;
const BILLED_LATE: usize = 15;

fn line_json(id: &str, order: &SettlementOrder, period: YearMonth, wrong_rate: bool) -> (serde_json::Value, [i64; 4]) {
    let cny = |minor| Money::new(minor, Currency::Cny);
    let mut rate = fee_rate(order.product_type, order.released_on, order.facts.effective_on);
    if wrong_rate {
        rate.ppm = 150_000;
    }
    let b = settle(order.amount.minor, 0, rate.ppm, 0, 0);
    let json = serde_json::json!({
        "id": format!("{id}-{}", order.id),
        "order_id": order.id,
        "order_kind": "new",
        "period": period.to_string(),
        "product_name": order.product_name,
        "product_type": order.product_type,
        "gross": cny(b.gross),
        "customer_wht": cny(b.customer_wht),
        "fee_rate_ppm": rate.ppm,
        "fee": cny(b.fee),
        "seller_wht": cny(b.seller_wht),
        "dst": cny(b.dst),
        "net": cny(b.net),
    });
    (json, [b.gross, b.fee, b.seller_wht + b.dst, b.net])
}

/// A line for an order the shop never had (a mistaken adjustment), on the latest bill.
fn stray_line(bill: &mut Bill, lines: &mut Vec<serde_json::Value>) {
    let cny = |minor| Money::new(minor, Currency::Cny);
    let b = settle(500_000, 0, 130_000, 0, 0);
    lines.push(serde_json::json!({
        "id": format!("{}-CS2610000777", bill.id),
        "order_id": "CS2610000777",
        "order_kind": "renewal",
        "period": bill.period,
        "product_name": "Gallerist Demo SaaS",
        "product_type": ProductType::Saas,
        "gross": cny(b.gross),
        "customer_wht": cny(0),
        "fee_rate_ppm": 130_000,
        "fee": cny(b.fee),
        "seller_wht": cny(0),
        "dst": cny(0),
        "net": cny(b.net),
    }));
    bill.totals.gross.minor += b.gross;
    bill.totals.fee.minor += b.fee;
    bill.totals.net.minor += b.net;
    bill.line_count += 1;
}

/// Seeds the demo orders and runs every bill run that is due (once).
pub(crate) fn seed(conn: &Connection, now: DateTime<Utc>) -> Result<(), SyncError> {
    if store::get::<SettlementOrder>(conn, "CS2611000500")?.is_some() {
        return Ok(());
    }
    let today = china_day(now);
    let calendar = WorkingCalendar::default_cn();
    let cny = |minor| Money::new(minor, Currency::Cny);
    let mut bills: BTreeMap<NaiveDate, (Bill, Vec<serde_json::Value>)> = BTreeMap::new();
    for i in 0..48 {
        let mut order = demo_order(i, today, now);
        let verdict = why_not_billed(&order.facts, BillingSite::Cn, &calendar);
        let run = verdict
            .run_date
            .filter(|_| verdict.billable && i != LEFT_OUT)
            .map(|run| {
                if i == BILLED_LATE {
                    let next = YearMonth::of(run).next();
                    run_date(BillingSite::Cn, next.year, next.month, &calendar)
                } else {
                    run
                }
            });
        if let Some(run) = run.filter(|r| *r <= today) {
            let period = billed_period(run);
            let id = format!("B{}{:02}-CN", period.year, period.month);
            let (json, [gross, fee, tax, net]) = line_json(&id, &order, period, i == WRONG_RATE);
            let (bill, lines) = bills.entry(run).or_insert_with(|| {
                let totals = Totals {
                    gross: cny(0),
                    fee: cny(0),
                    tax: cny(0),
                    net: cny(0),
                };
                let bill = Bill {
                    id: id.clone(),
                    revision: 1,
                    updated_at: now,
                    period: period.to_string(),
                    site: "cn".into(),
                    run_date: run,
                    stage: stage_on(run, today, &calendar).key().into(),
                    totals,
                    line_count: 0,
                    joint_operation: false,
                    fee_invoice: None,
                };
                (bill, Vec::new())
            });
            bill.totals.gross.minor += gross;
            bill.totals.fee.minor += fee;
            bill.totals.tax.minor += tax;
            bill.totals.net.minor += net;
            bill.line_count += 1;
            lines.push(json);
            order.billed_in = Some(id);
        }
        store::put(conn, &order)?;
    }
    if let Some((bill, lines)) = bills.values_mut().next_back() {
        stray_line(bill, lines);
    }
    for (bill, lines) in bills.values() {
        store::put(conn, bill)?;
        for line in lines {
            conn.prepare_cached("INSERT INTO seller_sync_bill_lines (bill_id, body) VALUES (?1, ?2)")?
                .execute(params![bill.id, line.to_string()])?;
        }
    }
    Ok(())
}

pub(crate) async fn list_bills(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        lists::page(conn, "bill", &page_request(&query)?)
    })
}

pub(crate) async fn list_orders(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        lists::page(conn, "settlement_order", &page_request(&query)?)
    })
}

/// A bill's lines in order; the cursor is the line sequence.
pub(crate) async fn bill_lines(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    exchange::read(&shared, &request_id, |conn, _| {
        let req = page_request(&query)?;
        let mut stmt = conn.prepare_cached(
            "SELECT seq, body FROM seller_sync_bill_lines WHERE bill_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let mut rows: Vec<(i64, String)> = stmt
            .query_map(params![id, req.after, req.limit as i64 + 1], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        let more = rows.len() > req.limit;
        rows.truncate(req.limit);
        let next = rows.last().map_or(req.after, |(s, _)| *s);
        let mut out = String::from("{\"items\":[");
        for (i, (_, body)) in rows.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(body);
        }
        let _ = write!(out, "],\"next_cursor\":\"{}\",\"has_more\":{more}}}", cursor(next));
        Ok(out)
    })
}
