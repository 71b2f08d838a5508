//! The platform-fee invoice (平台使用费发票) Huawei issues to the seller for a paid bill.
//!
//! WHY a rule of its own: the seller may ask for it only once the bill is 已支付 (paid),
//! only for general products on the China site, with an invoice template kept in
//! 商家信息 first, and today only as a fully digital invoice — special (数电专票) or
//! ordinary (数电普票) — sent to the account's registered email; negative orders of the
//! period are included automatically (reference §6, S-CN-AG, S-CN-AH). Checking this
//! before anything is queued lets the app say why the button is disabled, and the
//! sandbox refuses in the same words.
//!
//! Reading chosen where the reference is silent: a bill's products are taken to be
//! general products unless the bill says it is a joint-operation bill (those are
//! invoiced the other way round, seller → Huawei, through invoicing lists).

use super::schedule::Stage;
use super::Label;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The invoice types KooGallery offers for the platform fee today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeInvoiceKind {
    /// 数电专票: fully digital VAT special invoice.
    DigitalSpecial,
    /// 数电普票: fully digital ordinary invoice.
    DigitalOrdinary,
}

impl FeeInvoiceKind {
    pub fn label(self) -> Label {
        match self {
            FeeInvoiceKind::DigitalSpecial => Label::new("Digital VAT special invoice", "数电专票"),
            FeeInvoiceKind::DigitalOrdinary => Label::new("Digital ordinary invoice", "数电普票"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeInvoiceStatus {
    Requested,
    Issued,
}

/// A request for a bill's platform-fee invoice, as the marketplace keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeInvoice {
    pub kind: FeeInvoiceKind,
    pub status: FeeInvoiceStatus,
    pub requested_at: DateTime<Utc>,
    pub issued_at: Option<DateTime<Utc>>,
}

/// What the rule needs to know about a bill and the seller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeInvoiceFacts {
    /// `cn` or `intl`.
    pub site: String,
    pub stage: Stage,
    pub joint_operation: bool,
    /// Company name and taxpayer ID kept in 商家信息.
    pub template_ready: bool,
    pub existing: Option<FeeInvoice>,
}

/// Why the platform-fee invoice cannot be requested now, or `None` when it can.
pub fn fee_invoice_blocked(facts: &FeeInvoiceFacts) -> Option<Label> {
    if let Some(existing) = &facts.existing {
        let day = existing.requested_at.format("%Y-%m-%d");
        return Some(Label::new(
            format!("The platform-fee invoice was requested on {day}; one bill has one invoice."),
            format!("该账单的平台使用费发票已于 {day} 申请，每张账单只开一张发票。"),
        ));
    }
    if facts.site != "cn" {
        return Some(Label::new(
            "Platform-fee invoices are issued for China-site bills only.",
            "仅中国站账单可申请平台使用费发票。",
        ));
    }
    if facts.joint_operation {
        return Some(Label::new(
            "A joint-operation bill is invoiced the other way round: you invoice Huawei from its invoicing list.",
            "联营账单由您按开票清单向华为开票，无需申请平台使用费发票。",
        ));
    }
    if facts.stage != Stage::Paid {
        let stage = facts.stage.label();
        return Some(Label::new(
            format!(
                "Request it once the bill is paid (已支付); this bill is at “{}”.",
                stage.en
            ),
            format!("账单状态为“已支付”后才能申请；当前为“{}”。", stage.zh),
        ));
    }
    if !facts.template_ready {
        return Some(Label::new(
            "Keep an invoice template (company name and taxpayer ID) in 商家信息 first.",
            "请先在商家信息中维护发票模板（公司名称和纳税人识别号）。",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paid() -> FeeInvoiceFacts {
        FeeInvoiceFacts {
            site: "cn".into(),
            stage: Stage::Paid,
            joint_operation: false,
            template_ready: true,
            existing: None,
        }
    }

    #[test]
    fn a_paid_cn_bill_with_a_template_may_ask_for_its_fee_invoice() {
        assert_eq!(fee_invoice_blocked(&paid()), None, "every condition holds");
    }

    #[test]
    fn each_missing_condition_is_named() {
        let cases: [(FeeInvoiceFacts, &str); 5] = [
            (
                FeeInvoiceFacts {
                    stage: Stage::Payment,
                    ..paid()
                },
                "已支付",
            ),
            (
                FeeInvoiceFacts {
                    site: "intl".into(),
                    ..paid()
                },
                "中国站",
            ),
            (
                FeeInvoiceFacts {
                    joint_operation: true,
                    ..paid()
                },
                "开票清单",
            ),
            (
                FeeInvoiceFacts {
                    template_ready: false,
                    ..paid()
                },
                "发票模板",
            ),
            (
                FeeInvoiceFacts {
                    existing: Some(FeeInvoice {
                        kind: FeeInvoiceKind::DigitalOrdinary,
                        status: FeeInvoiceStatus::Requested,
                        requested_at: DateTime::parse_from_rfc3339("2026-11-26T02:00:00Z")
                            .expect("a time")
                            .with_timezone(&Utc),
                        issued_at: None,
                    }),
                    ..paid()
                },
                "2026-11-26",
            ),
        ];
        for (facts, words) in cases {
            let why = fee_invoice_blocked(&facts).expect("a missing condition blocks the request");
            assert!(why.zh.contains(words), "the reason names '{words}': {}", why.zh);
            assert!(!why.en.is_empty(), "and reads in English");
        }
    }

    #[test]
    fn the_stage_named_is_the_bills() {
        let why = fee_invoice_blocked(&FeeInvoiceFacts {
            stage: Stage::Review,
            ..paid()
        })
        .expect("not paid yet");
        assert!(
            why.en.contains("Review & send the bill"),
            "the refusal says where the bill is: {}",
            why.en
        );
    }
}
