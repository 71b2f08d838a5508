//! The worklist over the Seller Sync API, on the sandbox clock: simulated buyers act
//! when their time comes, the platform accepts hardware 10 days after sign-off, steps
//! and uploads are checked, invoice actions follow the domain, and the profile needs
//! If-Match and valid contacts.

mod common;

use base64::Engine as _;
use chrono::Duration;
use common::start;
use gallerist_domain::money::{Currency, Money};
use gallerist_domain::supervision::Flow;
use gallerist_sandbox::{BuyerProfile, NewCase};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn new_case(flow: Flow, profile: BuyerProfile) -> NewCase {
    NewCase {
        flow,
        product_name: "Test Service".into(),
        profile,
        amount: Money::new(100_000, Currency::Cny),
        order_phone: (flow == Flow::Hardware).then(|| "13911112222".into()),
        opened_at: None,
    }
}

async fn node(f: &common::Fixture, id: &str) -> Value {
    f.client.get(&format!("/cases/{id}")).await.body["case"]["node"].clone()
}

fn deliver(attachments: Vec<String>) -> Value {
    json!({ "op": { "deliver": { "acceptance_document": "验收标准已满足", "attachments": attachments, "actual_start": null } } })
}

#[tokio::test]
async fn a_picky_buyer_rejects_the_first_delivery_after_the_delay_then_accepts_the_second() {
    let f = start().await;
    f.sandbox.set_buyer_delay(std::time::Duration::from_secs(120));
    let case = f
        .sandbox
        .open_case(&new_case(Flow::ManualService, BuyerProfile::Picky))
        .unwrap();
    let id = case["id"].as_str().unwrap();
    f.clock.advance(Duration::seconds(119));
    assert_eq!(
        node(&f, id).await,
        "submitting_requirements",
        "119 s into a 2 min buyer delay nothing happened"
    );
    f.clock.advance(Duration::seconds(1));
    assert_eq!(
        node(&f, id).await,
        "confirming_requirements",
        "the buyer submitted requirements when the delay ran out"
    );

    let a = f
        .client
        .write(
            "POST",
            &format!("/cases/{id}/steps"),
            &json!({ "op": "confirm_requirements" }),
            "s-1",
            None,
        )
        .await;
    assert_eq!(a.status, 200, "the seller confirms: {:?}", a.body);
    let a = f
        .client
        .write("POST", &format!("/cases/{id}/steps"), &deliver(vec![]), "s-2", None)
        .await;
    assert_eq!(a.body["case"]["node"], "accepting");
    f.clock.advance(Duration::seconds(120));
    let body = f.client.get(&format!("/cases/{id}")).await.body;
    assert_eq!(
        body["case"]["node"], "providing_service",
        "the picky buyer rejected the first delivery"
    );
    assert!(
        body["case"]["last_rejection_reason"]
            .as_str()
            .unwrap()
            .contains("签字页"),
        "with a reason"
    );
    f.client
        .write("POST", &format!("/cases/{id}/steps"), &deliver(vec![]), "s-3", None)
        .await;
    f.clock.advance(Duration::seconds(120));
    assert_eq!(node(&f, id).await, "completed", "the second delivery is accepted");
}

#[tokio::test]
async fn a_slow_buyer_never_acts_and_the_seller_may_appeal_after_five_days() {
    let f = start().await;
    let case = f
        .sandbox
        .open_case(&new_case(Flow::License, BuyerProfile::Slow))
        .unwrap();
    let id = case["id"].as_str().unwrap();
    f.client
        .write("POST", &format!("/cases/{id}/steps"), &deliver(vec![]), "d-1", None)
        .await;
    f.clock.advance(Duration::days(5));
    assert_eq!(node(&f, id).await, "accepting", "a slow buyer does not accept");
    let early = f
        .client
        .write(
            "POST",
            &format!("/cases/{id}/appeal"),
            &json!({ "reason": "用户未验收" }),
            "ap-1",
            None,
        )
        .await;
    assert_eq!(
        early.status, 422,
        "exactly 5 days idle is not yet more than 5 days: {:?}",
        early.body
    );
    f.clock.advance(Duration::seconds(1));
    let ok = f
        .client
        .write(
            "POST",
            &format!("/cases/{id}/appeal"),
            &json!({ "reason": "用户未验收" }),
            "ap-2",
            None,
        )
        .await;
    assert_eq!(ok.status, 200, "5 days and 1 s idle allows the appeal: {:?}", ok.body);
    assert_eq!(ok.body["case"]["appeal"]["by"], "seller");
}

