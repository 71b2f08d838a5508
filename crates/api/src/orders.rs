//! The orders list.

use crate::{ApiError, Core};
use gallerist_domain::money::format_minor;
use gallerist_store::{accounts, orders};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListOrders {
    pub account_id: i64,
    pub search: Option<String>,
    pub order_type: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A stored row plus its amount as an exact decimal string (`"1234.50"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderRow {
    #[serde(flatten)]
    pub row: orders::OrderRow,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderPage {
    pub total: i64,
    pub rows: Vec<OrderRow>,
}

pub fn list_orders(core: &Core, args: ListOrders) -> Result<OrderPage, ApiError> {
    if let Some(t) = args.order_type.as_deref().filter(|t| !t.is_empty()) {
        if gallerist_domain::OrderType::parse(t).is_none() {
            return Err(ApiError::invalid(format!("'{t}' is not an order type")));
        }
    }
    let conn = core.store.conn()?;
    accounts::get(&conn, args.account_id)?;
    let filter = orders::OrderFilter {
        search: args.search,
        order_type: args.order_type,
        limit: args.limit.unwrap_or(50),
        offset: args.offset.unwrap_or(0),
    };
    let (total, rows) = orders::list(&conn, args.account_id, &filter)?;
    let rows = rows
        .into_iter()
        .map(|row| OrderRow {
            amount: format_minor(row.amount_minor),
            row,
        })
        .collect();
    Ok(OrderPage { total, rows })
}
