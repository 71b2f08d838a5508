//! The SaaS integration page per product: which SaaS products the account has, and the
//! endpoint settings saved for each.
//!
//! WHY gathered from three places: KooGallery publishes no product API, so a live
//! account knows its products only from its orders; a synced catalogue (the embedded
//! sandbox's demo products, or any Seller Sync server) says which are SaaS and which
//! are joint-operation; and a draft not listed yet is a product the seller is building
//! the interface for right now. Orders do not carry a product type, so order-only
//! products are offered with their type "not known" rather than guessed from names.
//! The settings themselves live in `store::produce_endpoints`; the signing key stays
//! per account in the keychain and is not part of them.

use crate::{ApiError, Core};
use gallerist_market::produce::{Mode, Version};
use gallerist_store::drafts::{self, DraftFilter};
use gallerist_store::produce_endpoints::{self, draft_product_id, Endpoint, NewEndpoint};
use gallerist_store::remote;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductsArgs {
    pub account_id: i64,
}

/// A SaaS product of the account, with its saved settings (or none yet).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SaasProduct {
    /// The KooGallery product id, or `draft-<id>` for a draft not listed yet.
    pub product_id: String,
    pub name: String,
    /// `listing` (synced catalogue), `draft`, `orders` (type not known) or `saved`
    /// (settings kept for a product no longer found elsewhere).
    pub source: &'static str,
    /// Whether the product is known to be SaaS; `None` for order-only products.
    pub saas: Option<bool>,
    /// Suggested for a first set-up: joint operation (SaaS Kit) product.
    pub kit: bool,
    /// Suggested for a first set-up, from the orders' charging mode.
    pub mode: Option<Mode>,
    pub endpoint: Option<Endpoint>,
}

fn saas_type(product_type: &str) -> Option<bool> {
    match product_type {
        "saas" => Some(false),
        "saas_joint" => Some(true),
        _ => None,
    }
}

/// The production interface's charging mode for an order line's `chargingMode`.
fn mode_of(charging_mode: &str) -> Option<Mode> {
    match charging_mode {
        "PERIOD" => Some(Mode::Period),
        "ON_DEMAND" => Some(Mode::PerUse),
        "ONE_TIME" => Some(Mode::OneOff),
        _ => None,
    }
}

