//! A KooGallery stand-in that runs on loopback.
//!
//! New users see a working shop without credentials, and every test talks to a real
//! HTTP server instead of a mock. The sandbox checks API Gateway signatures exactly
//! as the gateway does (see `gateway`), serves the Open API order query with the
//! documented mock orders and the Seller Sync API with its simulated reviewer and
//! switchable faults (see `sync`), and keeps its state in SQLite (in memory unless a
//! data file is given). It depends on `gallerist-domain` only, never on the client side,
//! so client bugs cannot be mirrored here.

mod db;
mod gateway;
pub mod login;
mod open_api;
mod open_api_answer;
pub mod open_api_license;
mod open_api_multipart;
mod open_api_upload;
pub mod open_api_usage;
mod request_id;
pub mod seller;
pub mod sync;

use axum::extract::DefaultBodyLimit;
use axum::{middleware, routing::get, Router};
use chrono::{DateTime, Utc};
use gallerist_domain::{wire::ORDER_QUERY_PATH, Clock, Order};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use db::SandboxDb;
pub use sync::{BuyerProfile, Effects, Faults, NewCase, NewInvoiceRequest, ProductEdit, SyncError};

/// How to start a sandbox.
pub struct SandboxConfig {
    /// Must be a loopback address; port 0 picks a free port.
    pub listen: SocketAddr,
    pub access_key: String,
    pub secret_key: String,
    /// SQLite file for the sandbox's state; in memory when `None`.
    pub data: Option<PathBuf>,
    pub clock: Arc<dyn Clock>,
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "{addr} is already in use by another program. Stop that program, or choose another port with \
         --listen 127.0.0.1:PORT (port 0 picks a free one)."
    )]
    PortInUse { addr: SocketAddr },
    #[error("the sandbox only listens on loopback (127.0.0.1 or [::1]), not {addr}")]
    NotLoopback { addr: SocketAddr },
    #[error("cannot listen on {addr}: {detail}")]
    Bind { addr: SocketAddr, detail: String },
    #[error("the sandbox data file {path} cannot be used: {detail}. It was not changed.")]
    Data { path: PathBuf, detail: String },
}

pub(crate) struct Shared {
    pub access_key: String,
    pub secret_key: String,
    pub clock: Arc<dyn Clock>,
    pub db: Mutex<SandboxDb>,
    pub request_salt: u64,
    pub request_count: std::sync::atomic::AtomicU64,
    pub sync: sync::SyncState,
    pub login: login::Tenants,
}

impl Shared {
    /// The sandbox's time: its clock shifted by the simulated skew. The gateway, the
    /// `Date` header and every handler read this, never the clock directly.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now() + self.sync.faults.skew()
    }
}

/// A running sandbox; dropping it without `stop` leaves the server running until
/// the runtime ends.
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Sandbox {
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        let addr = config.listen;
        if !addr.ip().is_loopback() {
            return Err(SandboxError::NotLoopback { addr });
        }
        let db = SandboxDb::open(config.data.as_deref())?;
        let listener = TcpListener::bind(addr).await.map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => SandboxError::PortInUse { addr },
            _ => SandboxError::Bind {
                addr,
                detail: e.to_string(),
            },
        })?;
        let addr = listener.local_addr().map_err(|e| SandboxError::Bind {
            addr,
            detail: e.to_string(),
        })?;
        let shared = Arc::new(Shared {
            access_key: config.access_key,
            secret_key: config.secret_key,
            clock: config.clock,
            db: Mutex::new(db),
            request_salt: rand::random(),
            request_count: Default::default(),
            sync: sync::SyncState::new(),
            login: login::Tenants::new(rand::random()),
        });
        let app = router(shared.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = rx.await;
            });
            if let Err(e) = serve.await {
                eprintln!("sandbox stopped: {e}");
            }
        });
        Ok(Sandbox {
            addr,
            shared,
            shutdown: Some(tx),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL clients use, e.g. `http://127.0.0.1:49152`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Adds orders the order query will serve (existing ids are kept as they are).
    pub fn add_orders(&self, orders: &[Order]) -> Result<usize, SandboxError> {
        self.shared.db.lock().expect("sandbox db lock").add_orders(orders)
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(ORDER_QUERY_PATH, get(open_api::order_query))
        .merge(open_api_usage::routes(shared.clone()))
        .merge(open_api_license::routes(shared.clone()))
        .merge(open_api_upload::routes())
        .merge(sync::routes(shared.clone()))
        .route_layer(middleware::from_fn_with_state(shared.clone(), gateway::verify))
        // The gateway has already bounded and read the body (12 MB, APIG's limit); a
        // second, smaller limit in the extractors would refuse in plain text what the
        // gateway accepted.
        .layer(DefaultBodyLimit::disable())
        // The reference seller server is not behind the gateway: it checks KooGallery's
        // production-interface signatures itself.
        .merge(seller::routes(shared.clone()))
        .merge(login::routes())
        .fallback(gateway::api_not_found)
        .method_not_allowed_fallback(gateway::api_not_found)
        .layer(middleware::map_response_with_state(shared.clone(), gateway::stamp_date))
        .layer(middleware::from_fn_with_state(shared.clone(), request_id::assign))
        .with_state(shared)
}
