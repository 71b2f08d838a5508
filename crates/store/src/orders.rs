//! The `orders` and `order_lines` tables: orders as the Open API returned them.
//!
//! An order is written whole (header and lines in one transaction) so a list never
//! shows an order without its lines. Amounts are stored in minor units.

use crate::StoreError;
use chrono::{DateTime, Utc};
use gallerist_domain::{china_month, Order};
use rusqlite::{params, params_from_iter, types::Value, Connection};
use serde::Serialize;

/// Writes (or replaces) one order with all its lines.
pub fn upsert(conn: &Connection, account_id: i64, order: &Order, now: DateTime<Utc>) -> Result<(), StoreError> {
    let buyer = order.buyer.as_ref();
    conn.execute(
        "INSERT INTO orders (account_id, order_id, order_type, create_time, month_cn, buyer_customer_id,
                             buyer_name, buyer_real_name, buyer_type, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (account_id, order_id) DO UPDATE SET
             order_type = excluded.order_type, create_time = excluded.create_time, month_cn = excluded.month_cn,
             buyer_customer_id = excluded.buyer_customer_id, buyer_name = excluded.buyer_name,
             buyer_real_name = excluded.buyer_real_name, buyer_type = excluded.buyer_type,
             fetched_at = excluded.fetched_at",
        params![
            account_id,
            order.order_id,
            order.order_type.as_str(),
            order.create_time.to_rfc3339(),
            china_month(order.create_time),
            buyer.and_then(|b| b.customer_id.clone()),
            buyer.and_then(|b| b.customer_name.clone()),
            buyer.and_then(|b| b.customer_real_name.clone()),
            buyer.and_then(|b| b.customer_type),
            now.to_rfc3339(),
        ],
    )?;
    conn.execute(
        "DELETE FROM order_lines WHERE account_id = ?1 AND order_id = ?2",
        params![account_id, order.order_id],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO order_lines (account_id, order_id, order_line_id, charging_mode, period_type, period_number,
             expire_time, product_id, product_name, sku_code, linear_value, currency, amount_minor,
             amount_after_discount_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for l in &order.lines {
        stmt.execute(params![
            account_id,
            order.order_id,
            l.order_line_id,
            l.charging_mode.as_str(),
            l.period_type,
            l.period_number,
            l.expire_time.map(|t| t.to_rfc3339()),
            l.product_id,
            l.product_name,
            l.sku_code,
            l.linear_value,
            l.amount_after_discount.currency.code(),
            l.amount.minor,
            l.amount_after_discount.minor,
        ])?;
    }
    Ok(())
}

/// One row of the orders list: the order with its first line's product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRow {
    pub order_id: String,
    pub order_type: String,
    pub create_time: String,
    pub product_name: String,
    pub charging_mode: String,
    /// Exact minor units; IPC carries the decimal string the API adds beside it.
    #[serde(skip_serializing)]
    pub amount_minor: i64,
    pub currency: String,
    pub buyer_name: Option<String>,
    pub line_count: i64,
}

#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    /// Matches order id, product name or buyer name, case-insensitively.
    pub search: Option<String>,
    pub order_type: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Newest first; returns the total matching count with the page.
pub fn list(conn: &Connection, account_id: i64, filter: &OrderFilter) -> Result<(i64, Vec<OrderRow>), StoreError> {
    let mut clauses = vec!["o.account_id = ?".to_string()];
    let mut args: Vec<Value> = vec![account_id.into()];
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let like = format!(
            "%{}%",
            search.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
        );
        clauses.push(
            "(o.order_id LIKE ? ESCAPE '\\' OR o.buyer_real_name LIKE ? ESCAPE '\\' OR o.buyer_name LIKE ? ESCAPE '\\'
              OR EXISTS (SELECT 1 FROM order_lines s WHERE s.account_id = o.account_id AND s.order_id = o.order_id
                         AND s.product_name LIKE ? ESCAPE '\\'))"
                .to_string(),
        );
        args.extend(std::iter::repeat_n(Value::from(like), 4));
    }
    if let Some(t) = filter.order_type.as_deref().filter(|t| !t.is_empty()) {
        clauses.push("o.order_type = ?".into());
        args.push(t.to_string().into());
    }
    let condition = clauses.join(" AND ");
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM orders o WHERE {condition}"),
        params_from_iter(&args),
        |r| r.get(0),
    )?;
    // Page first (the index on create_time gives the order), then look at the lines
    // of just those rows: aggregating every order before sorting cost seconds at 100k.
    // `min(order_line_id)` with bare columns takes product and mode from the first line.
    let sql = format!(
        "WITH page AS (
             SELECT o.account_id, o.order_id, o.order_type, o.create_time,
                    coalesce(o.buyer_real_name, o.buyer_name) AS buyer
             FROM orders o WHERE {condition}
             ORDER BY o.create_time DESC, o.order_id LIMIT ? OFFSET ?)
         SELECT p.order_id, p.order_type, p.create_time, l.product_name, l.charging_mode,
                coalesce(sum(l.amount_after_discount_minor), 0), l.currency, p.buyer,
                count(l.order_line_id), min(l.order_line_id)
         FROM page p LEFT JOIN order_lines l ON l.account_id = p.account_id AND l.order_id = p.order_id
         GROUP BY p.order_id
         ORDER BY p.create_time DESC, p.order_id"
    );
    args.push(filter.limit.clamp(1, 500).into());
    args.push(filter.offset.max(0).into());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(&args), |r| {
        Ok(OrderRow {
            order_id: r.get(0)?,
            order_type: r.get(1)?,
            create_time: r.get(2)?,
            product_name: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            charging_mode: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            amount_minor: r.get(5)?,
            currency: r.get::<_, Option<String>>(6)?.unwrap_or_else(|| "CNY".into()),
            buyer_name: r.get(7)?,
            line_count: r.get(8)?,
        })
    })?;
    Ok((total, rows.collect::<Result<_, _>>()?))
}
