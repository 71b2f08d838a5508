//! The documented OAuth endpoints over HTTP (koogallery-apis.md §8): they read the
//! request, let the tenant's [`Domain`](super::domain::Domain) decide, and answer in
//! OAuth's shapes — 302s carry `Location`, refusals are 400/401 with
//! `{error, error_description}`, token answers are never cached.

use super::domain::{AuthorizeQuery, Authorized, OAuthError, TokenForm};
use super::{page, unknown_tenant};
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = Json(json!({ "error": self.error, "error_description": self.description }));
        (status, body).into_response()
    }
}

fn found(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location.to_string())]).into_response()
}

pub(super) async fn authorize(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    RawQuery(raw): RawQuery,
    Query(query): Query<AuthorizeQuery>,
) -> Response {
    let answer = shared.with_login(&code, |domain, now, rng| match domain.authorize(&query, now, rng) {
        Ok(Authorized::Redirect(location)) => found(&location),
        Ok(Authorized::ChooseUser) => Html(page::choose_user(
            &domain.registration,
            raw.as_deref().unwrap_or_default(),
        ))
        .into_response(),
        Err(refused) => refused.into_response(),
    });
    answer.unwrap_or_else(|| unknown_tenant(&code))
}

pub(super) async fn token(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(form) = token_form(&headers, &body) else {
        let refused = OAuthError {
            status: 400,
            error: "invalid_request",
            description: "the body must be application/x-www-form-urlencoded".into(),
        };
        return refused.into_response();
    };
    match shared.with_login(&code, |domain, now, rng| domain.token(&form, now, rng)) {
        None => unknown_tenant(&code),
        Some(Ok(answer)) => (
            [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")],
            Json(answer),
        )
            .into_response(),
        Some(Err(refused)) => refused.into_response(),
    }
}

/// The token request's form; `None` unless the body is declared form-encoded.
fn token_form(headers: &HeaderMap, body: &[u8]) -> Option<TokenForm> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mime = content_type.split(';').next().unwrap_or_default().trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return None;
    }
    let mut form = TokenForm::default();
    for (key, value) in url::form_urlencoded::parse(body) {
        let slot = match key.as_ref() {
            "grant_type" => &mut form.grant_type,
            "code" => &mut form.code,
            "redirect_uri" => &mut form.redirect_uri,
            "refresh_token" => &mut form.refresh_token,
            "client_id" => &mut form.client_id,
            "client_secret" => &mut form.client_secret,
            _ => continue,
        };
        *slot = Some(value.into_owned());
    }
    Some(form)
}

pub(super) async fn userinfo(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_string());
    match shared.with_login(&code, |domain, now, _| domain.userinfo(bearer.as_deref(), now)) {
        None => unknown_tenant(&code),
        Some(Ok(user)) => Json(user).into_response(),
        Some(Err(refused)) => {
            let mut response = refused.into_response();
            let challenge = header::HeaderValue::from_static("Bearer error=\"invalid_token\"");
            response.headers_mut().insert(header::WWW_AUTHENTICATE, challenge);
            response
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct LogoutQuery {
    redirect_url: Option<String>,
}

/// 302 to `redirect_url`, or to the domain's signed-out page when none is given.
pub(super) async fn logout(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    Query(query): Query<LogoutQuery>,
) -> Response {
    if shared.with_login(&code, |_, _, _| ()).is_none() {
        return unknown_tenant(&code);
    }
    let Some(target) = query.redirect_url else {
        return found(&format!("/login/{code}/"));
    };
    match url::Url::parse(&target) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => found(&target),
        _ => OAuthError {
            status: 400,
            error: "invalid_request",
            description: format!("redirect_url {target:?} is not an absolute http(s) URL"),
        }
        .into_response(),
    }
}

pub(super) async fn signed_out(State(shared): State<Arc<Shared>>, Path(code): Path<String>) -> Response {
    match shared.with_login(&code, |domain, _, _| page::signed_out(&domain.registration)) {
        Some(html) => Html(html).into_response(),
        None => unknown_tenant(&code),
    }
}
