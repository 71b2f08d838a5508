//! The unified-login tester's commands on a booted core: a tenant registered through
//! `login_tester_setup`, a seller's app played over HTTP with reqwest (redirects off, so
//! each 302 is read) against the embedded sandbox, and the report read back through
//! `login_tester_report`. The secret the seller makes up never leaves the sandbox's
//! memory. Refusals are in `login_tester_refusals.rs`.

mod common;

use common::{call, files_under, refused, sandbox_core};
use gallerist_api::ErrorCode;
use reqwest::header::LOCATION;
use serde_json::{json, Value};

const TENANT: &str = "acme-test";
const CLIENT_ID: &str = "acme-saas-app";
/// A made-up test value, like the one a seller types into the panel.
const CLIENT_SECRET: &str = "tester-value-7f3a91c2-not-real";
const CALLBACK: &str = "http://127.0.0.1:5999/oauth/callback";

fn setup_args() -> Value {
    json!({
        "tenantCode": TENANT,
        "tenantName": "Acme Trading Co.",
        "tenantId": "68cbc86abc",
        "clientId": CLIENT_ID,
        "clientSecret": CLIENT_SECRET,
        "redirectUri": CALLBACK,
        "users": [
            {"userName": "zhangsan", "name": "张三", "orgCode": "SALES", "role": "admin", "email": "zs@acme.example"},
            {"userName": "lisi", "name": "李四", "orgCode": "OPS"}
        ]
    })
}

/// The seller's app, as far as the tester can see it.
struct App {
    http: reqwest::Client,
    domain: String,
}

impl App {
    fn new(view: &Value) -> App {
        App {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            domain: view["domainName"]
                .as_str()
                .expect("the view names the domain")
                .to_string(),
        }
    }

    /// The browser's trip through authorize for `user`: the code and state on the 302.
    async fn log_in(&self, user: &str, state: &str) -> (String, String) {
        let answer = self
            .http
            .get(format!("{}/api/v1/oauth2/authorize", self.domain))
            .query(&[
                ("response_type", "code"),
                ("client_id", CLIENT_ID),
                ("redirect_uri", CALLBACK),
                ("scope", "get_user_info"),
                ("state", state),
                ("login_hint", user),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 302, "authorize sends the browser back to the app");
        let location = reqwest::Url::parse(answer.headers()[LOCATION].to_str().unwrap()).unwrap();
        assert!(location.as_str().starts_with(CALLBACK), "{location}");
        let get = |name: &str| {
            location
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
                .unwrap_or_else(|| panic!("{name} on the callback: {location}"))
        };
        (get("code"), get("state"))
    }

    async fn token(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let answer = self
            .http
            .post(format!("{}/api/v1/oauth2/token", self.domain))
            .form(form)
            .send()
            .await
            .unwrap();
        (answer.status().as_u16(), answer.json().await.unwrap())
    }

    async fn exchange(&self, code: &str, secret: &str) -> (u16, Value) {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("client_id", CLIENT_ID),
            ("client_secret", secret),
            ("redirect_uri", CALLBACK),
        ])
        .await
    }

    async fn userinfo(&self, access_token: &str) -> (u16, Value) {
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
}

fn verdict(view: &Value, id: &str) -> String {
    let checks = view["report"]["checks"].as_array().unwrap();
    let check = checks
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} is listed: {view}"));
    check["verdict"].as_str().unwrap().to_string()
}

