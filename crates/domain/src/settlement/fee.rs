//! The platform fee (平台使用费 / 分成比例) Huawei keeps from each order.
//!
//! WHY: the fee is the largest deduction on a bill, and it depends on facts the
//! seller knows but the bill does not explain: the product's access type, whether
//! the product was released on or after 2022-11-11, and its contract. Products
//! released since then follow the baseline split per type (ISV/Huawei: SaaS 87/13,
//! License 87/13, professional service 97.5/2.5, image 80/20, hardware 90/10); stock
//! products released earlier keep 15 % (reference §5, S-CN-V, S-CN-AP). Products on
//! the general-product contract pay 5 % since 2019-05-01 (S-CN-W), and from
//! 2024-03-01 earn the monthly GMV rebate on top (S-CN-X), computed in
//! [`super::rebate`].
//!
//! Where the reference is silent or truncated:
//! - Whether a product is on the 5 % rule cannot be derived from its type or release
//!   date (5 % products still existed in 2024, when the rebate was introduced for
//!   them). It is a fact of the contract the seller reads in the console (成交价分成,
//!   S-CN-A2), so it has its own function, [`general_product_rate`], which callers
//!   that know it use instead of [`fee_rate`]; `fee_rate` itself is unchanged.
//! - The 5 % rule says "halved" but gives no earlier rate: an order effective before
//!   2019-05-01 gets no rate rather than a guess.
//! - The GMV rebate does not change a line's fee: each line still carries 5 %, and
//!   the rebate is settled monthly per product, apart from the lines (S-CN-X).
//! - "Other ratios negotiable with the ecosystem manager": a negotiated rate is not
//!   knowable here; callers that have one pass it to [`crate::settlement::settle`]
//!   directly.
//! - The "from 2025-01-01 统一…" text is truncated (§8) and is not modelled.
//!   `order_effective` is taken by [`fee_rate`] so that such a date-bound rule can be
//!   added without changing callers; today that ratio depends only on the release date.

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

/// The general-product rate applies to orders effective from this day (S-CN-W).
pub const GENERAL_PRODUCT_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(2019, 5, 1) {
    Some(day) => day,
    None => panic!("2019-05-01 is a valid date"),
};

/// The general-product platform fee: 5 %.
pub const GENERAL_PRODUCT_PPM: u32 = 50_000;

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
    /// The product is on the general-product contract: 5 % since 2019-05-01, with the
    /// monthly GMV rebate for orders effective from 2024-03-01.
    GeneralFivePercent,
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
            FeeRule::GeneralFivePercent => Label::new(
                "General product: 5 % since 2019-05-01; orders effective from 2024-03-01 also earn the monthly GMV rebate",
                "通用商品：自 2019-05-01 起平台使用费比例 5%；2024-03-01 及之后生效的订单另按月享受 GMV 返还",
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

/// The platform-fee rate for a product on the general-product 5 % contract, for an
/// order effective on `order_effective`; `None` before 2019-05-01, whose rate the
/// reference does not give. Whether the order also earns the GMV rebate is
/// [`super::rebate::rebate_eligibility`].
pub fn general_product_rate(order_effective: NaiveDate) -> Option<FeeRate> {
    (order_effective >= GENERAL_PRODUCT_SINCE).then_some(FeeRate {
        ppm: GENERAL_PRODUCT_PPM,
        rule: FeeRule::GeneralFivePercent,
    })
}
