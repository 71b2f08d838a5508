//! A small Seller Sync client for the sandbox's tests: reqwest plus the domain's APIG
//! signer (pinned to Huawei's vectors), signing with the test's own clock — shared
//! with the sandbox as a `FixedClock`, so time only moves when a test moves it.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use gallerist_domain::listing::example::clean_draft;
use gallerist_domain::listing::{Delivery, Draft};
use gallerist_domain::{apig, Clock, FixedClock};
use gallerist_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};
use std::sync::Arc;

pub const AK: &str = "SYNCTESTAK";
pub const SK: &str = "sync-test-secret";
pub const API: &str = "/api/seller-sync/v1";

pub struct Fixture {
    pub sandbox: Sandbox,
    pub clock: Arc<FixedClock>,
    pub client: Client,
}

pub async fn start() -> Fixture {
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()));
    let sandbox = Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: AK.into(),
        secret_key: SK.into(),
        data: None,
        clock: clock.clone(),
    })
    .await
    .expect("the sandbox starts on a free port");
    let client = Client {
        http: reqwest::Client::new(),
        host: sandbox.addr().to_string(),
        clock: clock.clone(),
    };
    Fixture { sandbox, clock, client }
}

pub struct Client {
    pub http: reqwest::Client,
    pub host: String,
    pub clock: Arc<dyn Clock>,
}

/// A complete answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

impl Client {
    /// Sends a signed request; `Err` is a transport failure (no complete answer).
    pub async fn send(
        &self,
        method: &str,
        path_and_query: &str,
        body: Option<&Value>,
        headers: &[(&str, String)],
    ) -> Result<Answer, reqwest::Error> {
        let (path, query) = path_and_query
            .split_once('?')
            .map_or((path_and_query, None), |(p, q)| (p, Some(q)));
        let bytes = body.map(|b| serde_json::to_vec(b).unwrap()).unwrap_or_default();
        let sdk_date = apig::sdk_date(self.clock.now());
        let parts = apig::RequestParts {
            method,
            raw_path: path,
            raw_query: query,
            signed_headers: vec![
                ("content-type".into(), "application/json".into()),
                ("host".into(), self.host.clone()),
                ("x-sdk-date".into(), sdk_date.clone()),
            ],
            payload_hash: apig::payload_hash(&bytes),
        };
        let signed = apig::sign(AK, SK, &sdk_date, &parts);
        let mut req = self
            .http
            .request(method.parse().unwrap(), format!("http://{}{path_and_query}", self.host))
            .header("content-type", "application/json")
            .header("x-sdk-date", sdk_date)
            .header("authorization", signed.authorization)
            .body(bytes);
        for (name, value) in headers {
            req = req.header(*name, value);
        }
        let response = req.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await?;
        let body =
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        Ok(Answer { status, headers, body })
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send("GET", &format!("{API}{path}"), None, &[]).await.unwrap()
    }

    /// A write with an idempotency key and, when given, If-Match.
    pub async fn write(&self, method: &str, path: &str, body: &Value, key: &str, if_match: Option<i64>) -> Answer {
        self.try_write(method, path, body, key, if_match).await.unwrap()
    }

    pub async fn try_write(
        &self,
        method: &str,
        path: &str,
        body: &Value,
        key: &str,
        if_match: Option<i64>,
    ) -> Result<Answer, reqwest::Error> {
        let mut headers = vec![("idempotency-key", key.to_string())];
        if let Some(rev) = if_match {
            headers.push(("if-match", rev.to_string()));
        }
        self.send(method, &format!("{API}{path}"), Some(body), &headers).await
    }

    /// A signed call to the sandbox's controls (`/_sandbox/v1…`).
    pub async fn control(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        self.send(method, &format!("/_sandbox/v1{path}"), body, &[])
            .await
            .unwrap()
    }

    /// Submits a listing; returns the created application.
    pub async fn submit(&self, draft: &Draft, key: &str, product_id: Option<&str>) -> Value {
        let body = json!({ "draft_ref": format!("draft-{key}"), "product_id": product_id, "listing": draft });
        let a = self.write("POST", "/applications", &body, key, None).await;
        assert_eq!(a.status, 201, "a well-formed submission is accepted: {:?}", a.body);
        a.body
    }
}

pub fn saas() -> Draft {
    clean_draft(Delivery::Saas {
        joint_operation: false,
        offline_delivery: false,
    })
}

pub fn license() -> Draft {
    clean_draft(Delivery::License {
        asset_package_ref: Some("asset-1".into()),
    })
}

/// A product approved from a clean draft with two specs (`spec-1` with `sku-1`,
/// `spec-2` with `sku-2`/`sku-3`), reviewed with no delay.
pub async fn approved_product(f: &Fixture, key: &str) -> Value {
    f.sandbox.set_review_delay(std::time::Duration::ZERO);
    let mut draft = license();
    let mut pro = draft.specs[0].clone();
    pro.name = "专业版".into();
    pro.skus[0].code = "SKU-PRO-1".into();
    let mut second = pro.skus[0].clone();
    second.code = "SKU-PRO-2".into();
    pro.skus.push(second);
    draft.specs.push(pro);
    let app = f.client.submit(&draft, key, None).await;
    let app = f
        .client
        .get(&format!("/applications/{}", app["id"].as_str().unwrap()))
        .await
        .body;
    assert_eq!(app["status"], "approved", "a clean draft is approved: {app}");
    let pid = app["product_id"]
        .as_str()
        .expect("approval names the product it created");
    f.client.get(&format!("/products/{pid}")).await.body
}
