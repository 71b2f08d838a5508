//! The joint-operation Kit syncs (koogallery-apis.md §7): tenant, application, user
//! authorisation, single department and full department tree, each a POST to
//! `{production URL}/produceAPI/v2/{sync}` signed with `x-sign`/`x-timestamp`/`x-nonce`.
//!
//! §7.3's idempotency is the heart of it: records are the same when instance, tenant
//! (and app, and user or org code) are; a repeated add creates nothing and succeeds, a
//! repeated delete succeeds, and a delete never asks whether the instance exists.
//! applicationSync's `clientSecret` is decrypted with the server's demo private key;
//! only its SHA-256 is kept, so the state page can prove it was read without showing it.

use super::book::Table;
use super::{refuse, success, variant, Reply, Seller, Variant, DEMO_ACCESS_KEY, DEMO_PRIVATE_KEY_PEM};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use gallerist_domain::produce::spec::{self, codes, field_problems};
use gallerist_domain::produce::{client_secret, kit, v2};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The sample's code for a clientSecret that does not decrypt (§5.3 [CONFLICT]).
const SECRET_UNREADABLE: &str = "000101";

pub(super) async fn handle(
    State(seller): State<Arc<Seller>>,
    Path((name, sync)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let variant = match variant(&name) {
        Ok(v) => v,
        Err(missing) => return missing.into_response(),
    };
    reply(&seller, variant, &sync, &headers, &body).into_response()
}

fn reply(seller: &Seller, variant: Variant, sync: &str, headers: &HeaderMap, body: &[u8]) -> Reply {
    let Some(documented) = spec::kit_sync(sync) else {
        return refuse(codes::BAD_PARAMETER, &format!("unknown Kit sync {sync:?}"));
    };
    let Ok(mut body) = serde_json::from_slice::<Value>(body) else {
        return refuse(codes::BAD_PARAMETER, "the body is not JSON");
    };
    if let Err(refused) = authenticate(seller, variant, headers, &body) {
        return refused;
    }
    normalise(&mut body);
    if let Some(problem) = field_problems(documented.request, &body).first() {
        return refuse(codes::BAD_PARAMETER, &problem.en());
    }
    let text = |name: &str| body.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
    let scope = format!("{}/{}", text("instanceId"), text("tenantId"));
    let flag = body.get("flag").and_then(Value::as_i64).unwrap_or(1);
    match documented.name {
        "tenantSync" => {
            let record = pick(
                &body,
                &["instanceId", "orderId", "tenantId", "tenantCode", "name", "domainName"],
            );
            apply(seller, variant, flag, vec![(Table::Tenants, scope, record)])
        }
        "applicationSync" => {
            let mut record = pick(&body, &["instanceId", "tenantId", "appId", "clientId"]);
            if flag != 0 {
                match client_secret::decrypt(DEMO_PRIVATE_KEY_PEM, &text("clientSecret")) {
                    Ok(secret) => record["clientSecretSha256"] = hex::encode(Sha256::digest(secret)).into(),
                    Err(e) => return refuse(SECRET_UNREADABLE, &format!("clientSecret: {e}")),
                }
            }
            let key = format!("{scope}/{}", text("appId"));
            apply(seller, variant, flag, vec![(Table::Apps, key, record)])
        }
        "authSync" => {
            let app = format!("{scope}/{}", text("appId"));
            let users: Vec<(String, Value)> = body["userList"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|u| {
                    let user = pick(u, &["userName", "name", "orgCode", "role", "enable", "position"]);
                    (format!("{app}/{}", u["userName"].as_str().unwrap_or_default()), user)
                })
                .collect();
            // Revoking an authorisation (3) removes the user as a delete (0) does.
            let flag = if flag == 3 { 0 } else { flag };
            let changes = users.into_iter().map(|(key, user)| (Table::Users, key, user)).collect();
            apply(seller, variant, flag, changes)
        }
        "singleOrgSync" => {
            let key = format!("{scope}/{}", text("orgCode"));
            let record = pick(&body, &["orgCode", "orgName", "parentCode"]);
            apply(seller, variant, flag, vec![(Table::Orgs, key, record)])
        }
        _ => replace_orgs(seller, variant, &scope, &body),
    }
}

fn authenticate(seller: &Seller, variant: Variant, headers: &HeaderMap, body: &Value) -> Result<(), Reply> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(timestamp), Some(nonce)) = (header("x-sign"), header("x-timestamp"), header("x-nonce"))
    else {
        return Err(refuse(
            codes::AUTH_FAILED,
            "the x-sign, x-timestamp and x-nonce headers are required",
        ));
    };
    let signed = kit::verify(DEMO_ACCESS_KEY, nonce, timestamp, &v2::payload(body), signature);
    if !signed && variant != Variant::Unsigned {
        return Err(refuse(codes::AUTH_FAILED, "x-sign does not match"));
    }
    seller.admit(variant, timestamp, nonce)
}

