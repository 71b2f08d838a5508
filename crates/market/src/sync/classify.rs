//! What to do after one attempt: done, retry, park for the seller, re-authenticate,
//! or hand a conflict to the seller.
//!
//! WHY pure and apart from the engine: the classification decides whether a seller's
//! change is retried forever, waits for them, or is lost — it must be readable in one
//! place and tested against every status the contract names, without a server.

use serde_json::Value;
use std::time::Duration;

/// What came back from one attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The server answered (any status) and the whole body was read.
    Answer {
        status: u16,
        retry_after: Option<Duration>,
        body: Value,
    },
    /// No complete answer: refused connection, timeout, dropped mid-answer.
    Transport { detail: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Applied (or replayed): the body is the entity as the server now has it.
    Done(Value),
    /// Try again with the same idempotency key; `at_least` from Retry-After.
    Retry { reason: String, at_least: Option<Duration> },
    /// The server will not do this as it stands; the seller must repair or drop it.
    Park { code: String, reason: String },
    /// The keys were refused; nothing is sent until they are fixed.
    Reauthenticate { reason: String },
    /// Stale write: the entity as it is now on the server.
    Conflict { current: Value },
}

fn error_text(body: &Value) -> (String, String) {
    if let Some(e) = body.get("error") {
        let code = e["code"].as_str().unwrap_or("SYNC.UNKNOWN").to_string();
        let mut message = e["message"].as_str().unwrap_or("").to_string();
        if let Some(zh) = e["details"]["message_zh"].as_str() {
            message = format!("{message} / {zh}");
        }
        return (code, message);
    }
    // The gateway's own shape (APIGW.*).
    let code = body["error_code"].as_str().unwrap_or("HTTP").to_string();
    let message = body["error_msg"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| body.as_str().unwrap_or("").chars().take(200).collect());
    (code, message)
}

pub fn classify(outcome: &Outcome) -> Verdict {
    let (status, retry_after, body) = match outcome {
        Outcome::Transport { detail } => {
            return Verdict::Retry {
                reason: format!("the server could not be reached or the answer was cut off ({detail})"),
                at_least: None,
            }
        }
        Outcome::Answer {
            status,
            retry_after,
            body,
        } => (*status, *retry_after, body),
    };
    let (code, message) = error_text(body);
    match status {
        200..=299 => Verdict::Done(body.clone()),
        401 | 403 => Verdict::Reauthenticate {
            reason: format!("{code}: {message}"),
        },
        409 if body["error"]["current"].is_object() => Verdict::Conflict {
            current: body["error"]["current"].clone(),
        },
        408 | 425 | 429 => Verdict::Retry {
            reason: format!("{status} {code}: the server asked to slow down"),
            at_least: retry_after,
        },
        500..=599 => Verdict::Retry {
            reason: format!("{status} {code}: {message}"),
            at_least: retry_after,
        },
        _ => Verdict::Park {
            code,
            reason: if message.is_empty() {
                format!("the server refused the change (HTTP {status})")
            } else {
                message
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(status: u16, body: Value) -> Outcome {
        Outcome::Answer {
            status,
            retry_after: None,
            body,
        }
    }

    #[test]
    fn every_status_of_the_contract_maps_to_what_the_seller_needs() {
        let err = |code: &str| json!({ "error": { "code": code, "message": "m" } });
        assert!(matches!(classify(&answer(201, json!({"id": "a"}))), Verdict::Done(_)));
        assert!(matches!(
            classify(&answer(400, err("SYNC.VALIDATION"))),
            Verdict::Park { .. }
        ));
        assert!(matches!(
            classify(&answer(404, err("SYNC.NOT_FOUND"))),
            Verdict::Park { .. }
        ));
        assert!(matches!(
            classify(&answer(422, err("SYNC.REFUSED"))),
            Verdict::Park { .. }
        ));
        assert!(matches!(
            classify(&answer(428, err("SYNC.PRECONDITION_REQUIRED"))),
            Verdict::Park { .. }
        ));
        assert!(
            matches!(classify(&answer(401, json!({"error_code": "APIGW.0301", "error_msg": "bad sig"}))), Verdict::Reauthenticate { reason } if reason.contains("APIGW.0301")),
            "a gateway refusal keeps its code for the seller"
        );
        assert!(matches!(
            classify(&answer(503, err("SYNC.UNAVAILABLE"))),
            Verdict::Retry { .. }
        ));
        let conflict =
            json!({ "error": { "code": "SYNC.CONFLICT", "message": "m", "current": { "id": "p", "revision": 3 } } });
        assert_eq!(
            classify(&answer(409, conflict)),
            Verdict::Conflict {
                current: json!({ "id": "p", "revision": 3 })
            }
        );
        assert!(
            matches!(
                classify(&Outcome::Transport { detail: "reset".into() }),
                Verdict::Retry { .. }
            ),
            "a dropped answer is retried with the same key, never given up"
        );
    }

    #[test]
    fn rate_limits_carry_retry_after_and_refusals_carry_both_languages() {
        let limited = Outcome::Answer {
            status: 429,
            retry_after: Some(Duration::from_secs(3)),
            body: json!({ "error": { "code": "SYNC.RATE_LIMITED", "message": "slow" } }),
        };
        assert!(matches!(classify(&limited), Verdict::Retry { at_least: Some(d), .. } if d == Duration::from_secs(3)));
        let refused = answer(
            422,
            json!({ "error": { "code": "SYNC.REFUSED", "message": "product is discontinued", "details": { "message_zh": "商品已停售" } } }),
        );
        match classify(&refused) {
            Verdict::Park { code, reason } => {
                assert_eq!(code, "SYNC.REFUSED");
                assert!(reason.contains("discontinued") && reason.contains("已停售"), "{reason}");
            }
            other => panic!("a lifecycle refusal waits for the seller, got {other:?}"),
        }
    }
}
