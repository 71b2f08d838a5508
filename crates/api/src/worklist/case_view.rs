//! A supervision case as the seller sees it: whose step, how long it has waited, when an
//! appeal opens, when the platform accepts automatically, which of the seller's steps
//! are possible now (and in words why not), and the timeline.
//!
//! WHY dry runs: every "may I?" is answered by applying the step to a copy of the case
//! with the domain's state machine, the same one the server uses. A button is never
//! enabled for a step the platform would refuse, and a disabled one says why.

use super::{Outgoing, Tracked, Words};
use crate::ApiError;
use chrono::{DateTime, Utc};
use gallerist_domain::money::Money;
use gallerist_domain::supervision::attachment::FileKind;
use gallerist_domain::supervision::{
    appeal_grounds, auto_acceptance_at, idle_appeal_opens_after, Actor, AppealGround, Case, Delivery, Flow, Node, Op,
    Refusal,
};
use serde::{Deserialize, Serialize};

/// A case as the Seller Sync API sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct WireCase {
    pub id: String,
    pub order_id: String,
    pub product_name: String,
    pub buyer: String,
    pub amount: Money,
    pub case: Case,
    #[serde(default)]
    pub files: Vec<WireFile>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireFile {
    pub sha256: String,
    pub name: String,
    pub size: u64,
    pub kind: FileKind,
}

pub fn parse(value: &serde_json::Value) -> Result<WireCase, ApiError> {
    WireCase::deserialize(value).map_err(|e| ApiError::invalid(format!("a case from the server cannot be read: {e}")))
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Appealable {
    pub now: bool,
    /// Why an appeal is possible now, or why not (with the date it opens, if it will).
    pub why: Words,
    /// The first instant an idle appeal is allowed (strictly after the 5-day mark).
    pub opens_after: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    pub id: String,
    pub order_id: String,
    pub product_name: String,
    pub buyer: String,
    pub amount: Money,
    pub flow: Flow,
    pub flow_label: Words,
    pub node: Node,
    pub node_label: Words,
    /// `buyer`, `seller`, `platform`, or null once closed.
    pub whose_step: Option<Actor>,
    pub node_since: DateTime<Utc>,
    pub frozen: bool,
    pub appeal: Appealable,
    pub auto_accept_at: Option<DateTime<Utc>>,
    pub requirement_rejections: u32,
    pub delivery_rejections: u32,
    pub last_rejection_reason: Option<String>,
    pub supervision_status: Words,
    pub releases_billing: bool,
    pub validity_start: Option<DateTime<Utc>>,
    pub outgoing: Outgoing,
}

fn appealable(case: &Case, now: DateTime<Utc>) -> Appealable {
    let opens_after = idle_appeal_opens_after(case, Actor::Seller);
    match appeal_grounds(case, Actor::Seller, now) {
        Ok(AppealGround::Idle { since }) => Appealable {
            now: true,
            why: Words::new(
                format!(
                    "The buyer has not acted since {} (more than 5 days).",
                    super::beijing(since)
                ),
                format!("用户自 {} 起未操作，已超过 5 天。", super::beijing_zh(since)),
            ),
            opens_after,
        },
        Ok(AppealGround::Rejections { count }) => Appealable {
            now: true,
            why: Words::new(
                format!("The buyer has rejected {count} times (more than 3)."),
                format!("用户已驳回 {count} 次（超过 3 次）。"),
            ),
            opens_after,
        },
        Err(r) => Appealable {
            now: false,
            why: Words::new(r.message_en(), r.message_zh()),
            opens_after,
        },
    }
}

pub fn summary(tracked: &Tracked, now: DateTime<Utc>) -> Result<CaseSummary, ApiError> {
    let w = parse(&tracked.shown)?;
    let case = &w.case;
    let status = case.supervision_status();
    Ok(CaseSummary {
        flow: case.flow,
        flow_label: Words::new(case.flow.label_en(), case.flow.label_zh()),
        node: case.node,
        node_label: Words::new(case.node.label_en(), case.node.label_zh()),
        whose_step: case.whose_step(),
        node_since: case.node_since,
        frozen: case.is_frozen(),
        appeal: appealable(case, now),
        auto_accept_at: (case.flow == Flow::Hardware && case.node == Node::Accepting)
            .then(|| auto_acceptance_at(case).ok())
            .flatten(),
        requirement_rejections: case.requirement_rejections,
        delivery_rejections: case.delivery_rejections,
        last_rejection_reason: case.last_rejection_reason.clone(),
        supervision_status: Words::new(status.label_en(), status.label_zh()),
        releases_billing: status.releases_billing(),
        validity_start: case.validity_start(),
        outgoing: tracked.outgoing.clone(),
        id: w.id,
        order_id: w.order_id,
        product_name: w.product_name,
        buyer: w.buyer,
        amount: w.amount,
    })
}

/// One of the seller's steps and whether it is possible now.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// `confirm_requirements`, `reject_requirements`, `deliver`, `ship`,
    /// `activate_auth_code` or `appeal`.
    pub action: &'static str,
    pub allowed: bool,
    pub why_not: Option<Words>,
}

fn dry_run(case: &Case, op: Op, now: DateTime<Utc>) -> Result<(), Refusal> {
    let mut copy = case.clone();
    copy.apply(Actor::Seller, op, now).map(|_| ())
}

/// The seller's steps that exist in this case's flow, each with its verdict now.
pub fn actions(case: &Case, now: DateTime<Utc>) -> Vec<Action> {
    let x = || "x".to_string();
    let candidates = [
        ("confirm_requirements", Op::ConfirmRequirements),
        ("reject_requirements", Op::RejectRequirements { reason: x() }),
        (
            "deliver",
            Op::Deliver(Delivery {
                acceptance_document: x(),
                attachments: Vec::new(),
                actual_start: None,
            }),
        ),
        (
            "ship",
            Op::Ship {
                courier: x(),
                tracking_number: x(),
                recipient_phone: x(),
            },
        ),
        ("activate_auth_code", Op::ActivateAuthCode),
    ];
    let verdict = |action, result: Result<(), Refusal>| Action {
        action,
        allowed: result.is_ok(),
        why_not: result.err().map(|r| Words::new(r.message_en(), r.message_zh())),
    };
    let mut out: Vec<Action> = candidates
        .into_iter()
        .filter(|(_, op)| op.fits(case.flow))
        .map(|(name, op)| verdict(name, dry_run(case, op, now)))
        .collect();
    let mut copy = case.clone();
    out.push(verdict("appeal", copy.appeal(Actor::Seller, "x", now).map(|_| ())));
    out
}

/// One entry of the case's timeline.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Moment {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub actor_label: Words,
    pub from: Words,
    pub to: Words,
}

pub fn timeline(case: &Case) -> Vec<Moment> {
    case.history
        .iter()
        .map(|s| Moment {
            at: s.at,
            actor: s.actor,
            actor_label: Words::new(s.actor.label_en(), s.actor.label_zh()),
            from: Words::new(s.from.label_en(), s.from.label_zh()),
            to: Words::new(s.to.label_en(), s.to.label_zh()),
        })
        .collect()
}
