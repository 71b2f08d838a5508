//! The working calendar the CN bill run moves on, as the seller keeps it.
//!
//! WHY editable: the State Council publishes the holidays and make-up working days once
//! a year, and the seeded 2026 calendar can be wrong or run out; a wrong calendar moves
//! the expected run date and so every "why not billed" answer. The seller's edits are
//! stored whole (a small JSON setting) and replace the seed; resetting brings it back.

use crate::{ApiError, Core};
use chrono::{Datelike, NaiveDate};
use gallerist_domain::settlement::{run_date, BillingSite, WorkingCalendar};
use gallerist_store::settings;
use serde::{Deserialize, Serialize};

/// The calendar in force: the seller's, else the seeded CN one.
pub fn working_calendar(core: &Core) -> Result<WorkingCalendar, ApiError> {
    let conn = core.store.conn()?;
    Ok(settings::get(&conn, settings::WORKING_CALENDAR)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_else(WorkingCalendar::default_cn))
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunDate {
    /// `YYYY-MM`, the month the run happens in.
    pub month: String,
    pub cn: NaiveDate,
    pub intl: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarView {
    pub holidays: Vec<NaiveDate>,
    pub makeup_workdays: Vec<NaiveDate>,
    /// Whether the seller has changed the seeded calendar.
    pub edited: bool,
    pub year: i32,
    /// The run dates of every month of `year` on this calendar.
    pub runs: Vec<RunDate>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct YearArg {
    pub year: Option<i32>,
}

fn view(core: &Core, year: Option<i32>) -> Result<CalendarView, ApiError> {
    let calendar = working_calendar(core)?;
    let year = year.unwrap_or_else(|| core.clock.now().year());
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::invalid(format!(
            "{year} is not a year Gallerist keeps a calendar for"
        )));
    }
    let edited = settings::get(&*core.store.conn()?, settings::WORKING_CALENDAR)?.is_some();
    let runs = (1..=12)
        .map(|m| RunDate {
            month: format!("{year:04}-{m:02}"),
            cn: run_date(BillingSite::Cn, year, m, &calendar),
            intl: run_date(BillingSite::Intl, year, m, &calendar),
        })
        .collect();
    Ok(CalendarView {
        holidays: calendar.holidays,
        makeup_workdays: calendar.makeup_workdays,
        edited,
        year,
        runs,
    })
}

pub fn get_working_calendar(core: &Core, args: YearArg) -> Result<CalendarView, ApiError> {
    view(core, args.year)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarEdit {
    pub holidays: Vec<String>,
    pub makeup_workdays: Vec<String>,
    pub year: Option<i32>,
}

fn dates(list: &[String], what: &str) -> Result<Vec<NaiveDate>, ApiError> {
    let mut out = Vec::with_capacity(list.len());
    for text in list {
        let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| ApiError::invalid(format!("{what}: '{text}' is not a date like 2026-10-01")))?;
        out.push(day);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Replaces the calendar. A day cannot be both off and a make-up working day, and a
/// make-up working day must fall on a weekend (otherwise it changes nothing).
pub fn set_working_calendar(core: &Core, args: CalendarEdit) -> Result<CalendarView, ApiError> {
    let holidays = dates(&args.holidays, "Holidays")?;
    let makeup = dates(&args.makeup_workdays, "Make-up working days")?;
    if let Some(both) = holidays.iter().find(|d| makeup.contains(d)) {
        return Err(ApiError::invalid(format!(
            "{both} is listed both as a holiday and as a make-up working day; keep one"
        )));
    }
    if let Some(weekday) = makeup.iter().find(|d| d.weekday().num_days_from_monday() < 5) {
        return Err(ApiError::invalid(format!(
            "{weekday} is a {}: make-up working days are weekend days worked in exchange",
            weekday.weekday()
        )));
    }
    let calendar = WorkingCalendar {
        holidays,
        makeup_workdays: makeup,
    };
    let json = serde_json::to_string(&calendar).expect("a calendar serializes");
    core.store
        .write(|tx| settings::set(tx, settings::WORKING_CALENDAR, &json))?;
    view(core, args.year)
}

/// Goes back to the seeded calendar.
pub fn reset_working_calendar(core: &Core, args: YearArg) -> Result<CalendarView, ApiError> {
    core.store
        .write(|tx| settings::remove(tx, settings::WORKING_CALENDAR))?;
    view(core, args.year)
}
