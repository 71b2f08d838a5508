//! A pre-check of the seller's invoices to Huawei against Huawei's invoicing list.
//!
//! WHY before sending: for joint-operation (and 严选 / Huawei) products the seller
//! invoices Huawei once a bill is 待开票, and Huawei verifies the invoice before it pays
//! (S-CN-S, S-CN-T: verification takes 2 working days; a rejected one delays the
//! payment, S-CN-AW). The rules (S-CN-S, S-CN-T, S-CN-AV, S-CN-R): a VAT special
//! invoice; amount, currency and the Huawei entity as on the list (开票清单); the tax
//! rate of the list; one payment request (申付单) may have several invoices but one
//! invoice never covers several payment requests; the seller's taxpayer identity equals
//! its certified business information. Every mismatch is reported, not just the first.
//! Not checked: the Brazil entity's no-cross-month rule, which needs the billing
//! periods the list does not carry here.

use super::InvoiceType;
use crate::money::{Currency, Money};

/// Huawei's invoicing list for one payment request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InvoicingList {
    /// 申付单号
    pub payment_request: String,
    /// The Huawei entity to invoice, e.g. 华为云计算技术有限公司.
    pub huawei_entity: String,
    /// The amount to invoice, tax included.
    pub amount: Money,
    /// Tax rate in basis points: 600 = 6 %.
    pub tax_rate_bp: u32,
}

/// One invoice the seller is about to send.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SellerInvoice {
    pub number: String,
    pub invoice_type: InvoiceType,
    /// The purchaser named on the invoice.
    pub buyer_name: String,
    pub amount: Money,
    pub tax_rate_bp: u32,
    /// The payment requests this invoice is for.
    pub payment_requests: Vec<String>,
    pub seller_name: String,
    pub seller_taxpayer_id: String,
}

/// The seller's certified business information (商业信息认证).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CertifiedIdentity {
    pub company_name: String,
    pub taxpayer_id: String,
}

/// One way an invoice does not match the list or the certified identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    NoInvoices,
    NotVatSpecial {
        invoice: String,
    },
    SeveralPaymentRequests {
        invoice: String,
        requests: Vec<String>,
    },
    OtherPaymentRequest {
        invoice: String,
        expected: String,
    },
    Currency {
        invoice: String,
        expected: Currency,
        found: Currency,
    },
    Entity {
        invoice: String,
        expected: String,
        found: String,
    },
    TaxRate {
        invoice: String,
        expected_bp: u32,
        found_bp: u32,
    },
    SellerName {
        invoice: String,
        expected: String,
        found: String,
    },
    TaxpayerId {
        invoice: String,
        expected: String,
        found: String,
    },
    Total {
        expected: Money,
        found: Money,
    },
}

/// Every mismatch between `invoices` for one payment request and the list.
pub fn precheck(list: &InvoicingList, invoices: &[SellerInvoice], certified: &CertifiedIdentity) -> Vec<Mismatch> {
    if invoices.is_empty() {
        return vec![Mismatch::NoInvoices];
    }
    let mut found = Vec::new();
    for inv in invoices {
        let invoice = inv.number.clone();
        if inv.invoice_type != InvoiceType::VatSpecial {
            found.push(Mismatch::NotVatSpecial {
                invoice: invoice.clone(),
            });
        }
        let requests: Vec<&str> = inv.payment_requests.iter().map(|r| r.trim()).collect();
        if requests.len() > 1 {
            found.push(Mismatch::SeveralPaymentRequests {
                invoice: invoice.clone(),
                requests: inv.payment_requests.clone(),
            });
        } else if requests != [list.payment_request.trim()] {
            found.push(Mismatch::OtherPaymentRequest {
                invoice: invoice.clone(),
                expected: list.payment_request.clone(),
            });
        }
        if inv.amount.currency != list.amount.currency {
            found.push(Mismatch::Currency {
                invoice: invoice.clone(),
                expected: list.amount.currency,
                found: inv.amount.currency,
            });
        }
        if inv.buyer_name.trim() != list.huawei_entity.trim() {
            found.push(Mismatch::Entity {
                invoice: invoice.clone(),
                expected: list.huawei_entity.clone(),
                found: inv.buyer_name.clone(),
            });
        }
        if inv.tax_rate_bp != list.tax_rate_bp {
            found.push(Mismatch::TaxRate {
                invoice: invoice.clone(),
                expected_bp: list.tax_rate_bp,
                found_bp: inv.tax_rate_bp,
            });
        }
        if inv.seller_name.trim() != certified.company_name.trim() {
            found.push(Mismatch::SellerName {
                invoice: invoice.clone(),
                expected: certified.company_name.clone(),
                found: inv.seller_name.clone(),
            });
        }
        if !inv
            .seller_taxpayer_id
            .trim()
            .eq_ignore_ascii_case(certified.taxpayer_id.trim())
        {
            found.push(Mismatch::TaxpayerId {
                invoice,
                expected: certified.taxpayer_id.clone(),
                found: inv.seller_taxpayer_id.clone(),
            });
        }
    }
    let same_currency = invoices.iter().all(|i| i.amount.currency == list.amount.currency);
    let total: i64 = invoices.iter().map(|i| i.amount.minor).sum();
    if same_currency && total != list.amount.minor {
        found.push(Mismatch::Total {
            expected: list.amount,
            found: Money::new(total, list.amount.currency),
        });
    }
    found
}

