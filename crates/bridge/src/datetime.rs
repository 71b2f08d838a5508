//! Dates, times and bill periods as sellers' files write them.
//!
//! The console shows times in China Standard Time and bills by month (账期 202610), but a
//! file that passed through Excel may hold a serial number (45943.5), a localised text
//! (2026年10月3日, 2026/10/3 12:00) or an ISO stamp with a zone. Everything is brought to
//! one naive UTC+8 [`DateTime`] and a [`Period`]; no clock and no time-zone database are
//! needed. Day-first and month-first orders (03/10/2026) are refused, not guessed.

use crate::text::clean;
use crate::values::{is_blank, ValueError};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date and time in UTC+8 (the KooGallery calendar), to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// A bill period: a calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u8,
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } = self;
        write!(f, "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

macro_rules! serde_as_text {
    ($t:ty, $parse:ident, $what:literal) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $parse(&text)
                    .map_err(serde::de::Error::custom)?
                    .ok_or_else(|| serde::de::Error::custom($what))
            }
        }
    };
}
serde_as_text!(DateTime, parse_datetime, "a date-time is required");
serde_as_text!(Period, parse_period, "a period is required");

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl DateTime {
    /// Seconds since 1970-01-01 00:00:00 of this (UTC+8) wall time.
    pub fn seconds(self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// The wall time `seconds` after 1970-01-01 00:00:00.
    pub fn from_seconds(seconds: i64) -> DateTime {
        let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
        let s = seconds.rem_euclid(86_400);
        DateTime {
            year,
            month,
            day,
            hour: (s / 3600) as u8,
            minute: (s / 60 % 60) as u8,
            second: (s % 60) as u8,
        }
    }

    /// The Excel (1900 system) serial date of this time, in seconds since the epoch.
    pub fn excel_serial_seconds(self) -> i64 {
        self.seconds() - EXCEL_EPOCH_DAYS * 86_400
    }

    pub fn period(self) -> Period {
        Period {
            year: self.year,
            month: self.month,
        }
    }
}

/// 1899-12-30, day 0 of Excel serial dates after February 1900.
const EXCEL_EPOCH_DAYS: i64 = -25_569;
/// Serial dates accepted: 1990-01-01 ..= 2099-12-31; anything else in a date column is
/// far more likely a misplaced amount or id than a bill date.
const SERIAL_RANGE: std::ops::RangeInclusive<i64> = 32_874..=73_050;

fn bad<T>(raw: &str, what: &str) -> Result<T, ValueError> {
    Err(ValueError(format!("'{}' {what}", raw.trim())))
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn build(raw: &str, y: u32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Result<DateTime, ValueError> {
    let year = y as i32;
    if !(1900..=9999).contains(&year) || !(1..=12).contains(&mo) || h > 23 || mi > 59 || s > 59 {
        return bad(raw, "is not a valid date-time");
    }
    if d == 0 || d > u32::from(days_in_month(year, mo as u8)) {
        return bad(raw, "is not a valid date (no such day in that month)");
    }
    Ok(DateTime {
        year,
        month: mo as u8,
        day: d as u8,
        hour: h as u8,
        minute: mi as u8,
        second: s as u8,
    })
}

/// Reads an Excel serial date-time ("45943.5") exactly, rounding to the second.
pub fn from_excel_serial(raw: &str) -> Result<DateTime, ValueError> {
    let t = raw.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let days: i64 = int.parse().or_else(|_| bad(raw, "is not a date"))?;
    if !SERIAL_RANGE.contains(&days) || frac.len() > 18 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return bad(raw, "is not a date (as an Excel serial number it is out of range)");
    }
    let frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().or_else(|_| bad(raw, "is not a date"))?
    };
    let scale = 10i128.pow(frac.len() as u32);
    let seconds = ((frac_value * 86_400 * 2 + scale) / (scale * 2)) as i64;
    Ok(DateTime::from_seconds((EXCEL_EPOCH_DAYS + days) * 86_400 + seconds))
}

/// Splits a trailing zone ("Z", "+08:00", "-0500") off a time; returns its offset in seconds.
fn split_zone(time: &str) -> (&str, Option<i64>) {
    if let Some(rest) = time.strip_suffix(['Z', 'z']) {
        return (rest.trim_end(), Some(0));
    }
    if let Some(at) = time.rfind(['+', '-']) {
        let (rest, zone) = time.split_at(at);
        let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
        if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let (Some(h), Some(m)) = (num(&digits[..2]), num(&digits[2..])) {
                let sign = if zone.starts_with('-') { -1 } else { 1 };
                return (rest.trim_end(), Some(sign * i64::from(h * 3600 + m * 60)));
            }
        }
    }
    (time, None)
}

