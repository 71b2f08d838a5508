//! One tenant's login domain as plain state: codes, grants and tokens, and the session
//! report. No HTTP here — the handlers in `oauth` translate — and no clock or RNG of its
//! own: `now` and `rng` are arguments, so tests expire tokens by moving time.
//!
//! OAuth details KooGallery's pages leave open follow RFC 6749 and are the sandbox's
//! reading: redirect URIs compare as exact strings; a code lives 10 minutes and is good
//! once (a second use also revokes what the first issued, §4.1.2); a refresh keeps the
//! same refresh token, which does not expire.

use super::registration::{Registration, User};
use super::report::{self, Session};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

mod grant;
pub use grant::TokenForm;

/// Access tokens expire after this many seconds (the documented example's `expires_in`).
pub const EXPIRES_IN: i64 = 7200;
/// RFC 6749 §4.1.2's recommended maximum for an authorization code.
pub const CODE_LIFETIME_SECONDS: i64 = 600;
pub const SCOPE: &str = "get_user_info";

/// A refusal in OAuth's shape: HTTP 400 or 401 with `{error, error_description}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub status: u16,
    pub error: &'static str,
    pub description: String,
}

fn refuse(status: u16, error: &'static str, description: impl Into<String>) -> OAuthError {
    OAuthError {
        status,
        error,
        description: description.into(),
    }
}

/// An authorize request's query, as sent.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct AuthorizeQuery {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    /// The tester's own addition: the `userName` to log in as, skipping the login page.
    pub login_hint: Option<String>,
}

/// Where an authorize request leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Authorized {
    /// No user chosen yet: show the login page.
    ChooseUser,
    /// 302 to the app's callback, with `code` and `state` or with an `error`.
    Redirect(String),
}

struct Code {
    user: String,
    redirect_uri: String,
    issued: DateTime<Utc>,
    /// The grant its first exchange made, revoked when the code comes back.
    grant: Option<usize>,
}

struct Grant {
    user: String,
    refresh_token: String,
    revoked: bool,
    /// userinfo refused one of this grant's tokens as expired since the last refresh.
    told_expired: bool,
}

struct Token {
    grant: usize,
    expires: DateTime<Utc>,
    /// How many times userinfo refused it as expired.
    refusals: u32,
}

pub struct Domain {
    pub registration: Registration,
    /// Extra time the seller moved this domain's clock by (`_clock`).
    pub offset: Duration,
    codes: HashMap<String, Code>,
    grants: Vec<Grant>,
    tokens: HashMap<String, Token>,
    /// States that already brought back a code.
    states: HashSet<String>,
    pub session: Session,
}

impl Domain {
    pub fn new(registration: Registration) -> Domain {
        Domain {
            registration,
            offset: Duration::zero(),
            codes: HashMap::new(),
            grants: Vec::new(),
            tokens: HashMap::new(),
            states: HashSet::new(),
            session: Session::default(),
        }
    }

    /// The domain's time: the sandbox's clock plus any offset the seller added.
    pub fn now(&self, sandbox_now: DateTime<Utc>) -> DateTime<Utc> {
        sandbox_now + self.offset
    }

