//! Demo products: a few approved listings with specs and SKUs, so a new user's
//! catalogue is not empty and delisting a spec can be tried at once.
//!
//! WHY marked by `draft_ref = demo-N` and seeded idempotently: the embedded sandbox
//! keeps its state in a file across app starts; seeding again must not add a second
//! copy, and the marker is a field the contract already has (clients map only their
//! own `draft-N` refs to drafts, so demo ones stay catalogue-only).

use super::errors::SyncError;
use super::release;
use super::store;
use super::wire::{Application, ApplicationStatus};
use chrono::{DateTime, Utc};
use gallerist_domain::listing::example::clean_draft;
use gallerist_domain::listing::model::Copyright;
use gallerist_domain::listing::{Delivery, Draft, Pack, ServiceFlow};
use gallerist_domain::{Currency, Money};
use rusqlite::Connection;

const NAMES: [&str; 8] = [
    "Acme 数据库备份",
    "Acme 日志审计",
    "Acme 智能客服",
    "Acme 运维巡检",
    "Acme 数据同步",
    "Acme 安全扫描",
    "Acme 报表分析",
    "Acme 文件网关",
];

fn delivery(i: usize) -> Delivery {
    match i % 5 {
        0 => Delivery::Saas {
            joint_operation: false,
            offline_delivery: false,
        },
        1 => Delivery::License {
            asset_package_ref: Some(format!("asset-demo-{i}")),
        },
        2 => Delivery::Image,
        3 => Delivery::ManualService {
            flow: ServiceFlow::Standard,
        },
        _ => Delivery::Api {
            api_group: Some("demo".into()),
        },
    }
}

/// The i-th demo draft (from 0): a clean example with its own name; every other one
/// has a second spec with two SKUs.
fn demo_draft(i: usize) -> Draft {
    let mut d = clean_draft(delivery(i));
    d.name = match NAMES.get(i) {
        Some(n) => (*n).to_string(),
        None => format!("{} {}", NAMES[i % NAMES.len()], i + 1),
    };
    if let Some(Copyright::Certificate { software_name, .. }) = &mut d.copyright {
        software_name.clone_from(&d.name);
    }
    if i % 2 == 1 {
        if let Some(first) = d.specs.first().cloned() {
            let mut pro = first;
            pro.name = "专业版".into();
            for (n, sku) in pro.skus.iter_mut().enumerate() {
                sku.code = format!("SKU-PRO-{}", n + 1);
            }
            let mut second = pro.skus[0].clone();
            second.code = format!("SKU-PRO-{}", pro.skus.len() + 1);
            second.price = Money::new(second.price.minor * 2, Currency::Cny);
            pro.skus.push(second);
            d.specs.push(pro);
        }
    }
    d
}

/// Makes sure demo products 1..=n exist; returns their ids in order.
pub(crate) fn seed(conn: &Connection, pack: &Pack, n: usize, now: DateTime<Utc>) -> Result<Vec<String>, SyncError> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let draft_ref = format!("demo-{}", i + 1);
        if let Some(app_id) = store::application_by_draft_ref(conn, &draft_ref)? {
            let app: Option<Application> = store::get(conn, &app_id)?;
            ids.extend(app.and_then(|a| a.product_id));
            continue;
        }
        let draft = demo_draft(i);
        let mut app = Application {
            id: format!("app-{}", store::next(conn, "application")?),
            revision: 1,
            updated_at: now,
            draft_ref,
            product_id: None,
            product_type: draft.product_type(),
            name: draft.name.clone(),
            status: ApplicationStatus::Approved,
            submitted_at: now,
            decided_at: Some(now),
            comments: Vec::new(),
            pack_version: pack.version.clone(),
        };
        let product = release::new_product(conn, &app, &draft, now)?;
        app.product_id = Some(product.id.clone());
        store::put_listing(conn, &app.id, &serde_json::to_string(&draft)?)?;
        store::put(conn, &app)?;
        store::put(conn, &product)?;
        ids.push(product.id);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gallerist_domain::listing::Overrides;

    #[test]
    fn every_demo_draft_would_pass_the_reviewer() {
        let pack = Pack::embedded();
        for i in 0..12 {
            let d = demo_draft(i);
            let (comments, _) = super::super::review::review_comments(&pack, d, Utc::now());
            assert!(comments.is_empty(), "demo draft {i} draws comments: {comments:?}");
        }
        assert!(!pack.check(&demo_draft(1), &Overrides::default()).has_errors());
    }
}
