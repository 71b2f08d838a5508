//! Orders as KooGallery describes them in the Open API order query (§4.1).
//!
//! The order is the one seller object with a public API, so this model follows the
//! documented field set: order type, lines with a charging mode and product/SKU, and
//! the buyer. Amounts are exact [`Money`].

use crate::money::Money;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

wire_enum! {
    /// `orderType` of the order query.
    OrderType {
        New = "NEW",
        Trial = "TRIAL",
        TrialToFormal = "TRIAL_TO_FORMAL",
        Unsubscribe = "UNSUBSCRIBE",
        Renew = "RENEW",
        Change = "CHANGE",
    }
}

wire_enum! {
    /// `chargingMode` of an order line.
    ChargingMode {
        OnDemand = "ON_DEMAND",
        OneTime = "ONE_TIME",
        Period = "PERIOD",
        OnDemandPkg = "ON_DEMAND_PKG",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buyer {
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    pub customer_real_name: Option<String>,
    pub customer_type: Option<i64>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub order_line_id: String,
    pub charging_mode: ChargingMode,
    pub period_type: Option<String>,
    pub period_number: Option<i64>,
    pub expire_time: Option<DateTime<Utc>>,
    pub product_id: String,
    pub product_name: String,
    pub sku_code: String,
    pub linear_value: Option<i64>,
    pub amount: Money,
    pub amount_after_discount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub order_id: String,
    pub order_type: OrderType,
    /// When the buyer placed the order (not when it took effect).
    pub create_time: DateTime<Utc>,
    pub lines: Vec<OrderLine>,
    pub buyer: Option<Buyer>,
}

impl Order {
    /// What the buyer pays across all lines, after discounts.
    pub fn total_after_discount(&self) -> Option<Money> {
        let first = self.lines.first()?;
        let minor = self.lines.iter().map(|l| l.amount_after_discount.minor).sum();
        Some(Money::new(minor, first.amount_after_discount.currency))
    }
}
