//! Buyer invoice requests against the 7-day deadline, the invoice types the seller
//! offers (and why a buyer sees an option greyed), and the pre-check of the seller's
//! invoice to Huawei for joint-operation bills.
//!
//! WHY the deadline is computed here and not taken from the server: it is a platform
//! rule (7 days from the request, counted in UTC+8 calendar days, reference §6
//! S-CN-AD), and the countdown must keep running offline. Issuing needs the full order
//! amount; an amount typed differently is refused before anything is queued.

use super::{one, queue, refused, sync_account, AccountArg, Change, Outgoing, Words};
use crate::{ApiError, Core};
use chrono::{DateTime, NaiveDate, Utc};
use gallerist_domain::invoice::{
    buyer_option, postage, precheck, Actor, BuyerOption, CertifiedIdentity, InvoiceKind, InvoiceOp, InvoiceRequest,
    InvoiceStatus, InvoicingList, Postage, SellerInvoice,
};
use gallerist_domain::money::Money;
use gallerist_market::sync::ops;
use gallerist_store::remote;
use serde::{Deserialize, Serialize};
use serde_json::json;

pub const KIND: &str = "invoice_request";
/// "Due soon": the deadline is within this many hours.
pub const DUE_SOON_HOURS: i64 = 24;

#[derive(Debug, Clone, Deserialize)]
struct WireRequest {
    id: String,
    product_name: String,
    buyer: String,
    title: String,
    taxpayer_id: Option<String>,
    address: Option<String>,
    request: InvoiceRequest,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRequestView {
    pub id: String,
    pub order_id: String,
    pub product_name: String,
    pub buyer: String,
    pub title: String,
    pub taxpayer_id: Option<String>,
    pub address: Option<String>,
    pub kind: InvoiceKind,
    pub kind_label: Words,
    pub amount: Money,
    pub status: InvoiceStatus,
    pub status_label: Words,
    pub requested_at: DateTime<Utc>,
    /// The last UTC+8 day on which it may be issued.
    pub last_day: NaiveDate,
    /// The first instant that is too late.
    pub deadline: DateTime<Utc>,
    pub seconds_left: i64,
    pub overdue: bool,
    pub due_soon: bool,
    pub postage: Option<Words>,
    pub invoice_number: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    pub issued_late: bool,
    pub reason: Option<String>,
    pub outgoing: Outgoing,
}

fn postage_words(kind: InvoiceKind, amount: Money) -> Option<Words> {
    match postage(kind, amount) {
        Ok(Postage::NotPosted) => None,
        Ok(Postage::BuyerPaysOnDelivery) => Some(Words::new(
            "Under CNY 100: post it freight collect (the buyer pays the courier).",
            "面额不足 100 元：邮费到付（用户支付）。",
        )),
        Ok(Postage::SellerPays) => Some(Words::new(
            "CNY 100 or more: the seller pays the postage.",
            "面额满 100 元：邮费由商家支付。",
        )),
        Err(e) => Some(Words::new(e.message_en(), e.message_zh())),
    }
}

fn view(t: &super::Tracked, now: DateTime<Utc>) -> Result<InvoiceRequestView, ApiError> {
    let w = WireRequest::deserialize(&t.shown)
        .map_err(|e| ApiError::invalid(format!("an invoice request from the server cannot be read: {e}")))?;
    let r = &w.request;
    let left = r.remaining(now);
    let open = r.status == InvoiceStatus::Requested;
    Ok(InvoiceRequestView {
        order_id: r.order_id.clone(),
        kind: r.kind,
        kind_label: Words::new(r.kind.label_en(), r.kind.label_zh()),
        amount: r.order_amount,
        status: r.status,
        status_label: Words::new(r.status.label_en(), r.status.label_zh()),
        requested_at: r.requested_at,
        last_day: r.last_day(),
        deadline: r.deadline(),
        seconds_left: left.num_seconds(),
        overdue: r.is_overdue(now),
        due_soon: open && !r.is_overdue(now) && left.num_hours() < DUE_SOON_HOURS,
        postage: postage_words(r.kind, r.order_amount),
        invoice_number: r.invoice_number.clone(),
        issued_at: r.issued_at,
        issued_late: r.issued_late(),
        reason: r.reason.clone(),
        outgoing: t.outgoing.clone(),
        id: w.id,
        product_name: w.product_name,
        buyer: w.buyer,
        title: w.title,
        taxpayer_id: w.taxpayer_id,
        address: w.address,
    })
}

pub fn list_invoice_requests(core: &Core, args: AccountArg) -> Result<Vec<InvoiceRequestView>, ApiError> {
    let now = core.clock.now();
    let conn = core.store.conn()?;
    let mut out: Vec<InvoiceRequestView> = super::all(&conn, args.account_id, KIND)?
        .iter()
        .map(|t| view(t, now))
        .collect::<Result<_, _>>()?;
    // Open requests first, nearest deadline first; then the rest, newest first.
    out.sort_by_key(|v| {
        let open = v.status == InvoiceStatus::Requested;
        (
            !open,
            if open {
                v.seconds_left
            } else {
                -v.requested_at.timestamp()
            },
            v.id.clone(),
        )
    });
    Ok(out)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceAction {
    pub account_id: i64,
    pub request_id: String,
    /// `issue`, `revoke` or `return`.
    pub action: String,
    pub number: Option<String>,
    /// The amount as typed, e.g. "1,280.00" is refused, "1280.00" is read exactly.
    pub amount: Option<String>,
    pub reason: Option<String>,
}

pub fn invoice_action(core: &Core, args: InvoiceAction) -> Result<InvoiceRequestView, ApiError> {
    sync_account(core, args.account_id)?;
    let now = core.clock.now();
    let tracked = one(&*core.store.conn()?, args.account_id, KIND, &args.request_id)?;
    let mut local = tracked.shown.clone();
    let mut request: InvoiceRequest = serde_json::from_value(local["request"].clone())
        .map_err(|e| ApiError::invalid(format!("invoice request {} cannot be read: {e}", args.request_id)))?;
    let reason = args.reason.clone().unwrap_or_default();
    let (op, body) = match args.action.as_str() {
        "issue" => {
            let typed = args.amount.clone().unwrap_or_default();
            let amount = Money::parse(&typed, request.order_amount.currency).map_err(|_| {
                refused(
                    format!("“{typed}” is not an amount; type it like 1280.00."),
                    format!("“{typed}”不是有效金额，请按 1280.00 的格式填写。"),
                )
            })?;
            let number = args.number.clone().unwrap_or_default().trim().to_string();
            let body = json!({ "number": number, "amount": amount });
            (InvoiceOp::Issue { number, amount }, body)
        }
        "revoke" => (
            InvoiceOp::Revoke { reason: reason.clone() },
            json!({ "reason": reason }),
        ),
        "return" => (
            InvoiceOp::Return { reason: reason.clone() },
            json!({ "reason": reason }),
        ),
        other => return Err(ApiError::invalid(format!("there is no invoice action '{other}'"))),
    };
    request
        .apply(Actor::Seller, op, now)
        .map_err(|r| refused(r.message_en(), r.message_zh()))?;
    local["request"] = serde_json::to_value(&request).expect("a request serializes");
    let change = Change {
        kind: ops::INVOICE_ACTION,
        lane: super::lane(KIND, &args.request_id),
        payload: json!({ "request_id": args.request_id, "action": args.action, "body": body }),
        base_revision: None,
    };
    queue(core, args.account_id, vec![change], |tx| {
        remote::set_local(tx, args.account_id, KIND, &args.request_id, Some(&local))
    })?;
    let conn = core.store.conn()?;
    view(&one(&conn, args.account_id, KIND, &args.request_id)?, now)
}

/// Huawei's invoicing list as synced.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoicingListView {
    pub id: String,
    #[serde(alias = "bill_period")]
    pub bill_period: String,
    pub list: InvoicingList,
    pub mailbox: String,
}

pub fn invoicing_lists(core: &Core, args: AccountArg) -> Result<Vec<InvoicingListView>, ApiError> {
    let conn = core.store.conn()?;
    super::all(&conn, args.account_id, "invoicing_list")?
        .iter()
        .map(|t| {
            InvoicingListView::deserialize(&t.shown)
                .map_err(|e| ApiError::invalid(format!("an invoicing list cannot be read: {e}")))
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrecheckArg {
    pub account_id: i64,
    pub list_id: String,
    pub invoices: Vec<SellerInvoice>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Precheck {
    pub ok: bool,
    pub problems: Vec<Words>,
    pub certified: CertifiedIdentity,
}

/// Checks the seller's invoices against the list and the certified identity.
pub fn precheck_joint_invoice(core: &Core, args: PrecheckArg) -> Result<Precheck, ApiError> {
    let conn = core.store.conn()?;
    let list = InvoicingListView::deserialize(&one(&conn, args.account_id, "invoicing_list", &args.list_id)?.shown)
        .map_err(|e| ApiError::invalid(format!("the invoicing list cannot be read: {e}")))?;
    let profile = super::contacts::profile(&conn, args.account_id)?;
    let problems: Vec<Words> = precheck(&list.list, &args.invoices, &profile.certified)
        .iter()
        .map(|m| Words::new(m.message_en(), m.message_zh()))
        .collect();
    Ok(Precheck {
        ok: problems.is_empty(),
        problems,
        certified: profile.certified,
    })
}

/// Every invoice kind, whether buyers can pick it, and why not.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindOption {
    pub kind: InvoiceKind,
    pub label: Words,
    pub offered: bool,
    pub greyed_because: Option<Words>,
}

pub fn invoice_kind_options(supported: &[InvoiceKind]) -> Vec<KindOption> {
    InvoiceKind::ALL
        .iter()
        .map(|&kind| {
            let greyed_because = match buyer_option(kind, supported) {
                BuyerOption::Selectable => None,
                BuyerOption::Greyed(why) => Some(Words::new(why.explanation_en(), why.explanation_zh())),
            };
            KindOption {
                kind,
                label: Words::new(kind.label_en(), kind.label_zh()),
                offered: greyed_because.is_none(),
                greyed_because,
            }
        })
        .collect()
}
