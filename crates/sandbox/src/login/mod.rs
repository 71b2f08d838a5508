//! The unified-login tester: the sandbox plays a tenant's login domain.
//!
//! A joint-operation SaaS app logs its buyers in through KooGallery's unified login
//! (OAuth 2.0 on the tenant's `domainName`, koogallery-apis.md §8), which a seller cannot
//! reach from a laptop before the product is live. The sandbox serves the documented
//! endpoints for each registered tenant under `{sandbox}/login/{tenantCode}` — that URL
//! is the tenant's `domainName` — so the seller's app logs in end to end locally:
//!
//! - `GET  …/api/v1/oauth2/authorize` → a page listing the tenant's users, or with the
//!   tester's `login_hint={userName}` straight to `302 {redirect_uri}?code=…&state=…`;
//! - `POST …/api/v1/oauth2/token` (form: authorization_code or refresh_token grant, with
//!   `client_id` + `client_secret`); `GET …/api/v1/oauth2/userinfo` (Bearer);
//!   `GET …/api/v1/logout?redirect_url=…` → 302.
//!
//! Tenants, the app's credentials and users come from what the Kit syncs carried
//! ([`Registration`]), registered with [`crate::Sandbox::register_login`] or the
//! sandbox's own control endpoint `POST …/_setup` (Gallerist's, not a KooGallery API).
//! While the app logs in, the tester judges it ([`report`]): `state`, `redirect_uri`,
//! a code used twice, client credentials, refreshing after an expired token. The
//! session's report is `GET …/_report`. Time is the sandbox's clock (plus a per-tenant
//! offset the seller may add with `POST …/_clock`); codes and tokens come from an RNG
//! seeded from the sandbox's own randomness.

mod domain;
mod oauth;
mod page;
mod registration;
pub mod report;

use crate::{Sandbox, Shared};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Duration, Utc};
use domain::Domain;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use domain::{CODE_LIFETIME_SECONDS, EXPIRES_IN, SCOPE};
pub use registration::{Org, Registration, Tenant, User};
pub use report::{CheckLine, Finding, Verdict};

/// A registration the tester cannot use, with what is wrong in words.
#[derive(Debug, thiserror::Error)]
#[error("the login tester cannot use this registration: {0}")]
pub struct LoginError(pub String);

/// What the tester saw of the app since its tenant was last registered.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub tenant_code: String,
    /// The login domain's time (the sandbox's clock plus the `_clock` offset).
    pub now: DateTime<Utc>,
    /// How far the seller has moved this domain's clock forward, in seconds.
    pub clock_offset_seconds: i64,
    pub checks: Vec<CheckLine>,
    pub findings: Vec<Finding>,
}

/// Every tenant's login domain, and the RNG their codes and tokens come from.
pub(crate) struct Tenants {
    domains: Mutex<HashMap<String, Domain>>,
    rng: Mutex<StdRng>,
    /// The tenant registered last, so a page opened later finds the session it left.
    latest: Mutex<Option<String>>,
}

impl Tenants {
    pub(crate) fn new(seed: u64) -> Tenants {
        Tenants {
            domains: Mutex::new(HashMap::new()),
            rng: Mutex::new(StdRng::seed_from_u64(seed)),
            latest: Mutex::new(None),
        }
    }
}

impl Shared {
    /// Runs `f` on the tenant's domain with the domain's time and the RNG; `None` when
    /// the tenant was never registered.
    fn with_login<T>(
        &self,
        tenant_code: &str,
        f: impl FnOnce(&mut Domain, DateTime<Utc>, &mut StdRng) -> T,
    ) -> Option<T> {
        let mut domains = self.login.domains.lock().expect("login domains lock");
        let domain = domains.get_mut(tenant_code)?;
        let now = domain.now(self.now());
        let mut rng = self.login.rng.lock().expect("login rng lock");
        Some(f(domain, now, &mut rng))
    }

    fn register_login(&self, registration: Registration) -> Result<(), LoginError> {
        if let Some(problem) = registration.problem() {
            return Err(LoginError(problem));
        }
        let code = registration.tenant.tenant_code.clone();
        let mut domains = self.login.domains.lock().expect("login domains lock");
        domains.insert(code.clone(), Domain::new(registration));
        *self.login.latest.lock().expect("login latest lock") = Some(code);
        Ok(())
    }

    /// Moves the tenant's clock forward; the domain's new time.
    fn advance_login_clock(&self, tenant_code: &str, seconds: i64) -> Option<DateTime<Utc>> {
        self.with_login(tenant_code, |domain, now, _| {
            domain.offset += Duration::seconds(seconds);
            now + Duration::seconds(seconds)
        })
    }

    fn login_report(&self, tenant_code: &str) -> Option<Report> {
        self.with_login(tenant_code, |domain, now, _| Report {
            tenant_code: tenant_code.to_string(),
            now,
            clock_offset_seconds: domain.offset.num_seconds(),
            checks: domain.session.checks(),
            findings: domain.session.findings().to_vec(),
        })
    }
}

