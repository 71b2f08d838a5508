//! A seller's app as the login tests play it: reqwest with redirects off, so every 302
//! the tester answers is seen and read, against a sandbox sharing the test's
//! `FixedClock`, so tokens expire only when a test moves time.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use gallerist_domain::FixedClock;
use gallerist_sandbox::{Sandbox, SandboxConfig};
use reqwest::header::LOCATION;
use serde_json::{json, Value};
use std::sync::Arc;

pub const TENANT: &str = "acme";
pub const CLIENT_ID: &str = "app-client-1";
pub const CLIENT_SECRET: &str = "app-secret-not-real";
pub const CALLBACK: &str = "http://127.0.0.1:5999/oauth/callback";

pub struct Fixture {
    pub sandbox: Sandbox,
    pub clock: Arc<FixedClock>,
    pub http: reqwest::Client,
    pub domain: String,
}

/// The `_setup` body: a tenant, the app's credentials and two authSync users, in the
/// Kit syncs' field names.
pub fn setup_body() -> Value {
    json!({
        "tenant": {"tenantId": "68cbc86abc", "tenantCode": TENANT, "name": "Acme Trading Co."},
        "clientId": CLIENT_ID,
        "clientSecret": CLIENT_SECRET,
        "redirectUri": CALLBACK,
        "users": [
            {"userName": "zhangsan", "name": "张三", "orgCode": "SALES", "role": "admin", "enable": "true",
             "mobile": "13800000000", "email": "zhangsan@acme.example", "employeeType": 1},
            {"userName": "lisi", "name": "李四", "orgCode": "OPS", "role": "user", "enable": "true"}
        ],
        "orgs": [{"orgCode": "SALES", "orgName": "Sales"}]
    })
}

/// A sandbox with the tenant registered through `_setup`.
pub async fn start() -> Fixture {
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()));
    let sandbox = Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        access_key: "LOGINTESTAK".into(),
        secret_key: "login-test-secret".into(),
        data: None,
        clock: clock.clone(),
    })
    .await
    .expect("the sandbox starts on a free port");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let answer = http
        .post(format!("{}/login/{TENANT}/_setup", sandbox.url()))
        .json(&setup_body())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let setup: Value = answer.json().await.unwrap();
    let domain = setup["domainName"]
        .as_str()
        .expect("setup names the domain")
        .to_string();
    Fixture {
        sandbox,
        clock,
        http,
        domain,
    }
}

impl Fixture {
    /// An authorize request with the given query; the raw answer.
    pub async fn authorize(&self, query: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .get(format!("{}/api/v1/oauth2/authorize", self.domain))
            .query(query)
            .send()
            .await
            .unwrap()
    }

    /// Logs `user` in with `state`: the code from the 302 to the callback.
    pub async fn code_for(&self, user: &str, state: &str) -> String {
        let answer = self.authorize(&authorize_query(state, CALLBACK, Some(user))).await;
        assert_eq!(answer.status(), 302);
        let location = reqwest::Url::parse(answer.headers()[LOCATION].to_str().unwrap()).unwrap();
        let pairs: Vec<(String, String)> = location.query_pairs().into_owned().collect();
        pairs.into_iter().find(|(k, _)| k == "code").expect("a code").1
    }

    /// A token request with the given form fields; status and JSON body.
    pub async fn token(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let answer = self
            .http
            .post(format!("{}/api/v1/oauth2/token", self.domain))
            .form(form)
            .send()
            .await
            .unwrap();
        (answer.status().as_u16(), answer.json().await.unwrap())
    }

    pub async fn exchange(&self, code: &str) -> (u16, Value) {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
        ])
        .await
    }

    pub async fn userinfo(&self, access_token: &str) -> (u16, Value) {
        let answer = self
            .http
            .get(format!("{}/api/v1/oauth2/userinfo", self.domain))
            .bearer_auth(access_token)
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        (answer.status().as_u16(), answer.json().await.unwrap())
    }

    /// The tester's report, read over HTTP as a seller would.
    pub async fn report(&self) -> Value {
        let answer = self.http.get(format!("{}/_report", self.domain)).send().await.unwrap();
        assert_eq!(answer.status(), 200);
        answer.json().await.unwrap()
    }
}

pub fn authorize_query<'a>(state: &'a str, redirect: &'a str, user: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut query = vec![
        ("response_type", "code"),
        ("client_id", CLIENT_ID),
        ("redirect_uri", redirect),
        ("scope", "get_user_info"),
        ("state", state),
    ];
    if let Some(user) = user {
        query.push(("login_hint", user));
    }
    query
}

/// The ids of the report's findings.
pub fn finding_ids(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

/// A check's verdict in the report.
pub fn verdict(report: &Value, id: &str) -> String {
    let checks = report["checks"].as_array().unwrap();
    let check = checks.iter().find(|c| c["id"] == id).expect("the check is listed");
    check["verdict"].as_str().unwrap().to_string()
}
