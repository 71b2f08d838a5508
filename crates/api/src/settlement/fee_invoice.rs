//! Asking Huawei for a paid bill's platform-fee invoice (平台使用费发票).
//!
//! WHY checked here first: the rule (paid, CN site, not joint-operation, a template in
//! 商家信息, one per bill) is the domain's `fee_invoice_blocked`; the bill page shows its
//! answer next to the disabled button, and a request is queued only when it would be
//! accepted — the sandbox checks the same rule and refuses in the same words. The
//! request rides the outbox in the bill's lane, so it survives a restart or a lost
//! connection and is sent once.
//!
//! Honesty: KooGallery has no API for this; it reaches a Seller Sync API server (the
//! sandbox). A live account or a bill imported from a console export is told to request
//! the invoice in the Seller Center.

use super::bill_view::{get_bill, stored_bill, BillArg, BillDetail};
use crate::worklist::{self, outgoing, queue, refused, sync_account, Change, Outgoing};
use crate::{ApiError, Core};
use gallerist_domain::settlement::{fee_invoice_blocked, FeeInvoice, FeeInvoiceFacts, FeeInvoiceKind, Label, Stage};
use gallerist_market::sync::ops;
use gallerist_store::bills::BillRow;
use gallerist_store::{remote, Connection};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The request's state for the bill page: why it cannot be asked now, and what is on
/// its way from this machine.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeeInvoicePanel {
    pub blocked: Option<Label>,
    pub outgoing: Outgoing,
}

fn lane(bill_id: &str) -> String {
    worklist::lane("bill", bill_id)
}

/// Whether the synced seller profile has the identity the invoice is made out to;
/// without a synced profile the server decides.
fn template_ready(conn: &Connection, account_id: i64) -> Result<bool, ApiError> {
    Ok(match remote::get(conn, account_id, "contacts", "seller")? {
        Some(p) => {
            let c = &p.body["certified"];
            let filled = |k: &str| c[k].as_str().is_some_and(|s| !s.trim().is_empty());
            filled("company_name") && filled("taxpayer_id")
        }
        None => true,
    })
}

/// The panel for one bill.
pub fn panel(conn: &Connection, account_id: i64, bill: &BillRow) -> Result<FeeInvoicePanel, ApiError> {
    let blocked = if bill.source == "import" {
        Some(Label::new(
            "This bill came from a console export: request its platform-fee invoice in the Seller Center.",
            "该账单来自控制台导出文件：请在卖家中心申请平台使用费发票。",
        ))
    } else {
        fee_invoice_blocked(&FeeInvoiceFacts {
            site: bill.site.clone(),
            stage: Stage::from_key(&bill.stage),
            joint_operation: bill.joint_operation,
            template_ready: template_ready(conn, account_id)?,
            existing: bill
                .fee_invoice
                .clone()
                .and_then(|v| serde_json::from_value::<FeeInvoice>(v).ok()),
        })
    };
    Ok(FeeInvoicePanel {
        blocked,
        outgoing: outgoing(conn, account_id, &lane(&bill.bill_id))?,
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestArg {
    pub account_id: i64,
    pub bill_id: String,
    pub kind: FeeInvoiceKind,
}

pub fn request_fee_invoice(core: &Core, args: RequestArg) -> Result<BillDetail, ApiError> {
    sync_account(core, args.account_id)?;
    {
        let conn = core.store.conn()?;
        let bill = stored_bill(&conn, args.account_id, &args.bill_id)?;
        let p = panel(&conn, args.account_id, &bill)?;
        if let Some(why) = p.blocked {
            return Err(refused(why.en, why.zh));
        }
        if p.outgoing.queued > 0 || p.outgoing.refused.is_some() {
            return Err(refused(
                "A request for this invoice is already on its way.".into(),
                "该发票的申请已在发送中。".into(),
            ));
        }
    }
    let change = Change {
        kind: ops::REQUEST_FEE_INVOICE,
        lane: lane(&args.bill_id),
        payload: json!({ "bill_id": args.bill_id, "kind": args.kind }),
        base_revision: None,
    };
    queue(core, args.account_id, vec![change], |_| Ok(()))?;
    get_bill(
        core,
        BillArg {
            account_id: args.account_id,
            bill_id: args.bill_id,
        },
    )
}
