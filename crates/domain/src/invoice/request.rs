//! The buyer's invoice request as a worklist item: its deadline and its states.
//!
//! WHY a deadline of its own: the seller must issue within 7 days of the buyer's
//! request, for the full order amount (S-CN-AD). The reference does not say how the 7
//! days are counted. Gallerist counts UTC+8 calendar days (the platform's calendar)
//! and counts the day of the request as day 1, so the deadline is 24:00 UTC+8 at the
//! end of the 7th calendar day, request day included — i.e. 00:00 UTC+8 on the request
//! date + 7. A request at 2026-01-28 23:30 UTC+8 is due by 2026-02-04 00:00 UTC+8
//! (2026-02-03 16:00 UTC). This is never later than the other readings (7 × 24 h from
//! the request; the civil-law habit of starting on the next day), so a seller who meets
//! it meets them all.
//!
//! States on the seller's 给用户开票 tab (S-CN-Y): requested (待审核) → issued (已完成),
//! or revoked (撤销开票) while requested; an issued invoice can be returned (退票).

use super::{Actor, InvoiceKind};
use crate::clock::china_offset;
use crate::money::Money;
use chrono::{DateTime, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Calendar days (UTC+8, request day included) within which the seller must issue.
pub const ISSUE_WITHIN_DAYS: u64 = 7;

/// Where a product's orders come from, which decides who invoices the buyer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductOrigin {
    General,
    JointOperation,
    SelfService,
    /// 严选 / 严选自营
    Selected,
    Huawei,
}

/// Who issues the buyer's invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invoicer {
    Seller,
    HuaweiCloud,
}

/// General products ordered from 2018-11-01 (UTC+8) are invoiced by the seller; all
/// others by Huawei Cloud, and the seller invoices Huawei (S-CN-AC, S-CN-S, S-CN-Z).
pub fn invoicer(origin: ProductOrigin, ordered_at: DateTime<Utc>) -> Invoicer {
    let since = china_midnight(NaiveDate::from_ymd_opt(2018, 11, 1).expect("a valid date"));
    if origin == ProductOrigin::General && ordered_at >= since {
        Invoicer::Seller
    } else {
        Invoicer::HuaweiCloud
    }
}

fn china_midnight(date: NaiveDate) -> DateTime<Utc> {
    china_offset()
        .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("fixed offsets are unambiguous")
        .with_timezone(&Utc)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// 待审核
    Requested,
    /// 已完成
    Issued,
    /// 已退票
    Returned,
    /// 已撤销
    Revoked,
}

impl InvoiceStatus {
    pub fn label_en(self) -> &'static str {
        match self {
            InvoiceStatus::Requested => "requested",
            InvoiceStatus::Issued => "issued",
            InvoiceStatus::Returned => "returned",
            InvoiceStatus::Revoked => "revoked",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            InvoiceStatus::Requested => "待审核",
            InvoiceStatus::Issued => "已完成",
            InvoiceStatus::Returned => "已退票",
            InvoiceStatus::Revoked => "已撤销",
        }
    }
}

/// The seller's steps on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceOp {
    Issue { number: String, amount: Money },
    Revoke { reason: String },
    Return { reason: String },
}

impl InvoiceOp {
    pub fn actor(&self) -> Actor {
        Actor::Seller
    }
}

/// One buyer invoice request in the seller's worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRequest {
    pub order_id: String,
    pub kind: InvoiceKind,
    /// The full order amount; the invoice must be for exactly this.
    pub order_amount: Money,
    pub requested_at: DateTime<Utc>,
    pub status: InvoiceStatus,
    pub invoice_number: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    /// Why the request was revoked or the invoice returned.
    pub reason: Option<String>,
}

impl InvoiceRequest {
    pub fn new(order_id: &str, kind: InvoiceKind, order_amount: Money, requested_at: DateTime<Utc>) -> Self {
        InvoiceRequest {
            order_id: order_id.to_owned(),
            kind,
            order_amount,
            requested_at,
            status: InvoiceStatus::Requested,
            invoice_number: None,
            issued_at: None,
            reason: None,
        }
    }

