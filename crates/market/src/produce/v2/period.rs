//! The activities only period (包周期) products get: renewal (twice, for idempotency),
//! freeze and unfreeze, upgrade (twice) and the renewal-change pre-check.
//!
//! WHY apart from the rest of V2: which of these a product must answer depends on the
//! charging mode (§5.1's development matrix), so a failure here is a failure only when
//! the matrix requires the activity and a warning otherwise.

use super::{activity, check, report_block, Spoil, REPEAT};
use crate::produce::check::Exchange;
use crate::produce::{ids, judge, Runner};
use gallerist_domain::produce::spec::codes;
use gallerist_domain::ChargingMode;
use rand::{CryptoRng, RngCore};
use serde_json::json;

pub(super) async fn run<R: RngCore + CryptoRng + Send>(
    r: &mut Runner<'_, R>,
    instance: &str,
    mode: ChargingMode,
) -> Vec<Exchange> {
    let mut all = Vec::new();
    let now = r.clock.now();
    let expire = (now + chrono::Duration::days(365)).format("%Y%m%d%H%M%S").to_string();
    let renewal = ids::order_id(now, r.rng);
    let act = activity("refreshInstance");
    let optional = !act.need.required_for(mode);
    let body = json!({"activity": "refreshInstance", "scene": "RENEWAL", "orderId": renewal,
        "orderLineId": format!("{renewal}-000001"), "instanceId": instance, "expireTime": expire, "testFlag": "1"});
    let renew = r.v2_send(body.clone(), Spoil::None).await;
    let again = r.v2_send(body, Spoil::None).await;
    report_block(
        r,
        "renew",
        act,
        &renew,
        vec![renew.clone(), again.clone()],
        optional,
        &[codes::SUCCESS],
    );
    r.report(judge::repeat(
        check("renew", "repeat", REPEAT, act),
        &renew,
        &again,
        optional,
    ));
    all.extend([renew, again]);

    let act = activity("updateInstanceStatus");
    let optional = !act.need.required_for(mode);
    let freeze = r
        .v2_send(
            json!({"activity": "updateInstanceStatus", "instanceId": instance, "status": "FREEZE", "testFlag": "1"}),
            Spoil::None,
        )
        .await;
    let unfreeze = r
        .v2_send(
            json!({"activity": "updateInstanceStatus", "instanceId": instance, "status": "UNFREEZE", "testFlag": "1"}),
            Spoil::None,
        )
        .await;
    report_block(
        r,
        "freeze",
        act,
        &freeze,
        vec![freeze.clone()],
        optional,
        &[codes::SUCCESS],
    );
    report_block(
        r,
        "unfreeze",
        act,
        &unfreeze,
        vec![unfreeze.clone()],
        optional,
        &[codes::SUCCESS],
    );
    all.extend([freeze, unfreeze]);

    let act = activity("upgradeInstance");
    let optional = !act.need.required_for(mode);
    let upgrade_order = ids::order_id(now, r.rng);
    let body = json!({"activity": "upgradeInstance", "instanceId": instance, "orderId": upgrade_order,
        "orderLineId": format!("{upgrade_order}-000001"), "testFlag": "1"});
    let upgrade = r.v2_send(body.clone(), Spoil::None).await;
    let again = r.v2_send(body, Spoil::None).await;
    report_block(
        r,
        "upgrade",
        act,
        &upgrade,
        vec![upgrade.clone(), again.clone()],
        optional,
        &[codes::SUCCESS],
    );
    if judge::failure(&upgrade, &[codes::SUCCESS]).is_none() {
        r.report(judge::repeat(
            check("upgrade", "repeat", REPEAT, act),
            &upgrade,
            &again,
            optional,
        ));
    }
    all.extend([upgrade, again]);

    let act = activity("changeInstanceCheck");
    let optional = !act.need.required_for(mode);
    let body = json!({"activity": "changeInstanceCheck", "instanceId": instance, "testFlag": "1",
        "productInfo": {"linearValue": 10, "productId": "OFFI900000000000000001", "productName": "Gallerist conformance check", "skuCode": "gallerist-check-sku"}});
    let change = r.v2_send(body, Spoil::None).await;
    report_block(
        r,
        "change-check",
        act,
        &change,
        vec![change.clone()],
        optional,
        &[codes::SUCCESS],
    );
    all.push(change);
    all
}