/// The account's SaaS products: listed ones first, then drafts, then products only its
/// orders name; each with the settings saved for it.
pub fn produce_products(core: &Core, args: ProductsArgs) -> Result<Vec<SaasProduct>, ApiError> {
    let conn = core.store.conn()?;
    gallerist_store::accounts::get(&conn, args.account_id)?;
    let mut saved: HashMap<String, Endpoint> = produce_endpoints::list(&conn, args.account_id)?
        .into_iter()
        .map(|e| (e.product_id.clone(), e))
        .collect();
    let ordered = produce_endpoints::ordered_products(&conn, args.account_id)?;
    let mode_for = |id: &str| {
        ordered
            .iter()
            .find(|o| o.product_id == id)
            .and_then(|o| mode_of(&o.charging_mode))
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut listed_drafts = HashSet::new();

    for entity in remote::list(&conn, args.account_id, "product")? {
        let body = entity.local.as_ref().unwrap_or(&entity.body);
        let kind = body
            .get("product_type")
            .or_else(|| body.get("productType"))
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let Some(kit) = saas_type(kind) else { continue };
        listed_drafts.extend(entity.draft_id);
        let name = body
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or(&entity.remote_id)
            .to_string();
        seen.insert(entity.remote_id.clone());
        out.push(SaasProduct {
            mode: mode_for(&entity.remote_id),
            endpoint: saved.remove(&entity.remote_id),
            product_id: entity.remote_id,
            name,
            source: "listing",
            saas: Some(true),
            kit,
        });
    }

    for product_type in ["saas", "saas_joint"] {
        let filter = DraftFilter {
            product_type: Some(product_type.into()),
            ..DraftFilter::default()
        };
        for draft in drafts::list(&conn, &filter)? {
            if listed_drafts.contains(&draft.id) {
                continue;
            }
            let id = draft_product_id(draft.id);
            seen.insert(id.clone());
            out.push(SaasProduct {
                endpoint: saved.remove(&id),
                product_id: id,
                name: draft.name,
                source: "draft",
                saas: Some(true),
                kit: product_type == "saas_joint",
                mode: None,
            });
        }
    }

    for product in &ordered {
        if !seen.insert(product.product_id.clone()) {
            continue;
        }
        out.push(SaasProduct {
            product_id: product.product_id.clone(),
            name: product.product_name.clone(),
            source: "orders",
            saas: None,
            kit: false,
            mode: mode_of(&product.charging_mode),
            endpoint: saved.remove(&product.product_id),
        });
    }

    let mut rest: Vec<Endpoint> = saved.into_values().collect();
    rest.sort_by(|a, b| (&a.product_name, &a.product_id).cmp(&(&b.product_name, &b.product_id)));
    out.extend(rest.into_iter().map(|e| SaasProduct {
        product_id: e.product_id.clone(),
        name: e.product_name.clone(),
        source: "saved",
        saas: None,
        kit: e.kit,
        mode: None,
        endpoint: Some(e),
    }));
    Ok(out)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveEndpointArgs {
    pub account_id: i64,
    pub product_id: String,
    /// Kept beside the settings so a product that leaves the catalogue keeps its name.
    #[serde(default)]
    pub product_name: String,
    pub url: String,
    #[serde(default = "crate::produce::v2")]
    pub version: Version,
    pub mode: Mode,
    #[serde(default)]
    pub kit: bool,
    #[serde(default)]
    pub public_key_pem: Option<String>,
}

fn refused(en: impl Into<String>, zh: impl Into<String>) -> ApiError {
    ApiError::invalid(format!("{} / {}", en.into(), zh.into()))
}

/// The URL as it will be called, or why it cannot be.
fn usable_url(text: &str) -> Result<String, ApiError> {
    let url = text.trim();
    if url.is_empty() {
        return Err(refused(
            "Enter the product's production interface URL",
            "请填写该商品的生产接口地址",
        ));
    }
    let not_a_url = || {
        refused(
            format!("'{url}' is not a URL: write it in full, e.g. https://isv.example.com/produce"),
            format!("“{url}”不是有效地址：请写完整，例如 https://isv.example.com/produce"),
        )
    };
    // The same parser the runner calls with (reqwest's), so what is saved is what runs.
    let parsed = url::Url::parse(url).map_err(|_| not_a_url())?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(refused(
            format!("'{url}' is not an http(s) address: KooGallery calls only https URLs"),
            format!("“{url}”不是 http(s) 地址：云商店只调用 https 地址"),
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) || url.chars().any(char::is_whitespace) {
        return Err(not_a_url());
    }
    Ok(url.to_string())
}

/// Saves a product's endpoint settings for the account (replacing any before).
pub fn save_produce_endpoint(core: &Core, args: SaveEndpointArgs) -> Result<Endpoint, ApiError> {
    let product_id = args.product_id.trim();
    if product_id.is_empty() || product_id.len() > 128 {
        return Err(refused(
            "Choose the product these settings are for",
            "请选择这些设置所属的商品",
        ));
    }
    let url = usable_url(&args.url)?;
    let name = match args.product_name.trim() {
        "" => product_id,
        name => name,
    };
    let now = core.clock.now();
    core.store
        .write(|tx| {
            gallerist_store::accounts::get(tx, args.account_id)?;
            produce_endpoints::upsert(
                tx,
                &NewEndpoint {
                    account_id: args.account_id,
                    product_id,
                    product_name: name,
                    url: &url,
                    version: args.version.as_str(),
                    mode: args.mode.as_str(),
                    kit: args.kit,
                    public_key_pem: args.public_key_pem.as_deref(),
                },
                now,
            )
        })
        .map_err(ApiError::from)
}
