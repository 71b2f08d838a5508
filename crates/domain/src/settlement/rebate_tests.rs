//! The 2024-03-01 GMV rebate: the documented example and an honest incomplete table (S-CN-X).

use super::fee::{general_product_rate, FeeRule};
use super::net::settle;
use super::rebate::*;
use crate::money::{format_minor, Currency};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A table a seller completed from the console: two tiers, entered out of order.
fn completed_table() -> GmvRebateTable {
    GmvRebateTable {
        currency: Currency::Cny,
        tiers: vec![
            GmvTier {
                from_paid_minor: 150_000_000,
                extra_ppm: 20_000,
            },
            GmvTier {
                from_paid_minor: 50_000_000,
                extra_ppm: 10_000,
            },
        ],
        complete: true,
    }
}

#[test]
fn the_documented_example_cny_1_5_million_earns_95_plus_2_percent() {
    let table = GmvRebateTable::documented_seed();
    let r = monthly_rebate(150_000_000, Currency::Cny, &table);
    assert_eq!(r.base_share_ppm, 950_000, "the base share on the 5 % rule is 95 %");
    assert_eq!(r.extra_ppm, Some(20_000), "CNY 1 500 000.00 reaches the +2 % tier");
    assert_eq!(r.seller_share_ppm, Some(970_000), "the seller keeps 95 % + 2 % = 97 %");
    assert_eq!(
        r.rebate_minor,
        Some(3_000_000),
        "2 % of CNY 1 500 000.00 is CNY 30 000.00"
    );
    assert_eq!(
        r.rebate_minor.map(format_minor).as_deref(),
        Some("30000.00"),
        "the rebate formats as 30000.00"
    );
    assert!(!r.table_complete, "the documented seed must say it is incomplete");
    assert!(
        r.note.en.contains("incomplete") && r.note.zh.contains("不完整"),
        "the seller is told the table is incomplete: {:?}",
        r.note
    );
    assert!(
        r.note.en.contains("30000.00 CNY"),
        "the note states the rebate amount: {}",
        r.note.en
    );
}

#[test]
fn just_below_the_tier_the_extra_is_unknown_while_incomplete_and_zero_once_complete() {
    let seed = GmvRebateTable::documented_seed();
    let r = monthly_rebate(149_999_999, Currency::Cny, &seed);
    assert_eq!(
        r.extra_ppm, None,
        "one fen below the only known tier: unknown, not zero"
    );
    assert_eq!(
        r.seller_share_ppm, None,
        "no seller share can be stated without the extra"
    );
    assert_eq!(r.rebate_minor, None, "no rebate amount is guessed");
    assert_eq!(r.base_share_ppm, 950_000, "the base share is documented regardless");
    assert!(
        r.note.en.contains("unknown") && r.note.zh.contains("未知"),
        "the note says the rebate is unknown: {:?}",
        r.note
    );

    let complete = GmvRebateTable { complete: true, ..seed };
    let r = monthly_rebate(149_999_999, Currency::Cny, &complete);
    assert_eq!(
        r.extra_ppm,
        Some(0),
        "below every tier of a complete table: no extra share"
    );
    assert_eq!(r.rebate_minor, Some(0), "and a rebate of zero");
    assert_eq!(r.seller_share_ppm, Some(950_000), "the seller keeps the base 95 %");
    assert!(
        !r.note.en.contains("unknown"),
        "a complete table gives a definite answer: {}",
        r.note.en
    );
}

#[test]
fn a_completed_table_picks_the_highest_tier_reached() {
    let table = completed_table();
    let cases = [
        (49_999_999, Some(0), "below every tier of a complete table: no extra"),
        (50_000_000, Some(10_000), "a tier's threshold is inclusive"),
        (
            149_999_999,
            Some(10_000),
            "one fen short of the next tier keeps the lower one",
        ),
        (
            150_000_000,
            Some(20_000),
            "reaching the upper tier takes it over the lower one",
        ),
        (900_000_000, Some(20_000), "above the top tier stays on the top tier"),
    ];
    for (paid, extra, why) in cases {
        let r = monthly_rebate(paid, Currency::Cny, &table);
        assert_eq!(r.extra_ppm, extra, "{why} (paid {paid} fen)");
    }
    assert_eq!(
        table.tier_for(100_000_000).map(|tier| tier.from_paid_minor),
        Some(50_000_000),
        "tier_for reports the tier that was picked"
    );
    assert_eq!(
        monthly_rebate(60_000_000, Currency::Cny, &table).rebate_minor,
        Some(600_000),
        "the tier's share applies to the whole monthly amount: 1 % of CNY 600 000.00"
    );
}

