//! The nine MOCK order ids KooGallery documents for debugging the order query.
//!
//! Each has one line `<id>-000001`. Field values follow the structure of the
//! documented mock response (§4.1 of the API reference); the sandbox serves them
//! exactly, and the client's test connection queries `MOCKPERIODYEARNEW`.

use crate::money::{Currency, Money};
use crate::order::{Buyer, ChargingMode, Order, OrderLine, OrderType};
use chrono::{DateTime, TimeZone, Utc};

pub const MOCK_ORDER_IDS: [&str; 9] = [
    "MOCKPERIODYEARNEW",
    "MOCKONETIMENEW",
    "MOCKONDEMAND",
    "MOCKONDEMANDPKG",
    "MOCKPERIODDAYTRIAL",
    "MOCKMONTYTRIALTOFORMAL",
    "MOCKMONTYUNSUBSCRIBE",
    "MOCKMONTYRENEW",
    "MOCKMONTYCHANGE",
];

/// The order the app's "Test connection" asks for.
pub const CONNECTION_CHECK_ORDER: &str = "MOCKPERIODYEARNEW";

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("valid mock date")
}

fn shape(id: &str) -> (OrderType, ChargingMode, Option<(&'static str, i64)>, &'static str, i64) {
    match id {
        "MOCKPERIODYEARNEW" => (
            OrderType::New,
            ChargingMode::Period,
            Some(("year", 1)),
            "basic, yearly/monthly",
            10000,
        ),
        "MOCKONETIMENEW" => (OrderType::New, ChargingMode::OneTime, None, "basic, one-time", 10000),
        "MOCKONDEMAND" => (OrderType::New, ChargingMode::OnDemand, None, "basic, pay-per-use", 0),
        "MOCKONDEMANDPKG" => (
            OrderType::New,
            ChargingMode::OnDemandPkg,
            None,
            "basic, pay-per-use package",
            5000,
        ),
        "MOCKPERIODDAYTRIAL" => (
            OrderType::Trial,
            ChargingMode::Period,
            Some(("day", 7)),
            "basic, trial",
            0,
        ),
        "MOCKMONTYTRIALTOFORMAL" => (
            OrderType::TrialToFormal,
            ChargingMode::Period,
            Some(("month", 1)),
            "basic, monthly",
            1000,
        ),
        "MOCKMONTYUNSUBSCRIBE" => (
            OrderType::Unsubscribe,
            ChargingMode::Period,
            Some(("month", 1)),
            "basic, monthly",
            0,
        ),
        "MOCKMONTYRENEW" => (
            OrderType::Renew,
            ChargingMode::Period,
            Some(("month", 1)),
            "basic, monthly",
            1000,
        ),
        _ => (
            OrderType::Change,
            ChargingMode::Period,
            Some(("month", 1)),
            "advanced, monthly",
            2000,
        ),
    }
}

/// The nine documented mock orders, priced in `currency`.
pub fn mock_orders(currency: Currency) -> Vec<Order> {
    MOCK_ORDER_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (order_type, mode, period, spec, minor) = shape(id);
            let created = at(2024, 11, 21, 9, 8, 46) + chrono::Duration::hours(i as i64);
            let expire = period.map(|(unit, n)| match unit {
                "year" => at(2025, 11, 21, 23, 59, 59),
                "day" => created + chrono::Duration::days(n),
                _ => at(2024, 12, 21, 23, 59, 59),
            });
            Order {
                order_id: id.to_string(),
                order_type,
                create_time: created,
                lines: vec![OrderLine {
                    order_line_id: format!("{id}-000001"),
                    charging_mode: mode,
                    period_type: period.map(|(u, _)| u.to_string()),
                    period_number: period.map(|(_, n)| n),
                    expire_time: expire,
                    product_id: "OFFI846204237451911168".to_string(),
                    product_name: format!("MOCK test product, spec, {spec}"),
                    sku_code: format!("0a4d1578-8f8a-4c4e-9a21-{:012}", i + 1),
                    linear_value: (mode == ChargingMode::Period).then_some(50),
                    amount: Money::new(minor, currency),
                    amount_after_discount: Money::new(minor, currency),
                }],
                buyer: Some(Buyer {
                    customer_id: Some("459bbbec0c9f4b8ba5a6ab5b6e3b2c01".to_string()),
                    customer_name: Some("mock_user_01".to_string()),
                    customer_real_name: Some("Mock Buyer Co., Ltd.".to_string()),
                    customer_type: Some(0),
                    email: None,
                    mobile_phone: Some("186****0000".to_string()),
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{OrderInfo, OrderQueryResponse};

    #[test]
    fn serves_all_nine_documented_ids_each_with_its_000001_line() {
        let orders = mock_orders(Currency::Cny);
        assert_eq!(orders.len(), 9, "KooGallery documents nine mock orders");
        for o in &orders {
            assert_eq!(o.lines[0].order_line_id, format!("{}-000001", o.order_id));
        }
        let types: Vec<_> = orders.iter().map(|o| o.order_type.as_str()).collect();
        for t in ["NEW", "TRIAL", "TRIAL_TO_FORMAL", "UNSUBSCRIBE", "RENEW", "CHANGE"] {
            assert!(types.contains(&t), "mock orders should cover order type {t}");
        }
    }

    #[test]
    fn the_yearly_mock_looks_like_the_documented_response() {
        let order = &mock_orders(Currency::Cny)[0];
        let json = serde_json::to_value(OrderInfo::from_order(order)).unwrap();
        assert_eq!(json["createTime"], "20241121090846");
        let line = &json["orderLine"][0];
        assert_eq!(line["periodType"], "year");
        assert_eq!(line["periodNumber"], 1, "periodNumber travels as a number");
        assert_eq!(
            line["currency"], "100",
            "amounts travel as strings without trailing .00"
        );
        assert_eq!(line["expireTime"], "20251121235959");
        assert!(
            json["buyerInfo"]["email"].is_null(),
            "absent buyer fields are explicit nulls"
        );
        assert_eq!(json["buyerInfo"]["customerType"], 0);
    }

    #[test]
    fn a_documented_style_response_parses_back_into_the_same_order() {
        let order = mock_orders(Currency::Cny).remove(0);
        let text = serde_json::to_string(&OrderQueryResponse {
            result_code: "MKT.0000".into(),
            result_msg: "Success".into(),
            order_info: Some(OrderInfo::from_order(&order)),
        })
        .unwrap();
        let back: OrderQueryResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(back.order_info.unwrap().to_order(Currency::Cny).unwrap(), order);
    }

    #[test]
    fn a_hostile_order_names_the_field_that_is_wrong() {
        let mut info = OrderInfo::from_order(&mock_orders(Currency::Cny)[0]);
        info.order_line[0].currency = Some("1e9".into());
        let err = info.to_order(Currency::Cny).unwrap_err();
        assert!(
            err.to_string().contains("orderLine[MOCKPERIODYEARNEW-000001].currency"),
            "{err}"
        );
        info.order_line[0].currency = Some("100".into());
        info.create_time = "2024-11-21".into();
        assert_eq!(info.to_order(Currency::Cny).unwrap_err().field, "createTime");
    }
}
