//! Figures over bill lines: the monthly trend, breakdowns by product and by type, pages
//! of lines for a virtualized table, the lines of one order; plus the import archive
//! records and the settlement facts per order.
//!
//! WHY the monthly SQL is public: `cargo xtask bench` runs exactly this text through the
//! `sqlite3` tool on the same file, so the figure Gallerist reports is a ratio against
//! SQLite itself, not against an older Gallerist.

use crate::bills::LineRow;
use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Gross, fee, taxes and net per settlement month and currency (`?1` = account id).
pub const MONTHLY_SQL: &str = "SELECT period, currency, sum(gross_minor), sum(fee_minor), \
     sum(seller_wht_minor + dst_minor), sum(net_minor), count(*) \
     FROM bill_lines WHERE account_id = ?1 GROUP BY period, currency ORDER BY period, currency";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// The period, product name or product type the row is for.
    pub key: String,
    pub currency: String,
    pub gross_minor: i64,
    pub fee_minor: i64,
    pub tax_minor: i64,
    pub net_minor: i64,
    pub lines: i64,
}

fn totals(r: &rusqlite::Row<'_>) -> rusqlite::Result<Totals> {
    Ok(Totals {
        key: r.get(0)?,
        currency: r.get(1)?,
        gross_minor: r.get(2)?,
        fee_minor: r.get(3)?,
        tax_minor: r.get(4)?,
        net_minor: r.get(5)?,
        lines: r.get(6)?,
    })
}

pub fn monthly(conn: &Connection, account_id: i64) -> Result<Vec<Totals>, StoreError> {
    let mut stmt = conn.prepare_cached(MONTHLY_SQL)?;
    let rows = stmt.query_map([account_id], totals)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Totals by `product_name` or `product_type`, optionally for one period.
pub fn breakdown(
    conn: &Connection,
    account_id: i64,
    by_type: bool,
    period: Option<&str>,
) -> Result<Vec<Totals>, StoreError> {
    let column = if by_type { "product_type" } else { "product_name" };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {column}, currency, sum(gross_minor), sum(fee_minor), sum(seller_wht_minor + dst_minor),
             sum(net_minor), count(*)
         FROM bill_lines WHERE account_id = ?1 AND (?2 IS NULL OR period = ?2)
         GROUP BY {column}, currency ORDER BY sum(gross_minor) DESC"
    ))?;
    let rows = stmt.query_map(params![account_id, period], totals)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const LINE_COLUMNS: &str =
    "id, bill_id, fingerprint, period, order_id, order_line, order_kind, product_id, product_name,
    product_type, currency, gross_minor, customer_wht_minor, fee_rate_ppm, fee_minor, seller_wht_minor, dst_minor,
    net_minor, source";

fn line(r: &rusqlite::Row<'_>) -> rusqlite::Result<LineRow> {
    Ok(LineRow {
        id: r.get(0)?,
        bill_id: r.get(1)?,
        fingerprint: r.get(2)?,
        period: r.get(3)?,
        order_id: r.get(4)?,
        order_line: r.get(5)?,
        order_kind: r.get(6)?,
        product_id: r.get(7)?,
        product_name: r.get(8)?,
        product_type: r.get(9)?,
        currency: r.get(10)?,
        gross_minor: r.get(11)?,
        customer_wht_minor: r.get(12)?,
        fee_rate_ppm: r.get(13)?,
        fee_minor: r.get(14)?,
        seller_wht_minor: r.get(15)?,
        dst_minor: r.get(16)?,
        net_minor: r.get(17)?,
        source: r.get(18)?,
    })
}

/// One page of a bill's lines in row order, from `offset` (a virtualized table asks for
/// the rows it is about to show), and the bill's line count.
pub fn lines_page(
    conn: &Connection,
    account_id: i64,
    bill_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(Vec<LineRow>, i64), StoreError> {
    let total: i64 = conn
        .prepare_cached("SELECT count(*) FROM bill_lines WHERE account_id = ?1 AND bill_id = ?2")?
        .query_row(params![account_id, bill_id], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS} FROM bill_lines WHERE account_id = ?1 AND bill_id = ?2 ORDER BY id LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![account_id, bill_id, limit.clamp(1, 2000), offset.max(0)], line)?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

pub fn lines_of_bill(conn: &Connection, account_id: i64, bill_id: &str) -> Result<Vec<LineRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS} FROM bill_lines WHERE account_id = ?1 AND bill_id = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![account_id, bill_id], line)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Each line of a bill in row order, handed to `each` one at a time: an export of a
/// million-line bill holds none of them.
pub fn for_each_line_of_bill<E: From<StoreError>>(
    conn: &Connection,
    account_id: i64,
    bill_id: &str,
    mut each: impl FnMut(LineRow) -> Result<(), E>,
) -> Result<(), E> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {LINE_COLUMNS} FROM bill_lines WHERE account_id = ?1 AND bill_id = ?2 ORDER BY id"
        ))
        .map_err(StoreError::from)?;
    let rows = stmt
        .query_map(params![account_id, bill_id], line)
        .map_err(StoreError::from)?;
    for row in rows {
        each(row.map_err(StoreError::from)?)?;
    }
    Ok(())
}

