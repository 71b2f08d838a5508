//! One notion of "now" shared by every crate.
//!
//! Domain functions never read the clock themselves; callers pass `DateTime<Utc>`
//! in. The trait exists so the app, the sandbox and tests can hand a clock around
//! (a fixed or skewed one in tests, the system clock in the app).

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, TimeZone, Utc};
use std::sync::Mutex;

/// KooGallery computes its dated rules (bill runs, deadlines, order months) in UTC+8.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until moved; for tests and for simulating skew.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().expect("clock lock");
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock lock")
    }
}

/// The UTC+8 calendar day of `at`, KooGallery's calendar.
pub fn china_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&china_offset()).date_naive()
}

/// The `YYYY-MM` calendar month of `at` in UTC+8, KooGallery's calendar.
pub fn china_month(at: DateTime<Utc>) -> String {
    at.with_timezone(&china_offset()).format("%Y-%m").to_string()
}

/// First instant of the UTC+8 calendar month `months_back` months before `now`'s.
pub fn month_start(now: DateTime<Utc>, months_back: u32) -> DateTime<Utc> {
    let local = now.with_timezone(&china_offset()).date_naive();
    let first =
        NaiveDate::from_ymd_opt(local.year(), local.month(), 1).expect("first of month") - Months::new(months_back);
    china_offset()
        .from_local_datetime(&first.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("fixed offsets are unambiguous")
        .with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_evening_utc_order_on_the_last_day_belongs_to_the_next_beijing_month() {
        let at = Utc.with_ymd_and_hms(2026, 10, 31, 16, 30, 0).unwrap();
        assert_eq!(
            china_month(at),
            "2026-11",
            "16:30 UTC on Oct 31 is 00:30 on Nov 1 in UTC+8"
        );
        assert_eq!(china_month(at - Duration::hours(1)), "2026-10");
    }

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let clock = FixedClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::minutes(16));
        assert_eq!(clock.now(), start + Duration::minutes(16));
    }
}
