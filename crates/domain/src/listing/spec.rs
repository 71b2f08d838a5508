//! Specifications and SKUs: how a listed product is priced and bought.
//!
//! WHY separate from the draft: specs outlive a single application — once listed they
//! can be removed but not deleted, and their attributes cannot change — so they are the
//! part the lifecycle rules will hold on to. Prices are `Money` in exact minor units;
//! a SKU price typed as "99.9" is parsed once, never carried as a float.

use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a specification is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingMode {
    YearlyMonthly,
    OneTime,
    PerUse,
    PayPerUse,
    OnDemandPackage,
    /// "Free image" mode: a $0 image must use it (reference §1, billing modes).
    Free,
}

impl BillingMode {
    pub const ALL: [BillingMode; 6] = [
        BillingMode::YearlyMonthly,
        BillingMode::OneTime,
        BillingMode::PerUse,
        BillingMode::PayPerUse,
        BillingMode::OnDemandPackage,
        BillingMode::Free,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BillingMode::YearlyMonthly => "yearly_monthly",
            BillingMode::OneTime => "one_time",
            BillingMode::PerUse => "per_use",
            BillingMode::PayPerUse => "pay_per_use",
            BillingMode::OnDemandPackage => "on_demand_package",
            BillingMode::Free => "free",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

/// A SKU attribute: one quantity attribute (e.g. users 1–500) or an enum (e.g. edition).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    Quantity {
        name: String,
        unit: String,
        min: u32,
        max: u32,
    },
    Enumeration {
        name: String,
        values: Vec<String>,
    },
}

/// One priced SKU of a specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sku {
    pub code: String,
    pub price: Money,
    /// Chosen attribute values by attribute name (enum value or quantity as text).
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// Per-user purchase limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseLimit {
    pub max_count: u32,
    pub until_resource_expiry: bool,
}

/// A specification (规格): billing mode, attributes, SKUs, trial and limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    pub name: String,
    pub billing: BillingMode,
    #[serde(default)]
    pub attributes: Vec<Attribute>,
    #[serde(default)]
    pub skus: Vec<Sku>,
    pub trial_days: Option<u16>,
    pub purchase_limit: Option<PurchaseLimit>,
}
