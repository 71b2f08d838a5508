//! A reference seller server: the other end of KooGallery's production interface.
//!
//! A seller building their own SaaS endpoint needs something known-good to compare
//! with, and Gallerist's conformance runner needs servers that are right and servers
//! that are wrong in exactly one way, so each of its checks is proven able to fail.
//! This module is both: a correct implementation of the V2 base activities, the
//! joint-operation Kit syncs and the legacy V1 interface, served at
//! `/seller/{variant}/…`, where `{variant}` is `correct` or one switchable fault
//! ([`VARIANTS`]). Signatures come from `gallerist_domain::produce`, answer shapes from
//! its `spec`, time from the sandbox's clock; every variant keeps its own books
//! (instances, nonces seen, Kit records) in memory, so runs against one fault do not
//! disturb another. `GET /seller/{variant}/state` shows the books, secrets left out.

mod book;
mod kit;
mod v1;
mod v2;

use crate::Shared;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use book::Book;
use chrono::{DateTime, Utc};
use gallerist_domain::produce::spec::{codes, TIMESTAMP_WINDOW_MS};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The access key the reference seller server shares with whoever plays KooGallery.
/// Not a secret: it is printed in the docs and only opens this sandbox.
pub const DEMO_ACCESS_KEY: &str = "gallerist-sandbox-seller-demo-key";

/// The server's RSA public key (3072 bits) for applicationSync's `clientSecret`; also
/// served at `/seller/{variant}/public-key.pem`. The key pair is fixed sandbox test data,
/// not a secret.
pub const DEMO_PUBLIC_KEY_PEM: &str = include_str!("demo-public.pem");
const DEMO_PRIVATE_KEY_PEM: &str = include_str!("demo-private.pem");

/// `correct`, then each fault in the order [`Variant`] lists them.
pub const VARIANTS: &[&str] = &[
    "correct",
    "unsigned",
    "slow-create",
    "non-idempotent",
    "long-field",
    "no-activity",
    "stale-timestamp",
    "replay",
    "no-usage",
];

/// One way the server behaves. Every fault breaks exactly one documented rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    Correct,
    /// Signatures (V2 `signature`, Kit `x-sign`, V1 `authToken`) are not checked.
    Unsigned,
    /// `newInstance` answers after 5.5 s, past KooGallery's 5 s budget.
    SlowCreate,
    /// A repeated `newInstance` for the same order line gets a new instanceId.
    NonIdempotent,
    /// The `newInstance` answer's `resultMsg` is 306 characters (documented max 255).
    LongField,
    /// `queryInstance` is not implemented: it answers 000002.
    NoActivity,
    /// A timestamp older than 60 s is accepted.
    StaleTimestamp,
    /// A nonce already seen is accepted again.
    Replay,
    /// `queryInstance` answers without `usageInfo`, which a pay-per-use product must report.
    NoUsage,
}

impl Variant {
    pub fn from_name(name: &str) -> Option<Variant> {
        use Variant::*;
        let all = [
            Correct,
            Unsigned,
            SlowCreate,
            NonIdempotent,
            LongField,
            NoActivity,
            StaleTimestamp,
            Replay,
            NoUsage,
        ];
        VARIANTS.iter().position(|v| *v == name).map(|i| all[i])
    }
}

pub(crate) struct Seller {
    shared: Arc<Shared>,
    books: Mutex<HashMap<Variant, Book>>,
}

impl Seller {
    fn now(&self) -> DateTime<Utc> {
        self.shared.now()
    }

    /// Runs `f` on the variant's books.
    fn with_book<T>(&self, variant: Variant, f: impl FnOnce(&mut Book) -> T) -> T {
        let mut books = self.books.lock().expect("seller books lock");
        f(books.entry(variant).or_default())
    }

