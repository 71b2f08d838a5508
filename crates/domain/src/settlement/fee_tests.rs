//! Platform-fee ratios by product type and release date (reference §5, S-CN-V).

use super::fee::*;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn products_released_since_2022_11_11_pay_the_baseline_for_their_type() {
    let cases = [
        (ProductType::Saas, 130_000),
        (ProductType::License, 130_000),
        (ProductType::ProfessionalService, 25_000),
        (ProductType::Consulting, 25_000),
        (ProductType::Image, 200_000),
        (ProductType::Hardware, 100_000),
    ];
    for (product, ppm) in cases {
        let rate = fee_rate(product, FEE_BASELINE_FROM, day(2026, 3, 1));
        assert_eq!(rate.ppm, ppm, "{product:?} released on 2022-11-11 pays {ppm} ppm");
        assert_eq!(rate.rule, FeeRule::Baseline2022);
    }
}

#[test]
fn stock_products_released_before_2022_11_11_pay_15_percent_whatever_the_type() {
    for product in ProductType::ALL {
        let rate = fee_rate(product, day(2022, 11, 10), day(2026, 3, 1));
        assert_eq!(
            rate,
            FeeRate {
                ppm: 150_000,
                rule: FeeRule::StockBefore2022
            },
            "{product:?} released the day before the cut-over keeps the stock rate"
        );
    }
}

#[test]
fn api_products_have_no_published_baseline_and_assume_the_stock_rate() {
    let rate = fee_rate(ProductType::Api, day(2025, 6, 1), day(2026, 1, 1));
    assert_eq!(rate.ppm, 150_000);
    assert_eq!(rate.rule, FeeRule::NoBaselineForType);
    assert!(
        rate.rule.label().en.contains("assumed"),
        "the label admits it is an assumption"
    );
}

#[test]
fn the_order_date_does_not_change_the_rate_today() {
    let early = fee_rate(ProductType::Image, day(2023, 1, 1), day(2023, 1, 2));
    let late = fee_rate(ProductType::Image, day(2023, 1, 1), day(2030, 1, 2));
    assert_eq!(early, late);
}

#[test]
fn every_rule_and_type_has_english_and_chinese_labels() {
    for rule in [
        FeeRule::Baseline2022,
        FeeRule::StockBefore2022,
        FeeRule::NoBaselineForType,
        FeeRule::GeneralFivePercent,
    ] {
        let label = rule.label();
        assert!(!label.en.is_empty() && !label.zh.is_empty(), "{rule:?}");
        assert_ne!(label.en, label.zh, "{rule:?} is translated, not copied");
    }
    for product in ProductType::ALL {
        let label = product.label();
        assert!(!label.en.is_empty() && !label.zh.is_empty(), "{product:?}");
    }
    assert_eq!(ProductType::Image.label().zh, "镜像");
}

#[test]
fn rates_serialize_in_snake_case() {
    let rate = fee_rate(ProductType::ProfessionalService, day(2024, 1, 1), day(2024, 2, 1));
    let json = serde_json::to_string(&rate).unwrap();
    assert_eq!(json, r#"{"ppm":25000,"rule":"baseline2022"}"#);
    let product = serde_json::to_string(&ProductType::ProfessionalService).unwrap();
    assert_eq!(product, r#""professional_service""#);
    let back: FeeRate = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rate);
}

#[test]
fn general_products_pay_5_percent_for_orders_effective_since_2019_05_01() {
    assert_eq!(
        general_product_rate(GENERAL_PRODUCT_SINCE),
        Some(FeeRate {
            ppm: 50_000,
            rule: FeeRule::GeneralFivePercent
        }),
        "an order effective on 2019-05-01 pays the general-product 5 %"
    );
    assert_eq!(
        general_product_rate(day(2019, 4, 30)),
        None,
        "the rate before 2019-05-01 is not documented, so none is guessed"
    );
    assert_eq!(
        general_product_rate(day(2026, 3, 1)).map(|r| r.ppm),
        Some(GENERAL_PRODUCT_PPM),
        "the 5 % rule does not depend on the release date or product type"
    );
    let json = serde_json::to_string(&FeeRule::GeneralFivePercent).unwrap();
    assert_eq!(
        json, r#""general_five_percent""#,
        "the new rule serializes in snake_case"
    );
}