    pub fn authorize(
        &mut self,
        q: &AuthorizeQuery,
        now: DateTime<Utc>,
        rng: &mut impl RngCore,
    ) -> Result<Authorized, OAuthError> {
        let reg = &self.registration;
        if q.client_id.as_deref() != Some(reg.client_id.as_str()) {
            self.session
                .fail(report::CLIENT, now, json!({ "sent": q.client_id, "step": "authorize" }));
            return Err(refuse(
                400,
                "invalid_request",
                "client_id is missing or not this tenant's app",
            ));
        }
        let redirect = q.redirect_uri.clone().unwrap_or_else(|| reg.redirect_uri.clone());
        if redirect != reg.redirect_uri {
            let evidence = json!({ "sent": redirect, "registered": reg.redirect_uri, "step": "authorize" });
            self.session.fail(report::REDIRECT_URI, now, evidence);
            return Err(refuse(
                400,
                "invalid_request",
                "redirect_uri is not the app's registered callback",
            ));
        }
        self.session.pass(report::REDIRECT_URI);
        let state = q.state.as_deref();
        if q.response_type.as_deref() != Some("code") {
            return Ok(Authorized::Redirect(callback(
                &redirect,
                &[("error", "unsupported_response_type")],
                state,
            )));
        }
        if q.scope.as_deref().is_some_and(|s| s != SCOPE) {
            return Ok(Authorized::Redirect(callback(
                &redirect,
                &[("error", "invalid_scope")],
                state,
            )));
        }
        let Some(user_name) = q.login_hint.as_deref() else {
            return Ok(Authorized::ChooseUser);
        };
        let Some(user) = reg.user(user_name) else {
            return Err(refuse(
                400,
                "invalid_request",
                format!("no user {user_name:?} in this tenant"),
            ));
        };
        if !user.enabled() {
            return Ok(Authorized::Redirect(callback(
                &redirect,
                &[("error", "access_denied")],
                state,
            )));
        }
        match state {
            None | Some("") => self.session.fail(report::STATE, now, json!({ "sent": null })),
            Some(s) if self.states.contains(s) => {
                self.session
                    .fail(report::STATE, now, json!({ "sent": s, "reused": true }))
            }
            Some(s) => {
                self.states.insert(s.to_string());
                self.session.pass(report::STATE);
            }
        }
        let code = random_hex(rng, 16);
        let user = user.user_name.clone();
        let location = callback(&redirect, &[("code", &code)], state);
        self.codes.insert(
            code,
            Code {
                user,
                redirect_uri: redirect,
                issued: now,
                grant: None,
            },
        );
        Ok(Authorized::Redirect(location))
    }

    /// userinfo for a Bearer token: the user's fields, or 401.
    pub fn userinfo(&mut self, bearer: Option<&str>, now: DateTime<Utc>) -> Result<Value, OAuthError> {
        let unauthorized = |why: &str| refuse(401, "unauthorized", why);
        let Some(bearer) = bearer else {
            return Err(unauthorized("no Authorization: Bearer header"));
        };
        let Some(token) = self.tokens.get_mut(bearer) else {
            return Err(unauthorized("the access token is unknown or revoked"));
        };
        if now >= token.expires {
            token.refusals += 1;
            let (grant, refusals) = (token.grant, token.refusals);
            self.grants[grant].told_expired = true;
            if refusals == 2 {
                let evidence = json!({ "expiredAt": token.expires, "presentedAgainAt": now });
                self.session.fail(report::TOKEN_EXPIRY, now, evidence);
            }
            return Err(unauthorized(
                "the access token has expired; refresh it with the refresh_token",
            ));
        }
        let user = &self.grants[token.grant].user;
        let user = self.registration.user(user).expect("grants name registered users");
        Ok(user_fields(&self.registration, user))
    }
}

/// userinfo's documented fields. `id`/`userId` is a stable id derived from tenant and
/// account, since authSync carries none.
fn user_fields(reg: &Registration, user: &User) -> Value {
    let digest = Sha256::digest(format!("{}/{}", reg.tenant.tenant_id, user.user_name));
    let id = hex::encode(&digest[..16]);
    json!({
        "id": id,
        "userName": user.user_name,
        "name": user.name,
        "email": user.email.clone().unwrap_or_default(),
        "mobile": user.mobile.clone().unwrap_or_default(),
        "role": user.role,
        "organizationName": reg.org_name(&user.org_code),
        "userId": id,
        "organizationCode": user.org_code,
        "projectName": reg.tenant.name,
        "tenant": reg.tenant.tenant_id,
    })
}

/// `redirect` with `pairs` and `state` (unchanged, when sent) added to its query.
fn callback(redirect: &str, pairs: &[(&str, &str)], state: Option<&str>) -> String {
    let mut url = url::Url::parse(redirect).expect("registered callbacks are checked URLs");
    {
        let mut query = url.query_pairs_mut();
        query.extend_pairs(pairs);
        if let Some(state) = state {
            query.append_pair("state", state);
        }
    }
    url.into()
}

fn random_hex(rng: &mut impl RngCore, bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rng.fill_bytes(&mut buf);
    hex::encode(buf)
}