#[tokio::test]
async fn hardware_is_signed_off_by_the_courier_and_accepted_ten_days_later() {
    let f = start().await;
    f.sandbox.set_buyer_delay(std::time::Duration::from_secs(3600));
    let case = f
        .sandbox
        .open_case(&new_case(Flow::Hardware, BuyerProfile::Slow))
        .unwrap();
    let id = case["id"].as_str().unwrap();
    let ship = json!({ "op": { "ship": { "courier": "顺丰", "tracking_number": "SF1", "recipient_phone": "+86 139 1111 2222" } } });
    let a = f
        .client
        .write("POST", &format!("/cases/{id}/steps"), &ship, "h-1", None)
        .await;
    assert_eq!(a.body["case"]["node"], "accepting", "{:?}", a.body);
    f.clock.advance(Duration::hours(1));
    let body = f.client.get(&format!("/cases/{id}")).await.body;
    assert!(
        body["case"]["shipment"]["signed_off_at"].is_string(),
        "the courier's sign-off arrives after the delay"
    );
    f.clock.advance(Duration::days(10) - Duration::seconds(1));
    assert_eq!(
        node(&f, id).await,
        "accepting",
        "one second before 10 days nothing is accepted"
    );
    f.clock.advance(Duration::seconds(1));
    assert_eq!(
        node(&f, id).await,
        "completed",
        "accepted automatically 10 days after sign-off"
    );
}

#[tokio::test]
async fn steps_and_uploads_are_checked_and_refused_in_words() {
    let f = start().await;
    let case = f
        .sandbox
        .open_case(&new_case(Flow::ManualService, BuyerProfile::Slow))
        .unwrap();
    let id = case["id"].as_str().unwrap();
    let buyer_step = f
        .client
        .write(
            "POST",
            &format!("/cases/{id}/steps"),
            &json!({ "op": "accept" }),
            "b-1",
            None,
        )
        .await;
    assert_eq!(buyer_step.status, 422, "the seller cannot take the buyer's step");
    assert_eq!(
        buyer_step.body["error"]["details"]["message_zh"],
        "此操作应由用户执行。"
    );
    let unknown = f
        .client
        .write(
            "POST",
            &format!("/cases/{id}/steps"),
            &json!({ "op": "teleport" }),
            "b-2",
            None,
        )
        .await;
    assert_eq!(
        unknown.status, 400,
        "an unknown step is a validation error: {:?}",
        unknown.body
    );
    let early = f
        .client
        .write("POST", &format!("/cases/{id}/steps"), &deliver(vec![]), "b-3", None)
        .await;
    assert_eq!(early.status, 422, "delivering before requirements is refused");
    assert!(
        early.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("buyer submits requirements"),
        "{:?}",
        early.body
    );

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let sha = hex::encode(Sha256::digest(&png));
    let content = base64::engine::general_purpose::STANDARD.encode(&png);
    let wrong_name = f
        .client
        .write(
            "PUT",
            &format!("/attachments/{sha}"),
            &json!({ "name": "report.pdf", "content_base64": content }),
            "u-1",
            None,
        )
        .await;
    assert_eq!(wrong_name.status, 422, "a PNG named .pdf is refused");
    assert!(
        wrong_name.body["error"]["message"].as_str().unwrap().contains("PNG"),
        "{:?}",
        wrong_name.body
    );
    let damaged = f
        .client
        .write(
            "PUT",
            &format!("/attachments/{}", "0".repeat(64)),
            &json!({ "name": "shot.png", "content_base64": content }),
            "u-2",
            None,
        )
        .await;
    assert_eq!(
        damaged.status, 400,
        "content whose hash differs from the path is refused"
    );
    let ok = f
        .client
        .write(
            "PUT",
            &format!("/attachments/{sha}"),
            &json!({ "name": "shot.png", "content_base64": content }),
            "u-3",
            None,
        )
        .await;
    assert_eq!(
        (ok.status, ok.body["kind"].as_str()),
        (201, Some("png")),
        "{:?}",
        ok.body
    );
}

