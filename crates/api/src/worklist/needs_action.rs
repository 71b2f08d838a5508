//! What needs the seller today, across cases and invoices, and the deadline notices for
//! the desktop.
//!
//! WHY one list: the platform's clocks run whether or not the seller looks — an invoice
//! is late on day 8, a buyer who went quiet can be appealed after 5 days, a hardware
//! case completes (and becomes billable) 10 days after sign-off. The dashboard shows
//! these in one place, most urgent first; notices announce each deadline within 24 hours
//! once per machine.

use super::case_view::CaseSummary;
use super::invoices::{InvoiceRequestView, DUE_SOON_HOURS};
use super::{cases, invoices, AccountArg, Words};
use crate::{ApiError, Core};
use chrono::{DateTime, Duration, Utc};
use gallerist_domain::invoice::InvoiceStatus;
use gallerist_domain::supervision::Actor;
use gallerist_store::worklist;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionItem {
    /// `invoice_due`, `invoice_overdue`, `case_seller_step`, `case_appealable`,
    /// `case_auto_accept`.
    pub kind: &'static str,
    /// The case or invoice request id; the UI opens it.
    pub id: String,
    pub title: Words,
    pub detail: Words,
    pub due_at: Option<DateTime<Utc>>,
    pub urgent: bool,
}

fn invoice_item(v: &InvoiceRequestView) -> Option<ActionItem> {
    if v.status != InvoiceStatus::Requested {
        return None;
    }
    let (left_en, left_zh) = super::time_left(v.seconds_left);
    let (kind, detail) = if v.overdue {
        (
            "invoice_overdue",
            Words::new(
                format!(
                    "Overdue since {} (7 days from the request).",
                    super::beijing(v.deadline)
                ),
                format!("已超过 7 天开票期限，期限为 {}。", super::beijing_zh(v.deadline)),
            ),
        )
    } else {
        (
            "invoice_due",
            Words::new(
                format!("Issue by the end of {} (UTC+8), {left_en} left.", v.last_day),
                format!("请于 {}（北京时间）当天结束前开票，剩余 {left_zh}。", v.last_day),
            ),
        )
    };
    Some(ActionItem {
        kind,
        id: v.id.clone(),
        title: Words::new(
            format!("Invoice for {} · {}", v.title, v.kind_label.en),
            format!("为 {} 开具{}", v.title, v.kind_label.zh_cn),
        ),
        detail,
        due_at: Some(v.deadline),
        urgent: v.overdue || v.due_soon,
    })
}

fn case_items(c: &CaseSummary, now: DateTime<Utc>) -> Vec<ActionItem> {
    let mut out = Vec::new();
    let title = Words::new(
        format!("{} · order {}", c.product_name, c.order_id),
        format!("{} · 订单 {}", c.product_name, c.order_id),
    );
    if c.whose_step == Some(Actor::Seller) && !c.frozen {
        out.push(ActionItem {
            kind: "case_seller_step",
            id: c.id.clone(),
            title: title.clone(),
            detail: Words::new(
                format!("Your step: {}.", c.node_label.en),
                format!("待您处理：{}。", c.node_label.zh_cn),
            ),
            due_at: None,
            urgent: c.delivery_rejections > 0,
        });
    }
    if c.appeal.now {
        out.push(ActionItem {
            kind: "case_appealable",
            id: c.id.clone(),
            title: title.clone(),
            detail: Words::new(
                format!("You may appeal: {}", c.appeal.why.en),
                format!("可申诉：{}", c.appeal.why.zh_cn),
            ),
            due_at: None,
            urgent: false,
        });
    }
    if let Some(at) = c.auto_accept_at.filter(|at| *at > now) {
        out.push(ActionItem {
            kind: "case_auto_accept",
            id: c.id.clone(),
            title,
            detail: Words::new(
                format!(
                    "Accepted automatically on {} unless the buyer objects.",
                    super::beijing(at)
                ),
                format!("若用户无异议，将于 {} 自动验收。", super::beijing_zh(at)),
            ),
            due_at: Some(at),
            urgent: false,
        });
    }
    out
}

pub fn needs_action(core: &Core, args: AccountArg) -> Result<Vec<ActionItem>, ApiError> {
    let now = core.clock.now();
    let mut items: Vec<ActionItem> = invoices::list_invoice_requests(core, args.clone())?
        .iter()
        .filter_map(invoice_item)
        .collect();
    for c in cases::list_cases(core, args)? {
        items.extend(case_items(&c, now));
    }
    // Urgent first, then by deadline (none last), keeping the kinds' order otherwise.
    items.sort_by_key(|i| (!i.urgent, i.due_at.is_none(), i.due_at));
    Ok(items)
}

/// Deadlines within 24 hours not announced on this machine yet; each is marked shown
/// and, in the app, shown as a desktop notification in the UI language.
pub fn due_notices(core: &Core, args: AccountArg) -> Result<Vec<ActionItem>, ApiError> {
    let now = core.clock.now();
    let soon = now + Duration::hours(DUE_SOON_HOURS);
    let due: Vec<ActionItem> = needs_action(core, args.clone())?
        .into_iter()
        .filter(|i| i.due_at.is_some_and(|d| d <= soon) || i.kind == "invoice_overdue")
        .collect();
    let mut fresh = Vec::new();
    core.store.write(|tx| {
        for item in due {
            let key = format!("{}:{}:{}", item.kind, item.id, item.due_at.map_or(0, |d| d.timestamp()));
            if worklist::mark_shown(tx, args.account_id, &key, now)? {
                fresh.push(item);
            }
        }
        Ok(())
    })?;
    if let Some(notifier) = core.notifier.get() {
        let zh = core.locale() == gallerist_domain::codes::Locale::ZhCn;
        for item in &fresh {
            let pick = |w: &Words| if zh { w.zh_cn.clone() } else { w.en.clone() };
            notifier.show(&pick(&item.title), &pick(&item.detail));
        }
    }
    Ok(fresh)
}
