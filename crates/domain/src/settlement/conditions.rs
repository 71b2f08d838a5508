//! Why an order is not on a bill (yet): the bill-run conditions, one by one.
//!
//! WHY: the seller console shows a missing order, not the reason. Huawei's CN bill
//! run takes an order only when (reference §5, S-CN-R, S-CN-Q, S-EN-NOBILL):
//! 1. it is paid;
//! 2. if paid with a credit line or cash coupon, the customer has repaid (已还款);
//! 3. its supervision status is 不涉及 or 已完成;
//! 4. it is effective (renewals: by their effective time);
//! 5. the seller's business-information certification is done.
//!
//! Each condition is reported with what was observed, so the seller knows whom to
//! chase. When all pass, the expected run is the CN run (3rd or next working day) in
//! the later of: the month after the attribution month, and the month after the one
//! in which supervision completed — an order completed after a run is billed in the
//! next period (S-CN-P2, S-CN-AZ). A 已完成 status without a completion date is taken
//! as completed in time. Not modelled: the "cumulative billed amount of CNY 1 000
//! per product type" that one FAQ mentions, which needs the seller's other orders.

use super::calendar::WorkingCalendar;
use super::run::{attribution_month, run_date, BillingSite, OrderKind, YearMonth};
use super::Label;
use crate::clock::china_offset;
use crate::supervision::SupervisionStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How the customer paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    Online,
    /// 信用额度: post-paid, settled once the customer repays.
    CreditLine,
    /// 现金券
    CashCoupon,
}

/// What Gallerist knows about one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFacts {
    pub paid_at: Option<DateTime<Utc>>,
    pub payment: Payment,
    /// 后付费客户还款状态 = 已还款 (only read for credit line / cash coupon).
    pub repaid: bool,
    pub supervision: SupervisionStatus,
    pub effective: bool,
    /// Business-information certification (商业信息认证) done.
    pub certified: bool,
    pub kind: OrderKind,
    pub activated_on: NaiveDate,
    pub effective_on: NaiveDate,
    pub consumed_month: YearMonth,
    /// The UTC+8 day supervision became 已完成, when known.
    pub supervision_completed_on: Option<NaiveDate>,
}

/// Which bill-run condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKey {
    Paid,
    Repaid,
    Supervision,
    Effective,
    Certified,
}

impl ConditionKey {
    pub fn label(self) -> Label {
        let (en, zh) = match self {
            ConditionKey::Paid => ("Order paid", "订单已支付"),
            ConditionKey::Repaid => ("Credit line / cash coupon repaid", "后付费客户已还款"),
            ConditionKey::Supervision => ("Supervision not involved or completed", "服务监管状态为不涉及或已完成"),
            ConditionKey::Effective => ("Order effective", "订单已生效"),
            ConditionKey::Certified => ("Business information certified", "商业信息认证已完成"),
        };
        Label::new(en, zh)
    }
}

/// One condition, whether it holds, and what was observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub key: ConditionKey,
    pub label: Label,
    pub pass: bool,
    pub data: Label,
}

/// The answer to "why is this order not billed?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhyNotBilled {
    /// Conditions 1–5 in the order above.
    pub conditions: Vec<Condition>,
    pub billable: bool,
    /// The CN run that should bill the order; `None` while a condition fails.
    pub run_date: Option<NaiveDate>,
}

/// Checks the CN bill-run conditions for `facts`, with run dates on `calendar`.
pub fn why_not_billed(facts: &OrderFacts, calendar: &WorkingCalendar) -> WhyNotBilled {
    let conditions = vec![
        paid(facts),
        repaid(facts),
        supervision(facts),
        effective(facts),
        certified(facts),
    ];
    let billable = conditions.iter().all(|c| c.pass);
    let run_date = billable.then(|| {
        let attributed = attribution_month(facts.kind, facts.activated_on, facts.effective_on, facts.consumed_month);
        let mut month = attributed.next();
        if let Some(done) = facts.supervision_completed_on {
            month = month.max(YearMonth::of(done).next());
        }
        run_date(BillingSite::Cn, month.year, month.month, calendar)
    });
    WhyNotBilled {
        conditions,
        billable,
        run_date,
    }
}

fn condition(key: ConditionKey, pass: bool, data: Label) -> Condition {
    Condition {
        key,
        label: key.label(),
        pass,
        data,
    }
}

fn paid(facts: &OrderFacts) -> Condition {
    let data = match facts.paid_at {
        Some(at) => {
            let local = at.with_timezone(&china_offset()).format("%Y-%m-%d %H:%M UTC+8");
            Label::new(format!("paid at {local}"), format!("支付时间 {local}"))
        }
        None => Label::new("not paid", "未支付"),
    };
    condition(ConditionKey::Paid, facts.paid_at.is_some(), data)
}

fn repaid(facts: &OrderFacts) -> Condition {
    let (pass, data) = match (facts.payment, facts.repaid) {
        (Payment::Online, _) => (true, Label::new("paid online: nothing to repay", "在线支付：无需还款")),
        (Payment::CreditLine, true) => (true, Label::new("credit line: repaid", "信用额度：已还款")),
        (Payment::CreditLine, false) => (false, Label::new("credit line: not repaid", "信用额度：未还款")),
        (Payment::CashCoupon, true) => (true, Label::new("cash coupon: repaid", "现金券：已还款")),
        (Payment::CashCoupon, false) => (false, Label::new("cash coupon: not repaid", "现金券：未还款")),
    };
    condition(ConditionKey::Repaid, pass, data)
}

fn supervision(facts: &OrderFacts) -> Condition {
    let status = facts.supervision;
    let data = match (status, facts.supervision_completed_on) {
        (SupervisionStatus::Completed, Some(on)) => {
            Label::new(format!("completed on {on}"), format!("{}（{on}）", status.label_zh()))
        }
        _ => Label::new(status.label_en(), status.label_zh()),
    };
    condition(ConditionKey::Supervision, status.releases_billing(), data)
}

fn effective(facts: &OrderFacts) -> Condition {
    let on = match facts.kind {
        OrderKind::Renewal => facts.effective_on,
        OrderKind::New | OrderKind::PayPerUse => facts.activated_on,
    };
    let data = if facts.effective {
        Label::new(format!("effective from {on}"), format!("{on} 生效"))
    } else {
        Label::new("not effective yet", "尚未生效")
    };
    condition(ConditionKey::Effective, facts.effective, data)
}

fn certified(facts: &OrderFacts) -> Condition {
    let data = if facts.certified {
        Label::new("certification done", "已认证")
    } else {
        Label::new("certification not done", "未完成认证")
    };
    condition(ConditionKey::Certified, facts.certified, data)
}