/// Reads a date or date-time. Blank and "-" are `None`. Accepted: `2026-10-03 12:00:00`,
/// `2026/10/3 12:00`, `2026.10.03`, `2026年10月3日 12时00分`, ISO 8601 with `T` and a
/// zone (converted to UTC+8), `20261003`, `20261003120000`, and Excel serial numbers.
pub fn parse_datetime(raw: &str) -> Result<Option<DateTime>, ValueError> {
    if is_blank(raw) {
        return Ok(None);
    }
    let t = clean(raw);
    if t.bytes().all(|b| b.is_ascii_digit()) {
        let n = |a: usize, b: usize| t[a..b].parse::<u32>().unwrap_or(99);
        return match t.len() {
            8 => build(raw, n(0, 4), n(4, 6), n(6, 8), 0, 0, 0).map(Some),
            14 => build(raw, n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14)).map(Some),
            _ => from_excel_serial(&t).map(Some),
        };
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') && t.bytes().filter(|&b| b == b'.').count() == 1 {
        if let Ok(dt) = from_excel_serial(&t) {
            return Ok(Some(dt));
        }
    }
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '年' | '月' => s.push('-'),
            '日' | '号' | 'T' => s.push(' '),
            '时' | '点' | '分' => s.push(':'),
            '秒' => {}
            _ => s.push(c),
        }
    }
    let s = s.trim().trim_end_matches([':', '-']);
    let (date, time) = s
        .split_once(' ')
        .map_or((s, ""), |(d, t)| (d.trim_end_matches('-'), t.trim()));
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return bad(raw, "is not a date (write it as year-month-day, e.g. 2026-10-03)");
    }
    let (Some(y), Some(mo), Some(d)) = (num(parts[0]), num(parts[1]), num(parts[2])) else {
        return bad(raw, "is not a date");
    };
    let (time, zone) = split_zone(time.trim_end_matches(':'));
    let mut hms = [0u32; 3];
    let mut round_up = false;
    if !time.is_empty() {
        let fields: Vec<&str> = time.split(':').collect();
        if fields.len() > 3 || fields.len() < 2 {
            return bad(raw, "has a time that is not hours:minutes[:seconds]");
        }
        for (slot, field) in hms.iter_mut().zip(&fields) {
            let (whole, fraction) = field.split_once('.').unwrap_or((field, ""));
            *slot = num(whole).map_or_else(|| bad(raw, "has a time that is not hours:minutes[:seconds]"), Ok)?;
            round_up |= fraction.starts_with(['5', '6', '7', '8', '9']);
        }
    }
    let local = build(raw, y, mo, d, hms[0], hms[1], hms[2])?;
    let shift = zone.map_or(0, |offset| 8 * 3600 - offset) + i64::from(round_up);
    Ok(Some(if shift == 0 {
        local
    } else {
        DateTime::from_seconds(local.seconds() + shift)
    }))
}

/// Reads a bill period. Blank and "-" are `None`. Accepted: `202610`, `2026-10`,
/// `2026/10`, `2026.10`, `2026年10月`, and a date on the 1st of a month at midnight
/// (what Excel makes of "2026-10" typed into a cell).
pub fn parse_period(raw: &str) -> Result<Option<Period>, ValueError> {
    if is_blank(raw) {
        return Ok(None);
    }
    let t: String = clean(raw).replace('年', "-").replace('月', "");
    let (y, m) = if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        (num(&t[..4]), num(&t[4..]))
    } else {
        match t.split(['-', '/', '.']).collect::<Vec<_>>()[..] {
            [y, m] if y.len() == 4 && m.len() <= 2 => (num(y), num(m)),
            _ => {
                let dt = parse_datetime(raw).map_err(|_| {
                    ValueError(format!(
                        "'{}' is not a bill period (write it as 2026-10 or 202610)",
                        raw.trim()
                    ))
                })?;
                return match dt {
                    Some(dt) if dt.day == 1 && (dt.hour, dt.minute, dt.second) == (0, 0, 0) => Ok(Some(dt.period())),
                    Some(_) => bad(raw, "is a date, not a bill period (year and month)"),
                    None => Ok(None),
                };
            }
        }
    };
    match (y, m) {
        (Some(year), Some(month)) if (1990..=2099).contains(&year) && (1..=12).contains(&month) => Ok(Some(Period {
            year: year as i32,
            month: month as u8,
        })),
        _ => bad(raw, "is not a bill period (write it as 2026-10 or 202610)"),
    }
}

#[cfg(test)]
#[path = "datetime_tests.rs"]
mod tests;