/// Reads the documented variations as one shape: `flag`/`testFlag` sent as strings of
/// digits, and allOrgSync's `orgInfoList` sent as a JSON string (§7.2 [CONFLICT]).
fn normalise(body: &mut Value) {
    for name in ["flag", "testFlag"] {
        if let Some(number) = body
            .get(name)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<i64>().ok())
        {
            body[name] = number.into();
        }
    }
    if let Some(list) = body.get("orgInfoList").and_then(Value::as_str) {
        if let Ok(parsed) = serde_json::from_str::<Value>(list) {
            body["orgInfoList"] = parsed;
        }
    }
}

fn pick(from: &Value, names: &[&str]) -> Value {
    let picked: Map<String, Value> = names
        .iter()
        .filter_map(|n| {
            from.get(*n)
                .filter(|v| !v.is_null())
                .map(|v| (n.to_string(), v.clone()))
        })
        .collect();
    Value::Object(picked)
}

/// Applies `flag` (0 delete, 1 add, 2 modify) to each record `changes` names; only a
/// record that really appears, changes or disappears counts as an effect.
fn apply(seller: &Seller, variant: Variant, flag: i64, changes: Vec<(Table, String, Value)>) -> Reply {
    if !(0..=2).contains(&flag) {
        return refuse(codes::BAD_PARAMETER, &format!("unknown flag {flag}"));
    }
    seller.with_book(variant, |book| {
        let mut effects = Vec::new();
        for (table, key, record) in changes {
            let records = book.kit.table(table);
            let effect = match flag {
                0 => records.remove(&key).map(|_| "kitDelete"),
                1 if records.contains_key(&key) => None,
                1 => records.insert(key, record).map_or(Some("kitAdd"), |_| None),
                _ => (records.get(&key) != Some(&record)).then(|| {
                    records.insert(key, record);
                    "kitModify"
                }),
            };
            effects.extend(effect);
        }
        effects.into_iter().for_each(|e| book.effect(e));
    });
    success(Map::new())
}

/// allOrgSync: the tenant's department tree becomes exactly the list sent.
fn replace_orgs(seller: &Seller, variant: Variant, scope: &str, body: &Value) -> Reply {
    let prefix = format!("{scope}/");
    let sent: BTreeMap<String, Value> = body["orgInfoList"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| {
            let code = o["orgCode"].as_str().unwrap_or_default();
            (
                format!("{prefix}{code}"),
                pick(o, &["orgCode", "orgName", "parentCode"]),
            )
        })
        .collect();
    seller.with_book(variant, |book| {
        let orgs = &mut book.kit.orgs;
        let before: BTreeMap<String, Value> = orgs
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if before != sent {
            orgs.retain(|k, _| !k.starts_with(&prefix));
            orgs.extend(sent);
            book.effect("kitFullSync");
        }
    });
    success(Map::new())
}
