//! The seller's worklist against the real sandbox on loopback: a case walked from
//! requirements to acceptance with a rejected delivery re-sent, appeals allowed and
//! refused, an invoice issued before its deadline, contacts validated and saved, and
//! bad input named in plain words with nothing lost.

use base64::Engine as _;
mod common;

use common::{call, refused, sandbox_account, sandbox_core};
use gallerist_api::Core;
use gallerist_domain::money::{Currency, Money};
use gallerist_domain::supervision::{Actor, Flow, Op};
use gallerist_sandbox::{BuyerProfile, NewCase};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

async fn core(dir: &Path) -> Core {
    let core = sandbox_core(dir, 11, "en").await;
    // Buyers act only when the test says so.
    server(&core).set_buyer_delay(Duration::from_secs(10 * 365 * 24 * 3600));
    core
}

fn server(core: &Core) -> &gallerist_sandbox::Sandbox {
    &core.sandbox.as_ref().unwrap().server
}

fn account(core: &Core) -> i64 {
    sandbox_account(core)
}

async fn refusal(core: &Core, name: &str, args: Value) -> String {
    refused(core, name, args).await.message
}

async fn sync(core: &Core) {
    common::sync(core, account(core)).await;
}

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("nothing with {key} = {value} in {list}"))
}

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn a_case_walks_from_requirements_to_acceptance_with_a_rejected_delivery_resent() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    let opened = server(&core)
        .open_case(&NewCase {
            flow: Flow::ManualService,
            product_name: "Walkthrough Service".into(),
            profile: BuyerProfile::Prompt,
            amount: Money::new(250_000, Currency::Cny),
            order_phone: None,
            opened_at: None,
        })
        .unwrap();
    let id = opened["id"].as_str().unwrap().to_string();
    let case_arg = json!({ "accountId": a, "caseId": id });

    server(&core)
        .act_on_case(
            &id,
            Actor::Buyer,
            Op::SubmitRequirements {
                documents: vec!["需求.docx".into()],
            },
        )
        .unwrap();
    sync(&core).await;
    let view = call(&core, "get_case", case_arg.clone()).await;
    assert_eq!(
        view["node"], "confirming_requirements",
        "the buyer's requirements reach the seller"
    );
    assert_eq!(
        view["whoseStep"], "seller",
        "confirming requirements is the seller's step"
    );

    let view = call(
        &core,
        "case_step",
        json!({ "accountId": a, "caseId": id, "step": { "kind": "confirm_requirements" } }),
    )
    .await;
    assert_eq!(
        view["node"], "providing_service",
        "confirming moves the case locally at once"
    );
    assert_eq!(view["outgoing"]["queued"], 1, "the confirmation waits in the outbox");
    sync(&core).await;

    // A proof with a file that is not what its name says is refused; the draft keeps its text.
    call(
        &core,
        "save_proof",
        json!({ "accountId": a, "caseId": id, "text": "验收标准 1–3 已满足", "actualStart": null }),
    )
    .await;
    let message = refusal(
        &core,
        "attach_proof_file",
        json!({ "accountId": a, "caseId": id, "name": "report.pdf", "base64": b64(PNG) }),
    )
    .await;
    assert!(
        message.contains("report.pdf") && message.contains("PNG"),
        "the refusal names the file and what it really is: {message}"
    );
    let proof = call(
        &core,
        "attach_proof_file",
        json!({ "accountId": a, "caseId": id, "name": "acceptance.pdf", "base64": b64(PDF) }),
    )
    .await;
    assert_eq!(
        proof["text"], "验收标准 1–3 已满足",
        "a refused file loses nothing already written"
    );
    assert_eq!(
        proof["attachments"].as_array().unwrap().len(),
        1,
        "only the real PDF is attached"
    );

    call(&core, "deliver_proof", case_arg.clone()).await;
    sync(&core).await;
    let on_server = server(&core).case(&id).unwrap();
    assert_eq!(
        on_server["case"]["node"], "accepting",
        "the delivery reached the server"
    );
    assert_eq!(
        on_server["files"][0]["name"], "acceptance.pdf",
        "the proof file was uploaded before the delivery named it"
    );
    let view = call(&core, "get_case", case_arg.clone()).await;
    assert_eq!(
        view["proof"]["text"], "",
        "the proof draft is cleared once the server accepted the delivery"
    );

    server(&core)
        .act_on_case(
            &id,
            Actor::Buyer,
            Op::RejectDelivery {
                reason: "缺少签字页".into(),
            },
        )
        .unwrap();
    sync(&core).await;
    let view = call(&core, "get_case", case_arg.clone()).await;
    assert_eq!(
        view["node"], "providing_service",
        "a rejected delivery comes back to the seller"
    );
    assert_eq!(view["lastRejectionReason"], "缺少签字页", "the buyer's reason is shown");
    assert_eq!(view["deliveryRejections"], 1);

    call(
        &core,
        "save_proof",
        json!({ "accountId": a, "caseId": id, "text": "补充签字页", "actualStart": null }),
    )
    .await;
    call(&core, "deliver_proof", case_arg.clone()).await;
    sync(&core).await;
    server(&core).act_on_case(&id, Actor::Buyer, Op::Accept).unwrap();
    sync(&core).await;
    let view = call(&core, "get_case", case_arg.clone()).await;
    assert_eq!(view["node"], "completed", "the re-sent delivery was accepted");
    assert_eq!(
        view["releasesBilling"], true,
        "a completed case releases the order for billing"
    );
    let moments = view["timeline"].as_array().unwrap().len();
    assert_eq!(
        moments, 6,
        "the timeline has every step: submit, confirm, deliver, reject, deliver, accept"
    );
}

