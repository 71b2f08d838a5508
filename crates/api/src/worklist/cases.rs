//! Supervision-case commands: the list, one case with its steps and timeline, the
//! seller's steps other than delivery (see `proofs`), and appeals.
//!
//! WHY checked here before queueing: the seller is often offline when working a case.
//! A step the state machine refuses is refused now, in both languages, and nothing is
//! queued; an allowed one is shown at once (the case moves locally) and sent when the
//! connection is back. If the buyer moved first, the server refuses the step and the
//! case shows the refusal with "send again" or "drop".

use super::case_view::{self, Action, CaseSummary, Moment, WireFile};
use super::{one, queue, refused, sync_account, AccountArg, Change, Words};
use crate::{ApiError, Core};
use gallerist_domain::supervision::{Actor, Case, Op};
use gallerist_market::sync::ops;
use gallerist_store::{remote, worklist};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub const KIND: &str = "case";

pub fn list_cases(core: &Core, args: AccountArg) -> Result<Vec<CaseSummary>, ApiError> {
    let now = core.clock.now();
    let conn = core.store.conn()?;
    let mut out: Vec<CaseSummary> = super::all(&conn, args.account_id, KIND)?
        .iter()
        .map(|t| case_view::summary(t, now))
        .collect::<Result<_, _>>()?;
    // The seller's own steps first, then by how long they have waited.
    out.sort_by_key(|c| {
        (
            c.whose_step != Some(Actor::Seller),
            c.whose_step.is_none(),
            c.node_since,
            c.id.clone(),
        )
    });
    Ok(out)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseArg {
    pub account_id: i64,
    pub case_id: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseView {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub requirements: Vec<String>,
    pub delivery: Option<serde_json::Value>,
    pub shipment: Option<serde_json::Value>,
    /// The appeal waiting for the platform, if one was filed.
    pub pending_appeal: Option<serde_json::Value>,
    pub files: Vec<WireFile>,
    pub actions: Vec<Action>,
    pub timeline: Vec<Moment>,
    pub proof: worklist::ProofDraft,
    /// A starting text for the proof, from the delivery template's sections.
    pub proof_template: Words,
}

fn template(w: &case_view::WireCase) -> Words {
    Words::new(
        format!(
            "Delivery statement\nOrder: {}\nProduct: {}\n\nAcceptance criteria (from the delivery template):\n1. \n\nWhat was delivered:\n- \n\nAttached proof: signed acceptance report, screenshots\n",
            w.order_id, w.product_name
        ),
        format!(
            "交付说明\n订单号：{}\n商品：{}\n\n验收标准（按商品交付模板）：\n1. \n\n交付内容：\n- \n\n附件：签字验收报告、截图\n",
            w.order_id, w.product_name
        ),
    )
}

fn json_of<T: Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

pub fn get_case(core: &Core, args: CaseArg) -> Result<CaseView, ApiError> {
    let now = core.clock.now();
    let conn = core.store.conn()?;
    let tracked = one(&conn, args.account_id, KIND, &args.case_id)?;
    let summary = case_view::summary(&tracked, now)?;
    let w = case_view::parse(&tracked.shown)?;
    let proof = worklist::proof(&conn, args.account_id, &args.case_id)?.unwrap_or_default();
    Ok(CaseView {
        requirements: w.case.requirements.clone(),
        delivery: w.case.delivery.as_ref().and_then(json_of),
        shipment: w.case.shipment.as_ref().and_then(json_of),
        pending_appeal: w.case.appeal.as_ref().and_then(json_of),
        files: w.files.clone(),
        actions: case_view::actions(&w.case, now),
        timeline: case_view::timeline(&w.case),
        proof,
        proof_template: template(&w),
        summary,
    })
}

/// A seller's step other than delivery.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SellerStep {
    ConfirmRequirements,
    RejectRequirements {
        reason: String,
    },
    ActivateAuthCode,
    Ship {
        courier: String,
        tracking_number: String,
        recipient_phone: String,
    },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepArg {
    pub account_id: i64,
    pub case_id: String,
    pub step: SellerStep,
}

/// Applies `op` to the case as shown (refusing in words), records the moved case as the
/// pending local copy, and queues the step (plus any `before` rows) in the case's lane.
pub(crate) fn take_step(
    core: &Core,
    account_id: i64,
    case_id: &str,
    before: Vec<Change>,
    op: Op,
    payload_extra: serde_json::Value,
) -> Result<CaseView, ApiError> {
    sync_account(core, account_id)?;
    let now = core.clock.now();
    let tracked = one(&*core.store.conn()?, account_id, KIND, case_id)?;
    let mut local = tracked.shown.clone();
    let mut case: Case = serde_json::from_value(local["case"].clone())
        .map_err(|e| ApiError::invalid(format!("case {case_id} cannot be read: {e}")))?;
    case.apply(Actor::Seller, op.clone(), now)
        .map_err(|r| refused(r.message_en(), r.message_zh()))?;
    local["case"] = serde_json::to_value(&case).expect("a case serializes");
    let mut payload = json!({ "case_id": case_id, "op": op });
    if let (Some(p), Some(extra)) = (payload.as_object_mut(), payload_extra.as_object()) {
        p.extend(extra.clone());
    }
    let mut changes = before;
    changes.push(Change {
        kind: ops::CASE_STEP,
        lane: super::lane(KIND, case_id),
        payload,
        base_revision: None,
    });
    queue(core, account_id, changes, |tx| {
        remote::set_local(tx, account_id, KIND, case_id, Some(&local))
    })?;
    get_case(
        core,
        CaseArg {
            account_id,
            case_id: case_id.into(),
        },
    )
}

pub fn case_step(core: &Core, args: StepArg) -> Result<CaseView, ApiError> {
    let op = match args.step {
        SellerStep::ConfirmRequirements => Op::ConfirmRequirements,
        SellerStep::RejectRequirements { reason } => Op::RejectRequirements { reason },
        SellerStep::ActivateAuthCode => Op::ActivateAuthCode,
        SellerStep::Ship {
            courier,
            tracking_number,
            recipient_phone,
        } => {
            if !recipient_phone.trim().is_empty() && !gallerist_domain::contacts::is_phone(&recipient_phone) {
                return Err(refused(
                    format!("“{recipient_phone}” is not a phone number (11-digit mobile, landline with area code, or +country code)."),
                    format!("“{recipient_phone}”不是有效的电话号码（11 位手机号、带区号的座机或 +国家码）。"),
                ));
            }
            Op::Ship {
                courier,
                tracking_number,
                recipient_phone,
            }
        }
    };
    take_step(core, args.account_id, &args.case_id, Vec::new(), op, json!({}))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppealArg {
    pub account_id: i64,
    pub case_id: String,
    pub reason: String,
}

/// Files an appeal when the rules allow one now; refuses with the date it opens.
pub fn appeal_case(core: &Core, args: AppealArg) -> Result<CaseView, ApiError> {
    sync_account(core, args.account_id)?;
    let now = core.clock.now();
    let tracked = one(&*core.store.conn()?, args.account_id, KIND, &args.case_id)?;
    let mut local = tracked.shown.clone();
    let mut case: Case = serde_json::from_value(local["case"].clone())
        .map_err(|e| ApiError::invalid(format!("case {} cannot be read: {e}", args.case_id)))?;
    case.appeal(Actor::Seller, &args.reason, now)
        .map_err(|r| refused(r.message_en(), r.message_zh()))?;
    local["case"] = serde_json::to_value(&case).expect("a case serializes");
    let change = Change {
        kind: ops::CASE_APPEAL,
        lane: super::lane(KIND, &args.case_id),
        payload: json!({ "case_id": args.case_id, "reason": args.reason }),
        base_revision: None,
    };
    queue(core, args.account_id, vec![change], |tx| {
        remote::set_local(tx, args.account_id, KIND, &args.case_id, Some(&local))
    })?;
    get_case(
        core,
        CaseArg {
            account_id: args.account_id,
            case_id: args.case_id,
        },
    )
}
