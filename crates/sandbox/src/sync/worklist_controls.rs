//! Sandbox-only controls for the worklist: open a case, act as the buyer or the
//! platform, decide an appeal, raise an invoice request, and pace the simulated buyers.
//!
//! WHY: end-to-end tests walk a case from requirements to acceptance and need the
//! buyer's side on demand; a seller trying the app wants buyers that answer in minutes,
//! a test wants them paused. Like the other controls, HTTP and Rust callers share the
//! same functions. None of this is part of the Seller Sync contract.

use super::buyers;
use super::cases;
use super::errors::SyncError;
use super::exchange::{self, refuse, respond};
use super::invoices::{self, NewInvoiceRequest};
use super::store;
use super::wire::Entity;
use super::worklist_demo::{self, NewCase};
use crate::request_id::RequestId;
use crate::{Sandbox, Shared};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use gallerist_domain::supervision::{Actor, Op, Ruling};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, SyncError> {
    serde_json::from_slice(body).map_err(|e| SyncError::validation("body", format!("The body is not valid: {e}")))
}

fn answer(result: Result<String, SyncError>, request_id: &RequestId) -> Response {
    match result {
        Ok(body) => respond(StatusCode::OK, body, false),
        Err(e) => refuse(&e, request_id),
    }
}

#[derive(Deserialize)]
struct Pace {
    delay_ms: Option<u64>,
    /// 0 stops new invoice requests.
    invoice_interval_ms: Option<u64>,
}

pub(crate) async fn put_buyers(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    body: Bytes,
) -> Response {
    let result = parse::<Pace>(&body).map(|p| {
        if let Some(ms) = p.delay_ms {
            shared.sync.set_buyer_delay(Duration::from_millis(ms));
        }
        if let Some(ms) = p.invoice_interval_ms {
            shared.sync.set_invoice_interval(Duration::from_millis(ms));
        }
        json!({
            "delay_ms": shared.sync.buyer_delay_chrono().num_milliseconds(),
            "invoice_interval_ms": shared.sync.invoice_interval_chrono().map_or(0, |d| d.num_milliseconds()),
        })
        .to_string()
    });
    answer(result, &request_id)
}

pub(crate) async fn post_case(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    body: Bytes,
) -> Response {
    let result = parse::<NewCase>(&body).and_then(|new| open(&shared, &new));
    answer(result, &request_id)
}

#[derive(Deserialize)]
struct Act {
    actor: Actor,
    op: Op,
}

pub(crate) async fn post_act(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let result = parse::<Act>(&body).and_then(|a| act(&shared, &id, a.actor, a.op));
    answer(result, &request_id)
}

#[derive(Deserialize)]
struct Decide {
    ruling: Ruling,
}

pub(crate) async fn post_ruling(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let result = parse::<Decide>(&body).and_then(|d| rule(&shared, &id, d.ruling));
    answer(result, &request_id)
}

pub(crate) async fn post_invoice_request(
    State(shared): State<Arc<Shared>>,
    Extension(request_id): Extension<RequestId>,
    body: Bytes,
) -> Response {
    let result = parse::<NewInvoiceRequest>(&body)
        .and_then(|new| exchange::transact(&shared, |conn, now| invoices::raise(conn, &new, now)));
    answer(result, &request_id)
}

fn open(shared: &Shared, new: &NewCase) -> Result<String, SyncError> {
    exchange::transact(shared, |conn, now| {
        let entity = worklist_demo::open_case(conn, &shared.sync, new, &[], now)?;
        Ok(serde_json::to_string(&entity)?)
    })
}

fn act(shared: &Shared, id: &str, actor: Actor, op: Op) -> Result<String, SyncError> {
    exchange::transact(shared, |conn, now| {
        let mut entity = cases::load(conn, id)?;
        entity.case.apply(actor, op, now)?;
        entity.touch(now);
        buyers::schedule(conn, &shared.sync, &entity, now)?;
        store::put(conn, &entity)
    })
}

fn rule(shared: &Shared, id: &str, ruling: Ruling) -> Result<String, SyncError> {
    exchange::transact(shared, |conn, now| {
        let mut entity = cases::load(conn, id)?;
        entity.case.decide_appeal(Actor::Platform, ruling, now)?;
        entity.touch(now);
        buyers::schedule(conn, &shared.sync, &entity, now)?;
        store::put(conn, &entity)
    })
}

fn value(body: String) -> Result<Value, SyncError> {
    Ok(serde_json::from_str(&body)?)
}

/// The worklist controls for Rust callers (tests, the app's boot).
impl Sandbox {
    /// Seeds the demo cases, invoice requests, invoicing lists and seller profile once.
    pub fn seed_demo_worklist(&self) -> Result<(), SyncError> {
        exchange::transact(&self.shared, |conn, now| {
            worklist_demo::seed(conn, &self.shared.sync, now)
        })
    }

    /// Seeds the demo settlement orders and runs the bill runs that are due, once.
    pub fn seed_demo_settlement(&self) -> Result<(), SyncError> {
        exchange::transact(&self.shared, super::settlement::seed)
    }

    /// Opens a case; returns it as the API sends it.
    pub fn open_case(&self, new: &NewCase) -> Result<Value, SyncError> {
        value(open(&self.shared, new)?)
    }

    /// Takes a step as the buyer or the platform, now.
    pub fn act_on_case(&self, id: &str, actor: Actor, op: Op) -> Result<Value, SyncError> {
        value(act(&self.shared, id, actor, op)?)
    }

    /// The platform decides the pending appeal.
    pub fn decide_appeal(&self, id: &str, ruling: Ruling) -> Result<Value, SyncError> {
        value(rule(&self.shared, id, ruling)?)
    }

    pub fn raise_invoice_request(&self, new: &NewInvoiceRequest) -> Result<Value, SyncError> {
        value(exchange::transact(&self.shared, |conn, now| {
            invoices::raise(conn, new, now)
        })?)
    }

    /// How long simulated buyers and the platform take to react (default 2 min).
    pub fn set_buyer_delay(&self, delay: Duration) {
        self.shared.sync.set_buyer_delay(delay);
    }

    /// How often simulated buyers raise an invoice request; zero stops them.
    pub fn set_invoice_interval(&self, every: Duration) {
        self.shared.sync.set_invoice_interval(every);
    }

    /// A case as the API sends it.
    pub fn case(&self, id: &str) -> Result<Value, SyncError> {
        value(exchange::transact(&self.shared, |conn, _| {
            Ok(serde_json::to_string(&cases::load(conn, id)?)?)
        })?)
    }
}