#[tokio::test]
async fn an_appeal_is_filed_when_the_buyer_is_idle_and_refused_with_its_opening_date_when_not() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    sync(&core).await;
    let cases = call(&core, "list_cases", json!({ "accountId": a })).await;
    assert_eq!(cases.as_array().unwrap().len(), 8, "the demo shop has eight cases");
    let idle = find(&cases, "productName", "等保测评咨询服务");
    assert_eq!(
        idle["appeal"]["now"], true,
        "a delivery unanswered for 6 days may be appealed: {idle}"
    );
    let recent = find(&cases, "productName", "企业网盘 License");
    assert_eq!(
        recent["appeal"]["now"], false,
        "a delivery 2 days old may not be appealed yet"
    );

    let message = refusal(
        &core,
        "appeal_case",
        json!({ "accountId": a, "caseId": recent["id"], "reason": "用户不验收" }),
    )
    .await;
    assert!(
        message.contains("5 days") || message.contains("opens"),
        "the refusal says when an appeal opens: {message}"
    );

    let view = call(
        &core,
        "appeal_case",
        json!({ "accountId": a, "caseId": idle["id"], "reason": "用户 6 天未验收，附交付证明与承诺函" }),
    )
    .await;
    assert_eq!(view["frozen"], true, "an appeal freezes the case at once");
    sync(&core).await;
    let on_server = server(&core).case(idle["id"].as_str().unwrap()).unwrap();
    assert_eq!(
        on_server["case"]["appeal"]["by"], "seller",
        "the appeal reached the platform"
    );
}

#[tokio::test]
async fn an_invoice_is_issued_before_its_deadline_and_wrong_amounts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    sync(&core).await;
    let list = call(&core, "list_invoice_requests", json!({ "accountId": a })).await;
    let first = &list[0];
    assert_eq!(
        first["title"], "上海云启信息科技有限公司",
        "the request nearest its deadline comes first"
    );
    assert_eq!(
        first["dueSoon"], true,
        "a request made 6 days ago is due within 24 hours"
    );
    let id = first["id"].clone();

    let notices = call(&core, "due_notices", json!({ "accountId": a })).await;
    assert!(
        notices.as_array().unwrap().iter().any(|n| n["id"] == id),
        "the deadline is announced: {notices}"
    );
    let again = call(&core, "due_notices", json!({ "accountId": a })).await;
    assert!(
        again.as_array().unwrap().is_empty(),
        "a deadline is announced once: {again}"
    );

    let issue = |amount: &str| json!({ "accountId": a, "requestId": id, "action": "issue", "number": "04400261", "amount": amount });
    let message = refusal(&core, "invoice_action", issue("1,280.00")).await;
    assert!(
        message.contains("1,280.00"),
        "a typed amount that is not an amount is named: {message}"
    );
    let message = refusal(&core, "invoice_action", issue("1000.00")).await;
    assert!(
        message.contains("1280.00") || message.contains("1,280.00"),
        "the refusal names the order amount: {message}"
    );
    let view = call(&core, "invoice_action", issue("1280.00")).await;
    assert_eq!(view["status"], "issued", "issuing shows at once");
    sync(&core).await;
    let list = call(&core, "list_invoice_requests", json!({ "accountId": a })).await;
    let issued = find(&list, "id", id.as_str().unwrap());
    assert_eq!(issued["status"], "issued", "the server recorded the invoice");
    assert_eq!(issued["issuedLate"], false, "it was issued before the deadline");
    assert_eq!(issued["outgoing"]["queued"], 0, "nothing is left to send");
}

