//! The settlement pipeline after a bill run, with the working days each step takes.
//!
//! WHY: a seller who sees "bill run on the 3rd" still asks "when is the money in my
//! account?". The CN general-product steps are bill run (1 working day) → review and
//! send the bill (2) → start payment / co-sign (8) → pay to the certified bank account
//! (6, then the bill is 已支付) (reference §5, S-CN-S). Counting them on the seller's
//! working calendar gives a date for each step. The reference gives no durations for
//! the international site, so the same counts are an estimate there — the label says so.

use super::calendar::WorkingCalendar;
use super::Label;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A bill's place in the settlement pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 出账: Huawei runs the bill.
    BillRun,
    /// 审核并发送账单: reviewed and sent to the seller.
    Review,
    /// 发起付款: payment started and co-signed.
    Payment,
    /// 已支付: paid to the certified bank account.
    Paid,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::BillRun, Stage::Review, Stage::Payment, Stage::Paid];

    /// The wire name: `bill_run`, `review`, `payment`, `paid`.
    pub fn key(self) -> &'static str {
        match self {
            Stage::BillRun => "bill_run",
            Stage::Review => "review",
            Stage::Payment => "payment",
            Stage::Paid => "paid",
        }
    }

    /// A stage from its wire name; anything else reads as the earliest step (a bill
    /// whose stage is unknown is not yet paid).
    pub fn from_key(key: &str) -> Stage {
        Stage::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or(Stage::BillRun)
    }

    /// Working days the step takes (S-CN-S).
    pub fn working_days(self) -> u32 {
        match self {
            Stage::BillRun => 1,
            Stage::Review => 2,
            Stage::Payment => 8,
            Stage::Paid => 6,
        }
    }

    pub fn label(self) -> Label {
        match self {
            Stage::BillRun => Label::new("Bill run", "出账"),
            Stage::Review => Label::new("Review & send the bill", "审核并发送账单"),
            Stage::Payment => Label::new("Payment started", "发起付款"),
            Stage::Paid => Label::new("Paid to your bank account", "已支付"),
        }
    }
}

/// One step with its first and last expected working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledStep {
    pub stage: Stage,
    pub label: Label,
    pub starts: NaiveDate,
    pub ends: NaiveDate,
}

/// The expected steps after a run on `run` (moved to a working day if needed); the
/// last step's end is when the money should have arrived.
pub fn settlement_schedule(run: NaiveDate, calendar: &WorkingCalendar) -> Vec<ScheduledStep> {
    let mut out = Vec::with_capacity(Stage::ALL.len());
    let mut previous_end: Option<NaiveDate> = None;
    for stage in Stage::ALL {
        let starts = match previous_end {
            None => calendar.next_working_day_on_or_after(run),
            Some(end) => calendar.add_working_days(end, 1),
        };
        let ends = calendar.add_working_days(starts, stage.working_days() - 1);
        out.push(ScheduledStep {
            stage,
            label: stage.label(),
            starts,
            ends,
        });
        previous_end = Some(ends);
    }
    out
}

/// The step a bill run on `run` has reached by `today`: the last step that has started.
pub fn stage_on(run: NaiveDate, today: NaiveDate, calendar: &WorkingCalendar) -> Stage {
    settlement_schedule(run, calendar)
        .iter()
        .rev()
        .find(|s| s.starts <= today)
        .map_or(Stage::BillRun, |s| s.stage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid date")
    }

    #[test]
    fn the_schedule_counts_working_days_across_the_national_day_week() {
        let cal = WorkingCalendar::default_cn();
        // October 2026: the 3rd is in the National Day break (1–7), so the run is the 8th.
        let got: Vec<(Stage, NaiveDate, NaiveDate)> = settlement_schedule(d(2026, 10, 3), &cal)
            .iter()
            .map(|s| (s.stage, s.starts, s.ends))
            .collect();
        assert_eq!(
            got,
            vec![
                (Stage::BillRun, d(2026, 10, 8), d(2026, 10, 8)),
                (Stage::Review, d(2026, 10, 9), d(2026, 10, 10)),
                (Stage::Payment, d(2026, 10, 12), d(2026, 10, 21)),
                (Stage::Paid, d(2026, 10, 22), d(2026, 10, 29)),
            ],
            "1 + 2 + 8 + 6 working days, the make-up Saturday 10 October counted as worked"
        );
    }

    #[test]
    fn the_stage_reached_follows_the_schedule() {
        let cal = WorkingCalendar::default_cn();
        let run = d(2026, 11, 3);
        assert_eq!(
            stage_on(run, d(2026, 11, 2), &cal),
            Stage::BillRun,
            "before the run it is the run"
        );
        assert_eq!(stage_on(run, d(2026, 11, 3), &cal), Stage::BillRun, "on the run day");
        assert_eq!(
            stage_on(run, d(2026, 11, 4), &cal),
            Stage::Review,
            "the next working day it is reviewed"
        );
        assert_eq!(
            stage_on(run, d(2026, 11, 6), &cal),
            Stage::Payment,
            "after two review days payment starts"
        );
        assert_eq!(
            stage_on(run, d(2026, 11, 30), &cal),
            Stage::Paid,
            "after 11 working days it is being paid"
        );
        assert_eq!(
            Stage::Paid.label().zh,
            "已支付",
            "the paid label is the console's wording"
        );
    }
}
