//! What the login tester refuses and reports as the app's fault: a code used twice, a
//! redirect_uri other than the registered callback, wrong client credentials, a missing
//! or reused state — each refused as OAuth documents and named in the report.

mod login_common;

use chrono::Duration;
use login_common::*;
use reqwest::header::LOCATION;

#[tokio::test]
async fn a_code_used_twice_is_refused_its_tokens_revoked_and_the_app_blamed() {
    let f = start().await;
    let code = f.code_for("zhangsan", "st-reuse").await;
    let (status, token) = f.exchange(&code).await;
    assert_eq!(status, 200);

    let (status, refused) = f.exchange(&code).await;
    assert_eq!(status, 400);
    assert_eq!(refused["error"], "invalid_grant");
    assert!(refused["error_description"].as_str().unwrap().contains("already used"));
    let access = token["access_token"].as_str().unwrap();
    assert_eq!(
        f.userinfo(access).await.0,
        401,
        "tokens from a replayed code are revoked"
    );

    let report = f.report().await;
    assert_eq!(finding_ids(&report), ["login.code-once"]);
    assert_eq!(report["findings"][0]["evidence"]["code"], code.as_str());
    assert!(report["findings"][0]["zhCN"].as_str().unwrap().contains("授权码"));
    assert_eq!(verdict(&report, "login.code-once"), "fail");
}

#[tokio::test]
async fn a_redirect_uri_other_than_the_registered_callback_is_refused_without_redirecting() {
    let f = start().await;
    let elsewhere = "http://127.0.0.1:5999/oauth/callback-evil";
    let answer = f.authorize(&authorize_query("st", elsewhere, Some("zhangsan"))).await;
    assert_eq!(answer.status(), 400);
    assert!(
        answer.headers().get(LOCATION).is_none(),
        "never redirect to an unregistered URL"
    );
    let refused: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(refused["error"], "invalid_request");

    // At the token step: a different redirect_uri from the one the code was issued for.
    let code = f.code_for("zhangsan", "st-2").await;
    let (status, refused) = f
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("redirect_uri", elsewhere),
        ])
        .await;
    assert_eq!((status, refused["error"].as_str()), (400, Some("invalid_grant")));

    let report = f.report().await;
    assert_eq!(finding_ids(&report), ["login.redirect-uri", "login.redirect-uri"]);
    assert_eq!(report["findings"][0]["evidence"]["registered"], CALLBACK);
    assert_eq!(report["findings"][1]["evidence"]["sent"], elsewhere);
}

#[tokio::test]
async fn a_wrong_client_secret_is_refused_with_401_invalid_client() {
    let f = start().await;
    let code = f.code_for("lisi", "st").await;
    let (status, refused) = f
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", CLIENT_ID),
            ("client_secret", "not-the-secret"),
        ])
        .await;
    assert_eq!((status, refused["error"].as_str()), (401, Some("invalid_client")));
    assert_eq!(finding_ids(&f.report().await), ["login.client-credentials"]);
    // The code was not spent by the refused attempt.
    assert_eq!(f.exchange(&code).await.0, 200);
}

#[tokio::test]
async fn a_missing_state_and_a_reused_state_are_reported_but_the_state_is_still_echoed() {
    let f = start().await;
    let no_state = [
        ("response_type", "code"),
        ("client_id", CLIENT_ID),
        ("redirect_uri", CALLBACK),
        ("scope", "get_user_info"),
        ("login_hint", "zhangsan"),
    ];
    let answer = f.authorize(&no_state).await;
    assert_eq!(answer.status(), 302);
    assert!(!answer.headers()[LOCATION].to_str().unwrap().contains("state="));

    f.code_for("zhangsan", "same-state").await;
    f.code_for("zhangsan", "same-state").await;
    let report = f.report().await;
    assert_eq!(finding_ids(&report), ["login.state", "login.state"]);
    assert_eq!(report["findings"][1]["evidence"]["reused"], true);
}

#[tokio::test]
async fn a_code_older_than_ten_minutes_and_a_form_that_is_not_form_encoded_are_refused() {
    let f = start().await;
    let code = f.code_for("zhangsan", "st-old").await;
    f.clock.advance(Duration::seconds(601));
    let (status, refused) = f.exchange(&code).await;
    assert_eq!((status, refused["error"].as_str()), (400, Some("invalid_grant")));

    let answer = f
        .http
        .post(format!("{}/api/v1/oauth2/token", f.domain))
        .json(&serde_json::json!({ "grant_type": "authorization_code" }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let refused: serde_json::Value = answer.json().await.unwrap();
    assert!(refused["error_description"]
        .as_str()
        .unwrap()
        .contains("x-www-form-urlencoded"));
}
