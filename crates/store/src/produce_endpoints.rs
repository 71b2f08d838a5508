//! `produce_endpoints`: the SaaS integration page's settings, one row per product.
//!
//! WHY per product: a seller with several SaaS products has a production URL, an
//! interface version, a charging mode and a joint-operation flag for each, and should
//! not retype them before every run. The key that signs stays per account in the
//! keychain (KooGallery binds it to the seller's account), so nothing here is secret.
//!
//! WHY the product id is the KooGallery product id (`OFFI…`) when there is one: it is
//! what the seller's orders, the console and KooGallery's calls to the seller's server
//! carry, so a seller recognises it; a draft not listed yet is keyed `draft-<id>`
//! ([`draft_product_id`]) until it is.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The settings of one product's production interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub account_id: i64,
    pub product_id: String,
    pub product_name: String,
    pub url: String,
    /// `v2` or `v1`.
    pub version: String,
    /// `period`, `per-use` or `one-off`.
    pub mode: String,
    pub kit: bool,
    /// The seller's RSA public key for the Kit's applicationSync; public by nature.
    pub public_key_pem: Option<String>,
    pub updated_at: String,
}

/// The settings to save; `updated_at` comes from the caller's clock.
#[derive(Debug, Clone)]
pub struct NewEndpoint<'a> {
    pub account_id: i64,
    pub product_id: &'a str,
    pub product_name: &'a str,
    pub url: &'a str,
    pub version: &'a str,
    pub mode: &'a str,
    pub kit: bool,
    pub public_key_pem: Option<&'a str>,
}

/// The id a local draft's product goes by until KooGallery gives it one.
pub fn draft_product_id(draft_id: i64) -> String {
    format!("draft-{draft_id}")
}

const COLUMNS: &str = "account_id, product_id, product_name, url, version, mode, kit, public_key_pem, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Endpoint> {
    Ok(Endpoint {
        account_id: r.get(0)?,
        product_id: r.get(1)?,
        product_name: r.get(2)?,
        url: r.get(3)?,
        version: r.get(4)?,
        mode: r.get(5)?,
        kit: r.get(6)?,
        public_key_pem: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// Saves a product's settings, replacing what it had; answers the stored row.
pub fn upsert(conn: &Connection, new: &NewEndpoint<'_>, now: DateTime<Utc>) -> Result<Endpoint, StoreError> {
    if new.product_id.trim().is_empty() {
        return Err(StoreError::Invalid("endpoint settings need a product id".into()));
    }
    let pem = new.public_key_pem.map(str::trim).filter(|p| !p.is_empty());
    conn.execute(
        "INSERT INTO produce_endpoints (account_id, product_id, product_name, url, version, mode, kit, public_key_pem, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (account_id, product_id) DO UPDATE SET
           product_name = excluded.product_name, url = excluded.url, version = excluded.version,
           mode = excluded.mode, kit = excluded.kit, public_key_pem = excluded.public_key_pem,
           updated_at = excluded.updated_at",
        params![
            new.account_id,
            new.product_id,
            new.product_name,
            new.url,
            new.version,
            new.mode,
            new.kit,
            pem,
            stamp(now)
        ],
    )?;
    get(conn, new.account_id, new.product_id)?
        .ok_or_else(|| StoreError::NotFound(format!("endpoint settings of product {}", new.product_id)))
}

/// One product's settings, if saved.
pub fn get(conn: &Connection, account_id: i64, product_id: &str) -> Result<Option<Endpoint>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM produce_endpoints WHERE account_id = ?1 AND product_id = ?2"),
            params![account_id, product_id],
            from_row,
        )
        .optional()?)
}

