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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRow {
    pub order_id: String,
    pub order_type: String,
    pub create_time: String,
    pub product_name: String,
    pub charging_mode: String,
    pub amount: String,
    pub currency: String,
    pub buyer_name: Option<String>,
    pub line_count: i64,
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
        .map(|r| OrderRow {
            order_id: r.order_id,
            order_type: r.order_type,
            create_time: r.create_time,
            product_name: r.product_name,
            charging_mode: r.charging_mode,
            amount: format_minor(r.amount_minor),
            currency: r.currency,
            buyer_name: r.buyer_name,
            line_count: r.line_count,
        })
        .collect();
    Ok(OrderPage { total, rows })
}
