//! The worklist entities as the sandbox stores and sends them: supervision cases,
//! buyer invoice requests, Huawei's invoicing lists and the seller profile (contacts,
//! service & support, invoice types, certified identity).
//!
//! WHY the domain types sit inside each entity: a case is the domain's `Case` (flow,
//! node, history, appeal) and an invoice request the domain's `InvoiceRequest`, so the
//! rules that move them are the same ones Gallerist checks offline. The envelope adds
//! what a marketplace knows besides: ids, revisions, the order, the buyer, the files.

use super::wire::entity;
use chrono::{DateTime, Utc};
use gallerist_domain::contacts::ContactSettings;
use gallerist_domain::invoice::{CertifiedIdentity, InvoiceKind, InvoiceRequest, InvoicingList};
use gallerist_domain::money::Money;
use gallerist_domain::supervision::attachment::FileKind;
use gallerist_domain::supervision::Case;
use serde::{Deserialize, Serialize};

/// A file uploaded as delivery proof; deliveries name it by its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRef {
    pub sha256: String,
    pub name: String,
    pub size: u64,
    pub kind: FileKind,
}

/// The supervision case of one order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SupervisionCase {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub order_id: String,
    pub product_name: String,
    /// The buyer's account name as the console shows it (masked).
    pub buyer: String,
    pub amount: Money,
    pub case: Case,
    /// Files referenced by the case's deliveries.
    pub files: Vec<FileRef>,
}
entity!(SupervisionCase, "case");

/// A buyer's invoice request for one order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct InvoiceRequestEntity {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub product_name: String,
    pub buyer: String,
    /// 发票抬头: the company or person the invoice is made out to.
    pub title: String,
    pub taxpayer_id: Option<String>,
    /// Where a paper invoice goes; `None` for electronic and 数电 invoices.
    pub address: Option<String>,
    pub request: InvoiceRequest,
}
entity!(InvoiceRequestEntity, "invoice_request");

/// Huawei's invoicing list (开票清单) for one payment request of a joint-operation bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct InvoicingListEntity {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub bill_period: String,
    pub list: InvoicingList,
    /// Where the e-invoice goes (the list's mailbox).
    pub mailbox: String,
}
entity!(InvoicingListEntity, "invoicing_list");

/// The seller's contacts, service & support configuration, invoice types and the
/// certified business identity: one entity, id `seller`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SellerProfile {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub settings: ContactSettings,
    pub invoice_kinds: Vec<InvoiceKind>,
    /// Read-only here: certification is changed through the console's review.
    pub certified: CertifiedIdentity,
}
entity!(SellerProfile, "contacts");

pub(crate) const PROFILE_ID: &str = "seller";
