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
//! chase. When all pass, the expected run is the run of the order's site (taken from
//! the order's account: CN on the 3rd or the next mainland working day, international
//! and EU on the 7th for the previous calendar month, S-EN-RECON) in the later of: the
//! month after the attribution month, and the month after the one in which supervision
//! completed — an order completed after a run is billed in the next period (S-CN-P2,
//! S-CN-AZ). A 已完成 status without a completion date is taken as completed in time.
//!
//! A sixth line, [`ConditionKey::CumulativeAmount`]: one FAQ (S-EN-NOBILL) also lists
//! "the cumulative billed amount for the same product type reaches CNY 1,000"; the
//! other sources (S-CN-R, S-CN-Q) do not. It is shown as a possible reason, marked
//! `second_reading`, and never decides `billable` on its own: a false "not billed" would
//! send the seller chasing Huawei for nothing, a hidden one would leave them guessing.
//! The amount is compared only where the site settles in CNY; elsewhere, and when the
//! amount is not known, the line says so and stays a possible reason.

use super::calendar::WorkingCalendar;
use super::run::{attribution_month, run_date, BillingSite, OrderKind, YearMonth};
use super::Label;
use crate::clock::china_offset;
use crate::money::format_minor;
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
    /// The seller's cumulative billed amount for this order's product type, in minor
    /// units of the site's currency, when known (only the FAQ's second reading uses it).
    #[serde(default)]
    pub same_type_billed: Option<i64>,
}

/// The FAQ's threshold: CNY 1,000 in fen.
pub const SAME_TYPE_THRESHOLD_FEN: i64 = 100_000;

/// Which bill-run condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKey {
    Paid,
    Repaid,
    Supervision,
    Effective,
    Certified,
    /// The FAQ's "cumulative CNY 1,000 for the same product type": a second reading.
    CumulativeAmount,
}

impl ConditionKey {
    pub fn label(self) -> Label {
        let (en, zh) = match self {
            ConditionKey::Paid => ("Order paid", "订单已支付"),
            ConditionKey::Repaid => ("Credit line / cash coupon repaid", "后付费客户已还款"),
            ConditionKey::Supervision => ("Supervision not involved or completed", "服务监管状态为不涉及或已完成"),
            ConditionKey::Effective => ("Order effective", "订单已生效"),
            ConditionKey::Certified => ("Business information certified", "商业信息认证已完成"),
            ConditionKey::CumulativeAmount => (
                "Possibly: cumulative billed amount for this product type reaches CNY 1,000 (one FAQ only; second reading)",
                "可能原因：同类商品累计出账金额达到 1000 元（仅一篇 FAQ 提及，另一种解读）",
            ),
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
    /// Only one source states this condition: a possible reason, never decisive.
    #[serde(default)]
    pub second_reading: bool,
}

/// The answer to "why is this order not billed?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhyNotBilled {
    /// Conditions 1–5 in the order above, then the second reading.
    pub conditions: Vec<Condition>,
    pub billable: bool,
    /// The run of the order's site that should bill it; `None` while a condition fails.
    pub run_date: Option<NaiveDate>,
}

/// Checks the bill-run conditions for `facts` on the order's `site`, with CN run dates
/// on `calendar`.
pub fn why_not_billed(facts: &OrderFacts, site: BillingSite, calendar: &WorkingCalendar) -> WhyNotBilled {
    let conditions = vec![
        paid(facts),
        repaid(facts),
        supervision(facts),
        effective(facts),
        certified(facts),
        cumulative(facts, site),
    ];
    let billable = conditions.iter().filter(|c| !c.second_reading).all(|c| c.pass);
    let run_date = billable.then(|| {
        let attributed = attribution_month(facts.kind, facts.activated_on, facts.effective_on, facts.consumed_month);
        let mut month = attributed.next();
        if let Some(done) = facts.supervision_completed_on {
            month = month.max(YearMonth::of(done).next());
        }
        run_date(site, month.year, month.month, calendar)
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
        second_reading: false,
    }
}

fn cumulative(facts: &OrderFacts, site: BillingSite) -> Condition {
    let (pass, data) = match (site, facts.same_type_billed) {
        (BillingSite::Cn, Some(fen)) => {
            let amount = format_minor(fen);
            let pass = fen >= SAME_TYPE_THRESHOLD_FEN;
            let (en, zh) = if pass {
                (
                    format!("CNY {amount} billed for this product type"),
                    format!("同类商品累计 {amount} 元"),
                )
            } else {
                (
                    format!("CNY {amount} billed for this product type, below CNY 1,000"),
                    format!("同类商品累计 {amount} 元，未达 1000 元"),
                )
            };
            (pass, Label::new(en, zh))
        }
        (BillingSite::Cn, None) => (
            false,
            Label::new(
                "cumulative amount for this product type not known",
                "同类商品累计金额未知",
            ),
        ),
        (BillingSite::Intl, _) => (
            false,
            Label::new(
                "the FAQ states CNY; this site settles in USD, so it cannot be compared",
                "FAQ 以人民币计，本站点以美元结算，无法比较",
            ),
        ),
    };
    Condition {
        second_reading: true,
        ..condition(ConditionKey::CumulativeAmount, pass, data)
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