/// Every line of the account in row order (reconciliation reads them all).
pub fn lines_of_account(conn: &Connection, account_id: i64) -> Result<Vec<LineRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS} FROM bill_lines WHERE account_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![account_id], line)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn lines_of_order(conn: &Connection, account_id: i64, order_id: &str) -> Result<Vec<LineRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS} FROM bill_lines WHERE account_id = ?1 AND order_id = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![account_id, order_id], line)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportRecord {
    pub id: i64,
    pub file_name: String,
    pub file_sha256: String,
    pub encoding: Option<String>,
    pub mapping: String,
    pub rows: i64,
    pub imported: i64,
    pub duplicates: i64,
    pub errors: i64,
    pub archived_as: String,
    pub imported_at: String,
}

fn import_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImportRecord> {
    Ok(ImportRecord {
        id: r.get(0)?,
        file_name: r.get(1)?,
        file_sha256: r.get(2)?,
        encoding: r.get(3)?,
        mapping: r.get(4)?,
        rows: r.get(5)?,
        imported: r.get(6)?,
        duplicates: r.get(7)?,
        errors: r.get(8)?,
        archived_as: r.get(9)?,
        imported_at: r.get(10)?,
    })
}

const IMPORT_COLUMNS: &str =
    "id, file_name, file_sha256, encoding, mapping, rows, imported, duplicates, errors, archived_as, imported_at";

/// Records an import (before its lines, which point to it); returns its id.
pub fn record_import(
    conn: &Connection,
    account_id: i64,
    r: &ImportRecord,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO bill_imports (account_id, file_name, file_sha256, encoding, mapping, rows, imported, duplicates,
             errors, archived_as, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        account_id,
        r.file_name,
        r.file_sha256,
        r.encoding,
        r.mapping,
        r.rows,
        r.imported,
        r.duplicates,
        r.errors,
        r.archived_as,
        stamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn set_import_counts(conn: &Connection, id: i64, imported: i64, duplicates: i64) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE bill_imports SET imported = ?2, duplicates = ?3 WHERE id = ?1")?
        .execute(params![id, imported, duplicates])?;
    Ok(())
}

pub fn import_by_hash(conn: &Connection, account_id: i64, sha256: &str) -> Result<Option<ImportRecord>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {IMPORT_COLUMNS} FROM bill_imports WHERE account_id = ?1 AND file_sha256 = ?2"
        ))?
        .query_row(params![account_id, sha256], import_row)
        .optional()?)
}

pub fn imports(conn: &Connection, account_id: i64) -> Result<Vec<ImportRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {IMPORT_COLUMNS} FROM bill_imports WHERE account_id = ?1 ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([account_id], import_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Stores the marketplace's settlement facts of an order if newer than ours.
pub fn put_settlement_order(
    conn: &Connection,
    account_id: i64,
    order_id: &str,
    facts: &serde_json::Value,
    billed_in: Option<&str>,
    revision: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "INSERT INTO settlement_orders (account_id, order_id, facts, billed_in, revision, synced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (account_id, order_id) DO UPDATE SET facts = excluded.facts, billed_in = excluded.billed_in,
                 revision = excluded.revision, synced_at = excluded.synced_at
             WHERE excluded.revision > settlement_orders.revision",
        )?
        .execute(params![
            account_id,
            order_id,
            facts.to_string(),
            billed_in,
            revision,
            stamp(now)
        ])?;
    Ok(n == 1)
}

/// (order id, facts JSON, billed in) of every order, newest first.
pub fn settlement_orders(
    conn: &Connection,
    account_id: i64,
) -> Result<Vec<(String, serde_json::Value, Option<String>)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT order_id, facts, billed_in FROM settlement_orders WHERE account_id = ?1 ORDER BY order_id DESC",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        let facts: String = r.get(1)?;
        Ok((r.get(0)?, serde_json::from_str(&facts).unwrap_or_default(), r.get(2)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
