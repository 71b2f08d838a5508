//! Mainland China working days, on which the CN bill run moves.
//!
//! WHY: the CN bill run is on the 3rd of each month, or the next working day when the
//! 3rd is not one (reference §5, S-CN-R2, S-CN-R3). Mainland working days are not
//! simply Monday–Friday: public holidays are days off, and the State Council moves
//! some weekend days into working days (调休 / 补班) around them. The calendar is
//! published once a year, so it is data the seller can edit, not code: weekends are
//! off unless listed as a make-up working day, and listed holidays are off.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Days off and make-up working days beyond the plain Monday–Friday week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingCalendar {
    /// Public-holiday days off (法定节假日及调休放假), weekend days included or not.
    pub holidays: Vec<NaiveDate>,
    /// Weekend days that are worked (调休上班 / 补班).
    pub makeup_workdays: Vec<NaiveDate>,
}

impl WorkingCalendar {
    /// Whether `date` is a working day. A date listed both as a holiday and as a
    /// make-up day is taken as a holiday: an entry that says "off" is the safer read
    /// for a date money depends on (the run moves later, never earlier).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.holidays.contains(&date) {
            return false;
        }
        if self.makeup_workdays.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// `date` itself if it is a working day, else the first working day after it.
    /// Always ends: the holiday list is finite and every week has weekdays.
    pub fn next_working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
        }
        day
    }

    /// The day `days` working days after `date` (0 = `date` itself). Settlement steps
    /// are counted in working days (bill run 1, review 2, payment start 8, payment 6;
    /// reference §5, S-CN-S), so this is how the seller sees when money can arrive.
    pub fn add_working_days(&self, date: NaiveDate, days: u32) -> NaiveDate {
        let mut day = date;
        for _ in 0..days {
            match day.succ_opt() {
                Some(next) => day = self.next_working_day_on_or_after(next),
                None => return day,
            }
        }
        day
    }

    /// The 2026 mainland China public holidays and make-up working days, as known
    /// when this was written (State Council notice for 2026). It is a seed: the seller
    /// checks it against the published notice and edits it, and adds later years.
    pub fn default_cn() -> Self {
        // (first day off, last day off) per holiday, inclusive.
        const HOLIDAYS_2026: [((u32, u32), (u32, u32)); 7] = [
            ((1, 1), (1, 3)),   // 元旦 New Year's Day
            ((2, 15), (2, 23)), // 春节 Spring Festival
            ((4, 4), (4, 6)),   // 清明节 Qingming
            ((5, 1), (5, 5)),   // 劳动节 Labour Day
            ((6, 19), (6, 21)), // 端午节 Dragon Boat Festival
            ((9, 25), (9, 27)), // 中秋节 Mid-Autumn Festival
            ((10, 1), (10, 7)), // 国庆节 National Day
        ];
        // Weekend days worked in exchange (调休上班).
        const MAKEUP_2026: [(u32, u32); 6] = [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)];

        let day = |(month, dom): (u32, u32)| NaiveDate::from_ymd_opt(2026, month, dom).expect("valid 2026 date");
        let mut holidays = Vec::new();
        for (first, last) in HOLIDAYS_2026 {
            let (first, last) = (day(first), day(last));
            holidays.extend(first.iter_days().take_while(|d| *d <= last));
        }
        Self {
            holidays,
            makeup_workdays: MAKEUP_2026.into_iter().map(day).collect(),
        }
    }
}
