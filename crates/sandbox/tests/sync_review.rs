//! The simulated reviewer and the listing lifecycle, on the sandbox clock.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{approved_product, license, saas, start};
use gallerist_domain::listing::{Overrides, Pack};
use gallerist_domain::Clock;
use serde_json::json;

#[tokio::test]
async fn a_clean_draft_is_approved_into_a_product_once_the_review_delay_has_passed() {
    let f = start().await;
    let submitted_at = f.clock.now();
    let app = f.client.submit(&saas(), "k-1", None).await;
    assert_eq!(
        (app["status"].as_str(), app["revision"].as_i64()),
        (Some("pending"), Some(1))
    );
    let path = format!("/applications/{}", app["id"].as_str().unwrap());
    f.clock.advance(Duration::seconds(29));
    assert_eq!(
        f.client.get(&path).await.body["status"],
        "pending",
        "29 s into a 30 s review"
    );
    f.clock.advance(Duration::seconds(1));
    let decided = f.client.get(&path).await.body;
    assert_eq!(decided["status"], "approved", "{decided}");
    assert_eq!(decided["revision"], 2, "the decision is a change");
    let decided_at: DateTime<Utc> = decided["decided_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        decided_at,
        submitted_at + Duration::seconds(30),
        "decided when the delay ran out"
    );
    assert_eq!(decided["comments"], json!([]));
    let pid = decided["product_id"].as_str().expect("the approval names its product");
    let product = f.client.get(&format!("/products/{pid}")).await.body;
    let draft = saas();
    assert_eq!(
        (
            product["name"].as_str(),
            product["status"].as_str(),
            product["application_id"].as_str()
        ),
        (Some(draft.name.as_str()), Some("on_sale"), app["id"].as_str())
    );
    assert_eq!(product["hotline"], draft.after_sales.hotline.as_str());
    assert_eq!(
        product["specs"],
        json!([{ "id": "spec-1", "name": "标准版", "status": "on_sale",
                 "skus": [{ "id": "sku-1", "code": "SKU-1", "status": "on_sale" }] }]),
        "specs and SKUs come from the draft"
    );
    assert_eq!(product["pending_delisting"], json!(null));
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_problem_only_the_reviewer_knows_rejects_with_a_reviewer_comment() {
    let f = start().await;
    f.sandbox.set_review_delay(std::time::Duration::ZERO);
    let mut draft = saas();
    draft.description.push_str("本产品同样适用于阿里云。");
    assert!(
        !Pack::embedded().check(&draft, &Overrides::default()).has_errors(),
        "the local pack has no objection to the vendor mention"
    );
    let app = f.client.submit(&draft, "k-1", None).await;
    let decided = f
        .client
        .get(&format!("/applications/{}", app["id"].as_str().unwrap()))
        .await
        .body;
    assert_eq!(decided["status"], "rejected", "{decided}");
    let comments = decided["comments"].as_array().unwrap();
    let c = comments
        .iter()
        .find(|c| c["rule_id"].as_str().is_some_and(|r| r.starts_with("reviewer.")))
        .expect("a reviewer.* comment explains the rejection");
    assert_eq!(c["field"], "description");
    assert_eq!(c["author"], "reviewer");
    assert!(c["message"].as_str().unwrap().contains("阿里云"), "{c}");
    assert!(
        !c["message_zh"].as_str().unwrap().is_empty(),
        "the comment has zh-CN words"
    );
    assert_eq!(decided["product_id"], json!(null), "a rejection creates no product");
    assert!(f.client.get("/products").await.body["items"]
        .as_array()
        .unwrap()
        .is_empty());

    // A pack error is a comment with the pack's own rule id; the seller's override does not count.
    let mut broken = saas();
    broken.logo = None;
    broken
        .overrides
        .rules
        .insert("logo.required".into(), gallerist_domain::listing::Override::Off);
    let app = f.client.submit(&broken, "k-2", None).await;
    let decided = f
        .client
        .get(&format!("/applications/{}", app["id"].as_str().unwrap()))
        .await
        .body;
    let rules: Vec<&str> = decided["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["rule_id"].as_str())
        .collect();
    assert!(
        rules.contains(&"logo.required"),
        "the reviewer ignores the seller's override: {rules:?}"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_pending_license_can_be_withdrawn_and_a_pending_saas_cannot() {
    let f = start().await;
    let lic = f.client.submit(&license(), "k-lic", None).await;
    let path = format!("/applications/{}/withdraw", lic["id"].as_str().unwrap());
    let w = f.client.write("POST", &path, &json!({}), "w-lic", Some(1)).await;
    assert_eq!(
        (w.status, w.body["status"].as_str()),
        (200, Some("withdrawn")),
        "{:?}",
        w.body
    );
    f.clock.advance(Duration::minutes(5));
    let later = f
        .client
        .get(&format!("/applications/{}", lic["id"].as_str().unwrap()))
        .await
        .body;
    assert_eq!(
        later["status"], "withdrawn",
        "a withdrawn application is never reviewed"
    );

    let s = f.client.submit(&saas(), "k-saas", None).await;
    let path = format!("/applications/{}/withdraw", s["id"].as_str().unwrap());
    let refused = f.client.write("POST", &path, &json!({}), "w-saas", Some(1)).await;
    assert_eq!((refused.status, refused.code()), (422, "SYNC.REFUSED"));
    assert!(
        refused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be withdrawn"),
        "{:?}",
        refused.body
    );
    assert!(refused.body["error"]["details"]["message_zh"]
        .as_str()
        .unwrap()
        .contains("不能撤回"));
    let missing = f.client.write("POST", &path, &json!({}), "w-saas-2", None).await;
    assert_eq!(missing.status, 428, "withdrawing needs If-Match");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn delisting_a_spec_keeps_the_product_and_delisting_the_last_one_ends_it_for_good() {
    let f = start().await;
    let product = approved_product(&f, "k-app").await;
    let pid = product["id"].as_str().unwrap().to_string();
    f.sandbox.set_review_delay(std::time::Duration::from_secs(60));
    let delist = |target: serde_json::Value, reason: &str, key: &str, rev: i64| {
        let body = json!({ "target": target, "reason": reason });
        let path = format!("/products/{pid}/delisting");
        let key = key.to_string();
        let client = &f.client;
        async move { client.write("POST", &path, &body, &key, Some(rev)).await }
    };
    let rev = product["revision"].as_i64().unwrap();
    let blank = delist(json!({ "kind": "spec", "spec_id": "spec-1" }), "  ", "d-0", rev).await;
    assert_eq!(
        (blank.status, blank.code()),
        (422, "SYNC.REFUSED"),
        "a removal needs a reason"
    );
    let unknown = delist(json!({ "kind": "spec", "spec_id": "spec-9" }), "old", "d-00", rev).await;
    assert_eq!(unknown.body["error"]["message"], "No spec with that id.");

    let asked = delist(json!({ "kind": "spec", "spec_id": "spec-1" }), "replaced", "d-1", rev).await;
    assert_eq!(asked.status, 200, "{:?}", asked.body);
    assert_eq!(asked.body["pending_delisting"]["target"]["spec_id"], "spec-1");
    let rev = asked.body["revision"].as_i64().unwrap();
    let twice = delist(json!({ "kind": "product" }), "all", "d-2", rev).await;
    assert_eq!(
        twice.body["error"]["details"]["message_zh"], "已有下架申请等待云商店审核。",
        "one request at a time"
    );
    f.clock.advance(Duration::seconds(60));
    let after = f.client.get(&format!("/products/{pid}")).await.body;
    assert_eq!(
        after["status"], "on_sale",
        "removing one spec keeps the product on sale"
    );
    assert_eq!(after["specs"][0]["status"], "discontinued");
    assert_eq!(
        after["specs"][0]["skus"][0]["status"], "discontinued",
        "the spec's SKUs go with it"
    );
    assert_eq!(after["specs"][1]["status"], "on_sale");
    assert_eq!(after["pending_delisting"], json!(null));

    let rev = after["revision"].as_i64().unwrap();
    let last = delist(
        json!({ "kind": "spec", "spec_id": "spec-2" }),
        "end of life",
        "d-3",
        rev,
    )
    .await;
    assert_eq!(last.status, 200);
    f.clock.advance(Duration::seconds(60));
    let ended = f.client.get(&format!("/products/{pid}")).await.body;
    assert_eq!(
        ended["status"], "discontinued",
        "the last spec takes the product with it"
    );
    assert!(ended["specs"][1]["skus"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["status"] == "discontinued"));

    let rev = ended["revision"].as_i64().unwrap();
    let patch = f
        .client
        .write(
            "PATCH",
            &format!("/products/{pid}"),
            &json!({ "name": "复活" }),
            "p-1",
            Some(rev),
        )
        .await;
    assert_eq!((patch.status, patch.code()), (422, "SYNC.REFUSED"));
    assert!(
        patch.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be restored")
            && patch.body["error"]["details"]["message_zh"]
                .as_str()
                .unwrap()
                .contains("已停售"),
        "the refusal is in words, both languages: {:?}",
        patch.body
    );
    let again = delist(json!({ "kind": "product" }), "again", "d-4", rev).await;
    assert_eq!((again.status, again.code()), (422, "SYNC.REFUSED"));
    f.sandbox.stop().await;
}

#[tokio::test]
async fn an_approved_update_keeps_the_product_and_adds_new_specs_after_the_old_ones() {
    let f = start().await;
    let product = approved_product(&f, "k-app").await;
    let pid = product["id"].as_str().unwrap();
    let mut update = license();
    update.overview = "新版：支持增量备份到对象存储。".into();
    update.specs[0].skus[0].code = "SKU-NEW".into();
    let app = f.client.submit(&update, "k-upd", Some(pid)).await;
    let decided = f
        .client
        .get(&format!("/applications/{}", app["id"].as_str().unwrap()))
        .await
        .body;
    assert_eq!(
        (decided["status"].as_str(), decided["product_id"].as_str()),
        (Some("approved"), Some(pid))
    );
    let after = f.client.get(&format!("/products/{pid}")).await.body;
    assert_eq!(after["revision"], product["revision"].as_i64().unwrap() + 1);
    assert_eq!(after["overview"], "新版：支持增量备份到对象存储。");
    let skus: Vec<&str> = after["specs"][0]["skus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        skus,
        ["sku-1", "sku-4"],
        "the new SKU joins the spec of the same name with a new id"
    );
    let body = json!({ "draft_ref": "d", "product_id": pid, "listing": saas() });
    let wrong_type = f.client.write("POST", "/applications", &body, "k-type", None).await;
    assert_eq!(wrong_type.status, 422, "an update keeps the delivery type");
    f.sandbox.stop().await;
}
