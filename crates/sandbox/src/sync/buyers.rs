//! Simulated buyers and the platform's own steps on supervision cases, and new
//! invoice requests arriving over time.
//!
//! WHY lazily, like the reviewer: each case whose other side has something to do gets a
//! due time; whatever is due is carried out at the start of the next request, dated at
//! its due time. A test with a fixed clock sees exactly the steps whose time has come,
//! and a seller who leaves the app open sees buyers act minutes after a delivery.
//!
//! Buyers have a profile: `prompt` acts after the buyer delay; `picky` rejects the first
//! delivery once, then accepts; `slow` never acts, so the seller's appeal opens after
//! 5 idle days. The platform records a hardware sign-off after the delay and accepts
//! automatically 10 days later (unless the phones differ), completes a non-赋能云
//! joint-operation License, and approves 赋能云 acceptance reports.

use super::errors::SyncError;
use super::store;
use super::wire::Entity;
use super::worklist_wire::SupervisionCase;
use super::SyncState;
use chrono::{DateTime, TimeZone, Utc};
use gallerist_domain::supervision::{auto_acceptance_at, Actor, Flow, Node, Op};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS seller_sync_buyers (
    case_id TEXT PRIMARY KEY,
    profile TEXT NOT NULL,
    due_ms INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seller_sync_buyers_due ON seller_sync_buyers (due_ms) WHERE due_ms IS NOT NULL;
";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BuyerProfile {
    #[default]
    Prompt,
    Picky,
    Slow,
}

impl BuyerProfile {
    fn as_str(self) -> &'static str {
        match self {
            BuyerProfile::Prompt => "prompt",
            BuyerProfile::Picky => "picky",
            BuyerProfile::Slow => "slow",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "picky" => BuyerProfile::Picky,
            "slow" => BuyerProfile::Slow,
            _ => BuyerProfile::Prompt,
        }
    }
}

pub(crate) fn set_profile(conn: &Connection, case_id: &str, profile: BuyerProfile) -> Result<(), SyncError> {
    conn.prepare_cached(
        "INSERT INTO seller_sync_buyers (case_id, profile, due_ms) VALUES (?1, ?2, NULL)
         ON CONFLICT (case_id) DO UPDATE SET profile = excluded.profile",
    )?
    .execute(params![case_id, profile.as_str()])?;
    Ok(())
}

fn profile(conn: &Connection, case_id: &str) -> Result<BuyerProfile, SyncError> {
    let p: Option<String> = conn
        .prepare_cached("SELECT profile FROM seller_sync_buyers WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?;
    Ok(p.map_or(BuyerProfile::Prompt, |p| BuyerProfile::parse(&p)))
}

/// When the other side of `entity` acts next, if it will.
fn next_due(entity: &SupervisionCase, profile: BuyerProfile, delay: chrono::Duration) -> Option<DateTime<Utc>> {
    let case = &entity.case;
    if case.is_frozen() {
        return None;
    }
    let since = case.node_since;
    match (case.node, case.flow) {
        (Node::Accepting, Flow::Hardware) => {
            let signed = case.shipment.as_ref().and_then(|s| s.signed_off_at);
            match signed {
                None => Some(since + delay),
                Some(at) if profile != BuyerProfile::Slow => Some(at + delay),
                Some(_) => auto_acceptance_at(case).ok(),
            }
        }
        (node, _) => match node.actor() {
            Some(Actor::Buyer) if profile != BuyerProfile::Slow => Some(since + delay),
            Some(Actor::Platform) => Some(since + delay),
            _ => None,
        },
    }
}

/// Sets when the other side of this case acts next (after a seller step or a new case).
pub(crate) fn schedule(
    conn: &Connection,
    sync: &SyncState,
    entity: &SupervisionCase,
    _now: DateTime<Utc>,
) -> Result<(), SyncError> {
    let profile = profile(conn, &entity.id)?;
    let due = next_due(entity, profile, sync.buyer_delay_chrono());
    conn.prepare_cached(
        "INSERT INTO seller_sync_buyers (case_id, profile, due_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (case_id) DO UPDATE SET due_ms = excluded.due_ms",
    )?
    .execute(params![entity.id, profile.as_str(), due.map(|d| d.timestamp_millis())])?;
    Ok(())
}

/// The step the other side takes now, and who takes it.
fn reaction(entity: &SupervisionCase, profile: BuyerProfile, at: DateTime<Utc>) -> Option<(Actor, Op)> {
    let case = &entity.case;
    Some(match case.node {
        Node::SubmittingRequirements => (
            Actor::Buyer,
            Op::SubmitRequirements {
                documents: vec![format!("需求说明书 — {} / Requirements for {}", entity.product_name, entity.order_id)],
            },
        ),
        Node::ConfirmingOrder => (Actor::Buyer, Op::ConfirmOrder),
        Node::Accepting if case.flow == Flow::Hardware => {
            match case.shipment.as_ref().and_then(|s| s.signed_off_at) {
                None => (Actor::Platform, Op::RecordSignOff { signed_at: at }),
                Some(_) if profile == BuyerProfile::Slow => (Actor::Platform, Op::AutoAccept),
                Some(_) => (Actor::Buyer, Op::Accept),
            }
        }
        Node::Accepting if profile == BuyerProfile::Picky && case.delivery_rejections == 0 => (
            Actor::Buyer,
            Op::RejectDelivery {
                reason: "交付文档缺少验收签字页，请补充后重新提交。/ The acceptance sign-off page is missing; please add it and deliver again."
                    .into(),
            },
        ),
        Node::Accepting => (Actor::Buyer, Op::Accept),
        Node::AutoAccepting => (Actor::Platform, Op::AutoAccept),
        Node::ReviewingAcceptance => (Actor::Platform, Op::ApproveAcceptance),
        _ => return None,
    })
}

/// Carries out every step that is due, each dated at its due time.
pub(crate) fn settle(conn: &Connection, sync: &SyncState, now: DateTime<Utc>) -> Result<(), SyncError> {
    let due: Vec<(String, String, i64)> = conn
        .prepare_cached(
            "SELECT case_id, profile, due_ms FROM seller_sync_buyers WHERE due_ms IS NOT NULL AND due_ms <= ?1
             ORDER BY due_ms, case_id LIMIT 200",
        )?
        .query_map([now.timestamp_millis()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (id, profile, due_ms) in due {
        let profile = BuyerProfile::parse(&profile);
        let Some(mut entity) = store::get::<SupervisionCase>(conn, &id)? else {
            conn.prepare_cached("DELETE FROM seller_sync_buyers WHERE case_id = ?1")?
                .execute([&id])?;
            continue;
        };
        let at = Utc
            .timestamp_millis_opt(due_ms)
            .single()
            .unwrap_or(now)
            .max(entity.case.last_change())
            .min(now);
        if let Some((actor, op)) = reaction(&entity, profile, at) {
            // A refusal here (a frozen case, a phone mismatch) means the other side
            // cannot act now; the case waits for the seller or for the platform.
            if entity.case.apply(actor, op, at).is_ok() {
                entity.touch(at);
                store::put(conn, &entity)?;
            }
        }
        let next = next_due(&entity, profile, sync.buyer_delay_chrono()).filter(|d| d.timestamp_millis() > due_ms);
        conn.prepare_cached("UPDATE seller_sync_buyers SET due_ms = ?2 WHERE case_id = ?1")?
            .execute(params![id, next.map(|d| d.timestamp_millis())])?;
    }
    super::invoices::raise_due(conn, sync, now)?;
    super::fee_invoices::issue_due(conn, sync, now)
}
