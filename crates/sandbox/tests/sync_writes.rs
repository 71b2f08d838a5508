//! Writes of the Seller Sync API: idempotency keys, If-Match, the error shape.

mod common;

use common::{approved_product, saas, start, API};
use gallerist_sandbox::ProductEdit;
use serde_json::json;

#[tokio::test]
async fn a_replayed_write_gets_the_stored_answer_and_takes_no_second_effect() {
    let f = start().await;
    let body = json!({ "draft_ref": "draft-1", "product_id": null, "listing": saas() });
    let first = f.client.write("POST", "/applications", &body, "key-1", None).await;
    assert_eq!(first.status, 201, "{:?}", first.body);
    assert_eq!(
        first.header("idempotent-replayed"),
        None,
        "a first answer is not a replay"
    );
    let again = f.client.write("POST", "/applications", &body, "key-1", None).await;
    assert_eq!(again.status, 201, "the replay has the stored status");
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body, "the replay has the stored body, byte for byte");
    let effects = f.sandbox.effects().unwrap();
    assert_eq!(
        (effects.total, effects.by_key.get("key-1")),
        (1, Some(&1)),
        "two requests with one key are one effect"
    );
    let list = f.client.get("/applications").await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1, "and one application");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn the_same_key_with_another_body_is_refused_and_a_write_without_a_key_is_malformed() {
    let f = start().await;
    let body = json!({ "draft_ref": "draft-1", "product_id": null, "listing": saas() });
    f.client.write("POST", "/applications", &body, "key-1", None).await;
    let other = json!({ "draft_ref": "draft-2", "product_id": null, "listing": saas() });
    let mismatch = f.client.write("POST", "/applications", &other, "key-1", None).await;
    assert_eq!(
        (mismatch.status, mismatch.code()),
        (422, "SYNC.IDEMPOTENCY_MISMATCH"),
        "a reused key with a changed body is a client bug: {:?}",
        mismatch.body
    );
    let no_key = f
        .client
        .send("POST", &format!("{API}/applications"), Some(&body), &[])
        .await
        .unwrap();
    assert_eq!((no_key.status, no_key.code()), (400, "SYNC.VALIDATION"));
    assert_eq!(no_key.body["error"]["details"]["field"], "Idempotency-Key");
    let long = "k".repeat(129);
    let too_long = f.client.write("POST", "/applications", &body, &long, None).await;
    assert_eq!(too_long.status, 400, "a key longer than 128 characters is refused");
    assert_eq!(
        f.sandbox.effects().unwrap().total,
        1,
        "none of the refusals took effect"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn every_answer_carries_a_request_id_that_matches_the_error_body() {
    let f = start().await;
    let missing = f.client.get("/applications/app-404").await;
    assert_eq!((missing.status, missing.code()), (404, "SYNC.NOT_FOUND"));
    let header = missing
        .header("x-request-id")
        .expect("X-Request-Id on an error")
        .to_string();
    assert_eq!(missing.body["error"]["request_id"], header.as_str());
    assert!(missing.body["error"]["details"].is_object() && missing.body["error"].get("current").is_some());
    let ok = f.client.get("/products").await;
    assert!(ok
        .header("x-request-id")
        .is_some_and(|id| id.len() == 32 && id != header));
    let unsigned = reqwest::get(format!("{}{API}/products", f.sandbox.url()))
        .await
        .unwrap();
    assert_eq!(unsigned.status().as_u16(), 401, "the gateway still guards the API");
    let id = unsigned.headers()["x-request-id"].to_str().unwrap().to_string();
    let body: serde_json::Value = unsigned.json().await.unwrap();
    assert_eq!(
        (body["error_code"].as_str(), body["request_id"].as_str()),
        (Some("APIGW.0301"), Some(id.as_str())),
        "gateway refusals keep their own shape, with the same request id"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_stale_if_match_gets_409_with_the_current_entity_and_a_missing_one_428() {
    let f = start().await;
    let product = approved_product(&f, "k-app").await;
    let pid = product["id"].as_str().unwrap();
    let rev = product["revision"].as_i64().unwrap();
    let path = format!("/products/{pid}");
    let missing = f
        .client
        .write("PATCH", &path, &json!({ "name": "新名称" }), "k-1", None)
        .await;
    assert_eq!((missing.status, missing.code()), (428, "SYNC.PRECONDITION_REQUIRED"));
    let edited = f
        .client
        .write("PATCH", &path, &json!({ "name": "新名称" }), "k-2", Some(rev))
        .await;
    assert_eq!(edited.status, 200, "{:?}", edited.body);
    assert_eq!(
        (edited.body["name"].as_str(), edited.body["revision"].as_i64()),
        (Some("新名称"), Some(rev + 1)),
        "the answer is the product at its new revision"
    );
    let stale = f
        .client
        .write("PATCH", &path, &json!({ "hotline": "400-1" }), "k-3", Some(rev))
        .await;
    assert_eq!((stale.status, stale.code()), (409, "SYNC.CONFLICT"));
    assert_eq!(
        stale.body["error"]["current"], edited.body,
        "the conflict carries the product as it is now"
    );
    let replayed = f
        .client
        .write("PATCH", &path, &json!({ "hotline": "400-1" }), "k-3", Some(rev))
        .await;
    assert_eq!(
        (replayed.status, replayed.header("idempotent-replayed")),
        (409, Some("true")),
        "4xx answers are stored for replay too"
    );
    let same = f
        .client
        .write("PATCH", &path, &json!({ "name": "新名称" }), "k-4", Some(rev + 1))
        .await;
    assert_eq!(
        same.body["revision"],
        rev + 1,
        "an edit that changes nothing keeps the revision"
    );
    let bad = f
        .client
        .write("PATCH", &path, &json!({ "specs": [] }), "k-5", Some(rev + 1))
        .await;
    assert_eq!(
        (bad.status, bad.body["error"]["details"]["field"].as_str()),
        (400, Some("specs")),
        "only name, overview and hotline can be patched"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_console_edit_behind_the_clients_back_makes_its_next_patch_a_conflict() {
    let f = start().await;
    let product = approved_product(&f, "k-app").await;
    let pid = product["id"].as_str().unwrap();
    let rev = product["revision"].as_i64().unwrap();
    let edit = ProductEdit {
        hotline: Some("400-222-2222".into()),
        ..ProductEdit::default()
    };
    let theirs = f.sandbox.console_edit_product(pid, &edit).unwrap();
    assert_eq!(theirs["revision"], rev + 1, "the console edit bumps the revision");
    let over_http = f
        .client
        .control(
            "PATCH",
            &format!("/console/products/{pid}"),
            Some(&json!({ "name": "控制台名称" })),
        )
        .await;
    assert_eq!(over_http.status, 200, "{:?}", over_http.body);
    assert_eq!(over_http.body["revision"], rev + 2);
    let mine = f
        .client
        .write(
            "PATCH",
            &format!("/products/{pid}"),
            &json!({ "name": "我的名称" }),
            "k-1",
            Some(rev),
        )
        .await;
    assert_eq!(
        mine.status, 409,
        "my edit was based on a revision the console moved past"
    );
    assert_eq!(
        (
            mine.body["error"]["current"]["name"].as_str(),
            mine.body["error"]["current"]["hotline"].as_str()
        ),
        (Some("控制台名称"), Some("400-222-2222")),
        "theirs comes with the conflict"
    );
    assert_eq!(
        f.sandbox.effects().unwrap().by_key.get("k-1"),
        None,
        "a conflict is no effect"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_malformed_submission_names_the_field() {
    let f = start().await;
    let mut listing = serde_json::to_value(saas()).unwrap();
    listing.as_object_mut().unwrap().remove("overview");
    let body = json!({ "draft_ref": "draft-1", "product_id": null, "listing": listing });
    let a = f.client.write("POST", "/applications", &body, "k-1", None).await;
    assert_eq!(
        (a.status, a.body["error"]["details"]["field"].as_str()),
        (400, Some("listing.overview")),
        "{:?}",
        a.body
    );
    let body = json!({ "draft_ref": "", "listing": saas() });
    let a = f.client.write("POST", "/applications", &body, "k-2", None).await;
    assert_eq!(a.body["error"]["details"]["field"], "draft_ref");
    let body = json!({ "draft_ref": "draft-3", "product_id": "prod-99", "listing": saas() });
    let a = f.client.write("POST", "/applications", &body, "k-3", None).await;
    assert_eq!(
        (a.status, a.body["error"]["details"]["field"].as_str()),
        (404, Some("product_id")),
        "an update of a product that does not exist"
    );
    f.sandbox.stop().await;
}
