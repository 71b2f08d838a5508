//! What supervision means for billing and for an order's validity.
//!
//! WHY here: the bill run takes an order only when its supervision status is 不涉及 or
//! 已完成 (S-CN-R, S-CN-Q, S-EN-NOBILL), and a supervised order enters the settlement
//! report when supervision completes (S-CN-AZ, S-CN-U). A renewal of an order whose
//! supervision completed has no case of its own (S-CN-K, S-EU-LIC): `of(None)`.

use super::{Case, Node};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The supervision status shown on bills and in the bill export filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupervisionStatus {
    /// 不涉及: the order has no supervision (unsupervised type, or a renewal).
    NotInvolved,
    /// 进行中
    InProgress,
    /// 已完成
    Completed,
}

impl SupervisionStatus {
    /// The status of an order with this case, or without one.
    pub fn of(case: Option<&Case>) -> Self {
        case.map_or(SupervisionStatus::NotInvolved, Case::supervision_status)
    }

    /// Whether supervision lets the order into a bill run.
    pub fn releases_billing(self) -> bool {
        matches!(self, SupervisionStatus::NotInvolved | SupervisionStatus::Completed)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            SupervisionStatus::NotInvolved => "不涉及",
            SupervisionStatus::InProgress => "进行中",
            SupervisionStatus::Completed => "已完成",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            SupervisionStatus::NotInvolved => "not involved",
            SupervisionStatus::InProgress => "in progress",
            SupervisionStatus::Completed => "completed",
        }
    }
}

impl Case {
    /// 已完成 only at `Completed`. An unsubscribed case never completed, so it stays
    /// "in progress" for billing: it must not release an order into a bill run.
    pub fn supervision_status(&self) -> SupervisionStatus {
        match self.node {
            Node::Completed => SupervisionStatus::Completed,
            _ => SupervisionStatus::InProgress,
        }
    }

    /// Where a yearly/monthly order's validity starts (S-CN-N, S-EN-LIC-SUP): the
    /// actual start the seller entered (or the auth-code activation), else the
    /// acceptance time. `None` until the case is completed, because a rejected delivery
    /// may be re-sent with another start.
    pub fn validity_start(&self) -> Option<DateTime<Utc>> {
        if self.node != Node::Completed {
            return None;
        }
        self.actual_start.or(self.accepted_at)
    }
}
