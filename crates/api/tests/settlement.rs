//! Bills from the sandbox's bill run: the overview adds up, a bill's waterfall goes from
//! gross to net, and an order held back says which condition holds it.

mod common;

use common::{call, sandbox_account, sandbox_core, sync};
use serde_json::{json, Value};

#[tokio::test]
async fn the_bill_run_bills_eligible_orders_and_explains_the_ones_it_held_back() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 5, "en").await;
    let a = sandbox_account(&core);
    sync(&core, a).await;

    let bills = call(&core, "list_bills", json!({ "accountId": a })).await;
    let bills = bills.as_array().unwrap();
    assert!(!bills.is_empty(), "the sandbox's bill runs produced bills");
    let first = &bills[0];
    let detail = call(&core, "get_bill", json!({ "accountId": a, "billId": first["billId"] })).await;
    assert_eq!(
        detail["linesMatchTotals"], true,
        "the lines add up to the bill's totals: {detail}"
    );
    let steps = detail["waterfall"].as_array().unwrap();
    let sum: i64 = steps[..steps.len() - 1]
        .iter()
        .map(|s| s["minor"].as_i64().unwrap())
        .sum();
    assert_eq!(
        sum,
        steps.last().unwrap()["minor"].as_i64().unwrap(),
        "gross minus deductions is net"
    );

    let overview = call(&core, "settlement_overview", json!({ "accountId": a })).await;
    let gross: i64 = overview["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["grossMinor"].as_i64().unwrap())
        .sum();
    let billed: i64 = bills.iter().map(|b| b["grossMinor"].as_i64().unwrap()).sum();
    assert_eq!(gross, billed, "the monthly trend adds up to the bills");

    let orders = call(&core, "settlement_orders", json!({ "accountId": a })).await;
    let held = orders
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["billedIn"].is_null() && o["heldBy"]["key"] == "repaid")
        .expect("an order on an unrepaid credit line is held back");
    let why = call(
        &core,
        "why_not_billed",
        json!({ "accountId": a, "orderId": held["orderId"] }),
    )
    .await;
    let repaid = why["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "repaid")
        .unwrap();
    assert_eq!(repaid["pass"], false, "the repayment condition fails: {why}");
    assert_eq!(why["runDate"], Value::Null, "no run date while a condition fails");
    let billed_order = orders
        .as_array()
        .unwrap()
        .iter()
        .find(|o| !o["billedIn"].is_null())
        .unwrap();
    let why = call(
        &core,
        "why_not_billed",
        json!({ "accountId": a, "orderId": billed_order["orderId"] }),
    )
    .await;
    assert_eq!(
        why["lines"].as_array().unwrap().len(),
        1,
        "a billed order shows its bill line"
    );
}
