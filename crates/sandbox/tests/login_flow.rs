//! The unified-login tester end to end, as a seller's app meets it: the login page,
//! authorize → 302 with a code and the same state, token, userinfo with the authSync
//! user's fields, refresh, logout; an expired token refused and the refresh seen.

mod login_common;

use chrono::Duration;
use gallerist_sandbox::login::{Registration, Verdict};
use login_common::*;
use reqwest::header::{CACHE_CONTROL, LOCATION, WWW_AUTHENTICATE};
use serde_json::{json, Value};

#[tokio::test]
async fn a_user_logs_in_end_to_end_and_userinfo_carries_the_authsync_fields() {
    let f = start().await;
    assert_eq!(f.domain, format!("{}/login/{TENANT}", f.sandbox.url()));

    // Without a user chosen, the login page lists the tenant's users.
    let page = f.authorize(&authorize_query("s1", CALLBACK, None)).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("张三") && html.contains("李四"), "{html}");
    assert!(html.contains("login_hint=zhangsan"));

    // Choosing one: 302 to the callback with a code and the state byte for byte.
    let state = "a/b+c=d&e 状态";
    let answer = f.authorize(&authorize_query(state, CALLBACK, Some("zhangsan"))).await;
    assert_eq!(answer.status(), 302);
    let location = reqwest::Url::parse(answer.headers()[LOCATION].to_str().unwrap()).unwrap();
    assert_eq!(
        format!("{}{}", location.origin().ascii_serialization(), location.path()),
        CALLBACK
    );
    let query: Vec<(String, String)> = location.query_pairs().into_owned().collect();
    assert_eq!(query.iter().find(|(k, _)| k == "state").unwrap().1, state);
    let code = query.iter().find(|(k, _)| k == "code").unwrap().1.clone();

    let answer = f
        .http
        .post(format!("{}/api/v1/oauth2/token", f.domain))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()[CACHE_CONTROL], "no-store", "tokens must not be cached");
    let token: Value = answer.json().await.unwrap();
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["expires_in"], 7200);
    assert_eq!(token["scope"], "get_user_info");
    let access = token["access_token"].as_str().unwrap().to_string();
    let refresh = token["refresh_token"].as_str().unwrap().to_string();

    let (status, user) = f.userinfo(&access).await;
    assert_eq!(status, 200);
    assert_eq!(user["userName"], "zhangsan");
    assert_eq!(user["name"], "张三");
    assert_eq!(user["email"], "zhangsan@acme.example");
    assert_eq!(user["mobile"], "13800000000");
    assert_eq!(user["role"], "admin");
    assert_eq!(user["organizationCode"], "SALES");
    assert_eq!(user["organizationName"], "Sales");
    assert_eq!(user["projectName"], "Acme Trading Co.");
    assert_eq!(user["tenant"], "68cbc86abc");
    assert_eq!(user["id"], user["userId"]);
    assert!(!user["id"].as_str().unwrap().is_empty());

    let (status, renewed) = f
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.as_str()),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
        ])
        .await;
    assert_eq!(status, 200, "{renewed}");
    assert_ne!(renewed["access_token"], token["access_token"]);
    assert_eq!(
        f.userinfo(renewed["access_token"].as_str().unwrap()).await.1["userName"],
        "zhangsan"
    );

    let back = "http://127.0.0.1:5999/signed-out?from=sso";
    let answer = f
        .http
        .get(format!("{}/api/v1/logout", f.domain))
        .query(&[("redirect_url", back)])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 302);
    assert_eq!(answer.headers()[LOCATION], back);

    let report = f.report().await;
    assert_eq!(finding_ids(&report), Vec::<String>::new(), "{report:#}");
    for id in [
        "login.state",
        "login.redirect-uri",
        "login.code-once",
        "login.client-credentials",
    ] {
        assert_eq!(verdict(&report, id), "pass", "{id}");
    }
    assert_eq!(verdict(&report, "login.token-expiry"), "not-exercised");
}

#[tokio::test]
async fn an_expired_token_is_refused_with_401_and_the_apps_refresh_is_seen() {
    let f = start().await;
    let code = f.code_for("lisi", "st-1").await;
    let (_, token) = f.exchange(&code).await;
    let access = token["access_token"].as_str().unwrap();

    f.clock.advance(Duration::seconds(7199));
    assert_eq!(
        f.userinfo(access).await.0,
        200,
        "one second before expires_in the token still works"
    );
    f.clock.advance(Duration::seconds(1));
    let answer = f
        .http
        .get(format!("{}/api/v1/oauth2/userinfo", f.domain))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 401);
    assert!(answer.headers()[WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    let refused: Value = answer.json().await.unwrap();
    assert_eq!(refused["error"], "unauthorized");
    assert!(refused["error_description"].as_str().unwrap().contains("expired"));

    let (status, renewed) = f
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", token["refresh_token"].as_str().unwrap()),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
        ])
        .await;
    assert_eq!(status, 200);
    assert_eq!(f.userinfo(renewed["access_token"].as_str().unwrap()).await.0, 200);

    let report = f.report().await;
    assert_eq!(verdict(&report, "login.token-expiry"), "pass");
    assert!(finding_ids(&report).is_empty(), "{report:#}");
}

#[tokio::test]
async fn an_app_that_resends_an_expired_token_instead_of_refreshing_is_reported() {
    let f = start().await;
    let code = f.code_for("zhangsan", "st-2").await;
    let (_, token) = f.exchange(&code).await;
    let access = token["access_token"].as_str().unwrap();

    // The seller's own clock control: only this tenant's time moves.
    let moved = f
        .http
        .post(format!("{}/_clock", f.domain))
        .json(&json!({ "advanceSeconds": 7200 }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    assert_eq!(f.userinfo(access).await.0, 401);
    assert_eq!(f.userinfo(access).await.0, 401);

    let report = f.report().await;
    assert_eq!(finding_ids(&report), ["login.token-expiry"]);
    let finding = &report["findings"][0];
    assert!(finding["doc"]
        .as_str()
        .unwrap()
        .starts_with("https://support.huaweicloud.com/"));
    assert!(finding["en"].as_str().unwrap().contains("instead of refreshing"));
    assert!(finding["zhCN"].as_str().unwrap().contains("刷新"));
    assert_eq!(verdict(&report, "login.token-expiry"), "fail");
}

#[tokio::test]
async fn the_runner_registers_through_the_library_and_reads_the_typed_report() {
    let f = start().await;
    let mut body = setup_body();
    body["tenant"]["tenantCode"] = json!("beta");
    let registration: Registration = serde_json::from_value(body).unwrap();
    let domain = f.sandbox.register_login(registration).unwrap();
    assert_eq!(domain, f.sandbox.login_domain("beta"));

    let report = f.sandbox.login_report("beta").expect("registered");
    assert!(report.findings.is_empty());
    assert!(report.checks.iter().all(|c| c.verdict == Verdict::NotExercised));
    assert!(f.sandbox.login_report("nobody").is_none());

    let answer = f
        .http
        .get(format!("{}/login/nobody/_report", f.sandbox.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);
    let refused: Value = answer.json().await.unwrap();
    assert!(refused["error_description"]
        .as_str()
        .unwrap()
        .contains("/login/nobody/_setup"));
}
