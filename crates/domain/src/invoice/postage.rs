//! Who pays to post a paper invoice (S-CN-AD).
//!
//! WHY exact: the rule turns on a face value under CNY 100 — the buyer pays the courier
//! on delivery (到付) — and CNY 100.00 itself is the seller's. Amounts are compared in
//! fen, never as floats. Electronic and 数电 invoices are not posted. The rule is stated
//! in CNY only; for another currency there is no answer rather than a guess.

use super::{InvoiceKind, Medium};
use crate::money::{Currency, Money};

/// From this face value (in fen) on, the seller pays the postage.
pub const FREE_POSTAGE_FROM_FEN: i64 = 10_000; // CNY 100.00

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Postage {
    /// Electronic or 数电: nothing is posted.
    NotPosted,
    /// Face value under CNY 100: the buyer pays the courier on delivery.
    BuyerPaysOnDelivery,
    /// Face value of CNY 100 or more: the seller pays.
    SellerPays,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostageError {
    pub currency: Currency,
}

impl PostageError {
    pub fn message_en(self) -> String {
        format!(
            "The postage rule is stated for CNY invoices only; an invoice in {} has no documented rule.",
            self.currency.code()
        )
    }

    pub fn message_zh(self) -> String {
        format!(
            "邮寄费用规则仅针对人民币发票；{} 发票没有相关规定。",
            self.currency.code()
        )
    }
}

/// Who pays to post an invoice of `kind` with `face_value`.
pub fn postage(kind: InvoiceKind, face_value: Money) -> Result<Postage, PostageError> {
    if kind.medium != Medium::Paper {
        return Ok(Postage::NotPosted);
    }
    if face_value.currency != Currency::Cny {
        return Err(PostageError {
            currency: face_value.currency,
        });
    }
    Ok(if face_value.minor < FREE_POSTAGE_FROM_FEN {
        Postage::BuyerPaysOnDelivery
    } else {
        Postage::SellerPays
    })
}