#[test]
fn a_product_paid_in_another_currency_gets_no_guess() {
    let r = monthly_rebate(150_000_000, Currency::Usd, &GmvRebateTable::documented_seed());
    assert_eq!(r.extra_ppm, None, "CNY tiers do not apply to a USD amount");
    assert_eq!(r.rebate_minor, None, "no rebate without an exchange rate");
    assert!(
        r.note.en.contains("CNY") && r.note.en.contains("USD"),
        "the note names both currencies: {}",
        r.note.en
    );
    assert!(
        r.note.zh.contains("CNY") && r.note.zh.contains("USD"),
        "the Chinese note names both currencies: {}",
        r.note.zh
    );
}

#[test]
fn the_rebate_is_rounded_half_up_at_the_minor_unit() {
    let seed = GmvRebateTable::documented_seed();
    let cases = [
        (
            150_000_025,
            3_000_001,
            "2 % of 1 500 000.25 is 30 000.005: half a fen rounds up",
        ),
        (
            150_000_024,
            3_000_000,
            "2 % of 1 500 000.24 is 30 000.0048: rounds down",
        ),
        (
            150_000_075,
            3_000_002,
            "2 % of 1 500 000.75 is 30 000.015: half a fen rounds up",
        ),
    ];
    for (paid, rebate, why) in cases {
        let r = monthly_rebate(paid, Currency::Cny, &seed);
        assert_eq!(r.rebate_minor, Some(rebate), "{why}");
    }
}

#[test]
fn an_extra_share_above_5_percent_is_capped_so_the_seller_share_stays_at_most_100_percent() {
    let table = GmvRebateTable {
        currency: Currency::Cny,
        tiers: vec![GmvTier {
            from_paid_minor: 0,
            extra_ppm: 200_000,
        }],
        complete: true,
    };
    let r = monthly_rebate(10_000, Currency::Cny, &table);
    assert_eq!(r.extra_ppm, Some(50_000), "a mistyped 20 % extra is taken as 5 %");
    assert_eq!(r.seller_share_ppm, Some(1_000_000), "the seller share is at most 100 %");
}

#[test]
fn an_order_effective_2024_02_29_is_not_eligible_and_one_effective_2024_03_01_is() {
    let before = rebate_eligibility(FeeRule::GeneralFivePercent, day(2024, 2, 29));
    assert!(!before.eligible, "an order effective on 2024-02-29 keeps the old rule");
    assert!(
        before.note.en.contains("2024-03-01") && before.note.zh.contains("2024-03-01"),
        "the note names the cut-over day: {:?}",
        before.note
    );
    let from = rebate_eligibility(FeeRule::GeneralFivePercent, GMV_REBATE_SINCE);
    assert!(
        from.eligible,
        "an order effective on 2024-03-01 counts towards the rebate"
    );
    assert_eq!(GMV_REBATE_SINCE, day(2024, 3, 1), "the rebate starts on 2024-03-01");
}

#[test]
fn only_products_on_the_5_percent_rule_are_eligible() {
    for rule in [
        FeeRule::Baseline2022,
        FeeRule::StockBefore2022,
        FeeRule::NoBaselineForType,
    ] {
        let e = rebate_eligibility(rule, day(2025, 1, 1));
        assert!(!e.eligible, "{rule:?} is not on the 5 % rule, so no GMV rebate");
        assert!(e.note.en.contains("5 %"), "the note says why: {}", e.note.en);
    }
}

#[test]
fn a_5_percent_line_keeps_its_fee_and_the_rebate_comes_on_top() {
    let rate = general_product_rate(day(2024, 3, 1));
    assert_eq!(rate.map(|r| r.ppm), Some(50_000), "the line is charged 5 %");
    let line = settle(150_000_000, 0, rate.map_or(0, |r| r.ppm), 0, 0);
    let rebate = monthly_rebate(150_000_000, Currency::Cny, &GmvRebateTable::documented_seed());
    assert_eq!(line.net, 142_500_000, "the line pays 95 % of CNY 1.5 M");
    assert_eq!(
        rebate.rebate_minor.map(|r| line.net + r),
        Some(145_500_000),
        "line plus rebate is 97 % of CNY 1.5 M, the documented 95 % + 2 %"
    );
}

#[test]
fn a_seller_completed_table_round_trips_through_json() {
    let table = completed_table();
    let json = serde_json::to_string(&table).unwrap();
    assert!(
        json.contains(r#""currency":"CNY""#) && json.contains(r#""extra_ppm":20000"#),
        "the stored shape is plain: {json}"
    );
    let back: GmvRebateTable = serde_json::from_str(&json).unwrap();
    assert_eq!(back, table, "a stored table reads back unchanged");
}
