//! `bills`, `bill_lines`, `bill_imports` and `settlement_orders`: the seller's bills as
//! synced or imported, and the marketplace's settlement facts per order.
//!
//! WHY plain columns for lines (not JSON): a seller with years of pay-per-use orders has
//! a million lines, and the overview's monthly trend must come back as fast as the
//! `sqlite3` tool could compute it (`cargo xtask bench` compares the two on one file).
//! Aggregates are single `GROUP BY`s over an index that starts with the account and the
//! period. Lines are deduplicated by a content fingerprint, so re-importing a file —
//! or importing what sync already brought — adds nothing.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillRow {
    pub bill_id: String,
    pub period: String,
    pub site: String,
    pub currency: String,
    pub run_date: Option<String>,
    pub stage: String,
    pub gross_minor: i64,
    pub fee_minor: i64,
    pub tax_minor: i64,
    pub net_minor: i64,
    pub line_count: i64,
    pub source: String,
    pub revision: i64,
    /// The platform-fee invoice as the server reports it (JSON), once requested.
    #[serde(default)]
    pub fee_invoice: Option<serde_json::Value>,
    #[serde(default)]
    pub joint_operation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineRow {
    /// Row id; 0 for a line not stored yet.
    #[serde(default)]
    pub id: i64,
    pub bill_id: String,
    pub fingerprint: String,
    pub period: String,
    pub order_id: String,
    pub order_line: Option<String>,
    pub order_kind: Option<String>,
    pub product_id: Option<String>,
    pub product_name: String,
    pub product_type: String,
    pub currency: String,
    pub gross_minor: i64,
    pub customer_wht_minor: i64,
    pub fee_rate_ppm: Option<i64>,
    pub fee_minor: i64,
    pub seller_wht_minor: i64,
    pub dst_minor: i64,
    pub net_minor: i64,
    pub source: String,
}

pub fn upsert_bill(conn: &Connection, account_id: i64, b: &BillRow, now: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO bills (account_id, bill_id, period, site, currency, run_date, stage, gross_minor, fee_minor,
             tax_minor, net_minor, line_count, source, revision, updated_at, fee_invoice, joint_operation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (account_id, bill_id) DO UPDATE SET period = excluded.period, site = excluded.site,
             currency = excluded.currency, run_date = excluded.run_date, stage = excluded.stage,
             gross_minor = excluded.gross_minor, fee_minor = excluded.fee_minor, tax_minor = excluded.tax_minor,
             net_minor = excluded.net_minor, line_count = excluded.line_count, source = excluded.source,
             revision = excluded.revision, updated_at = excluded.updated_at,
             fee_invoice = excluded.fee_invoice, joint_operation = excluded.joint_operation
         WHERE excluded.revision >= bills.revision",
    )?
    .execute(params![
        account_id,
        b.bill_id,
        b.period,
        b.site,
        b.currency,
        b.run_date,
        b.stage,
        b.gross_minor,
        b.fee_minor,
        b.tax_minor,
        b.net_minor,
        b.line_count,
        b.source,
        b.revision,
        stamp(now),
        b.fee_invoice.as_ref().map(|v| v.to_string()),
        b.joint_operation
    ])?;
    Ok(())
}

/// Inserts lines, skipping any whose fingerprint is stored; returns (inserted, duplicates).
pub fn insert_lines(
    conn: &Connection,
    account_id: i64,
    lines: &[LineRow],
    import_id: Option<i64>,
) -> Result<(usize, usize), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO bill_lines (account_id, bill_id, fingerprint, period, order_id, order_line, order_kind,
             product_id, product_name, product_type, currency, gross_minor, customer_wht_minor, fee_rate_ppm,
             fee_minor, seller_wht_minor, dst_minor, net_minor, source, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    let mut inserted = 0;
    for l in lines {
        inserted += stmt.execute(params![
            account_id,
            l.bill_id,
            l.fingerprint,
            l.period,
            l.order_id,
            l.order_line,
            l.order_kind,
            l.product_id,
            l.product_name,
            l.product_type,
            l.currency,
            l.gross_minor,
            l.customer_wht_minor,
            l.fee_rate_ppm,
            l.fee_minor,
            l.seller_wht_minor,
            l.dst_minor,
            l.net_minor,
            l.source,
            import_id
        ])?;
    }
    Ok((inserted, lines.len() - inserted))
}

/// Recomputes an imported bill's totals from its lines.
pub fn refresh_totals(conn: &Connection, account_id: i64, bill_id: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE bills SET (gross_minor, fee_minor, tax_minor, net_minor, line_count) = (
             SELECT coalesce(sum(gross_minor), 0), coalesce(sum(fee_minor), 0),
                    coalesce(sum(seller_wht_minor + dst_minor), 0), coalesce(sum(net_minor), 0), count(*)
             FROM bill_lines WHERE account_id = ?1 AND bill_id = ?2)
         WHERE account_id = ?1 AND bill_id = ?2",
    )?
    .execute(params![account_id, bill_id])?;
    Ok(())
}

const BILL_COLUMNS: &str = "bill_id, period, site, currency, run_date, stage, gross_minor, fee_minor, tax_minor,
    net_minor, line_count, source, revision, fee_invoice, joint_operation";

fn bill_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BillRow> {
    Ok(BillRow {
        bill_id: r.get(0)?,
        period: r.get(1)?,
        site: r.get(2)?,
        currency: r.get(3)?,
        run_date: r.get(4)?,
        stage: r.get(5)?,
        gross_minor: r.get(6)?,
        fee_minor: r.get(7)?,
        tax_minor: r.get(8)?,
        net_minor: r.get(9)?,
        line_count: r.get(10)?,
        source: r.get(11)?,
        revision: r.get(12)?,
        fee_invoice: r
            .get::<_, Option<String>>(13)?
            .and_then(|json| serde_json::from_str(&json).ok()),
        joint_operation: r.get(14)?,
    })
}

pub fn bills(conn: &Connection, account_id: i64) -> Result<Vec<BillRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {BILL_COLUMNS} FROM bills WHERE account_id = ?1 ORDER BY period DESC, bill_id"
    ))?;
    let rows = stmt.query_map([account_id], bill_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn bill(conn: &Connection, account_id: i64, bill_id: &str) -> Result<Option<BillRow>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {BILL_COLUMNS} FROM bills WHERE account_id = ?1 AND bill_id = ?2"
        ))?
        .query_row(params![account_id, bill_id], bill_row)
        .optional()?)
}

/// Whether a line with this fingerprint is stored (the import preview counts new lines).
pub fn has_line(conn: &Connection, account_id: i64, fingerprint: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM bill_lines WHERE account_id = ?1 AND fingerprint = ?2")?
        .exists(params![account_id, fingerprint])?)
}
