//! Figures for the dashboard, computed in SQL over the orders tables.
//!
//! Months are KooGallery's UTC+8 calendar months (`orders.month_cn`), so a figure
//! here matches what the seller sees in the console for the same month.

use crate::StoreError;
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub orders: i64,
    pub lines: i64,
    pub buyers: i64,
    pub orders_in_month: i64,
}

pub fn totals(conn: &Connection, account_id: i64, month: &str) -> Result<Totals, StoreError> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM orders WHERE account_id = ?1),
                (SELECT count(*) FROM order_lines WHERE account_id = ?1),
                (SELECT count(DISTINCT buyer_customer_id) FROM orders WHERE account_id = ?1),
                (SELECT count(*) FROM orders WHERE account_id = ?1 AND month_cn = ?2)",
        params![account_id, month],
        |r| {
            Ok(Totals {
                orders: r.get(0)?,
                lines: r.get(1)?,
                buyers: r.get(2)?,
                orders_in_month: r.get(3)?,
            })
        },
    )?)
}

/// Paid amount (after discount) per currency, in minor units.
pub fn gross(conn: &Connection, account_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT currency, sum(amount_after_discount_minor) FROM order_lines WHERE account_id = ?1
         GROUP BY currency ORDER BY currency",
    )?;
    let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigure {
    pub month: String,
    pub orders: i64,
    pub amount_minor: i64,
    pub currency: String,
}

/// Orders and amounts per UTC+8 month from `from_month` on; months without orders
/// are absent here and filled in by the caller, which knows the calendar.
pub fn per_month(conn: &Connection, account_id: i64, from_month: &str) -> Result<Vec<MonthFigure>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT o.month_cn, count(DISTINCT o.order_id), coalesce(sum(l.amount_after_discount_minor), 0),
                coalesce(max(l.currency), 'CNY')
         FROM orders o LEFT JOIN order_lines l ON l.account_id = o.account_id AND l.order_id = o.order_id
         WHERE o.account_id = ?1 AND o.month_cn >= ?2
         GROUP BY o.month_cn ORDER BY o.month_cn",
    )?;
    let rows = stmt.query_map(params![account_id, from_month], |r| {
        Ok(MonthFigure {
            month: r.get(0)?,
            orders: r.get(1)?,
            amount_minor: r.get(2)?,
            currency: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many orders per order type, most first.
pub fn by_order_type(conn: &Connection, account_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT order_type, count(*) FROM orders WHERE account_id = ?1 GROUP BY order_type ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn by_charging_mode(conn: &Connection, account_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT charging_mode, count(*) FROM order_lines WHERE account_id = ?1 GROUP BY charging_mode ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
