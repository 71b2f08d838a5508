//! Expected bill lines against Huawei's bill (reference §5, S-EN-CONF, S-CN-Z).

use super::reconcile::*;
use super::run::YearMonth;

const OCT: YearMonth = YearMonth { year: 2026, month: 10 };
const NOV: YearMonth = YearMonth { year: 2026, month: 11 };

fn expected(order_id: &str, period: YearMonth, amount_minor: i64, net_minor: i64) -> ExpectedLine {
    ExpectedLine {
        order_id: order_id.to_string(),
        period,
        amount_minor,
        net_minor,
    }
}

fn actual(order_id: &str, period: YearMonth, amount_minor: i64, net_minor: i64) -> ActualLine {
    ActualLine {
        order_id: order_id.to_string(),
        period,
        amount_minor,
        net_minor,
    }
}

#[test]
fn identical_bills_have_no_variance() {
    let e = [expected("CS1", OCT, 80_000, 56_000), expected("CS2", OCT, 100, 87)];
    let a = [actual("CS2", OCT, 100, 87), actual("CS1", OCT, 80_000, 56_000)];
    assert!(reconcile(&e, &a).is_empty(), "order of lines does not matter");
}

#[test]
fn an_expected_order_absent_from_the_bill_is_missing() {
    let found = reconcile(&[expected("CS1", OCT, 80_000, 56_000)], &[]);
    assert_eq!(found.len(), 1);
    let v = &found[0];
    assert_eq!(v.cause, VarianceCause::Missing);
    assert_eq!(
        (v.expected_minor, v.actual_minor, v.difference_minor),
        (56_000, 0, -56_000)
    );
    assert_eq!((v.expected_period, v.actual_period), (Some(OCT), None));
    assert_eq!(v.label.en, "Not on the bill: expected settlement 560.00 for 2026-10");
    assert_eq!(v.label.zh, "账单中缺少该订单：预期 2026-10 结算金额 560.00");
}

#[test]
fn a_billed_order_not_expected_is_extra() {
    let found = reconcile(&[], &[actual("CS9", OCT, 1_000, 870)]);
    assert_eq!(found.len(), 1);
    let v = &found[0];
    assert_eq!(v.order_id, "CS9");
    assert_eq!(v.cause, VarianceCause::Extra);
    assert_eq!((v.expected_minor, v.actual_minor, v.difference_minor), (0, 870, 870));
    assert!(v.label.zh.contains("多出"));
}

#[test]
fn a_different_sales_amount_is_reported_on_the_sales_amount() {
    let found = reconcile(
        &[expected("CS1", OCT, 80_000, 56_000)],
        &[actual("CS1", OCT, 79_000, 55_150)],
    );
    assert_eq!(found.len(), 1);
    let v = &found[0];
    assert_eq!(v.cause, VarianceCause::AmountDiffers);
    assert_eq!(
        (v.expected_minor, v.actual_minor, v.difference_minor),
        (80_000, 79_000, -1_000)
    );
    assert_eq!(v.label.en, "Sales amount differs: expected 800.00, billed 790.00");
}

#[test]
fn the_same_sales_amount_with_another_settlement_points_at_fee_or_taxes() {
    let found = reconcile(
        &[expected("CS1", OCT, 80_000, 56_000)],
        &[actual("CS1", OCT, 80_000, 57_600)],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cause, VarianceCause::NetDiffers);
    assert_eq!(found[0].difference_minor, 1_600);
    assert!(found[0].label.zh.contains("平台使用费"));
}

#[test]
fn an_order_billed_in_another_period_is_a_period_difference_not_missing_and_extra() {
    let found = reconcile(
        &[expected("CS1", OCT, 80_000, 56_000)],
        &[actual("CS1", NOV, 80_000, 56_000)],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let v = &found[0];
    assert_eq!(v.cause, VarianceCause::PeriodDiffers);
    assert_eq!((v.expected_period, v.actual_period), (Some(OCT), Some(NOV)));
    assert_eq!(v.difference_minor, 0);
    assert_eq!(v.label.en, "Billed in period 2026-11 instead of 2026-10");
}

#[test]
fn a_period_difference_with_another_amount_reports_both() {
    let found = reconcile(
        &[expected("CS1", OCT, 80_000, 56_000)],
        &[actual("CS1", NOV, 90_000, 63_000)],
    );
    let causes: Vec<_> = found.iter().map(|v| v.cause).collect();
    assert_eq!(causes, [VarianceCause::PeriodDiffers, VarianceCause::AmountDiffers]);
}

#[test]
fn an_order_billed_in_two_periods_pairs_the_matching_period_first() {
    let e = [expected("CS1", NOV, 100, 87), expected("CS1", OCT, 100, 87)];
    let a = [actual("CS1", OCT, 100, 87), actual("CS1", NOV, 100, 87)];
    assert!(reconcile(&e, &a).is_empty());
    let found = reconcile(&e, &a[..1]);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].cause, found[0].expected_period),
        (VarianceCause::Missing, Some(NOV))
    );
}

#[test]
fn variances_are_sorted_by_order_id() {
    let e = [
        expected("CS3", OCT, 100, 87),
        expected("CS1", OCT, 100, 87),
        expected("CS2", OCT, 100, 87),
    ];
    let a = [actual("CS0", OCT, 5, 4), actual("CS2", OCT, 100, 80)];
    let found = reconcile(&e, &a);
    let ids: Vec<_> = found.iter().map(|v| (v.order_id.as_str(), v.cause)).collect();
    assert_eq!(
        ids,
        [
            ("CS0", VarianceCause::Extra),
            ("CS1", VarianceCause::Missing),
            ("CS2", VarianceCause::NetDiffers),
            ("CS3", VarianceCause::Missing),
        ]
    );
}

#[test]
fn variances_serialize_in_snake_case() {
    let found = reconcile(
        &[expected("CS1", OCT, 80_000, 56_000)],
        &[actual("CS1", OCT, 79_000, 55_150)],
    );
    let json = serde_json::to_value(&found).unwrap();
    assert_eq!(json[0]["cause"], "amount_differs");
    assert_eq!(json[0]["expected_period"]["month"], 10);
    let back: Vec<Variance> = serde_json::from_value(json).unwrap();
    assert_eq!(back, found);
}
