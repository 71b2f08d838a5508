//! The steps of a supervision case, each taken by exactly one actor, and what they carry.
//!
//! WHY apart from the case: which actor takes a step and which flows have it are
//! facts of the step itself (reference §4: S-CN-J, S-CN-O, S-EN-PS-SUP, S-CN-PS,
//! S-EN-LIC-SUP, S-CN-AT, S-CN-LIC2, S-CN-K), checked before the case looks at its node.

use super::{Actor, Flow, Node};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the seller hands in when delivering (确认服务完成 / Deliver service).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// The product's delivery template filled in for this order: the acceptance criteria
    /// the delivery is measured against (S-CN-BA, S-CN-ACC). Required.
    pub acceptance_document: String,
    /// Further proof: SOW, signed reports, screenshots (S-EN-LIC-SUP).
    pub attachments: Vec<String>,
    /// The actual service start the seller selects (S-EN-PS-SUP); validity then starts
    /// here instead of at acceptance (S-CN-N).
    pub actual_start: Option<DateTime<Utc>>,
}

/// A hardware shipment as the seller entered it, and the courier's sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    pub courier: String,
    pub tracking_number: String,
    /// The recipient phone entered with the logistics information.
    pub recipient_phone: String,
    pub shipped_at: DateTime<Utc>,
    pub signed_off_at: Option<DateTime<Utc>>,
}

/// A step of a case, each taken by exactly one actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    SubmitRequirements {
        documents: Vec<String>,
    },
    ConfirmRequirements,
    RejectRequirements {
        reason: String,
    },
    /// Joint-operation License: the buyer confirms and takes the authorization code.
    ConfirmOrder,
    /// Joint-operation License: the seller's call to the activate-auth-code API.
    ActivateAuthCode,
    Deliver(Delivery),
    Ship {
        courier: String,
        tracking_number: String,
        recipient_phone: String,
    },
    /// The logistics feed reports the courier's sign-off.
    RecordSignOff {
        signed_at: DateTime<Utc>,
    },
    Accept,
    RejectDelivery {
        reason: String,
    },
    AutoAccept,
    ApproveAcceptance,
    ReturnAcceptance {
        reason: String,
    },
}

impl Op {
    pub fn actor(&self) -> Actor {
        match self {
            Op::SubmitRequirements { .. } | Op::ConfirmOrder | Op::Accept | Op::RejectDelivery { .. } => Actor::Buyer,
            Op::ConfirmRequirements
            | Op::RejectRequirements { .. }
            | Op::ActivateAuthCode
            | Op::Deliver(_)
            | Op::Ship { .. } => Actor::Seller,
            Op::RecordSignOff { .. } | Op::AutoAccept | Op::ApproveAcceptance | Op::ReturnAcceptance { .. } => {
                Actor::Platform
            }
        }
    }

    /// Whether the step exists in `flow` at all.
    pub fn fits(&self, flow: Flow) -> bool {
        let joint = matches!(flow, Flow::JointLicense { .. });
        let reviewed = matches!(
            flow,
            Flow::JointLicense { enablement_cloud: true } | Flow::JointSaas { enablement_cloud: true }
        );
        match self {
            Op::SubmitRequirements { .. } | Op::ConfirmRequirements | Op::RejectRequirements { .. } => {
                matches!(flow, Flow::ManualService | Flow::OfflineSaas | Flow::JointSaas { .. })
            }
            Op::ConfirmOrder | Op::ActivateAuthCode => joint,
            Op::Deliver(_) => flow != Flow::Hardware,
            Op::Ship { .. } | Op::RecordSignOff { .. } => flow == Flow::Hardware,
            Op::Accept | Op::RejectDelivery { .. } => !joint && !reviewed,
            Op::AutoAccept => matches!(
                flow,
                Flow::Hardware
                    | Flow::JointLicense {
                        enablement_cloud: false
                    }
            ),
            Op::ApproveAcceptance | Op::ReturnAcceptance { .. } => reviewed,
        }
    }
}

/// An accepted step, for the case's timeline. `from == to` for steps that keep the node
/// (a sign-off, an appeal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub from: Node,
    pub to: Node,
}
