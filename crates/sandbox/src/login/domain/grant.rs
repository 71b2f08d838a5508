//! The token endpoint's two grants (koogallery-apis.md §8): an authorization code for a
//! first token, a refresh token for the next. The client's credentials are checked
//! first; a code comes back once, to the redirect_uri it was issued for, within
//! [`CODE_LIFETIME_SECONDS`]; every token lives [`EXPIRES_IN`] seconds.

use super::{random_hex, refuse, Domain, Grant, OAuthError, Token, CODE_LIFETIME_SECONDS, EXPIRES_IN, SCOPE};
use crate::login::report;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde_json::{json, Value};

/// A token endpoint form, as sent.
#[derive(Debug, Default, Clone)]
pub struct TokenForm {
    pub grant_type: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub refresh_token: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

impl Domain {
    /// The token endpoint: both grants, after the client's credentials.
    pub fn token(&mut self, f: &TokenForm, now: DateTime<Utc>, rng: &mut impl RngCore) -> Result<Value, OAuthError> {
        let grant_type = f.grant_type.as_deref().unwrap_or_default();
        if !matches!(grant_type, "authorization_code" | "refresh_token") {
            return Err(match grant_type {
                "" => refuse(400, "invalid_request", "grant_type is missing"),
                other => refuse(
                    400,
                    "unsupported_grant_type",
                    format!("grant_type {other:?} is not supported"),
                ),
            });
        }
        let reg = &self.registration;
        if f.client_id.as_deref() != Some(reg.client_id.as_str())
            || f.client_secret.as_deref() != Some(reg.client_secret.as_str())
        {
            let evidence = json!({ "sentClientId": f.client_id, "secretMatched": false, "step": "token" });
            self.session.fail(report::CLIENT, now, evidence);
            return Err(refuse(401, "invalid_client", "client_id or client_secret is wrong"));
        }
        self.session.pass(report::CLIENT);
        if grant_type == "refresh_token" {
            return self.refresh(f.refresh_token.as_deref(), now, rng);
        }
        let Some(code) = f.code.as_deref().filter(|c| !c.is_empty()) else {
            return Err(refuse(400, "invalid_request", "code is missing"));
        };
        let Some(issued) = self.codes.get(code) else {
            return Err(refuse(400, "invalid_grant", "the code was not issued by this domain"));
        };
        if let Some(sent) = f.redirect_uri.as_deref().filter(|r| *r != issued.redirect_uri) {
            let evidence = json!({ "sent": sent, "issuedFor": issued.redirect_uri, "step": "token" });
            self.session.fail(report::REDIRECT_URI, now, evidence);
            return Err(refuse(
                400,
                "invalid_grant",
                "redirect_uri differs from the authorize request's",
            ));
        }
        if let Some(first) = issued.grant {
            self.revoke(first);
            let evidence = json!({ "code": code });
            self.session.fail(report::CODE_ONCE, now, evidence);
            return Err(refuse(
                400,
                "invalid_grant",
                "the code was already used; its tokens are revoked",
            ));
        }
        if now - issued.issued > Duration::seconds(CODE_LIFETIME_SECONDS) {
            return Err(refuse(
                400,
                "invalid_grant",
                "the code has expired (codes live 10 minutes)",
            ));
        }
        let user = issued.user.clone();
        let refresh_token = random_hex(rng, 32);
        self.grants.push(Grant {
            user,
            refresh_token: refresh_token.clone(),
            revoked: false,
            told_expired: false,
        });
        let grant = self.grants.len() - 1;
        self.codes.get_mut(code).expect("looked up above").grant = Some(grant);
        self.session.pass(report::CODE_ONCE);
        Ok(self.issue(grant, now, rng))
    }

    fn refresh(
        &mut self,
        token: Option<&str>,
        now: DateTime<Utc>,
        rng: &mut impl RngCore,
    ) -> Result<Value, OAuthError> {
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Err(refuse(400, "invalid_request", "refresh_token is missing"));
        };
        let Some(grant) = self.grants.iter().position(|g| g.refresh_token == token && !g.revoked) else {
            return Err(refuse(400, "invalid_grant", "the refresh_token is unknown or revoked"));
        };
        if std::mem::take(&mut self.grants[grant].told_expired) {
            self.session.pass(report::TOKEN_EXPIRY);
        }
        Ok(self.issue(grant, now, rng))
    }

    fn issue(&mut self, grant: usize, now: DateTime<Utc>, rng: &mut impl RngCore) -> Value {
        let access_token = random_hex(rng, 32);
        let token = Token {
            grant,
            expires: now + Duration::seconds(EXPIRES_IN),
            refusals: 0,
        };
        self.tokens.insert(access_token.clone(), token);
        json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": EXPIRES_IN,
            "scope": SCOPE,
            "refresh_token": self.grants[grant].refresh_token,
        })
    }

    fn revoke(&mut self, grant: usize) {
        self.grants[grant].revoked = true;
        self.tokens.retain(|_, t| t.grant != grant);
    }
}
