//! The legacy V1.0 interface (koogallery-apis.md §6): GET with URL-encoded query
//! parameters and an `authToken`; every answer — refusals included — carries a
//! `Body-Sign` over its exact bytes, and credentials go back AES-256 encrypted with
//! the key Huawei's sample derives (`encryptType` 1).
//!
//! V1 has no nonce and the documentation gives its `timeStamp` no window or time
//! zone, so this server checks the token and nothing about time; the V2 rules on
//! freshness and replay have no V1 counterpart to test.

use super::v2::{app_info, create, created, query_instances, release, renew, set_status, slow_down, upgrade};
use super::{fields, refuse, variant, Reply, Seller, Variant, DEMO_ACCESS_KEY};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use gallerist_domain::produce::spec::codes;
use gallerist_domain::produce::v1::{self, EncryptType};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::sync::Arc;

pub(super) async fn handle(
    State(seller): State<Arc<Seller>>,
    Path(name): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let variant = match variant(&name) {
        Ok(v) => v,
        Err(missing) => return missing.into_response(),
    };
    reply(&seller, variant, &params).await.signed_v1()
}

async fn reply(seller: &Seller, variant: Variant, params: &[(String, String)]) -> Reply {
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let signed = v1::verify_auth_token(DEMO_ACCESS_KEY, params, param("authToken"));
    if !signed && variant != Variant::Unsigned {
        return refuse(codes::AUTH_FAILED, "authToken does not match");
    }
    let required = |names: &[&str]| -> Result<(), Reply> {
        match names.iter().find(|n| param(n).is_empty()) {
            Some(missing) => Err(refuse(codes::BAD_PARAMETER, &format!("{missing} is missing"))),
            None => Ok(()),
        }
    };
    let needs: &[&str] = match param("activity") {
        "newInstance" => &["businessId", "orderId", "customerId"],
        "queryInstance" | "releaseInstance" => &["instanceId"],
        "refreshInstance" => &["instanceId", "orderId", "expireTime"],
        "expireInstance" | "upgrade" => &["instanceId", "orderId"],
        "instanceStatus" => &["instanceId", "instanceStatus"],
        other => return refuse(codes::BAD_PARAMETER, &format!("unknown activity {other:?}")),
    };
    if let Err(refused) = required(needs) {
        return refused;
    }
    let id = param("instanceId");
    match param("activity") {
        "newInstance" => {
            slow_down(variant).await;
            // V1 orders have no order line: the order alone is the idempotency key.
            let id = create(seller, variant, param("orderId"), "", param("businessId"));
            let mut app = app_info(&id);
            add_credentials(&id, &mut app);
            created(
                variant,
                fields([
                    ("instanceId", id.into()),
                    ("encryptType", EncryptType::Aes256.code().into()),
                    ("appInfo", app.into()),
                ]),
            )
        }
        "queryInstance" if variant == Variant::NoActivity => {
            refuse(codes::BAD_PARAMETER, "queryInstance is not implemented")
        }
        "queryInstance" => {
            let mut reply = query_instances(seller, variant, id, |id, app| {
                add_credentials(id, app);
                Some(())
            });
            reply
                .extra
                .insert("encryptType".into(), EncryptType::Aes256.code().into());
            reply
        }
        "refreshInstance" => renew(seller, variant, id, param("orderId"), param("expireTime")),
        "expireInstance" => set_status(seller, variant, id, "FREEZE"),
        "releaseInstance" => release(seller, variant, id),
        "upgrade" => upgrade(seller, variant, id, param("orderId")),
        _ => match param("instanceStatus") {
            "FREEZE" => set_status(seller, variant, id, "FREEZE"),
            "NORMAL" => set_status(seller, variant, id, "NORMAL"),
            other => refuse(codes::BAD_PARAMETER, &format!("unknown instanceStatus {other:?}")),
        },
    }
}

/// The demo login for instance `id`, encrypted as V1 requires. The IV comes from the
/// instance id, so a repeated answer is byte-for-byte the same.
fn add_credentials(id: &str, app: &mut Map<String, Value>) {
    let iv: String = hex::encode(Sha256::digest(id.as_bytes()))[..16].to_string();
    let seal = |plain: &str| v1::encrypt_credential(DEMO_ACCESS_KEY, plain, &iv, EncryptType::Aes256);
    app.insert("userName".into(), seal("admin").into());
    app.insert("password".into(), seal(&format!("demo-{id}")).into());
}