#[tokio::test]
async fn contacts_with_a_bad_phone_are_refused_and_good_ones_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    sync(&core).await;
    let view = call(&core, "get_contacts", json!({ "accountId": a })).await;
    assert_eq!(
        view["problems"].as_array().unwrap().len(),
        0,
        "the demo profile is valid"
    );
    let mut settings = view["settings"].clone();
    settings["contacts"][1]["phone"] = json!("12345");
    let args = json!({ "accountId": a, "settings": settings, "invoiceKinds": view["invoiceKinds"] });
    let problems = call(&core, "check_contacts", args.clone()).await;
    assert_eq!(
        problems[0]["field"], "contacts.finance.phone",
        "the problem sits under the finance phone: {problems}"
    );
    let message = refusal(&core, "save_contacts", args).await;
    assert!(message.contains("12345"), "the refusal names the bad phone: {message}");

    settings["contacts"][1]["phone"] = json!("021-61234999");
    let saved = call(
        &core,
        "save_contacts",
        json!({ "accountId": a, "settings": settings, "invoiceKinds": view["invoiceKinds"] }),
    )
    .await;
    assert_eq!(saved["outgoing"]["queued"], 1, "the valid profile is queued");
    sync(&core).await;
    let view = call(&core, "get_contacts", json!({ "accountId": a })).await;
    assert_eq!(
        view["settings"]["contacts"][1]["phone"], "021-61234999",
        "the new phone is on the server"
    );
    assert_eq!(view["revision"], 2, "the server took one change");
}

#[tokio::test]
async fn an_invoice_to_huawei_that_does_not_match_its_invoicing_list_is_named_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let a = account(&core);
    sync(&core).await;
    let lists = call(&core, "invoicing_lists", json!({ "accountId": a })).await;
    let list = find(&lists, "billPeriod", "2026-10");
    let certified = call(&core, "get_contacts", json!({ "accountId": a })).await["certified"].clone();
    let invoice = |minor: i64| {
        json!({
            "number": "31000001",
            "invoice_type": "vat_special",
            "buyer_name": list["list"]["huawei_entity"],
            "amount": { "minor": minor, "currency": "CNY" },
            "tax_rate_bp": list["list"]["tax_rate_bp"],
            "payment_requests": [list["list"]["payment_request"]],
            "seller_name": certified["company_name"],
            "seller_taxpayer_id": certified["taxpayer_id"],
        })
    };
    let exact = list["list"]["amount"]["minor"].as_i64().unwrap();
    let ok = call(
        &core,
        "precheck_joint_invoice",
        json!({ "accountId": a, "listId": list["id"], "invoices": [invoice(exact)] }),
    )
    .await;
    assert_eq!(ok["ok"], true, "an invoice matching the list passes: {ok}");
    let short = call(
        &core,
        "precheck_joint_invoice",
        json!({ "accountId": a, "listId": list["id"], "invoices": [invoice(exact - 100)] }),
    )
    .await;
    assert_eq!(short["ok"], false, "an invoice one yuan short does not pass");
    let problem = short["problems"][0]["en"].as_str().unwrap();
    assert!(problem.contains("add up to"), "the problem names the totals: {problem}");
}
