//! Working days with holidays and make-up days (reference §5: "next working day").

use super::calendar::*;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn an_empty_calendar_is_monday_to_friday() {
    let plain = WorkingCalendar::default();
    assert!(plain.is_working_day(day(2026, 3, 6)), "Friday");
    assert!(!plain.is_working_day(day(2026, 3, 7)), "Saturday");
    assert!(!plain.is_working_day(day(2026, 3, 8)), "Sunday");
    assert!(plain.is_working_day(day(2026, 3, 9)), "Monday");
    assert_eq!(plain.next_working_day_on_or_after(day(2026, 3, 7)), day(2026, 3, 9));
    assert_eq!(plain.next_working_day_on_or_after(day(2026, 3, 6)), day(2026, 3, 6));
}

#[test]
fn holidays_are_off_and_make_up_days_are_worked() {
    let cal = WorkingCalendar {
        holidays: vec![day(2026, 3, 9)],
        makeup_workdays: vec![day(2026, 3, 8)],
    };
    assert!(!cal.is_working_day(day(2026, 3, 9)), "a listed weekday holiday is off");
    assert!(
        cal.is_working_day(day(2026, 3, 8)),
        "a listed Sunday make-up day is worked"
    );
    assert_eq!(cal.next_working_day_on_or_after(day(2026, 3, 7)), day(2026, 3, 8));
}

#[test]
fn a_date_listed_both_ways_counts_as_a_holiday() {
    let cal = WorkingCalendar {
        holidays: vec![day(2026, 3, 4)],
        makeup_workdays: vec![day(2026, 3, 4)],
    };
    assert!(!cal.is_working_day(day(2026, 3, 4)));
    assert_eq!(cal.next_working_day_on_or_after(day(2026, 3, 4)), day(2026, 3, 5));
}

#[test]
fn the_2026_seed_skips_golden_week_and_works_the_make_up_days() {
    let cn = WorkingCalendar::default_cn();
    assert_eq!(
        cn.next_working_day_on_or_after(day(2026, 10, 1)),
        day(2026, 10, 8),
        "National Day 1–7 October"
    );
    assert!(
        cn.is_working_day(day(2026, 10, 10)),
        "Saturday 10 October is a make-up day"
    );
    assert!(cn.is_working_day(day(2026, 1, 4)), "Sunday 4 January is a make-up day");
    assert_eq!(
        cn.next_working_day_on_or_after(day(2026, 2, 15)),
        day(2026, 2, 24),
        "Spring Festival 15–23 February"
    );
    assert_eq!(cn.next_working_day_on_or_after(day(2026, 5, 1)), day(2026, 5, 6));
    assert!(cn.is_working_day(day(2026, 12, 3)), "an ordinary Thursday");
}

#[test]
fn the_seed_lists_each_holiday_day_once_and_make_up_days_fall_on_weekends() {
    use chrono::{Datelike, Weekday};
    let cn = WorkingCalendar::default_cn();
    assert_eq!(cn.holidays.len(), 3 + 9 + 3 + 5 + 3 + 3 + 7);
    let mut sorted = cn.holidays.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), cn.holidays.len());
    for makeup in &cn.makeup_workdays {
        assert!(
            matches!(makeup.weekday(), Weekday::Sat | Weekday::Sun),
            "{makeup} is a weekend day"
        );
    }
}

#[test]
fn the_calendar_is_editable_data_in_json() {
    let cal = WorkingCalendar {
        holidays: vec![day(2027, 1, 1)],
        makeup_workdays: vec![],
    };
    let json = serde_json::to_string(&cal).unwrap();
    assert_eq!(json, r#"{"holidays":["2027-01-01"],"makeup_workdays":[]}"#);
    assert_eq!(serde_json::from_str::<WorkingCalendar>(&json).unwrap(), cal);
}

#[test]
fn settlement_steps_count_working_days_across_holidays() {
    let cn = WorkingCalendar::default_cn();
    assert_eq!(cn.add_working_days(day(2026, 3, 6), 0), day(2026, 3, 6));
    assert_eq!(
        cn.add_working_days(day(2026, 3, 6), 1),
        day(2026, 3, 9),
        "Friday + 1 → Monday"
    );
    assert_eq!(
        cn.add_working_days(day(2026, 9, 30), 1),
        day(2026, 10, 8),
        "the day before National Day + 1 → after the holiday"
    );
    assert_eq!(
        cn.add_working_days(day(2026, 10, 9), 1),
        day(2026, 10, 10),
        "the make-up Saturday counts"
    );
    // Run on Thursday 3 December 2026, then review 2 + payment start 8 + payment 6.
    assert_eq!(cn.add_working_days(day(2026, 12, 3), 2 + 8 + 6), day(2026, 12, 25));
}
