//! When Huawei runs the bill (出账) and which month an order is billed for.
//!
//! WHY: a seller plans cash flow on the run date, and a bill only makes sense once
//! one knows which period it covers and which period each order falls into.
//! - CN: the 3rd of each month, or the next working day (S-CN-R2, S-CN-R3);
//! - international / 中资出海: the 7th, for the previous calendar month (e.g.
//!   7 Feb 2019 → period 201901; S-EN-RECON). The reference does not move the 7th
//!   for holidays, so it is not moved here.
//! - Attribution (S-CN-BA, S-CN-U): a new yearly/monthly order belongs to the month it
//!   was actually activated, a renewal to the month its renewal takes effect, a
//!   pay-per-use charge to the month it was consumed. The run of month M bills the
//!   period M − 1 (plus earlier unsettled remainders).

use super::calendar::WorkingCalendar;
use crate::site::Site;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month, e.g. the bill period 2026-10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Self {
        Self { year, month }
    }

    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self::new(date.year(), date.month())
    }

    pub fn next(self) -> Self {
        if self.month >= 12 {
            Self::new(self.year + 1, 1)
        } else {
            Self::new(self.year, self.month + 1)
        }
    }

    pub fn previous(self) -> Self {
        if self.month <= 1 {
            Self::new(self.year - 1, 12)
        } else {
            Self::new(self.year, self.month - 1)
        }
    }

    /// The given day of this month.
    ///
    /// # Panics
    /// If the month is not 1–12 or the day does not exist in it.
    pub fn day(self, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, day)
            .unwrap_or_else(|| panic!("{}-{:02}-{day:02} is not a date", self.year, self.month))
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

/// Which bill-run schedule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingSite {
    /// Chinese site: the 3rd, moved to the next mainland working day.
    Cn,
    /// International / 中资出海: the 7th (S-EN-RECON). The reference names no EU run
    /// date; EU settles in USD through the international entities like the
    /// international site, so it is read as billing on the 7th too.
    Intl,
}

impl From<Site> for BillingSite {
    /// The sandbox and custom sites settle in CNY like the Chinese site
    /// ([`Site::currency`]), so they follow its schedule.
    fn from(site: Site) -> Self {
        match site {
            Site::Cn | Site::Sandbox | Site::Custom => BillingSite::Cn,
            Site::Intl | Site::Eu => BillingSite::Intl,
        }
    }
}

/// How an order's billing month is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    /// A new yearly/monthly order: the month of actual activation.
    New,
    /// A renewal: the month the renewal takes effect.
    Renewal,
    /// Pay-per-use: the month of consumption.
    PayPerUse,
}

/// The bill-run date in `year`-`month` for `site`.
///
/// # Panics
/// If `month` is not 1–12.
pub fn run_date(site: BillingSite, year: i32, month: u32, calendar: &WorkingCalendar) -> NaiveDate {
    let month = YearMonth::new(year, month);
    match site {
        BillingSite::Cn => calendar.next_working_day_on_or_after(month.day(3)),
        BillingSite::Intl => month.day(7),
    }
}

/// The period a run on `run_date` bills: the previous calendar month.
pub fn billed_period(run_date: NaiveDate) -> YearMonth {
    YearMonth::of(run_date).previous()
}

/// The month an order is billed for (S-CN-BA, S-CN-U). Only the field matching
/// `kind` is read; the others may hold anything.
pub fn attribution_month(
    kind: OrderKind,
    activated_on: NaiveDate,
    effective_on: NaiveDate,
    consumed_month: YearMonth,
) -> YearMonth {
    match kind {
        OrderKind::New => YearMonth::of(activated_on),
        OrderKind::Renewal => YearMonth::of(effective_on),
        OrderKind::PayPerUse => consumed_month,
    }
}