impl Sandbox {
    /// Registers a tenant's login domain (replacing an earlier one with the same
    /// `tenantCode`, which starts a new session) and returns its `domainName`.
    pub fn register_login(&self, registration: Registration) -> Result<String, LoginError> {
        let code = registration.tenant.tenant_code.clone();
        self.shared.register_login(registration)?;
        Ok(self.login_domain(&code))
    }

    /// The tenant's `domainName`: `{sandbox}/login/{tenantCode}`.
    pub fn login_domain(&self, tenant_code: &str) -> String {
        format!("{}/login/{tenant_code}", self.url())
    }

    /// The tester's report for the tenant's current session; `None` if never registered.
    pub fn login_report(&self, tenant_code: &str) -> Option<Report> {
        self.shared.login_report(tenant_code)
    }

    /// The tenant's registration as it was given — with the app's client secret, which
    /// a caller showing it to a person must leave out. `None` if never registered.
    pub fn login_registration(&self, tenant_code: &str) -> Option<Registration> {
        self.shared
            .with_login(tenant_code, |domain, _, _| domain.registration.clone())
    }

    /// The tenant registered most recently (by either way), if any.
    pub fn latest_login_tenant(&self) -> Option<String> {
        self.shared.login.latest.lock().expect("login latest lock").clone()
    }

    /// Moves the tenant's login clock `seconds` forward (what `POST …/_clock` does), e.g.
    /// past `expires_in` so the app meets an expired token; the domain's new time, or
    /// `None` if the tenant was never registered.
    pub fn advance_login_clock(&self, tenant_code: &str, seconds: u32) -> Option<DateTime<Utc>> {
        self.shared.advance_login_clock(tenant_code, i64::from(seconds))
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/login/{tenant}/api/v1/oauth2/authorize", get(oauth::authorize))
        .route("/login/{tenant}/api/v1/oauth2/token", post(oauth::token))
        .route("/login/{tenant}/api/v1/oauth2/userinfo", get(oauth::userinfo))
        .route("/login/{tenant}/api/v1/logout", get(oauth::logout))
        .route("/login/{tenant}/", get(oauth::signed_out))
        .route("/login/{tenant}/_setup", post(setup))
        .route("/login/{tenant}/_report", get(report))
        .route("/login/{tenant}/_clock", post(clock))
}

/// The domain name as the caller reached it: `http://{Host}/login/{tenantCode}`.
fn domain_name(headers: &HeaderMap, tenant_code: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}/login/{tenant_code}")
}

/// OAuth's error shape, used by the control endpoints too.
fn error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

fn unknown_tenant(tenant_code: &str) -> Response {
    let description = format!(
        "no tenant {tenant_code:?} is registered with the login tester; POST /login/{tenant_code}/_setup first"
    );
    error(StatusCode::NOT_FOUND, "invalid_request", &description)
}

/// `POST /login/{tenantCode}/_setup`: the sandbox's control endpoint (not KooGallery's).
async fn setup(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let mut registration: Registration = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                &format!("the setup body: {e}"),
            )
        }
    };
    if registration.tenant.tenant_code.is_empty() {
        registration.tenant.tenant_code = code.clone();
    }
    if registration.tenant.tenant_code != code {
        let description = format!(
            "tenant.tenantCode {:?} differs from the path's {code:?}",
            registration.tenant.tenant_code
        );
        return error(StatusCode::BAD_REQUEST, "invalid_request", &description);
    }
    if let Err(LoginError(problem)) = shared.register_login(registration) {
        return error(StatusCode::BAD_REQUEST, "invalid_request", &problem);
    }
    let domain = domain_name(&headers, &code);
    Json(json!({
        "domainName": domain,
        "authorize": format!("{domain}/api/v1/oauth2/authorize"),
        "token": format!("{domain}/api/v1/oauth2/token"),
        "userinfo": format!("{domain}/api/v1/oauth2/userinfo"),
        "logout": format!("{domain}/api/v1/logout"),
        "report": format!("{domain}/_report"),
        "note": "Gallerist sandbox control endpoint, not a KooGallery API. A new session has started.",
    }))
    .into_response()
}

/// `GET /login/{tenantCode}/_report`.
async fn report(State(shared): State<Arc<Shared>>, Path(code): Path<String>) -> Response {
    match shared.login_report(&code) {
        Some(report) => Json(report).into_response(),
        None => unknown_tenant(&code),
    }
}

/// `POST /login/{tenantCode}/_clock` with `{"advanceSeconds": n}`: moves this domain's
/// time forward, e.g. past `expires_in` to make the app meet an expired token.
async fn clock(State(shared): State<Arc<Shared>>, Path(code): Path<String>, Json(body): Json<Value>) -> Response {
    let Some(seconds) = body.get("advanceSeconds").and_then(Value::as_i64).filter(|s| *s >= 0) else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "advanceSeconds must be a whole number ≥ 0",
        );
    };
    match shared.advance_login_clock(&code, seconds) {
        Some(now) => Json(json!({ "now": now })).into_response(),
        None => unknown_tenant(&code),
    }
}
