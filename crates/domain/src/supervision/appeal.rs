//! Appeals (申诉): a side stuck on the other side's step asks the platform to step in.
//!
//! WHY a freeze: an appeal stops the flow until an operations manager has verified by
//! email or phone and decided (S-CN-J, S-CN-K, S-CN-N, S-EN-APPEAL; handled within 3
//! working days — working days need a holiday calendar, so no deadline is computed
//! here). While frozen, every step of `Case::apply` is refused. The grounds are in
//! `timers.rs`; a seller whose buyer is unreachable after delivery attaches the delivery
//! proof and the 申诉介入处理承诺函 (S-EN-APPEAL, S-CN-AU) — the caller's paperwork.
//! The rulings are this module's reading of a silent reference (see `mod.rs`).

use super::{timers, Actor, Case, Node, Refusal};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why an appeal was allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealGround {
    /// The other side has not acted at its node since `since`, more than 5 days.
    Idle { since: DateTime<Utc> },
    /// The other side has rejected `count` times, more than 3.
    Rejections { count: u32 },
}

/// A pending appeal; while it exists the case is frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub by: Actor,
    pub ground: AppealGround,
    pub reason: String,
    pub filed_at: DateTime<Utc>,
    /// The node the case was frozen at.
    pub node: Node,
}

/// The platform's decision on an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ruling {
    /// The flow goes on at the same node; its idle time starts again.
    Continue,
    /// The platform closes the case as accepted, so the order can settle.
    Complete,
    /// The platform ends the order without completion.
    Unsubscribe,
}

impl Case {
    /// Files an appeal by `by`; the case is frozen until `decide_appeal`.
    pub fn appeal(&mut self, by: Actor, reason: &str, now: DateTime<Utc>) -> Result<AppealGround, Refusal> {
        self.check_time(now)?;
        let ground = timers::appeal_grounds(self, by, now)?;
        if reason.trim().is_empty() {
            return Err(Refusal::EmptyReason);
        }
        self.appeal = Some(Appeal {
            by,
            ground,
            reason: reason.to_owned(),
            filed_at: now,
            node: self.node,
        });
        self.record(by, self.node, now);
        Ok(ground)
    }

    /// The platform's ruling; unfreezes the case. Returns the node afterwards.
    pub fn decide_appeal(&mut self, actor: Actor, ruling: Ruling, now: DateTime<Utc>) -> Result<Node, Refusal> {
        if actor != Actor::Platform {
            return Err(Refusal::WrongActor {
                actor,
                expected: Actor::Platform,
            });
        }
        if self.appeal.is_none() {
            return Err(Refusal::NoAppealToDecide);
        }
        self.check_time(now)?;
        let to = match ruling {
            Ruling::Continue => self.node,
            Ruling::Complete => self.accept(now),
            Ruling::Unsubscribe => Node::Unsubscribed,
        };
        self.appeal = None;
        self.record(actor, to, now);
        self.node_since = now;
        Ok(to)
    }
}