/// Every saved product of the account, by product name then id.
pub fn list(conn: &Connection, account_id: i64) -> Result<Vec<Endpoint>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM produce_endpoints WHERE account_id = ?1 ORDER BY product_name, product_id"
    ))?;
    let rows = stmt.query_map([account_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A product the account's orders name, with the charging mode of its latest order line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedProduct {
    pub product_id: String,
    pub product_name: String,
    /// The order query's `chargingMode` (`PERIOD`, `ON_DEMAND`, `ONE_TIME`, `ON_DEMAND_PKG`).
    pub charging_mode: String,
}

/// The distinct products in the account's orders, by name. WHY here: the SaaS page offers
/// them as products to keep settings for, and orders are the only product list a live
/// account has (KooGallery publishes no product API).
pub fn ordered_products(conn: &Connection, account_id: i64) -> Result<Vec<OrderedProduct>, StoreError> {
    // `max(o.create_time)` with bare columns takes name and mode from the newest order.
    let mut stmt = conn.prepare(
        "SELECT l.product_id, l.product_name, l.charging_mode, max(o.create_time)
         FROM order_lines l JOIN orders o ON o.account_id = l.account_id AND o.order_id = l.order_id
         WHERE l.account_id = ?1 GROUP BY l.product_id ORDER BY l.product_name, l.product_id",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        Ok(OrderedProduct {
            product_id: r.get(0)?,
            product_name: r.get(1)?,
            charging_mode: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{self, NewAccount};
    use crate::Store;
    use chrono::TimeZone;
    use gallerist_domain::site::Site;

    fn t(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 2, minute, 0).unwrap()
    }

    fn store_with_accounts() -> (tempfile::TempDir, Store, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("g.sqlite3"), t(0)).unwrap();
        let conn = store.conn().unwrap();
        let add = |name: &str| {
            let new = NewAccount {
                name: name.into(),
                site: Site::Cn,
                base_url: "https://example.invalid".into(),
                access_key_id: None,
            };
            accounts::insert(&conn, &new, t(0)).unwrap().id
        };
        let (a, b) = (add("Shop A"), add("Shop B"));
        drop(conn);
        (dir, store, a, b)
    }

    fn new<'a>(account_id: i64, product_id: &'a str, url: &'a str) -> NewEndpoint<'a> {
        NewEndpoint {
            account_id,
            product_id,
            product_name: "智能客服 SaaS",
            url,
            version: "v2",
            mode: "period",
            kit: false,
            public_key_pem: None,
        }
    }

    #[test]
    fn saving_again_replaces_the_products_settings_and_keeps_others() {
        let (_dir, store, a, _) = store_with_accounts();
        let conn = store.conn().unwrap();
        upsert(&conn, &new(a, "OFFI1", "https://one.example.com/produce"), t(1)).unwrap();
        upsert(&conn, &new(a, "OFFI2", "https://two.example.com/produce"), t(2)).unwrap();
        let mut changed = new(a, "OFFI1", "https://one.example.com/v1");
        changed.version = "v1";
        changed.mode = "one-off";
        changed.kit = true;
        changed.public_key_pem = Some("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
        let saved = upsert(&conn, &changed, t(3)).unwrap();
        assert_eq!(saved.url, "https://one.example.com/v1");
        assert_eq!(
            (saved.version.as_str(), saved.mode.as_str(), saved.kit),
            ("v1", "one-off", true)
        );
        assert!(saved.public_key_pem.unwrap().contains("BEGIN PUBLIC KEY"));
        assert_eq!(saved.updated_at, "2026-12-01T02:03:00.000Z");
        let all = list(&conn, a).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            all.iter().find(|e| e.product_id == "OFFI2").unwrap().url,
            "https://two.example.com/produce"
        );
    }

    #[test]
    fn each_account_sees_only_its_own_products() {
        let (_dir, store, a, b) = store_with_accounts();
        let conn = store.conn().unwrap();
        upsert(&conn, &new(a, "OFFI1", "https://a.example.com/p"), t(1)).unwrap();
        upsert(&conn, &new(b, "OFFI1", "https://b.example.com/p"), t(1)).unwrap();
        assert_eq!(list(&conn, a).unwrap()[0].url, "https://a.example.com/p");
        assert_eq!(get(&conn, b, "OFFI1").unwrap().unwrap().url, "https://b.example.com/p");
        assert_eq!(get(&conn, b, "OFFI9").unwrap(), None);
        accounts::remove(&conn, a).unwrap();
        assert!(list(&conn, a).unwrap().is_empty(), "an account's settings go with it");
    }

    #[test]
    fn a_blank_public_key_is_kept_as_none_and_bad_values_are_refused() {
        let (_dir, store, a, _) = store_with_accounts();
        let conn = store.conn().unwrap();
        let mut blank = new(a, "draft-3", "https://x.example.com/p");
        blank.public_key_pem = Some("  \n");
        assert_eq!(upsert(&conn, &blank, t(1)).unwrap().public_key_pem, None);
        let mut bad = new(a, "OFFI1", "https://x.example.com/p");
        bad.mode = "monthly";
        assert!(upsert(&conn, &bad, t(1)).is_err(), "the table refuses an unknown mode");
        assert!(upsert(&conn, &new(a, " ", "https://x.example.com/p"), t(1)).is_err());
        assert_eq!(draft_product_id(3), "draft-3");
    }
    #[test]
    fn the_accounts_ordered_products_are_listed_once_each() {
        let (_dir, store, a, b) = store_with_accounts();
        let conn = store.conn().unwrap();
        let orders = gallerist_domain::mock_orders::mock_orders(gallerist_domain::Currency::Cny);
        for order in &orders {
            crate::orders::upsert(&conn, a, order, t(1)).unwrap();
        }
        let products = ordered_products(&conn, a).unwrap();
        let mut ids: Vec<&str> = orders
            .iter()
            .flat_map(|o| o.lines.iter().map(|l| l.product_id.as_str()))
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(products.len(), ids.len());
        assert!(products
            .iter()
            .all(|p| !p.product_name.is_empty() && !p.charging_mode.is_empty()));
        assert!(ordered_products(&conn, b).unwrap().is_empty());
    }
}
