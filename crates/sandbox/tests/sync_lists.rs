//! Collection reads page with the server's change cursor.

mod common;

use common::{license, start};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// Pages through a collection from `cursor`; returns the items and the last cursor.
async fn pull(
    f: &common::Fixture,
    collection: &str,
    cursor: Option<&str>,
    limit: usize,
) -> (Vec<Value>, String, usize) {
    let mut items = Vec::new();
    let mut cursor = cursor.map(str::to_string);
    let mut pages = 0;
    loop {
        let mut path = format!("/{collection}?limit={limit}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&updated_since={c}"));
        }
        let page = f.client.get(&path).await;
        assert_eq!(page.status, 200, "{:?}", page.body);
        pages += 1;
        items.extend(page.body["items"].as_array().unwrap().iter().cloned());
        cursor = Some(page.body["next_cursor"].as_str().unwrap().to_string());
        if !page.body["has_more"].as_bool().unwrap() {
            return (items, cursor.unwrap(), pages);
        }
    }
}

#[tokio::test]
async fn each_changed_entity_comes_once_at_its_newest_revision_in_change_order() {
    let f = start().await;
    f.sandbox.set_review_delay(Duration::from_secs(3600));
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            f.client.submit(&license(), &format!("k-{i}"), None).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let (first, cursor, pages) = pull(&f, "applications", None, 2).await;
    assert_eq!(pages, 3, "five items at two a page");
    let seen: Vec<&str> = first.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(seen, ids, "items come in the order they changed");

    // Change app 2 twice and app 4 once; only those come after the cursor, once each.
    let withdraw = |i: usize, rev: i64, key: &str| {
        let path = format!("/applications/{}/withdraw", ids[i]);
        let key = key.to_string();
        let client = &f.client;
        async move { client.write("POST", &path, &json!({}), &key, Some(rev)).await }
    };
    assert_eq!(withdraw(1, 1, "w-1").await.status, 200);
    assert_eq!(withdraw(3, 1, "w-3").await.status, 200);
    assert_eq!(withdraw(1, 2, "w-1b").await.status, 422, "already withdrawn");
    let product_changes = f.sandbox.seed_demo_products(1).unwrap();
    let (changed, _, _) = pull(&f, "applications", Some(&cursor), 1).await;
    let by_id: BTreeMap<&str, i64> = changed
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["revision"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        changed.len(),
        3,
        "each changed application once (two withdrawn, one demo): {changed:?}"
    );
    assert_eq!(
        (by_id.get(ids[1].as_str()), by_id.get(ids[3].as_str())),
        (Some(&2), Some(&2)),
        "at their newest revision"
    );
    let (products, _, _) = pull(&f, "products", None, 100).await;
    assert_eq!(
        products
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>(),
        product_changes
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn an_empty_page_keeps_the_cursor_and_bad_paging_is_refused_by_field() {
    let f = start().await;
    f.client.submit(&license(), "k-1", None).await;
    let (_, cursor, _) = pull(&f, "applications", None, 100).await;
    let page = f.client.get(&format!("/applications?updated_since={cursor}")).await;
    assert_eq!(
        page.body,
        json!({ "items": [], "next_cursor": cursor, "has_more": false }),
        "nothing new: the same cursor comes back"
    );
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=x", "limit"),
        ("updated_since=2026-11-28", "updated_since"),
        ("updated_since=c:-1", "updated_since"),
    ] {
        let a = f.client.get(&format!("/products?{query}")).await;
        assert_eq!(
            (a.status, a.body["error"]["details"]["field"].as_str()),
            (400, Some(field)),
            "{query} is refused naming {field}"
        );
    }
    assert_eq!(
        f.client.get("/products?limit=500").await.status,
        200,
        "500 is the largest page"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn the_lists_later_issues_fill_answer_empty_pages() {
    let f = start().await;
    for path in [
        "/bills",
        "/bills/bill-1/lines",
        "/invoice-requests",
        "/cases",
        "/contacts",
    ] {
        let a = f.client.get(path).await;
        assert_eq!(
            (a.status, &a.body),
            (200, &json!({ "items": [], "next_cursor": "c:0", "has_more": false })),
            "{path}"
        );
    }
    let a = f.client.get("/cases?updated_since=c:7").await;
    assert_eq!(a.body["next_cursor"], "c:7", "a cursor passed in comes back");
    f.sandbox.stop().await;
}
