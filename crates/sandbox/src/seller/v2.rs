//! The V2.0 base activities (koogallery-apis.md §5): one POST URL, `activity` in the
//! body, `signature`/`timestamp`/`nonce` in the query.
//!
//! Correct behaviour, in the order a call meets it: the signature over the sorted
//! payload, the 60 s window, the nonce not seen before (all 000001); the documented
//! fields with their types and lengths (000002); then the activity, idempotent as
//! §5.5 demands — the same order line keeps its instanceId, a repeated release,
//! renewal or upgrade succeeds with no second effect, an unknown instance is 000003.

use super::book::Instance;
use super::{fields, refuse, success, variant, Reply, Seller, Variant};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use gallerist_domain::produce::spec::{self, codes, field_problems};
use gallerist_domain::produce::v2;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

pub(super) async fn handle(
    State(seller): State<Arc<Seller>>,
    Path(name): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let variant = match variant(&name) {
        Ok(v) => v,
        Err(missing) => return missing.into_response(),
    };
    reply(&seller, variant, &query, &body).await.into_response()
}

async fn reply(seller: &Seller, variant: Variant, query: &HashMap<String, String>, body: &[u8]) -> Reply {
    let Ok(body) = serde_json::from_slice::<Value>(body) else {
        return refuse(codes::BAD_PARAMETER, "the body is not JSON");
    };
    if let Err(refused) = authenticate(seller, variant, query, &body) {
        return refused;
    }
    let activity = body.get("activity").and_then(Value::as_str).unwrap_or_default();
    let Some(documented) = spec::activity(activity) else {
        return refuse(codes::BAD_PARAMETER, &format!("unknown activity {activity:?}"));
    };
    if variant == Variant::NoActivity && activity == "queryInstance" {
        return refuse(codes::BAD_PARAMETER, "queryInstance is not implemented");
    }
    if let Some(problem) = field_problems(documented.request, &body).first() {
        return refuse(codes::BAD_PARAMETER, &problem.en());
    }
    let text = |name: &str| body.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
    match activity {
        "newInstance" => {
            slow_down(variant).await;
            let id = create(
                seller,
                variant,
                &text("orderId"),
                &text("orderLineId"),
                &text("businessId"),
            );
            created(variant, fields([("instanceId", id.into())]))
        }
        "queryInstance" => query_instances(seller, variant, &text("instanceId"), |_, _| None),
        "refreshInstance" => {
            let scene = text("scene");
            let scenes = [
                "TRIAL_TO_FORMAL",
                "RENEWAL",
                "UNSUBSCRIBE_RENEWAL_PERIOD",
                "RENEWAL_CHANGE",
            ];
            if !scenes.contains(&scene.as_str()) {
                return refuse(codes::BAD_PARAMETER, &format!("unknown scene {scene:?}"));
            }
            renew(
                seller,
                variant,
                &text("instanceId"),
                &text("orderId"),
                &text("expireTime"),
            )
        }
        "updateInstanceStatus" => {
            let status = match text("status").as_str() {
                "FREEZE" => "FREEZE",
                "UNFREEZE" => "NORMAL",
                other => return refuse(codes::BAD_PARAMETER, &format!("unknown status {other:?}")),
            };
            set_status(seller, variant, &text("instanceId"), status)
        }
        "releaseInstance" => release(seller, variant, &text("instanceId")),
        "upgradeInstance" => upgrade(seller, variant, &text("instanceId"), &text("orderId")),
        "changeInstanceCheck" => on_live_instance(seller, variant, &text("instanceId"), |_| None),
        _ => {
            let key = format!("{}/{}", text("orderId"), text("orderLineId"));
            seller.with_book(variant, |book| {
                if book.notified.insert(key) {
                    book.effect("notify");
                }
            });
            success(Map::new())
        }
    }
}

fn authenticate(seller: &Seller, variant: Variant, query: &HashMap<String, String>, body: &Value) -> Result<(), Reply> {
    let (Some(signature), Some(timestamp), Some(nonce)) =
        (query.get("signature"), query.get("timestamp"), query.get("nonce"))
    else {
        return Err(refuse(
            codes::AUTH_FAILED,
            "the signature, timestamp and nonce query parameters are required",
        ));
    };
    let signed = v2::verify(super::DEMO_ACCESS_KEY, nonce, timestamp, &v2::payload(body), signature);
    if !signed && variant != Variant::Unsigned {
        return Err(refuse(codes::AUTH_FAILED, "signature does not match"));
    }
    seller.admit(variant, timestamp, nonce)
}

/// The slow-create fault: past KooGallery's 5 s budget, on tokio's clock so tests can
/// pause time.
pub(super) async fn slow_down(variant: Variant) {
    if variant == Variant::SlowCreate {
        tokio::time::sleep(Duration::from_millis(5_500)).await;
    }
}