#[tokio::test]
async fn invoice_actions_follow_the_rules_and_the_profile_needs_if_match_and_valid_contacts() {
    let f = start().await;
    f.sandbox.seed_demo_worklist().unwrap();
    let page = f.client.get("/invoice-requests").await.body;
    let first = &page["items"][0];
    let id = first["id"].as_str().unwrap();
    let amount = first["request"]["order_amount"].clone();
    let short = json!({ "number": "0001", "amount": { "minor": 1, "currency": "CNY" } });
    let a = f
        .client
        .write("POST", &format!("/invoice-requests/{id}/issue"), &short, "i-1", None)
        .await;
    assert_eq!(a.status, 422, "an invoice for less than the order amount is refused");
    let a = f
        .client
        .write(
            "POST",
            &format!("/invoice-requests/{id}/issue"),
            &json!({ "number": "0001", "amount": amount }),
            "i-2",
            None,
        )
        .await;
    assert_eq!(a.body["request"]["status"], "issued", "{:?}", a.body);
    let again = f
        .client
        .write(
            "POST",
            &format!("/invoice-requests/{id}/revoke"),
            &json!({ "reason": "x" }),
            "i-3",
            None,
        )
        .await;
    assert_eq!(again.status, 422, "an issued invoice is returned, not revoked");

    let profile = f.client.get("/contacts").await.body["items"][0].clone();
    let mut body = json!({ "settings": profile["settings"], "invoice_kinds": profile["invoice_kinds"] });
    let no_if_match = f.client.write("PUT", "/contacts/seller", &body, "p-1", None).await;
    assert_eq!(no_if_match.status, 428, "the profile is edited with If-Match");
    body["settings"]["contacts"][0]["phone"] = json!("12345");
    let bad = f.client.write("PUT", "/contacts/seller", &body, "p-2", Some(1)).await;
    assert_eq!(bad.status, 422, "an invalid phone is refused");
    assert!(
        bad.body["error"]["message"].as_str().unwrap().contains("12345"),
        "{:?}",
        bad.body
    );
    body["settings"]["contacts"][0]["phone"] = json!("13800138009");
    let ok = f.client.write("PUT", "/contacts/seller", &body, "p-3", Some(1)).await;
    assert_eq!(ok.body["revision"], 2, "{:?}", ok.body);
    let stale = f.client.write("PUT", "/contacts/seller", &body, "p-4", Some(1)).await;
    assert_eq!(stale.status, 409, "a stale profile write is a conflict");
    let lists = f.client.get("/invoicing-lists").await.body;
    assert_eq!(
        lists["items"].as_array().unwrap().len(),
        2,
        "two Huawei invoicing lists are seeded"
    );
}

#[tokio::test]
async fn a_paid_bill_gets_one_platform_fee_invoice_issued_after_the_delay() {
    let f = start().await;
    f.sandbox.seed_demo_worklist().unwrap();
    f.sandbox.seed_demo_settlement().unwrap();
    f.sandbox.set_buyer_delay(std::time::Duration::from_secs(60));
    let bills = f.client.get("/bills?limit=50").await.body["items"].clone();
    let paid = bills
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["stage"] == "paid")
        .expect("a demo bill is paid by 2026-11-28");
    let id = paid["id"].as_str().unwrap();
    let path = format!("/bills/{id}/fee-invoice");

    let bad = f
        .client
        .write("POST", &path, &json!({ "kind": "paper" }), "fee-0", None)
        .await;
    assert_eq!(bad.status, 400, "an unknown invoice kind is malformed: {:?}", bad.body);
    let asked = f
        .client
        .write("POST", &path, &json!({ "kind": "digital_ordinary" }), "fee-1", None)
        .await;
    assert_eq!(asked.status, 200, "a paid CN bill may ask: {:?}", asked.body);
    assert_eq!(
        asked.body["fee_invoice"]["status"], "requested",
        "the request is recorded"
    );
    let twice = f
        .client
        .write("POST", &path, &json!({ "kind": "digital_special" }), "fee-2", None)
        .await;
    assert_eq!(twice.status, 422, "one bill has one invoice");
    assert!(
        twice.body["error"]["details"]["message_zh"]
            .as_str()
            .unwrap_or_default()
            .contains("每张账单只开一张发票"),
        "refused in the app's words, in Chinese too: {:?}",
        twice.body
    );
    let missing = f
        .client
        .write(
            "POST",
            "/bills/B-NONE/fee-invoice",
            &json!({ "kind": "digital_ordinary" }),
            "fee-3",
            None,
        )
        .await;
    assert_eq!(missing.status, 404, "an unknown bill is not found");

    f.clock.advance(Duration::seconds(59));
    let status = |body: &Value| -> Value {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == id)
            .unwrap()["fee_invoice"]["status"]
            .clone()
    };
    assert_eq!(
        status(&f.client.get("/bills?limit=50").await.body),
        "requested",
        "59 s into a 60 s delay it is not issued"
    );
    f.clock.advance(Duration::seconds(1));
    assert_eq!(
        status(&f.client.get("/bills?limit=50").await.body),
        "issued",
        "at 60 s the platform has issued it"
    );
}