fn finding_ids(view: &Value) -> Vec<String> {
    let findings = view["report"]["findings"].as_array().unwrap();
    findings.iter().map(|f| f["id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_login_over_http_reports_clean_and_a_second_use_of_the_code_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 21, "en").await;
    let sandbox_url = core.sandbox.as_ref().unwrap().server.url();

    let view = call(&core, "login_tester_setup", setup_args()).await;
    assert_eq!(view["domainName"], format!("{sandbox_url}/login/{TENANT}"));
    assert_eq!(
        view["endpoints"]["token"],
        format!("{sandbox_url}/login/{TENANT}/api/v1/oauth2/token")
    );
    assert_eq!(view["endpoints"]["refresh"], view["endpoints"]["token"]);
    assert_eq!(
        view["users"][1]["role"], "user",
        "a user without a role is a plain user"
    );
    assert_eq!(
        finding_ids(&view),
        Vec::<String>::new(),
        "a new session has no findings"
    );
    assert_eq!(verdict(&view, "login.code-once"), "not-exercised");

    let app = App::new(&view);
    let (code, state) = app.log_in("zhangsan", "state-1a2b").await;
    assert_eq!(state, "state-1a2b", "the state comes back unchanged");
    let (status, tokens) = app.exchange(&code, CLIENT_SECRET).await;
    assert_eq!(status, 200, "{tokens}");
    let (status, user) = app.userinfo(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["userName"], "zhangsan");
    assert_eq!(user["projectName"], "Acme Trading Co.");
    assert_eq!(user["tenant"], "68cbc86abc");
    assert_eq!(user["email"], "zs@acme.example");

    // Without a tenant code the report is the tenant registered last.
    let clean = call(&core, "login_tester_report", json!({})).await;
    assert_eq!(clean["tenantCode"], TENANT);
    assert_eq!(finding_ids(&clean), Vec::<String>::new(), "{clean}");
    for id in [
        "login.state",
        "login.redirect-uri",
        "login.code-once",
        "login.client-credentials",
    ] {
        assert_eq!(verdict(&clean, id), "pass", "{id}");
    }
    assert_eq!(verdict(&clean, "login.token-expiry"), "not-exercised");

    let (status, again) = app.exchange(&code, CLIENT_SECRET).await;
    assert_eq!((status, again["error"].as_str()), (400, Some("invalid_grant")));
    let seen = call(&core, "login_tester_report", json!({"tenantCode": TENANT})).await;
    assert_eq!(finding_ids(&seen), ["login.code-once"]);
    assert_eq!(verdict(&seen, "login.code-once"), "fail");
    let finding = &seen["report"]["findings"][0];
    assert!(
        finding["en"]
            .as_str()
            .unwrap()
            .contains("same authorization code twice"),
        "{finding}"
    );
    assert!(finding["zhCN"].as_str().unwrap().contains("授权码"), "{finding}");
    assert_eq!(
        finding["evidence"]["code"],
        code.as_str(),
        "the finding shows what the app sent"
    );
    let (status, _) = app.userinfo(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 401, "the first exchange's token is revoked");
}

#[tokio::test]
async fn moving_the_clock_expires_the_token_and_a_refresh_passes_the_expiry_check() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 22, "en").await;
    let view = call(&core, "login_tester_setup", setup_args()).await;
    let app = App::new(&view);
    let (code, _) = app.log_in("lisi", "state-9z").await;
    let (_, tokens) = app.exchange(&code, CLIENT_SECRET).await;
    let access = tokens["access_token"].as_str().unwrap();

    let before = chrono::DateTime::parse_from_rfc3339(view["report"]["now"].as_str().unwrap()).unwrap();
    let moved = call(
        &core,
        "login_tester_clock",
        json!({"tenantCode": TENANT, "advanceSeconds": 7200}),
    )
    .await;
    assert_eq!(moved["report"]["clockOffsetSeconds"], 7200);
    let after = chrono::DateTime::parse_from_rfc3339(moved["report"]["now"].as_str().unwrap()).unwrap();
    assert!(after - before >= chrono::Duration::seconds(7200), "{before} → {after}");

    let (status, refused_user) = app.userinfo(access).await;
    assert_eq!(
        status, 401,
        "two hours on, the access token has expired: {refused_user}"
    );
    let (status, renewed) = app
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
        ])
        .await;
    assert_eq!(status, 200, "{renewed}");
    let (status, _) = app.userinfo(renewed["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    let seen = call(&core, "login_tester_report", json!({"tenantCode": TENANT})).await;
    assert_eq!(verdict(&seen, "login.token-expiry"), "pass");

    let none = refused(
        &core,
        "login_tester_clock",
        json!({"tenantCode": TENANT, "advanceSeconds": 0}),
    )
    .await;
    assert_eq!(none.code, ErrorCode::InvalidInput);
    assert!(
        none.message.contains("30 days") && none.message.contains("30 天"),
        "{}",
        none.message
    );
    let unknown = refused(
        &core,
        "login_tester_clock",
        json!({"tenantCode": "nobody", "advanceSeconds": 60}),
    )
    .await;
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert!(
        unknown.message.contains("'nobody'") && unknown.message.contains("重新登记"),
        "{}",
        unknown.message
    );
}

#[tokio::test]
async fn the_secret_stays_in_the_sandbox_and_an_empty_one_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 23, "en").await;
    let first = call(&core, "login_tester_setup", setup_args()).await;
    let mut again = setup_args();
    again["clientSecret"] = json!("");
    again["redirectUri"] = json!("http://127.0.0.1:6000/cb");
    let second = call(&core, "login_tester_setup", again).await;
    let report = call(&core, "login_tester_report", json!({})).await;
    for answer in [&first, &second, &report] {
        assert!(
            !answer.to_string().contains(CLIENT_SECRET),
            "no answer carries the secret: {answer}"
        );
    }
    assert_eq!(
        second["redirectUri"], "http://127.0.0.1:6000/cb",
        "the new registration is the one shown"
    );

    // The kept secret still works for the app.
    let app = App::new(&second);
    let location = app
        .http
        .get(format!("{}/api/v1/oauth2/authorize", app.domain))
        .query(&[
            ("response_type", "code"),
            ("client_id", CLIENT_ID),
            ("redirect_uri", "http://127.0.0.1:6000/cb"),
            ("state", "s-keep"),
            ("login_hint", "lisi"),
        ])
        .send()
        .await
        .unwrap();
    let location = reqwest::Url::parse(location.headers()[LOCATION].to_str().unwrap()).unwrap();
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let (status, tokens) = app
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("redirect_uri", "http://127.0.0.1:6000/cb"),
        ])
        .await;
    assert_eq!(status, 200, "an empty secret kept the one registered before: {tokens}");

    // A new tenant needs one.
    let mut fresh = setup_args();
    fresh["tenantCode"] = json!("other-tenant");
    fresh["clientSecret"] = json!("  ");
    let e = refused(&core, "login_tester_setup", fresh).await;
    assert!(
        e.message.contains("client secret") && e.message.contains("client secret 并填写"),
        "{}",
        e.message
    );

    let data_dir = dir.path().to_path_buf();
    core.shutdown().await;
    for file in files_under(&data_dir) {
        let bytes = std::fs::read(&file).unwrap();
        let found = bytes
            .windows(CLIENT_SECRET.len())
            .any(|w| w == CLIENT_SECRET.as_bytes());
        assert!(!found, "the secret was written to {}", file.display());
    }
}
