//! Invoices (发票): the buyer's invoice requests a seller must answer, the invoice
//! types a buyer can pick, who pays the postage, and the seller's invoice to Huawei.
//!
//! WHY in the domain: for general products the seller, not Huawei, invoices the buyer
//! (S-CN-AC, S-CN-B, S-CN-S, S-CN-Z) and must do so within 7 days of the request
//! (S-CN-AD); a seller with unanswered requests cannot even leave the marketplace
//! (S-CN-AQ). For joint-operation products it is the other way round: the seller
//! invoices Huawei per an invoicing list, and an invoice that does not match the list
//! holds up the payment (S-CN-S, S-CN-T, S-CN-AV). Gallerist keeps the worklist and
//! checks the seller's invoice before it leaves. Pure: `now` is passed in.
//!
//! Where the reference is silent:
//! - How the 7 days are counted: see `request.rs` (UTC+8 calendar days, the day of the
//!   request counting as the first — never later than any other reading).
//! - Who returns an issued invoice: the seller-side tab offers 退票 on 已完成 (S-CN-Y),
//!   so the return is modelled as the seller's step, with a reason.
//! - Postage is stated in CNY only; other currencies get no answer rather than a guess.
//! - Names are compared exactly after trimming (the Huawei entity, the seller's name):
//!   Huawei's verification is not described, so any difference is reported.

mod joint_check;
mod kind;
mod postage;
mod request;

#[cfg(test)]
mod joint_check_tests;
#[cfg(test)]
mod kind_tests;
#[cfg(test)]
mod request_tests;

pub use joint_check::{precheck, CertifiedIdentity, InvoicingList, Mismatch, SellerInvoice};
pub use kind::{buyer_option, BuyerOption, GreyReason, InvoiceKind, InvoiceType, Medium};
pub use postage::{postage, Postage, PostageError, FREE_POSTAGE_FROM_FEN};
pub use request::{
    invoicer, InvoiceOp, InvoiceRequest, InvoiceStatus, Invoicer, ProductOrigin, Refusal, ISSUE_WITHIN_DAYS,
};

pub use crate::supervision::Actor;
