//! The platform fee (平台使用费 / 分成比例) Huawei keeps from each order.
//!
//! WHY: the fee is the largest deduction on a bill, and it depends on two facts the
//! seller knows but the bill does not explain: the product's access type and whether
//! the product was released on or after 2022-11-11. Products released since then
//! follow the baseline split per type (ISV/Huawei: SaaS 87/13, License 87/13,
//! professional service 97.5/2.5, image 80/20, hardware 90/10); stock products
//! released earlier keep 15 % (reference §5, S-CN-V, S-CN-AP).
//!
//! Where the reference is silent or truncated:
//! - "Other ratios negotiable with the ecosystem manager": a negotiated rate is not
//!   knowable here; callers that have one pass it to [`crate::settlement::settle`]
//!   directly instead of using [`fee_rate`].
//! - The older 5 % general-product rate (since 2019-05-01) and the 2024-03-01 GMV
//!   rebate apply to specific contracts, and the "from 2025-01-01 统一…" text is
//!   truncated; none of them is applied. `order_effective` is taken so that such a
//!   date-bound rule can be added without changing callers; today the ratio depends
//!   only on the release date, as the reference states it.

use super::Label;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One whole, in parts per million: 1 000 000 ppm = 100 %.
pub const PPM: u32 = 1_000_000;

/// Products released on or after this day follow the per-type baseline split.
pub const FEE_BASELINE_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2022, 11, 11) {
    Some(day) => day,
    None => panic!("2022-11-11 is a valid date"),
};

/// The stock rate for products released before [`FEE_BASELINE_FROM`]: 15 %.
const STOCK_PPM: u32 = 150_000;

/// A product's access type (接入类型) as far as the fee is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductType {
    Saas,
    License,
    /// Professional / manual service (专业服务 / 人工服务).
    ProfessionalService,
    /// Consulting is sold as a professional service on KooGallery; the reference has
    /// no separate ratio for it, so it is charged as one (2.5 %).
    Consulting,
    Image,
    Hardware,
    /// API products: the reference gives no baseline ratio, so the stock 15 % applies
    /// whatever the release date (see [`FeeRule::NoBaselineForType`]).
    Api,
}

impl ProductType {
    pub const ALL: [ProductType; 7] = [
        ProductType::Saas,
        ProductType::License,
        ProductType::ProfessionalService,
        ProductType::Consulting,
        ProductType::Image,
        ProductType::Hardware,
        ProductType::Api,
    ];

    pub fn label(self) -> Label {
        let (en, zh) = match self {
            ProductType::Saas => ("SaaS", "SaaS"),
            ProductType::License => ("License", "License"),
            ProductType::ProfessionalService => ("Professional service", "专业服务"),
            ProductType::Consulting => ("Consulting", "咨询服务"),
            ProductType::Image => ("Image", "镜像"),
            ProductType::Hardware => ("Hardware", "硬件"),
            ProductType::Api => ("API", "API"),
        };
        Label::new(en, zh)
    }

    /// The baseline fee for products released since 2022-11-11; `None` where the
    /// reference gives none.
    fn baseline_ppm(self) -> Option<u32> {
        match self {
            ProductType::Saas | ProductType::License => Some(130_000),
            ProductType::ProfessionalService | ProductType::Consulting => Some(25_000),
            ProductType::Image => Some(200_000),
            ProductType::Hardware => Some(100_000),
            ProductType::Api => None,
        }
    }
}

/// Why a fee rate applies, so the seller can check it against the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeRule {
    /// Released on or after 2022-11-11: the baseline split for the product type.
    Baseline2022,
    /// Released before 2022-11-11: stock products keep 15 %.
    StockBefore2022,
    /// The reference gives no baseline for this type: the stock 15 % is assumed.
    NoBaselineForType,
}

impl FeeRule {
    pub fn label(self) -> Label {
        match self {
            FeeRule::Baseline2022 => Label::new(
                "Released on or after 2022-11-11: baseline platform fee for the product type",
                "2022-11-11 及之后发布的商品：按商品类型的基准平台使用费比例",
            ),
            FeeRule::StockBefore2022 => Label::new(
                "Released before 2022-11-11: stock product rate of 15 %",
                "2022-11-11 之前发布的存量商品：平台使用费比例 15%",
            ),
            FeeRule::NoBaselineForType => Label::new(
                "No published baseline for this product type: stock rate of 15 % assumed",
                "该商品类型无公布的基准比例：按存量商品比例 15% 估算",
            ),
        }
    }
}

/// A platform-fee rate and the rule it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeeRate {
    /// Parts per million of the settlement base: 130 000 = 13 %.
    pub ppm: u32,
    pub rule: FeeRule,
}

/// The platform-fee rate for a product of `product_type` released on `released_on`,
/// for an order effective on `order_effective` (see the module notes on that date).
pub fn fee_rate(product_type: ProductType, released_on: NaiveDate, _order_effective: NaiveDate) -> FeeRate {
    if released_on < FEE_BASELINE_FROM {
        return FeeRate {
            ppm: STOCK_PPM,
            rule: FeeRule::StockBefore2022,
        };
    }
    match product_type.baseline_ppm() {
        Some(ppm) => FeeRate {
            ppm,
            rule: FeeRule::Baseline2022,
        },
        None => FeeRate {
            ppm: STOCK_PPM,
            rule: FeeRule::NoBaselineForType,
        },
    }
}
