//! A paid bill's platform-fee invoice: asked from the bill page, queued and sent once,
//! issued by the sandbox's platform; refused in words when a rule says no.

mod common;

use common::{call, refused, sandbox_core, sync};
use serde_json::{json, Value};
use std::time::Duration;

async fn refusal(core: &gallerist_api::Core, name: &str, args: Value) -> String {
    refused(core, name, args).await.message
}

#[tokio::test]
async fn a_paid_bill_gets_its_platform_fee_invoice_once() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 9, "en").await;
    let sandbox = core.sandbox.as_ref().unwrap();
    let a = sandbox.account_id;
    // The platform issues the invoice as soon as it next looks.
    sandbox.server.set_buyer_delay(Duration::ZERO);
    sync(&core, a).await;

    let bills = call(&core, "list_bills", json!({ "accountId": a })).await;
    let paid = bills
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["stage"] == "paid")
        .expect("the sandbox has a paid bill");
    let id = paid["billId"].as_str().unwrap();
    let before = call(&core, "get_bill", json!({ "accountId": a, "billId": id })).await;
    assert_eq!(
        before["feeInvoicePanel"]["blocked"],
        Value::Null,
        "a paid CN bill may ask: {before}"
    );

    let asked = call(
        &core,
        "request_fee_invoice",
        json!({ "accountId": a, "billId": id, "kind": "digital_special" }),
    )
    .await;
    assert_eq!(
        asked["feeInvoicePanel"]["outgoing"]["queued"], 1,
        "the request waits in the outbox: {asked}"
    );
    let twice = refusal(
        &core,
        "request_fee_invoice",
        json!({ "accountId": a, "billId": id, "kind": "digital_ordinary" }),
    )
    .await;
    assert!(
        twice.contains("already on its way"),
        "a second request is refused while the first is queued: {twice}"
    );

    sync(&core, a).await;
    sync(&core, a).await;
    let after = call(&core, "get_bill", json!({ "accountId": a, "billId": id })).await;
    assert_eq!(
        after["feeInvoice"]["kind"], "digital_special",
        "the server keeps the kind asked for: {after}"
    );
    assert_eq!(
        after["feeInvoice"]["status"], "issued",
        "the platform has issued it: {after}"
    );
    assert!(
        after["feeInvoice"]["issued_at"].is_string(),
        "with the time it was issued: {after}"
    );
    assert_eq!(
        after["feeInvoicePanel"]["outgoing"]["queued"], 0,
        "nothing is left to send"
    );
    let again = refusal(
        &core,
        "request_fee_invoice",
        json!({ "accountId": a, "billId": id, "kind": "digital_special" }),
    )
    .await;
    assert!(
        again.contains("one bill has one invoice"),
        "a bill has one invoice: {again}"
    );
    assert!(again.contains("每张账单只开一张发票"), "said in Chinese too: {again}");
    let lines = call(
        &core,
        "bill_lines",
        json!({ "accountId": a, "billId": id, "offset": 0, "limit": 2000 }),
    )
    .await;
    assert_eq!(
        lines["total"], after["lineCount"],
        "pulling the changed bill again did not duplicate its lines"
    );

    let unknown = refusal(
        &core,
        "request_fee_invoice",
        json!({ "accountId": a, "billId": "B-NONE", "kind": "digital_special" }),
    )
    .await;
    assert!(unknown.contains("B-NONE"), "an unknown bill is named: {unknown}");
}
