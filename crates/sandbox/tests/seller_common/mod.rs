//! A small KooGallery stand-in for the seller-server tests: signs V2, Kit and V1 calls
//! with `gallerist_domain::produce` and the test's own clock, which the sandbox shares
//! as a `FixedClock`, so a timestamp is stale only when a test makes it so.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use gallerist_domain::produce::{kit, v1, v2};
use gallerist_domain::{Clock, FixedClock};
use gallerist_sandbox::seller::DEMO_ACCESS_KEY;
use gallerist_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub struct Fixture {
    pub sandbox: Sandbox,
    pub clock: Arc<FixedClock>,
    pub http: reqwest::Client,
    nonces: AtomicU64,
}

pub async fn start() -> Fixture {
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()));
    let sandbox = Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: "SELLERTESTAK".into(),
        secret_key: "seller-test-secret".into(),
        data: None,
        clock: clock.clone(),
    })
    .await
    .expect("the sandbox starts on a free port");
    Fixture {
        sandbox,
        clock,
        http: reqwest::Client::new(),
        nonces: AtomicU64::new(1),
    }
}

/// One signed call as KooGallery would make it; change fields to break it.
pub struct Call {
    pub nonce: String,
    pub timestamp: String,
    pub signature: Option<String>,
}

impl Fixture {
    pub fn url(&self, variant: &str, rest: &str) -> String {
        format!("{}/seller/{variant}{rest}", self.sandbox.url())
    }

    /// A fresh nonce (64 upper-case hex, as KooGallery sends) and the clock's time.
    pub fn call(&self) -> Call {
        let n = self.nonces.fetch_add(1, Ordering::Relaxed);
        Call {
            nonce: format!("{n:064X}"),
            timestamp: self.clock.now().timestamp_millis().to_string(),
            signature: None,
        }
    }

    /// A correctly signed V2 base call.
    pub async fn v2(&self, variant: &str, body: &Value) -> Value {
        self.v2_with(variant, body, self.call()).await
    }

    pub async fn v2_with(&self, variant: &str, body: &Value, call: Call) -> Value {
        let payload = v2::payload(body);
        let signature = call
            .signature
            .unwrap_or_else(|| v2::sign(DEMO_ACCESS_KEY, &call.nonce, &call.timestamp, &payload));
        let answer = self
            .http
            .post(self.url(variant, "/v2"))
            .query(&[
                ("signature", signature),
                ("timestamp", call.timestamp),
                ("nonce", call.nonce),
            ])
            .header("Content-Type", "application/json;charset=utf8")
            .body(payload)
            .send()
            .await
            .expect("the seller server answers");
        assert_eq!(answer.status(), 200, "failures are result codes, not HTTP statuses");
        answer.json().await.expect("a JSON answer")
    }

    /// A correctly signed Kit sync; `wire` is the body as sent (maybe unsorted).
    pub async fn kit(&self, variant: &str, sync: &str, wire: &Value) -> Value {
        self.kit_with(variant, sync, wire, self.call()).await
    }

    pub async fn kit_with(&self, variant: &str, sync: &str, wire: &Value, call: Call) -> Value {
        let signature = call
            .signature
            .unwrap_or_else(|| kit::sign(DEMO_ACCESS_KEY, &call.nonce, &call.timestamp, &v2::payload(wire)));
        let answer = self
            .http
            .post(self.url(variant, &format!("/v2/produceAPI/v2/{sync}")))
            .header("x-sign", signature)
            .header("x-timestamp", call.timestamp)
            .header("x-nonce", call.nonce)
            .json(wire)
            .send()
            .await
            .expect("the seller server answers");
        assert_eq!(answer.status(), 200);
        answer.json().await.expect("a JSON answer")
    }

    /// A V1 GET with its authToken (or `token` instead); the answer's JSON, its exact
    /// bytes and its `Body-Sign` header.
    pub async fn v1(&self, variant: &str, params: &[(&str, &str)], token: Option<&str>) -> (Value, Vec<u8>, String) {
        let mut params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        params.push((
            "timeStamp".into(),
            self.clock.now().format("%Y%m%d%H%M%S%3f").to_string(),
        ));
        let token = token.map_or_else(|| v1::auth_token(DEMO_ACCESS_KEY, &params), str::to_string);
        params.push(("authToken".into(), token));
        let answer = self
            .http
            .get(self.url(variant, "/v1"))
            .query(&params)
            .send()
            .await
            .expect("the seller server answers");
        assert_eq!(answer.status(), 200);
        let sign = answer
            .headers()
            .get("Body-Sign")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let bytes = answer.bytes().await.unwrap().to_vec();
        (serde_json::from_slice(&bytes).expect("a JSON answer"), bytes, sign)
    }

    /// The variant's books: instances, Kit records, effects.
    pub async fn state(&self, variant: &str) -> Value {
        self.http
            .get(self.url(variant, "/state"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// How many times an effect of `kind` really happened on `variant`.
    pub async fn effects(&self, variant: &str, kind: &str) -> u64 {
        self.state(variant).await["effects"][kind].as_u64().unwrap_or(0)
    }
}

pub fn code(answer: &Value) -> &str {
    answer["resultCode"].as_str().unwrap_or("")
}