fn percent(bp: u32) -> String {
    match bp % 100 {
        0 => format!("{}%", bp / 100),
        rest => format!("{}.{}%", bp / 100, format!("{rest:02}").trim_end_matches('0')),
    }
}

impl Mismatch {
    pub fn message_en(&self) -> String {
        match self {
            Mismatch::NoInvoices => "No invoice for this payment request yet.".into(),
            Mismatch::NotVatSpecial { invoice } => format!("Invoice {invoice} must be a VAT special invoice."),
            Mismatch::SeveralPaymentRequests { invoice, requests } => format!(
                "Invoice {invoice} covers several payment requests ({}); one invoice may cover only one.",
                requests.join(", ")
            ),
            Mismatch::OtherPaymentRequest { invoice, expected } => {
                format!("Invoice {invoice} is not for payment request {expected}.")
            }
            Mismatch::Currency {
                invoice,
                expected,
                found,
            } => format!(
                "Invoice {invoice} is in {}, the invoicing list in {}.",
                found.code(),
                expected.code()
            ),
            Mismatch::Entity {
                invoice,
                expected,
                found,
            } => format!("Invoice {invoice} is made out to \"{found}\"; the invoicing list says \"{expected}\"."),
            Mismatch::TaxRate {
                invoice,
                expected_bp,
                found_bp,
            } => format!(
                "Invoice {invoice} has tax rate {}; the invoicing list says {}.",
                percent(*found_bp),
                percent(*expected_bp)
            ),
            Mismatch::SellerName {
                invoice,
                expected,
                found,
            } => format!(
                "Invoice {invoice} names the seller \"{found}\"; the certified business information says \"{expected}\"."
            ),
            Mismatch::TaxpayerId {
                invoice,
                expected,
                found,
            } => format!(
                "Invoice {invoice} has taxpayer ID {found}; the certified business information says {expected}."
            ),
            Mismatch::Total { expected, found } => {
                format!("The invoices add up to {found}; the invoicing list says {expected}.")
            }
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            Mismatch::NoInvoices => "该申付单尚无发票。".into(),
            Mismatch::NotVatSpecial { invoice } => format!("发票 {invoice} 须为增值税专用发票。"),
            Mismatch::SeveralPaymentRequests { invoice, requests } => format!(
                "发票 {invoice} 对应多个申付单（{}），一张发票只能对应一个申付单。",
                requests.join("、")
            ),
            Mismatch::OtherPaymentRequest { invoice, expected } => {
                format!("发票 {invoice} 不属于申付单 {expected}。")
            }
            Mismatch::Currency {
                invoice,
                expected,
                found,
            } => format!(
                "发票 {invoice} 币种为 {}，开票清单为 {}。",
                found.code(),
                expected.code()
            ),
            Mismatch::Entity {
                invoice,
                expected,
                found,
            } => format!("发票 {invoice} 购买方为“{found}”，开票清单为“{expected}”。"),
            Mismatch::TaxRate {
                invoice,
                expected_bp,
                found_bp,
            } => format!(
                "发票 {invoice} 税率为 {}，开票清单为 {}。",
                percent(*found_bp),
                percent(*expected_bp)
            ),
            Mismatch::SellerName {
                invoice,
                expected,
                found,
            } => format!("发票 {invoice} 销售方为“{found}”，商业信息认证为“{expected}”。"),
            Mismatch::TaxpayerId {
                invoice,
                expected,
                found,
            } => format!("发票 {invoice} 纳税人识别号为 {found}，商业信息认证为 {expected}。"),
            Mismatch::Total { expected, found } => format!("发票合计 {found}，开票清单为 {expected}。"),
        }
    }
}
