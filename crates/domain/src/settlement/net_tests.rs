//! Settlement amounts, including the reference's worked example (S-CN-Z).

use super::net::*;

#[test]
fn reproduces_the_reference_worked_example_of_usd_560() {
    // "…×(1−15%)−100−20 = USD 560": 800.00 sold, no customer WHT, 15 % platform fee,
    // seller WHT 100.00 and DST 20.00.
    let line = settle(80_000, 0, 150_000, 10_000, 2_000);
    assert_eq!(
        line,
        Breakdown {
            gross: 80_000,
            customer_wht: 0,
            base: 80_000,
            fee: 12_000,
            seller_wht: 10_000,
            dst: 2_000,
            net: 56_000,
        }
    );
    assert_eq!(crate::money::format_minor(line.net), "560.00");
}

#[test]
fn the_fee_is_taken_after_the_customer_withholding_tax() {
    let line = settle(100_000, 10_000, 130_000, 0, 0);
    assert_eq!(line.base, 90_000);
    assert_eq!(line.fee, 11_700, "13 % of 900.00, not of 1000.00");
    assert_eq!(line.net, 78_300);
}

#[test]
fn the_fee_rounds_half_up_at_the_minor_unit() {
    let cases = [
        (5, 100_000, 1, "0.5 fen rounds up"),
        (3, 130_000, 0, "0.39 fen rounds down"),
        (7, 100_000, 1, "0.7 fen rounds up"),
        (4, 100_000, 0, "0.4 fen rounds down"),
        (1, 25_000, 0, "0.025 fen is nothing"),
        (20, 25_000, 1, "0.5 fen at 2.5 % rounds up"),
        (9_999, 25_000, 250, "249.975 fen rounds to 250"),
    ];
    for (base, ppm, fee, why) in cases {
        assert_eq!(settle(base, 0, ppm, 0, 0).fee, fee, "{why}");
    }
}

#[test]
fn a_refund_line_mirrors_its_order_exactly() {
    let order = settle(12_345, 0, 130_000, 0, 0);
    let refund = settle(-12_345, 0, 130_000, 0, 0);
    assert_eq!(refund.fee, -order.fee);
    assert_eq!(refund.net, -order.net);
    assert_eq!(settle(-5, 0, 100_000, 0, 0).fee, -1, "-0.5 fen rounds away from zero");
}

#[test]
fn zero_and_full_rates_are_the_edges() {
    assert_eq!(settle(10_000, 0, 0, 0, 0).net, 10_000);
    assert_eq!(settle(10_000, 0, 1_000_000, 0, 0).net, 0);
    assert_eq!(
        settle(10_000, 0, 2_000_000, 0, 0).fee,
        10_000,
        "a rate above 100 % is capped, the fee never exceeds the base"
    );
}

#[test]
fn extreme_amounts_saturate_instead_of_panicking() {
    let line = settle(i64::MAX, i64::MIN, 0, 0, 0);
    assert_eq!(line.base, i64::MAX);
    let line = settle(i64::MIN, 0, 150_000, i64::MAX, i64::MAX);
    assert_eq!(line.net, i64::MIN);
}

#[test]
fn breakdowns_round_trip_through_json() {
    let line = settle(80_000, 0, 150_000, 10_000, 2_000);
    let json = serde_json::to_string(&line).unwrap();
    assert!(json.contains(r#""customer_wht":0"#), "{json}");
    assert_eq!(serde_json::from_str::<Breakdown>(&json).unwrap(), line);
}
