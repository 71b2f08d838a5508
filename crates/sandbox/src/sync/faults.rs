//! Faults on the Seller Sync API routes, switchable at run time: latency, errors,
//! rate limits, dropped connections and clock skew, drawn from a seeded RNG.
//!
//! WHY half of the errors and drops come after the effect: the hard case for a sync
//! client is not a refused request but an applied one whose answer never arrives.
//! Only a client that resends with the same idempotency key — and a server that
//! replays — ends with each change applied exactly once, and only faults after the
//! commit can show that. WHY a drop is a body that breaks off: a real network loses
//! answers mid-way; the client must treat a half-read answer as no answer.
//! WHY seeded: a failing run can be repeated with the same sequence of faults.
//! Faults never touch `/_sandbox/` or the Open API: they are the experiment, not the
//! instruments.

use super::errors::SyncError;
use super::exchange::refuse;
use crate::request_id::RequestId;
use crate::Shared;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The fault settings of `PUT /_sandbox/v1/faults`. Rates are probabilities per
/// request and together at most 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    pub latency_ms: u64,
    /// 500/503 answers; half of them after the write took effect.
    pub error_rate: f64,
    /// 429 answers with `Retry-After: retry_after_s`.
    pub rate_limit_rate: f64,
    pub retry_after_s: u64,
    /// Connections closed mid-answer; half of them after the write took effect.
    pub drop_rate: f64,
    /// Shifts the sandbox clock: the gateway's signature window, `Date`, every time stamp.
    pub clock_skew_s: i64,
    pub seed: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            latency_ms: 0,
            error_rate: 0.0,
            rate_limit_rate: 0.0,
            retry_after_s: 1,
            drop_rate: 0.0,
            clock_skew_s: 0,
            seed: 1,
        }
    }
}

const MAX_LATENCY_MS: u64 = 60_000;
const MAX_RETRY_AFTER_S: u64 = 3_600;
const MAX_SKEW_S: i64 = 366 * 24 * 3600;

impl Faults {
    fn check(&self) -> Result<(), SyncError> {
        let rates = [
            ("error_rate", self.error_rate),
            ("rate_limit_rate", self.rate_limit_rate),
            ("drop_rate", self.drop_rate),
        ];
        for (field, rate) in rates {
            if !(0.0..=1.0).contains(&rate) {
                return Err(SyncError::validation(
                    field,
                    format!("{field} must be between 0 and 1."),
                ));
            }
        }
        if self.error_rate + self.rate_limit_rate + self.drop_rate > 1.0 + 1e-9 {
            return Err(SyncError::validation(
                "error_rate",
                "error_rate + rate_limit_rate + drop_rate must be at most 1.",
            ));
        }
        if self.latency_ms > MAX_LATENCY_MS {
            return Err(SyncError::validation(
                "latency_ms",
                format!("latency_ms is at most {MAX_LATENCY_MS}."),
            ));
        }
        if self.retry_after_s > MAX_RETRY_AFTER_S {
            return Err(SyncError::validation(
                "retry_after_s",
                format!("retry_after_s is at most {MAX_RETRY_AFTER_S}."),
            ));
        }
        if self.clock_skew_s.abs() > MAX_SKEW_S {
            return Err(SyncError::validation(
                "clock_skew_s",
                "clock_skew_s is at most a year either way.",
            ));
        }
        Ok(())
    }
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    RateLimited { retry_after_s: u64 },
    Error { after_effect: bool },
    Drop { after_effect: bool },
}

/// The current settings, the RNG they draw from, and the clock skew.
pub(crate) struct FaultSwitch {
    dice: Mutex<(Faults, StdRng)>,
    skew_s: AtomicI64,
}

impl FaultSwitch {
    pub fn new() -> Self {
        let faults = Faults::default();
        FaultSwitch {
            dice: Mutex::new((faults, StdRng::seed_from_u64(faults.seed))),
            skew_s: AtomicI64::new(faults.clock_skew_s),
        }
    }

    pub fn current(&self) -> Faults {
        self.dice.lock().expect("faults lock").0
    }

