//! Listed products as the sandbox keeps them, and the domain's lifecycle on them.
//!
//! WHY through `ListedProduct`: delisting rules (a spec's SKUs go with it, the last
//! spec takes the product, a discontinued product refuses everything) are written
//! once in `gallerist-domain`; the sandbox converts its JSON to that model, applies
//! the operation, and writes the statuses back — it never re-implements them.

use super::store;
use chrono::{DateTime, Utc};
use gallerist_domain::listing::lifecycle::{
    DelistTarget, DelistingRequest, ListedProduct, ListedSku, ListedSpec, SaleStatus,
};
use gallerist_domain::listing::Draft;
use rusqlite::Connection;
use serde_json::{json, Value};

fn status(v: &Value) -> SaleStatus {
    match v.as_str() {
        Some("discontinued") => SaleStatus::Discontinued,
        _ => SaleStatus::OnSale,
    }
}

fn status_text(s: SaleStatus) -> &'static str {
    match s {
        SaleStatus::OnSale => "on_sale",
        SaleStatus::Discontinued => "discontinued",
    }
}

/// `{ kind, spec_id?, sku_id? }` as the domain's target.
pub(crate) fn target(v: &Value) -> Option<DelistTarget> {
    let text = |k: &str| v[k].as_str().map(str::to_string);
    match v["kind"].as_str()? {
        "product" => Some(DelistTarget::Product),
        "spec" => Some(DelistTarget::Spec(text("spec_id")?)),
        "sku" => Some(DelistTarget::Sku {
            spec: text("spec_id")?,
            sku: text("sku_id")?,
        }),
        _ => None,
    }
}

pub(crate) fn listed_from(p: &Value) -> ListedProduct {
    let pending = &p["pending_delisting"];
    ListedProduct {
        status: status(&p["status"]),
        public_sales: p["public_sales"].as_bool().unwrap_or(true),
        specs: p["specs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| ListedSpec {
                id: s["id"].as_str().unwrap_or_default().into(),
                status: status(&s["status"]),
                skus: s["skus"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|k| ListedSku {
                        id: k["id"].as_str().unwrap_or_default().into(),
                        status: status(&k["status"]),
                    })
                    .collect(),
            })
            .collect(),
        pending_delisting: target(&pending["target"]).map(|t| DelistingRequest {
            target: t,
            reason: pending["reason"].as_str().unwrap_or_default().into(),
            requested_at: pending["requested_at"]
                .as_str()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map_or(DateTime::UNIX_EPOCH, |t| t.with_timezone(&Utc)),
        }),
    }
}

/// Writes the lifecycle's statuses back into the product, at a new revision.
pub(crate) fn write_listed(conn: &Connection, mut p: Value, l: &ListedProduct, now: DateTime<Utc>) -> rusqlite::Result<()> {
    p["status"] = json!(status_text(l.status));
    p["public_sales"] = json!(l.public_sales);
    if let Some(specs) = p["specs"].as_array_mut() {
        for s in specs {
            let Some(ls) = l.specs.iter().find(|x| Some(x.id.as_str()) == s["id"].as_str()) else { continue };
            s["status"] = json!(status_text(ls.status));
            for k in s["skus"].as_array_mut().into_iter().flatten() {
                if let Some(lk) = ls.skus.iter().find(|x| Some(x.id.as_str()) == k["id"].as_str()) {
                    k["status"] = json!(status_text(lk.status));
                }
            }
        }
    }
    let pending = l.pending_delisting.as_ref().map(|r| r.requested_at.to_rfc3339());
    if l.pending_delisting.is_none() {
        p["pending_delisting"] = Value::Null;
    }
    bump(&mut p, now);
    store::put(conn, "product", &p, pending.as_deref())
}

pub(crate) fn bump(entity: &mut Value, now: DateTime<Utc>) {
    entity["revision"] = json!(entity["revision"].as_i64().unwrap_or(0) + 1);
    entity["updated_at"] = json!(now.to_rfc3339());
}

/// Lists an approved application: a new product, or a new release of `product_id`.
/// Returns the product id.
pub(crate) fn release(conn: &Connection, app: &Value, d: &Draft, now: DateTime<Utc>) -> rusqlite::Result<String> {
    let existing = match app["product_id"].as_str() {
        Some(id) => store::get(conn, "product", id)?,
        None => None,
    };
    let mut specs = Vec::new();
    for s in &d.specs {
        let mut skus = Vec::new();
        for k in &s.skus {
            skus.push(json!({ "id": format!("sku-{}", store::next(conn, "sku")?), "code": k.code, "status": "on_sale" }));
        }
        specs.push(json!({ "id": format!("spec-{}", store::next(conn, "spec")?), "name": s.name, "status": "on_sale", "skus": skus }));
    }
    let mut product = match existing {
        Some(p) => p,
        None => json!({ "id": format!("prod-{}", store::next(conn, "product")?), "revision": 0, "status": "on_sale",
                        "public_sales": true, "pending_delisting": null }),
    };
    product["application_id"] = app["id"].clone();
    product["name"] = json!(d.name);
    product["product_type"] = json!(d.product_type().as_str());
    product["overview"] = json!(d.overview);
    product["hotline"] = json!(d.after_sales.hotline);
    product["specs"] = json!(specs);
    bump(&mut product, now);
    store::put(conn, "product", &product, None)?;
    Ok(product["id"].as_str().unwrap_or_default().to_string())
}
