//! What an approval does to the catalogue: a new product from the draft, or an
//! update of the product the application named.
//!
//! WHY specs are merged, never replaced: a listed spec can be removed but not deleted
//! (the domain's `ListedSpecCannotBeDeleted`), so an approved update keeps every spec
//! the product has, adds SKUs to an on-sale spec of the same name, and adds new specs
//! after the old ones. Ids are `spec-N` / `sku-N`, numbered within the product and
//! never reused.

use super::errors::SyncError;
use super::store;
use super::wire::{Application, Entity, Product, Sale, Sku, Spec};
use chrono::{DateTime, Utc};
use gallerist_domain::listing::lifecycle::Refusal;
use gallerist_domain::listing::Draft;
use rusqlite::Connection;

/// A new product, on sale, for an approved application.
pub(crate) fn new_product(
    conn: &Connection,
    app: &Application,
    draft: &Draft,
    at: DateTime<Utc>,
) -> Result<Product, SyncError> {
    let mut product = Product {
        id: format!("prod-{}", store::next(conn, "product")?),
        revision: 1,
        updated_at: at,
        application_id: app.id.clone(),
        name: draft.name.clone(),
        product_type: draft.product_type(),
        overview: draft.overview.clone(),
        hotline: draft.after_sales.hotline.clone(),
        status: Sale::OnSale,
        public_sales: true,
        specs: Vec::new(),
        pending_delisting: None,
    };
    add_specs(&mut product, draft);
    Ok(product)
}

/// Applies an approved update; a discontinued product cannot come back.
pub(crate) fn update_product(
    product: &mut Product,
    app: &Application,
    draft: &Draft,
    at: DateTime<Utc>,
) -> Result<(), Refusal> {
    if product.status == Sale::Discontinued {
        return Err(Refusal::ProductDiscontinued);
    }
    product.application_id = app.id.clone();
    product.name = draft.name.clone();
    product.overview = draft.overview.clone();
    product.hotline = draft.after_sales.hotline.clone();
    add_specs(product, draft);
    product.touch(at);
    Ok(())
}

fn add_specs(product: &mut Product, draft: &Draft) {
    for spec in &draft.specs {
        let mut next_sku = product.specs.iter().map(|s| s.skus.len()).sum::<usize>() + 1;
        let mut sku = |code: &str| {
            let s = Sku {
                id: format!("sku-{next_sku}"),
                code: code.to_string(),
                status: Sale::OnSale,
            };
            next_sku += 1;
            s
        };
        let same = product
            .specs
            .iter_mut()
            .find(|s| s.name == spec.name && s.status == Sale::OnSale);
        match same {
            Some(existing) => {
                for k in &spec.skus {
                    if !existing.skus.iter().any(|e| e.code == k.code) {
                        existing.skus.push(sku(&k.code));
                    }
                }
            }
            None => {
                let skus = spec.skus.iter().map(|k| sku(&k.code)).collect();
                let id = format!("spec-{}", product.specs.len() + 1);
                product.specs.push(Spec {
                    id,
                    name: spec.name.clone(),
                    status: Sale::OnSale,
                    skus,
                });
            }
        }
    }
}
