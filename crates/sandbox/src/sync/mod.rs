//! The Seller Sync API (`docs/seller-sync-api.md`) as the sandbox serves it, and the
//! sandbox-only controls under `/_sandbox/v1`.
//!
//! WHY a server of our own for a contract KooGallery does not publish: the client's
//! outbox, conflict handling and review pull must be tested against something that
//! answers like a real marketplace — replays, stale revisions, reviews that take
//! time, networks that lose answers — and new sellers need a shop that works
//! offline. This module depends on the domain only (lifecycle, rule pack), never on
//! the client crates, so a client bug cannot be mirrored here.
//!
//! Layout: `exchange` carries out a request (idempotency, If-Match, one transaction),
//! `applications`/`products`/`lists` decide, `review` + `reviewer_rules` + `release`
//! are the marketplace's reviewer, `store` is the SQLite, `faults` the unreliable
//! network, `controls` the knobs. The seller's worklist: `cases` (supervision steps,
//! appeals, proof files), `invoices` (buyer requests, Huawei invoicing lists),
//! `profile` (contacts), `buyers` (simulated buyers and platform timers),
//! `worklist_demo` and `worklist_controls`, with entities in `worklist_wire`.

mod applications;
mod buyers;
mod cases;
mod controls;
mod demo;
mod errors;
mod exchange;
mod faults;
mod fee_invoices;
mod invoices;
mod lists;
mod products;
mod profile;
mod release;
mod review;
mod reviewer_rules;
mod settlement;
pub(crate) mod store;
mod wire;
mod worklist_controls;
mod worklist_demo;
mod worklist_wire;

pub use buyers::BuyerProfile;
pub use errors::SyncError;
pub use faults::Faults;
pub use invoices::NewInvoiceRequest;
pub use products::ProductEdit;
pub use store::Effects;
pub use worklist_demo::NewCase;

use crate::Shared;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, patch, post, put};
use axum::Router;
use gallerist_domain::listing::Pack;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The contract's base path.
pub const BASE_PATH: &str = "/api/seller-sync/v1";
/// The sandbox-only controls' base path.
pub const CONTROL_PATH: &str = "/_sandbox/v1";
/// How long the simulated reviewer takes unless told otherwise.
pub const DEFAULT_REVIEW_DELAY: Duration = Duration::from_secs(30);
/// How long simulated buyers and the platform take unless told otherwise.
pub const DEFAULT_BUYER_DELAY: Duration = Duration::from_secs(120);
/// How often simulated buyers raise an invoice request unless told otherwise.
pub const DEFAULT_INVOICE_INTERVAL: Duration = Duration::from_secs(4 * 3600);
/// The longest review delay the sandbox keeps (ten years: "never, for this test").
pub const MAX_REVIEW_DELAY: Duration = Duration::from_secs(10 * 366 * 24 * 3600);

/// The Seller Sync tables, created when the data file is opened.
pub(crate) const SCHEMAS: [&str; 4] = [store::SCHEMA, cases::FILES_SCHEMA, buyers::SCHEMA, settlement::SCHEMA];

/// The largest attachment upload body: 20 MB of file as base64 plus the JSON around it.
const MAX_UPLOAD_BODY: usize = 28 * 1024 * 1024;

/// The Seller Sync side of the sandbox's shared state (the entities live in its SQLite).
pub(crate) struct SyncState {
    /// The embedded rule pack, loaded once; the reviewer's first opinion.
    pub pack: Pack,
    pub faults: faults::FaultSwitch,
    review_delay_ms: AtomicU64,
    buyer_delay_ms: AtomicU64,
    /// 0 = simulated buyers raise no invoice requests.
    invoice_interval_ms: AtomicU64,
}

impl SyncState {
    pub fn new() -> Self {
        SyncState {
            pack: Pack::embedded(),
            faults: faults::FaultSwitch::new(),
            review_delay_ms: AtomicU64::new(DEFAULT_REVIEW_DELAY.as_millis() as u64),
            buyer_delay_ms: AtomicU64::new(DEFAULT_BUYER_DELAY.as_millis() as u64),
            invoice_interval_ms: AtomicU64::new(DEFAULT_INVOICE_INTERVAL.as_millis() as u64),
        }
    }

