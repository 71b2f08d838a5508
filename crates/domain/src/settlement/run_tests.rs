//! Run dates, billed periods and attribution (reference §5, S-CN-R2, S-EN-RECON, S-CN-BA).

use super::calendar::WorkingCalendar;
use super::run::*;
use crate::site::Site;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_cn_run_is_on_the_3rd_when_it_is_a_working_day() {
    let cn = WorkingCalendar::default_cn();
    assert_eq!(run_date(BillingSite::Cn, 2026, 12, &cn), day(2026, 12, 3), "a Thursday");
    assert_eq!(run_date(BillingSite::Cn, 2026, 3, &cn), day(2026, 3, 3), "a Tuesday");
}

#[test]
fn the_cn_run_moves_to_the_next_working_day() {
    let cn = WorkingCalendar::default_cn();
    let cases = [
        (
            1,
            day(2026, 1, 4),
            "3 Jan is a holiday Saturday, 4 Jan a make-up Sunday",
        ),
        (5, day(2026, 5, 6), "Labour Day holiday 1–5 May"),
        (10, day(2026, 10, 8), "National Day holiday 1–7 October"),
        (1, day(2026, 1, 4), "repeatable"),
    ];
    for (month, expected, why) in cases {
        assert_eq!(run_date(BillingSite::Cn, 2026, month, &cn), expected, "{why}");
    }
    let plain = WorkingCalendar::default();
    assert_eq!(
        run_date(BillingSite::Cn, 2027, 7, &plain),
        day(2027, 7, 5),
        "Saturday 3 July 2027 → Monday"
    );
}

#[test]
fn the_international_run_is_on_the_7th_even_on_a_holiday() {
    let cn = WorkingCalendar::default_cn();
    assert_eq!(run_date(BillingSite::Intl, 2019, 2, &cn), day(2019, 2, 7));
    assert_eq!(run_date(BillingSite::Intl, 2026, 10, &cn), day(2026, 10, 7));
}

#[test]
fn a_run_bills_the_previous_calendar_month() {
    assert_eq!(
        billed_period(day(2019, 2, 7)),
        YearMonth::new(2019, 1),
        "the reference's example"
    );
    assert_eq!(
        billed_period(day(2026, 1, 4)),
        YearMonth::new(2025, 12),
        "across the year"
    );
    assert_eq!(YearMonth::new(2025, 12).to_string(), "2025-12");
}

#[test]
fn sites_map_to_their_schedule() {
    assert_eq!(BillingSite::from(Site::Cn), BillingSite::Cn);
    assert_eq!(BillingSite::from(Site::Sandbox), BillingSite::Cn);
    assert_eq!(BillingSite::from(Site::Intl), BillingSite::Intl);
    assert_eq!(BillingSite::from(Site::Eu), BillingSite::Intl);
}

#[test]
fn each_kind_of_order_is_attributed_by_its_own_date() {
    let activated = day(2026, 9, 30);
    let effective = day(2026, 10, 1);
    let consumed = YearMonth::new(2026, 8);
    let month = |kind| attribution_month(kind, activated, effective, consumed);
    assert_eq!(month(OrderKind::New), YearMonth::new(2026, 9), "actual activation");
    assert_eq!(
        month(OrderKind::Renewal),
        YearMonth::new(2026, 10),
        "renewal effective time"
    );
    assert_eq!(month(OrderKind::PayPerUse), YearMonth::new(2026, 8), "consumption");
}

#[test]
fn months_step_across_years_and_order_chronologically() {
    assert_eq!(YearMonth::new(2026, 12).next(), YearMonth::new(2027, 1));
    assert_eq!(YearMonth::new(2027, 1).previous(), YearMonth::new(2026, 12));
    assert!(YearMonth::new(2026, 12) < YearMonth::new(2027, 1));
    assert!(YearMonth::new(2026, 2) < YearMonth::new(2026, 11));
}

#[test]
#[should_panic(expected = "2026-13-03 is not a date")]
fn a_month_outside_1_to_12_is_refused_loudly() {
    run_date(BillingSite::Cn, 2026, 13, &WorkingCalendar::default());
}

#[test]
fn months_and_kinds_serialize_plainly() {
    let json = serde_json::to_string(&YearMonth::new(2026, 10)).unwrap();
    assert_eq!(json, r#"{"year":2026,"month":10}"#);
    assert_eq!(
        serde_json::to_string(&OrderKind::PayPerUse).unwrap(),
        r#""pay_per_use""#
    );
    assert_eq!(serde_json::to_string(&BillingSite::Intl).unwrap(), r#""intl""#);
}
