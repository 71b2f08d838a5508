//! Dates, serials and periods: every accepted form, the zone conversion, and the refusals.

use super::*;

fn at(text: &str) -> String {
    parse_datetime(text)
        .unwrap_or_else(|e| panic!("'{text}' should be a date-time: {e}"))
        .expect("a value")
        .to_string()
}

#[test]
fn common_date_time_texts() {
    assert_eq!(at("2026-10-03 12:00:00"), "2026-10-03 12:00:00", "ISO with a space");
    assert_eq!(at("2026/10/3"), "2026-10-03 00:00:00", "slashes and a one-digit day");
    assert_eq!(
        at("2026/10/3 9:05"),
        "2026-10-03 09:05:00",
        "hours and minutes without seconds"
    );
    assert_eq!(at("2026.10.03"), "2026-10-03 00:00:00", "dots");
    assert_eq!(at("2026年10月3日"), "2026-10-03 00:00:00", "Chinese date");
    assert_eq!(
        at("2026年10月3日 12时30分15秒"),
        "2026-10-03 12:30:15",
        "Chinese date and time"
    );
    assert_eq!(
        at("２０２６－１０－０３　１２：００：００"),
        "2026-10-03 12:00:00",
        "full-width"
    );
    assert_eq!(at("20261003"), "2026-10-03 00:00:00", "compact date");
    assert_eq!(at("20261003120001"), "2026-10-03 12:00:01", "compact date-time");
    assert_eq!(
        at("2026-10-03 12:00:00.600"),
        "2026-10-03 12:00:01",
        "fractions of a second round"
    );
}

#[test]
fn zones_are_brought_to_utc_plus_8() {
    assert_eq!(
        at("2026-10-03T04:00:00Z"),
        "2026-10-03 12:00:00",
        "UTC is eight hours behind"
    );
    assert_eq!(
        at("2026-10-03T12:00:00+08:00"),
        "2026-10-03 12:00:00",
        "UTC+8 is unchanged"
    );
    assert_eq!(
        at("2026-12-31T20:00:00-0500"),
        "2027-01-01 09:00:00",
        "a negative offset crosses the year"
    );
}

#[test]
fn excel_serial_numbers_are_exact() {
    assert_eq!(
        at("45943.5"),
        "2025-10-13 12:00:00",
        "calamine's documented example day at noon"
    );
    assert_eq!(at("46298"), "2026-10-03 00:00:00", "an integral serial is midnight");
    assert_eq!(
        at("46298.999999"),
        "2026-10-04 00:00:00",
        "a serial just before midnight rounds to it"
    );
    assert!(
        parse_datetime("123").is_err(),
        "a serial far outside 1990–2099 is refused"
    );
    let d = parse_datetime("2026-10-03 00:00:00").unwrap().unwrap();
    assert_eq!(
        d.excel_serial_seconds(),
        46_298 * 86_400,
        "the serial of a date is its day count"
    );
}

#[test]
fn impossible_or_ambiguous_dates_are_refused() {
    assert!(parse_datetime("2026-02-30").is_err(), "30 February does not exist");
    assert!(parse_datetime("2026-13-01").is_err(), "month 13 does not exist");
    assert!(
        parse_datetime("03/10/2026").unwrap_err().0.contains("year-month-day"),
        "day-first dates are not guessed"
    );
    assert!(parse_datetime("2026-10-03 25:00").is_err(), "hour 25 does not exist");
    assert_eq!(parse_datetime(" - "), Ok(None), "a dash is no value");
    assert!(
        parse_datetime("2026-10-03 12:00-中a").is_err(),
        "a non-ASCII zone is refused, not sliced"
    );
}

#[test]
fn periods() {
    let p = |t: &str| {
        parse_period(t)
            .unwrap_or_else(|e| panic!("'{t}' should be a period: {e}"))
            .expect("a value")
            .to_string()
    };
    assert_eq!(p("202610"), "2026-10", "compact period");
    assert_eq!(p("2026-10"), "2026-10", "dashed period");
    assert_eq!(p("2026/1"), "2026-01", "slashed period with one-digit month");
    assert_eq!(p("2026年10月"), "2026-10", "Chinese period");
    assert_eq!(
        p("2026-10-01 00:00:00"),
        "2026-10",
        "Excel's date for a typed period is its month"
    );
    assert!(parse_period("2026-10-15").is_err(), "a mid-month date is not a period");
    assert!(parse_period("202613").is_err(), "month 13 is refused");
}

#[test]
fn calendar_round_trips() {
    for days in [-719_468, -25_569, 0, 20_000, 60_000] {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(
            days_from_civil(y, m, d),
            days,
            "day {days} should round-trip through {y}-{m}-{d}"
        );
    }
    let json = serde_json::to_string(&Period { year: 2026, month: 10 }).unwrap();
    assert_eq!(json, "\"2026-10\"", "periods serialise as text");
    let back: DateTime = serde_json::from_str("\"2026-10-03 12:00:00\"").unwrap();
    assert_eq!(
        back.to_string(),
        "2026-10-03 12:00:00",
        "date-times deserialise from text"
    );
}