    pub fn skew(&self) -> chrono::Duration {
        chrono::Duration::seconds(self.skew_s.load(Ordering::Relaxed))
    }

    /// Replaces the settings and restarts the random sequence from `seed`.
    pub fn set(&self, faults: Faults) -> Result<Faults, SyncError> {
        faults.check()?;
        let mut dice = self.dice.lock().expect("faults lock");
        *dice = (faults, StdRng::seed_from_u64(faults.seed));
        self.skew_s.store(faults.clock_skew_s, Ordering::Relaxed);
        Ok(faults)
    }

    /// Changes the fields given and keeps the others; a `seed` restarts the sequence.
    pub fn patch(&self, fields: &Map<String, Value>) -> Result<Faults, SyncError> {
        let mut dice = self.dice.lock().expect("faults lock");
        let mut merged = match serde_json::to_value(dice.0)? {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        merged.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
        let next: Faults = serde_json::from_value(Value::Object(merged)).map_err(|e| {
            let field = super::errors::serde_field(&e).unwrap_or_else(|| "body".into());
            SyncError::validation(&field, format!("Not a fault setting: {e}"))
        })?;
        next.check()?;
        if fields.contains_key("seed") {
            dice.1 = StdRng::seed_from_u64(next.seed);
        }
        dice.0 = next;
        self.skew_s.store(next.clock_skew_s, Ordering::Relaxed);
        Ok(next)
    }

    /// Draws the latency and fault for one request.
    fn roll(&self) -> (u64, Option<Fault>) {
        let mut dice = self.dice.lock().expect("faults lock");
        let (f, rng) = &mut *dice;
        let f = *f;
        if f.error_rate + f.rate_limit_rate + f.drop_rate <= 0.0 {
            return (f.latency_ms, None);
        }
        let roll: f64 = rng.gen();
        let after_effect = rng.gen_bool(0.5);
        let fault = if roll < f.rate_limit_rate {
            Some(Fault::RateLimited {
                retry_after_s: f.retry_after_s,
            })
        } else if roll < f.rate_limit_rate + f.error_rate {
            Some(Fault::Error { after_effect })
        } else if roll < f.rate_limit_rate + f.error_rate + f.drop_rate {
            Some(Fault::Drop { after_effect })
        } else {
            None
        };
        (f.latency_ms, fault)
    }
}

/// Middleware on the Seller Sync API routes (inside the signature check).
pub(crate) async fn inject(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let (latency_ms, fault) = shared.sync.faults.roll();
    if latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    }
    let request_id = request.extensions().get::<RequestId>().cloned().unwrap_or_default();
    let not_applied = || {
        SyncError::unavailable(
            StatusCode::SERVICE_UNAVAILABLE,
            "The service is unavailable (sandbox fault); the request was not applied.",
        )
    };
    match fault {
        None => next.run(request).await,
        Some(Fault::RateLimited { retry_after_s }) => {
            let mut r = refuse(&SyncError::rate_limited(retry_after_s), &request_id);
            r.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry_after_s));
            r
        }
        Some(Fault::Error { after_effect: false }) => refuse(&not_applied(), &request_id),
        Some(Fault::Error { after_effect: true }) => {
            let _lost = next.run(request).await;
            let e = SyncError::unavailable(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The answer was lost (sandbox fault); the request may have been applied — retry with the same Idempotency-Key.",
            );
            refuse(&e, &request_id)
        }
        Some(Fault::Drop { after_effect: false }) => cut_off(refuse(&not_applied(), &request_id)).await,
        Some(Fault::Drop { after_effect: true }) => cut_off(next.run(request).await).await,
    }
}

/// The same answer, but the connection closes after half of its body.
async fn cut_off(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let head = bytes.slice(..bytes.len() / 2);
    parts.headers.remove(CONTENT_LENGTH);
    let first = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(head)]);
    let broken = futures_util::stream::once(async {
        // Let the head reach the wire before the connection breaks.
        tokio::time::sleep(Duration::from_millis(5)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "sandbox fault: connection dropped mid-answer",
        ))
    });
    Response::from_parts(parts, Body::from_stream(first.chain(broken)))
}