    /// The V2/Kit freshness and replay rules, after the signature has been checked:
    /// `Err` is the answer refusing the call.
    fn admit(&self, variant: Variant, timestamp_ms: &str, nonce: &str) -> Result<(), Reply> {
        let now = self.now().timestamp_millis();
        let Ok(ts) = timestamp_ms.parse::<i64>() else {
            return Err(refuse(codes::AUTH_FAILED, "timestamp is not a number of milliseconds"));
        };
        if variant != Variant::StaleTimestamp && (now - ts).abs() > TIMESTAMP_WINDOW_MS {
            return Err(refuse(
                codes::AUTH_FAILED,
                "timestamp is more than 60 s from the server's clock",
            ));
        }
        let fresh = self.with_book(variant, |book| book.note_nonce(nonce, now));
        if !fresh && variant != Variant::Replay {
            return Err(refuse(codes::AUTH_FAILED, "nonce already used"));
        }
        Ok(())
    }
}

pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    let seller = Arc::new(Seller {
        shared,
        books: Mutex::new(HashMap::new()),
    });
    Router::new()
        .route("/seller/{variant}/v2", post(v2::handle))
        .route("/seller/{variant}/v2/produceAPI/v2/{sync}", post(kit::handle))
        .route("/seller/{variant}/v1", get(v1::handle))
        .route("/seller/{variant}/public-key.pem", get(public_key))
        .route("/seller/{variant}/state", get(state))
        .with_state(seller)
}

/// A path naming no variant: a 404 that lists the known ones.
#[derive(Debug)]
struct UnknownVariant(String);

impl IntoResponse for UnknownVariant {
    fn into_response(self) -> Response {
        let message = format!("no seller variant {:?}; known: {}", self.0, VARIANTS.join(", "));
        (StatusCode::NOT_FOUND, Json(json!({ "error": message }))).into_response()
    }
}

/// The variant named in the path.
fn variant(name: &str) -> Result<Variant, UnknownVariant> {
    Variant::from_name(name).ok_or_else(|| UnknownVariant(name.to_string()))
}

async fn public_key(Path(name): Path<String>) -> Response {
    if let Err(missing) = variant(&name) {
        return missing.into_response();
    }
    ([(header::CONTENT_TYPE, "application/x-pem-file")], DEMO_PUBLIC_KEY_PEM).into_response()
}

async fn state(State(seller): State<Arc<Seller>>, Path(name): Path<String>) -> Response {
    match variant(&name) {
        Ok(v) => Json(seller.with_book(v, |book| book.snapshot())).into_response(),
        Err(missing) => missing.into_response(),
    }
}

/// What an activity answers: HTTP 200 with `resultCode`, `resultMsg` and any further
/// fields. V2 and Kit send it as plain JSON; V1 adds a `Body-Sign` over the bytes.
#[derive(Debug)]
pub(super) struct Reply {
    code: &'static str,
    message: String,
    pub(super) extra: Map<String, Value>,
}

impl Reply {
    fn new(code: &'static str, message: &str, extra: Map<String, Value>) -> Reply {
        Reply {
            code,
            message: message.to_string(),
            extra,
        }
    }

    /// The body bytes, exactly as sent (V1 signs them).
    fn bytes(&self) -> Vec<u8> {
        let mut body = Map::new();
        body.insert("resultCode".into(), self.code.into());
        body.insert("resultMsg".into(), self.message.clone().into());
        body.extend(self.extra.clone());
        serde_json::to_vec(&Value::Object(body)).expect("JSON values serialise")
    }

    /// The V1 form: the same body with its `Body-Sign` header.
    fn signed_v1(self) -> Response {
        let bytes = self.bytes();
        let sign = gallerist_domain::produce::v1::body_sign_header(DEMO_ACCESS_KEY, &bytes);
        let mut response = json_response(bytes);
        let value = header::HeaderValue::from_str(&sign).expect("base64 and quotes are a valid header");
        response.headers_mut().insert("Body-Sign", value);
        response
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        json_response(self.bytes())
    }
}

fn json_response(bytes: Vec<u8>) -> Response {
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json;charset=UTF-8")
        .body(Body::from(bytes))
        .expect("a static header is valid")
}

/// A refusal: HTTP 200 with a non-zero `resultCode`, as KooGallery expects (§5.3).
fn refuse(code: &'static str, message: &str) -> Reply {
    Reply::new(code, message, Map::new())
}

fn success(extra: Map<String, Value>) -> Reply {
    Reply::new(codes::SUCCESS, "success", extra)
}

/// `{key: value}` as a JSON map, for answers' extra fields.
fn fields<const N: usize>(pairs: [(&str, Value); N]) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}
