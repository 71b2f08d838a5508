//! Contacts and service & support configuration: read, checked on every edit, saved
//! through the outbox with If-Match.
//!
//! WHY `check_contacts` apart from saving: the form shows each problem under its field
//! while the seller types (a phone in the wrong form, tickets under 5×8), without
//! queueing anything. Saving refuses while problems remain, so an invalid profile never
//! reaches the server, and a stale save becomes a conflict with both versions kept.

use super::invoices::{invoice_kind_options, KindOption};
use super::{one, queue, refused, sync_account, AccountArg, Change, Outgoing, Words};
use crate::{ApiError, Core};
use gallerist_domain::contacts::{validate, ContactSettings};
use gallerist_domain::invoice::{CertifiedIdentity, InvoiceKind};
use gallerist_market::sync::ops;
use gallerist_store::{remote, Connection};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub const KIND: &str = "contacts";
const ID: &str = "seller";

#[derive(Debug, Clone, Deserialize)]
pub struct WireProfile {
    pub settings: ContactSettings,
    pub invoice_kinds: Vec<InvoiceKind>,
    pub certified: CertifiedIdentity,
}

pub fn profile(conn: &Connection, account_id: i64) -> Result<WireProfile, ApiError> {
    WireProfile::deserialize(&one(conn, account_id, KIND, ID)?.shown)
        .map_err(|e| ApiError::invalid(format!("the seller profile from the server cannot be read: {e}")))
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: String,
    pub message: Words,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactsView {
    pub settings: ContactSettings,
    pub invoice_kinds: Vec<InvoiceKind>,
    pub kind_options: Vec<KindOption>,
    pub certified: CertifiedIdentity,
    pub revision: i64,
    pub problems: Vec<FieldProblem>,
    pub outgoing: Outgoing,
}

fn problems(settings: &ContactSettings) -> Vec<FieldProblem> {
    validate(settings)
        .iter()
        .map(|p| FieldProblem {
            field: p.field(),
            message: Words::new(p.message_en(), p.message_zh()),
        })
        .collect()
}

pub fn get_contacts(core: &Core, args: AccountArg) -> Result<ContactsView, ApiError> {
    let conn = core.store.conn()?;
    let tracked = one(&conn, args.account_id, KIND, ID)?;
    let p = WireProfile::deserialize(&tracked.shown)
        .map_err(|e| ApiError::invalid(format!("the seller profile from the server cannot be read: {e}")))?;
    Ok(ContactsView {
        problems: problems(&p.settings),
        kind_options: invoice_kind_options(&p.invoice_kinds),
        settings: p.settings,
        invoice_kinds: p.invoice_kinds,
        certified: p.certified,
        revision: tracked.revision,
        outgoing: tracked.outgoing,
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactsArg {
    pub account_id: i64,
    pub settings: ContactSettings,
    pub invoice_kinds: Vec<InvoiceKind>,
}

/// The problems with a form as typed; nothing is saved.
pub fn check_contacts(_core: &Core, args: ContactsArg) -> Result<Vec<FieldProblem>, ApiError> {
    Ok(problems(&args.settings))
}

pub fn save_contacts(core: &Core, args: ContactsArg) -> Result<ContactsView, ApiError> {
    sync_account(core, args.account_id)?;
    let found = problems(&args.settings);
    if !found.is_empty() {
        let en: Vec<&str> = found.iter().map(|p| p.message.en.as_str()).collect();
        let zh: Vec<&str> = found.iter().map(|p| p.message.zh_cn.as_str()).collect();
        return Err(refused(
            format!("Not saved: {}", en.join(" ")),
            format!("未保存：{}", zh.join("")),
        ));
    }
    if args.invoice_kinds.is_empty() {
        return Err(refused(
            "Offer at least one invoice type, or buyers cannot request invoices.".into(),
            "请至少支持一种发票类型，否则用户无法申请发票。".into(),
        ));
    }
    let tracked = one(&*core.store.conn()?, args.account_id, KIND, ID)?;
    let fields = json!({ "settings": args.settings, "invoice_kinds": args.invoice_kinds });
    let base = json!({ "settings": tracked.server["settings"], "invoice_kinds": tracked.server["invoice_kinds"] });
    let mut local = tracked.shown.clone();
    local["settings"] = fields["settings"].clone();
    local["invoice_kinds"] = fields["invoice_kinds"].clone();
    let change = Change {
        kind: ops::SAVE_PROFILE,
        lane: super::lane(KIND, ID),
        payload: json!({ "fields": fields, "base": base }),
        base_revision: Some(tracked.revision),
    };
    queue(core, args.account_id, vec![change], |tx| {
        remote::set_local(tx, args.account_id, KIND, ID, Some(&local))
    })?;
    get_contacts(
        core,
        AccountArg {
            account_id: args.account_id,
        },
    )
}