    /// The last UTC+8 calendar day on which the invoice may be issued.
    pub fn last_day(&self) -> NaiveDate {
        let requested = self.requested_at.with_timezone(&china_offset()).date_naive();
        requested + Days::new(ISSUE_WITHIN_DAYS - 1)
    }

    /// The first instant that is too late: 00:00 UTC+8 after the last day.
    pub fn deadline(&self) -> DateTime<Utc> {
        china_midnight(self.last_day() + Days::new(1))
    }

    /// Time left until the deadline; negative once it has passed.
    pub fn remaining(&self, now: DateTime<Utc>) -> TimeDelta {
        self.deadline() - now
    }

    /// Whether the request is still open at or after its deadline.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.status == InvoiceStatus::Requested && now >= self.deadline()
    }

    /// Whether the invoice was issued after the deadline.
    pub fn issued_late(&self) -> bool {
        self.issued_at.is_some_and(|at| at >= self.deadline())
    }

    /// Performs `op` as `actor` at `now`; on refusal nothing changes.
    pub fn apply(&mut self, actor: Actor, op: InvoiceOp, now: DateTime<Utc>) -> Result<InvoiceStatus, Refusal> {
        if actor != op.actor() {
            return Err(Refusal::WrongActor { actor });
        }
        if now < self.requested_at {
            return Err(Refusal::BeforeRequest);
        }
        let from = self.status;
        let required = match op {
            InvoiceOp::Issue { .. } | InvoiceOp::Revoke { .. } => InvoiceStatus::Requested,
            InvoiceOp::Return { .. } => InvoiceStatus::Issued,
        };
        if from != required {
            return Err(Refusal::NotAllowed { status: from });
        }
        let to = match op {
            InvoiceOp::Issue { number, amount } => {
                if number.trim().is_empty() {
                    return Err(Refusal::NoInvoiceNumber);
                }
                if amount != self.order_amount {
                    return Err(Refusal::NotFullAmount {
                        expected: self.order_amount,
                        found: amount,
                    });
                }
                self.invoice_number = Some(number);
                self.issued_at = Some(now);
                InvoiceStatus::Issued
            }
            InvoiceOp::Revoke { reason } | InvoiceOp::Return { reason } => {
                if reason.trim().is_empty() {
                    return Err(Refusal::EmptyReason);
                }
                self.reason = Some(reason);
                if from == InvoiceStatus::Requested {
                    InvoiceStatus::Revoked
                } else {
                    InvoiceStatus::Returned
                }
            }
        };
        self.status = to;
        Ok(to)
    }
}

/// Why an invoice step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    WrongActor { actor: Actor },
    BeforeRequest,
    NotAllowed { status: InvoiceStatus },
    NoInvoiceNumber,
    NotFullAmount { expected: Money, found: Money },
    EmptyReason,
}

impl Refusal {
    pub fn message_en(self) -> String {
        match self {
            Refusal::WrongActor { actor } => {
                format!(
                    "Invoice requests are answered by the seller, not the {}.",
                    actor.label_en()
                )
            }
            Refusal::BeforeRequest => "A step cannot be dated before the buyer's request.".into(),
            Refusal::NotAllowed { status } => format!("Not possible while the invoice is {}.", status.label_en()),
            Refusal::NoInvoiceNumber => "Issuing needs the invoice number.".into(),
            Refusal::NotFullAmount { expected, found } => {
                format!("The invoice must be for the full order amount, {expected}, not {found}.")
            }
            Refusal::EmptyReason => "Give a reason the buyer can read.".into(),
        }
    }

    pub fn message_zh(self) -> String {
        match self {
            Refusal::WrongActor { .. } => "开票申请应由商家处理。".into(),
            Refusal::BeforeRequest => "操作时间不能早于用户申请开票的时间。".into(),
            Refusal::NotAllowed { status } => format!("发票处于{}状态，不能执行此操作。", status.label_zh()),
            Refusal::NoInvoiceNumber => "开票需填写发票号码。".into(),
            Refusal::NotFullAmount { expected, found } => {
                format!("发票金额须为订单全额 {expected}，而不是 {found}。")
            }
            Refusal::EmptyReason => "请填写用户可见的原因。".into(),
        }
    }
}
