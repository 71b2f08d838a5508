//! The JSON shapes of the Open API order query, shared by client and sandbox.
//!
//! Field names and quirks follow the documented mock response: amounts travel as
//! strings named `currency`/`currencyAfterDiscount`, counts as numbers, absent
//! buyer fields as explicit `null`, times as `yyyyMMddHHmmss`. KooGallery does not
//! state the time zone of `createTime`; like API Gateway's own dates we read it as
//! UTC (an assumption, noted here and in docs/ARCHITECTURE.md).

use crate::money::{Currency, Money};
use crate::order::{Buyer, ChargingMode, Order, OrderLine, OrderType};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

pub const ORDER_QUERY_PATH: &str = "/api/mkp-openapi-public/global/v1/order/query";
pub const SUCCESS: &str = "MKT.0000";
const TIME_FORMAT: &str = "%Y%m%d%H%M%S";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderQueryResponse {
    pub result_code: String,
    pub result_msg: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_info: Option<OrderInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameValue {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderInfo {
    pub order_id: String,
    pub order_type: String,
    pub create_time: String,
    pub order_line: Vec<WireOrderLine>,
    #[serde(default)]
    pub buyer_info: Option<BuyerInfo>,
    #[serde(default)]
    pub extend_params: Vec<NameValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireOrderLine {
    pub order_line_id: String,
    pub charging_mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_number: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<String>,
    #[serde(default)]
    pub product_info: Vec<ProductInfo>,
    #[serde(default)]
    pub extend_params: Vec<NameValue>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub currency_after_discount: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductInfo {
    pub product_id: String,
    pub sku_code: String,
    #[serde(default)]
    pub linear_value: Option<i64>,
    pub product_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BuyerInfo {
    pub mobile_phone: Option<String>,
    pub email: Option<String>,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    pub customer_real_name: Option<String>,
    pub customer_type: Option<i64>,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
}

/// Why an order from the wire could not be taken in; names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("order {order_id}: {field} {problem}")]
pub struct WireError {
    pub order_id: String,
    pub field: String,
    pub problem: String,
}

pub fn format_time(at: DateTime<Utc>) -> String {
    at.format(TIME_FORMAT).to_string()
}

pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text, TIME_FORMAT)
        .ok()
        .map(|n| n.and_utc())
}

impl OrderInfo {
    pub fn from_order(order: &Order) -> Self {
        OrderInfo {
            order_id: order.order_id.clone(),
            order_type: order.order_type.as_str().to_string(),
            create_time: format_time(order.create_time),
            order_line: order.lines.iter().map(line_to_wire).collect(),
            buyer_info: order.buyer.as_ref().map(|b| BuyerInfo {
                mobile_phone: b.mobile_phone.clone(),
                email: b.email.clone(),
                customer_id: b.customer_id.clone(),
                customer_name: b.customer_name.clone(),
                customer_real_name: b.customer_real_name.clone(),
                customer_type: b.customer_type,
                user_id: None,
                user_name: None,
            }),
            extend_params: Vec::new(),
        }
    }

    /// Takes an order off the wire; amounts are in `currency` (the site's).
    pub fn to_order(&self, currency: Currency) -> Result<Order, WireError> {
        let fail = |field: &str, problem: String| WireError {
            order_id: self.order_id.clone(),
            field: field.to_string(),
            problem,
        };
        let order_type = OrderType::parse(&self.order_type).ok_or_else(|| {
            fail(
                "orderType",
                format!("'{}' is not a documented order type", self.order_type),
            )
        })?;
        let create_time = parse_time(&self.create_time)
            .ok_or_else(|| fail("createTime", format!("'{}' is not yyyyMMddHHmmss", self.create_time)))?;
        let lines = self
            .order_line
            .iter()
            .map(|l| line_from_wire(l, currency).map_err(|(field, problem)| fail(&field, problem)))
            .collect::<Result<Vec<_>, _>>()?;
        let buyer = self.buyer_info.as_ref().map(|b| Buyer {
            customer_id: b.customer_id.clone(),
            customer_name: b.customer_name.clone(),
            customer_real_name: b.customer_real_name.clone(),
            customer_type: b.customer_type,
            email: b.email.clone(),
            mobile_phone: b.mobile_phone.clone(),
        });
        Ok(Order {
            order_id: self.order_id.clone(),
            order_type,
            create_time,
            lines,
            buyer,
        })
    }
}

fn line_to_wire(line: &OrderLine) -> WireOrderLine {
    WireOrderLine {
        order_line_id: line.order_line_id.clone(),
        charging_mode: line.charging_mode.as_str().to_string(),
        period_type: line.period_type.clone(),
        period_number: line.period_number,
        expire_time: line.expire_time.map(format_time),
        product_info: vec![ProductInfo {
            product_id: line.product_id.clone(),
            sku_code: line.sku_code.clone(),
            linear_value: line.linear_value,
            product_name: line.product_name.clone(),
        }],
        extend_params: Vec::new(),
        currency: Some(trim_amount(&line.amount)),
        currency_after_discount: Some(trim_amount(&line.amount_after_discount)),
    }
}

/// KooGallery writes "100" rather than "100.00"; so does the sandbox.
fn trim_amount(money: &Money) -> String {
    let s = money.amount_string();
    s.strip_suffix(".00").map(str::to_string).unwrap_or(s)
}

fn line_from_wire(l: &WireOrderLine, currency: Currency) -> Result<OrderLine, (String, String)> {
    let at = |field: &str| format!("orderLine[{}].{field}", l.order_line_id);
    let charging_mode = ChargingMode::parse(&l.charging_mode).ok_or_else(|| {
        (
            at("chargingMode"),
            format!("'{}' is not a documented charging mode", l.charging_mode),
        )
    })?;
    let product = l.product_info.first();
    let money = |field: &str, v: &Option<String>| -> Result<Money, (String, String)> {
        match v {
            None => Ok(Money::new(0, currency)),
            Some(text) => Money::parse(text, currency).map_err(|e| (at(field), e.to_string())),
        }
    };
    let expire_time = match &l.expire_time {
        None => None,
        Some(t) => Some(parse_time(t).ok_or_else(|| (at("expireTime"), format!("'{t}' is not yyyyMMddHHmmss")))?),
    };
    Ok(OrderLine {
        order_line_id: l.order_line_id.clone(),
        charging_mode,
        period_type: l.period_type.clone(),
        period_number: l.period_number,
        expire_time,
        product_id: product.map(|p| p.product_id.clone()).unwrap_or_default(),
        product_name: product.map(|p| p.product_name.clone()).unwrap_or_default(),
        sku_code: product.map(|p| p.sku_code.clone()).unwrap_or_default(),
        linear_value: product.and_then(|p| p.linear_value),
        amount: money("currency", &l.currency)?,
        amount_after_discount: money("currencyAfterDiscount", &l.currency_after_discount)?,
    })
}