/// Provisions the order line once (the instanceId is the first call's businessId, as
/// the documentation recommends) and answers its instanceId ever after.
pub(super) fn create(seller: &Seller, variant: Variant, order_id: &str, line_id: &str, business_id: &str) -> String {
    seller.with_book(variant, |book| {
        let key = (order_id.to_string(), line_id.to_string());
        if variant != Variant::NonIdempotent {
            if let Some(known) = book.by_order.get(&key) {
                return known.clone();
            }
        }
        book.minted += 1;
        let id = if book.instances.contains_key(business_id) {
            format!("inst-{:06}", book.minted)
        } else {
            business_id.to_string()
        };
        book.instances.insert(id.clone(), Instance::new(&id, order_id, line_id));
        book.by_order.insert(key, id.clone());
        book.effect("create");
        id
    })
}

/// The create answer; the long-field fault makes its `resultMsg` 306 characters.
pub(super) fn created(variant: Variant, extra: Map<String, Value>) -> Reply {
    let message = if variant == Variant::LongField {
        "success; provisioning continues in the background. ".repeat(6)
    } else {
        "success".to_string()
    };
    Reply::new(codes::SUCCESS, &message, extra)
}

/// The instances among `ids` this server knows; `credentials(id, instance)` may add
/// `userName`/`password` to their `appInfo` (V1 encrypts them; V2 sends none).
pub(super) fn query_instances(
    seller: &Seller,
    variant: Variant,
    ids: &str,
    credentials: impl Fn(&str, &mut Map<String, Value>) -> Option<()>,
) -> Reply {
    let ids: Vec<&str> = ids.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if ids.len() > 100 {
        return refuse(codes::BAD_PARAMETER, "at most 100 instanceIds per query");
    }
    let now = seller.now().format("%Y%m%d%H%M%S%3f").to_string();
    let info: Vec<Value> = seller.with_book(variant, |book| {
        ids.iter()
            .filter(|id| book.instances.contains_key(**id))
            .map(|id| {
                let mut app_info = app_info(id);
                credentials(id, &mut app_info);
                let mut instance = json!({ "instanceId": id, "appInfo": app_info });
                if variant != Variant::NoUsage {
                    instance["usageInfo"] = json!([{ "usageValue": 0.0, "statisticalTime": now }]);
                }
                instance
            })
            .collect()
    });
    if info.is_empty() {
        return refuse(codes::NO_INSTANCE, "no such instance");
    }
    success(fields([("info", info.into())]))
}

/// Where the buyer reaches the (imaginary) app of instance `id`.
pub(super) fn app_info(id: &str) -> Map<String, Value> {
    fields([
        ("frontEndUrl", format!("https://app.seller.example/{id}").into()),
        ("adminUrl", format!("https://app.seller.example/{id}/admin").into()),
        ("memo", "Gallerist reference seller server (sandbox)".into()),
    ])
}

/// Runs `change` on a provisioned, unreleased instance; 000003 otherwise. `change`
/// returns the effect it had, if any.
pub(super) fn on_live_instance(
    seller: &Seller,
    variant: Variant,
    instance_id: &str,
    change: impl FnOnce(&mut Instance) -> Option<&'static str>,
) -> Reply {
    let found = seller.with_book(variant, |book| {
        let instance = book.instances.get_mut(instance_id).filter(|i| !i.released)?;
        if let Some(effect) = change(instance) {
            book.effect(effect);
        }
        Some(())
    });
    match found {
        Some(()) => success(Map::new()),
        None => refuse(codes::NO_INSTANCE, "no such instance"),
    }
}

/// A renewal (or conversion) order, applied once per orderId.
pub(super) fn renew(seller: &Seller, variant: Variant, instance_id: &str, order_id: &str, expire_time: &str) -> Reply {
    if !(14..=17).contains(&expire_time.len()) || !expire_time.bytes().all(|b| b.is_ascii_digit()) {
        return refuse(codes::BAD_PARAMETER, "expireTime is not yyyyMMddHHmmss");
    }
    on_live_instance(seller, variant, instance_id, |instance| {
        instance.renewals.insert(order_id.to_string()).then(|| {
            instance.expire_time = Some(expire_time.to_string());
            "renew"
        })
    })
}

/// `status` is `FREEZE` or `NORMAL`.
pub(super) fn set_status(seller: &Seller, variant: Variant, instance_id: &str, status: &'static str) -> Reply {
    on_live_instance(seller, variant, instance_id, |instance| {
        (instance.status != status).then(|| {
            instance.status = status;
            "status"
        })
    })
}

/// Releases once; a repeated release succeeds with no second effect.
pub(super) fn release(seller: &Seller, variant: Variant, instance_id: &str) -> Reply {
    let known = seller.with_book(variant, |book| {
        let instance = book.instances.get_mut(instance_id)?;
        if !instance.released {
            instance.released = true;
            book.effect("release");
        }
        Some(())
    });
    match known {
        Some(()) => success(Map::new()),
        None => refuse(codes::NO_INSTANCE, "no such instance"),
    }
}

/// An upgrade order, applied once per orderId.
pub(super) fn upgrade(seller: &Seller, variant: Variant, instance_id: &str, order_id: &str) -> Reply {
    on_live_instance(seller, variant, instance_id, |instance| {
        instance.upgrades.insert(order_id.to_string()).then_some("upgrade")
    })
}
