//! Invoice types a buyer can pick, and why an option is greyed.
//!
//! WHY an explanation and not just a flag: buyers ask sellers why they cannot choose an
//! electronic VAT special invoice. The seller configures the types it supports
//! (商家管理 > 设置发票类型); under the current rules VAT ordinary and VAT special can each
//! be paper, electronic or 数电 (all-digital), and an option the buyer cannot pick is one
//! the seller has not enabled (S-CN-AB). Under the older rules a VAT special invoice
//! could not be electronic at all, so that option was greyed for every seller and only
//! paper was possible (S-CN-AA). The answer names both, since which text a buyer's
//! console follows is not stated.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceType {
    /// 增值税普通发票
    VatOrdinary,
    /// 增值税专用发票
    VatSpecial,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Paper,
    Electronic,
    /// 数电票: the all-digital invoice.
    AllDigital,
}

/// An invoice type on a medium, e.g. an electronic VAT ordinary invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InvoiceKind {
    pub invoice_type: InvoiceType,
    pub medium: Medium,
}

impl InvoiceKind {
    pub const fn new(invoice_type: InvoiceType, medium: Medium) -> Self {
        InvoiceKind { invoice_type, medium }
    }

    /// Every combination the current rules allow (S-CN-AB).
    pub const ALL: [InvoiceKind; 6] = [
        InvoiceKind::new(InvoiceType::VatOrdinary, Medium::Paper),
        InvoiceKind::new(InvoiceType::VatOrdinary, Medium::Electronic),
        InvoiceKind::new(InvoiceType::VatOrdinary, Medium::AllDigital),
        InvoiceKind::new(InvoiceType::VatSpecial, Medium::Paper),
        InvoiceKind::new(InvoiceType::VatSpecial, Medium::Electronic),
        InvoiceKind::new(InvoiceType::VatSpecial, Medium::AllDigital),
    ];

    pub fn label_en(self) -> String {
        let medium = match self.medium {
            Medium::Paper => "paper",
            Medium::Electronic => "electronic",
            Medium::AllDigital => "all-digital (数电)",
        };
        let ty = match self.invoice_type {
            InvoiceType::VatOrdinary => "VAT ordinary invoice",
            InvoiceType::VatSpecial => "VAT special invoice",
        };
        format!("{medium} {ty}")
    }

    pub fn label_zh(self) -> String {
        let medium = match self.medium {
            Medium::Paper => "纸质",
            Medium::Electronic => "电子",
            Medium::AllDigital => "数电",
        };
        let ty = match self.invoice_type {
            InvoiceType::VatOrdinary => "增值税普通发票",
            InvoiceType::VatSpecial => "增值税专用发票",
        };
        format!("{medium}{ty}")
    }
}

/// How an invoice option looks to the buyer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuyerOption {
    Selectable,
    Greyed(GreyReason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GreyReason {
    /// The seller has not enabled this kind in 设置发票类型.
    NotEnabledBySeller(InvoiceKind),
}

/// Whether the buyer can pick `kind` from a seller supporting `supported`.
pub fn buyer_option(kind: InvoiceKind, supported: &[InvoiceKind]) -> BuyerOption {
    if supported.contains(&kind) {
        BuyerOption::Selectable
    } else {
        BuyerOption::Greyed(GreyReason::NotEnabledBySeller(kind))
    }
}

impl GreyReason {
    pub fn explanation_en(self) -> String {
        let GreyReason::NotEnabledBySeller(kind) = self;
        let mut text = format!(
            "The seller has not enabled the {} (Seller Console: 商家管理 > 设置发票类型), so the buyer cannot pick it.",
            kind.label_en()
        );
        if kind.invoice_type == InvoiceType::VatSpecial && kind.medium != Medium::Paper {
            text.push_str(
                " Under KooGallery's older invoice rules a VAT special invoice could not be electronic at all: \
                 the option was greyed for every seller and only a paper VAT special invoice was possible.",
            );
        }
        text
    }

    pub fn explanation_zh(self) -> String {
        let GreyReason::NotEnabledBySeller(kind) = self;
        let mut text = format!(
            "商家未在“商家管理 > 设置发票类型”中开通{}，因此用户无法选择。",
            kind.label_zh()
        );
        if kind.invoice_type == InvoiceType::VatSpecial && kind.medium != Medium::Paper {
            text.push_str(
                "按云商店以前的开票规则，增值税专用发票不支持电子发票，该选项对所有商家都置灰，只能开具纸质专票。",
            );
        }
        text
    }
}