    pub fn review_delay(&self) -> Duration {
        Duration::from_millis(self.review_delay_ms.load(Ordering::Relaxed))
    }

    pub fn review_delay_chrono(&self) -> chrono::Duration {
        chrono::Duration::milliseconds(self.review_delay_ms.load(Ordering::Relaxed) as i64)
    }

    pub fn buyer_delay_chrono(&self) -> chrono::Duration {
        chrono::Duration::milliseconds(self.buyer_delay_ms.load(Ordering::Relaxed) as i64)
    }

    pub fn set_buyer_delay(&self, delay: Duration) {
        let ms = delay.min(MAX_REVIEW_DELAY).as_millis() as u64;
        self.buyer_delay_ms.store(ms, Ordering::Relaxed);
    }

    /// `None` when simulated buyers raise no invoice requests.
    pub fn invoice_interval_chrono(&self) -> Option<chrono::Duration> {
        match self.invoice_interval_ms.load(Ordering::Relaxed) {
            0 => None,
            ms => Some(chrono::Duration::milliseconds(ms as i64)),
        }
    }

    pub fn set_invoice_interval(&self, every: Duration) {
        let ms = every.min(MAX_REVIEW_DELAY).as_millis() as u64;
        self.invoice_interval_ms.store(ms, Ordering::Relaxed);
    }

    /// Sets the delay, capped at [`MAX_REVIEW_DELAY`] so date arithmetic cannot overflow.
    pub fn set_review_delay(&self, delay: Duration) {
        let ms = delay.min(MAX_REVIEW_DELAY).as_millis() as u64;
        self.review_delay_ms.store(ms, Ordering::Relaxed);
    }
}

/// The contract's routes (with faults) and the controls (without), to be put behind
/// the gateway's signature check.
pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    let p = |rest: &str| format!("{BASE_PATH}{rest}");
    let c = |rest: &str| format!("{CONTROL_PATH}{rest}");
    let api = Router::new()
        .route(&p("/applications"), get(applications::list).post(applications::create))
        .route(&p("/applications/{id}"), get(applications::one))
        .route(&p("/applications/{id}/withdraw"), post(applications::withdraw))
        .route(&p("/products"), get(products::list))
        .route(&p("/products/{id}"), get(products::one).patch(products::edit))
        .route(&p("/products/{id}/delisting"), post(products::delist))
        .route(&p("/bills"), get(settlement::list_bills))
        .route(&p("/bills/{id}/lines"), get(settlement::bill_lines))
        .route(&p("/bills/{id}/fee-invoice"), post(fee_invoices::request))
        .route(&p("/settlement-orders"), get(settlement::list_orders))
        .route(&p("/invoice-requests"), get(invoices::list))
        .route(&p("/invoice-requests/{id}/{action}"), post(invoices::action))
        .route(&p("/invoicing-lists"), get(invoices::lists_of_huawei))
        .route(&p("/cases"), get(cases::list))
        .route(&p("/cases/{id}"), get(cases::one))
        .route(&p("/cases/{id}/steps"), post(cases::step))
        .route(&p("/cases/{id}/appeal"), post(cases::appeal))
        .route(
            &p("/attachments/{sha256}"),
            put(cases::put_attachment).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(&p("/contacts"), get(profile::list))
        .route(&p("/contacts/{id}"), put(profile::put))
        .route_layer(middleware::from_fn_with_state(shared, faults::inject));
    let controls = Router::new()
        .route(&c("/faults"), get(controls::get_faults).put(controls::put_faults))
        .route(&c("/review"), get(controls::get_review).put(controls::put_review))
        .route(&c("/console/products/{id}"), patch(controls::edit_product))
        .route(&c("/effects"), get(controls::get_effects))
        .route(&c("/buyers"), put(worklist_controls::put_buyers))
        .route(&c("/cases"), post(worklist_controls::post_case))
        .route(&c("/cases/{id}/act"), post(worklist_controls::post_act))
        .route(&c("/cases/{id}/ruling"), post(worklist_controls::post_ruling))
        .route(&c("/invoice-requests"), post(worklist_controls::post_invoice_request));
    api.merge(controls)
}
