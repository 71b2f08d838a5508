//! Service supervision (服务监管): the per-order flow in which a supervised order is
//! delivered, accepted, and only then counted as done.
//!
//! WHY it matters to a seller: a supervised order is billed only in the month after its
//! supervision becomes 已完成 (reference §4 "Effect on settlement", S-CN-AZ, S-CN-U), and
//! a yearly/monthly order's validity starts at acceptance unless the seller entered an
//! actual start time (§3, S-CN-N, S-EN-LIC-SUP). A case that waits at the buyer's step
//! is money that does not move, so Gallerist says whose step it is, what each side may
//! do, and from when an appeal becomes possible — and refuses, in English and zh-CN,
//! what the platform would refuse. Pure: every operation takes `now`; nothing reads a clock.
//!
//! The flows (reference §4; S-CN-V for which types are supervised):
//! - manual service: buyer submits requirements → seller confirms or rejects them →
//!   seller delivers with proof and an actual start time → buyer accepts or rejects,
//!   and a rejected delivery is re-sent (S-CN-J, S-CN-O, S-EN-PS-SUP, S-CN-PS);
//! - general License and application orchestration start at "seller provides the
//!   service" (S-EN-BUY-LIC, S-EN-LIC-SUP, S-CN-J);
//! - SaaS with offline delivery: the buyer submits requirements on 我的云商店 > 服务监管
//!   and follows the order; the seller confirms or rejects them, implements, uploads the
//!   acceptance documents (SaaS类商品服务监管). The help pages draw two figures, one for
//!   general products and one for joint-operation (联营) and Huawei products, so these
//!   are two flows: a general SaaS case ends at the buyer's acceptance; a joint-operation
//!   / Huawei SaaS case goes to the buyer too, except 赋能云/基地云 orders, whose
//!   acceptance documents Huawei reviews (华为云复核) instead;
//! - joint-operation License with an authorization code: buyer confirms → 授权码激活 →
//!   the seller's activation moves the node and fixes the service start → 商家上传交付证明
//!   → accepted automatically, or reviewed by Huawei for 赋能云/基地云 orders (S-CN-AT,
//!   S-CN-LIC2);
//! - hardware: the seller ships with courier and tracking number; the platform accepts
//!   10 days after sign-off unless the phone numbers differ (S-CN-J, S-CN-K).
//!
//! Where the reference is silent, this module takes the reading that never lets a
//! seller act earlier than the platform might allow:
//! - S-CN-J/S-CN-K say either side may appeal "at any node, any time", S-CN-M gives the
//!   grounds (other side idle > 5 days, or > 3 rejections). Gallerist offers an appeal
//!   only on those grounds; idle is elapsed time since the case reached the node.
//! - What an appeal decides is not described beyond "the order can close and settle"
//!   (S-EN-APPEAL): rulings are continue (node unchanged, its idle time restarts),
//!   complete, or unsubscribe. An unsubscribed case never reaches 已完成, so it never
//!   releases billing (refund mechanics are not found, §8).
//! - The figures themselves are images (reference §8): the SaaS steps after the
//!   requirements are read from the text as the manual-service steps (confirm or reject,
//!   deliver, accept or reject), and a SaaS delivery Huawei returns goes back to the
//!   seller's service. The website-building manual-service template's steps are not
//!   described: it uses the standard flow.
//! - What follows a rejection by Huawei's acceptance review is not described: the case
//!   goes back to the seller's upload of delivery proof.
//! - When a non-赋能云 joint-operation License is "auto-accepted" is not given (§8): the
//!   case waits at a platform node until the platform reports the acceptance, and is not
//!   counted as completed before.
//! - "10 days after sign-off" is read as 10 × 24 h after the courier's sign-off instant
//!   (inclusive); the reference does not say whether UTC+8 calendar days are meant, so
//!   this is the earliest moment, and the case completes only when the platform's
//!   automatic acceptance is applied. An order whose recipient phone is unknown is
//!   treated like a mismatch: no automatic acceptance.
//! - Rejections (requirements by the seller, deliveries by the buyer, the review by
//!   Huawei) need a non-empty reason, so the other side knows what to change.

mod appeal;
pub mod attachment;
mod billing;
mod case;
mod refusal;
mod step;
mod timers;

#[cfg(test)]
mod appeal_tests;
#[cfg(test)]
mod attachment_tests;
#[cfg(test)]
mod billing_tests;
#[cfg(test)]
mod case_tests;
#[cfg(test)]
mod hardware_tests;
#[cfg(test)]
mod refusal_tests;
#[cfg(test)]
mod saas_tests;

pub use appeal::{Appeal, AppealGround, Ruling};
pub use billing::SupervisionStatus;
pub use case::Case;
pub use refusal::Refusal;
pub use step::{Delivery, Op, Shipment, Step};
pub use timers::{
    appeal_grounds, auto_acceptance_at, auto_acceptance_due, idle_appeal_opens_after, rejections_against, same_phone,
    APPEAL_IDLE_LIMIT, AUTO_ACCEPT_AFTER, REJECTIONS_BEFORE_APPEAL,
};

use serde::{Deserialize, Serialize};

/// Who takes a step: the buyer, the seller, or the platform (KooGallery operations,
/// Huawei's acceptance review, the logistics feed and the platform's timers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Buyer,
    Seller,
    Platform,
}

impl Actor {
    pub fn label_en(self) -> &'static str {
        match self {
            Actor::Buyer => "buyer",
            Actor::Seller => "seller",
            Actor::Platform => "platform",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Actor::Buyer => "用户",
            Actor::Seller => "商家",
            Actor::Platform => "平台",
        }
    }
}

/// Which supervision flow an order follows; it fixes the first node and the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// Manual (professional) service: requirements first.
    ManualService,
    /// General License: delivered offline, no requirement step.
    License,
    /// Joint-operation License with an authorization code. `enablement_cloud` marks
    /// 赋能云/基地云 orders, whose acceptance report Huawei reviews.
    JointLicense { enablement_cloud: bool },
    /// Physical goods shipped by the seller.
    Hardware,
    /// Application orchestration (应用编排).
    AppOrchestration,
    /// SaaS whose delivery involves offline work by people, general product: the buyer
    /// submits requirements first and accepts the delivery.
    OfflineSaas,
    /// SaaS with offline delivery sold as a joint-operation (联营) or Huawei product: the
    /// same start; `enablement_cloud` marks 赋能云/基地云 orders, whose acceptance
    /// documents Huawei reviews instead of the buyer.
    JointSaas { enablement_cloud: bool },
}

impl Flow {
    pub const ALL: [Flow; 9] = [
        Flow::ManualService,
        Flow::License,
        Flow::JointLicense {
            enablement_cloud: false,
        },
        Flow::JointLicense { enablement_cloud: true },
        Flow::Hardware,
        Flow::AppOrchestration,
        Flow::OfflineSaas,
        Flow::JointSaas {
            enablement_cloud: false,
        },
        Flow::JointSaas { enablement_cloud: true },
    ];

    /// The node a new case starts at.
    pub fn first_node(self) -> Node {
        match self {
            Flow::ManualService | Flow::OfflineSaas | Flow::JointSaas { .. } => Node::SubmittingRequirements,
            Flow::JointLicense { .. } => Node::ConfirmingOrder,
            Flow::License | Flow::Hardware | Flow::AppOrchestration => Node::ProvidingService,
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Flow::ManualService => "manual service",
            Flow::License => "License",
            Flow::JointLicense { .. } => "joint-operation License",
            Flow::Hardware => "hardware",
            Flow::AppOrchestration => "application orchestration",
            Flow::OfflineSaas => "SaaS with offline delivery",
            Flow::JointSaas { .. } => "joint-operation / Huawei SaaS with offline delivery",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Flow::ManualService => "人工服务",
            Flow::License => "License",
            Flow::JointLicense { .. } => "联营License",
            Flow::Hardware => "硬件",
            Flow::AppOrchestration => "应用编排",
            Flow::OfflineSaas => "涉及线下交付的SaaS",
            Flow::JointSaas { .. } => "联营/华为商品涉及线下交付的SaaS",
        }
    }
}

/// A node (节点) of a supervision case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Node {
    /// 用户提交需求
    SubmittingRequirements,
    /// 商家确认需求
    ConfirmingRequirements,
    /// 用户确认 (joint-operation License: the buyer takes the authorization code)
    ConfirmingOrder,
    /// 授权码激活
    ActivatingAuthCode,
    /// 商家实施服务 / waiting for the seller to provide the service
    ProvidingService,
    /// 商家上传交付证明
    UploadingDeliveryProof,
    /// 用户确认验收
    Accepting,
    /// 系统自动验收: a joint-operation License waits for the platform's automatic acceptance.
    AutoAccepting,
    /// 华为审核验收报告 / 华为云复核 (赋能云/基地云 joint-operation License and SaaS)
    ReviewingAcceptance,
    /// 已完成
    Completed,
    /// 已退订: closed by an appeal ruling without completion.
    Unsubscribed,
}

impl Node {
    /// Whose step it is at this node; `None` once the case is closed.
    pub fn actor(self) -> Option<Actor> {
        match self {
            Node::SubmittingRequirements | Node::ConfirmingOrder | Node::Accepting => Some(Actor::Buyer),
            Node::ConfirmingRequirements
            | Node::ActivatingAuthCode
            | Node::ProvidingService
            | Node::UploadingDeliveryProof => Some(Actor::Seller),
            Node::AutoAccepting | Node::ReviewingAcceptance => Some(Actor::Platform),
            Node::Completed | Node::Unsubscribed => None,
        }
    }

    pub fn is_closed(self) -> bool {
        self.actor().is_none()
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Node::SubmittingRequirements => "buyer submits requirements",
            Node::ConfirmingRequirements => "seller confirms requirements",
            Node::ConfirmingOrder => "buyer confirms the order",
            Node::ActivatingAuthCode => "authorization code activation",
            Node::ProvidingService => "seller provides the service",
            Node::UploadingDeliveryProof => "seller uploads delivery proof",
            Node::Accepting => "buyer confirms acceptance",
            Node::AutoAccepting => "platform accepts automatically",
            Node::ReviewingAcceptance => "Huawei reviews the acceptance report",
            Node::Completed => "completed",
            Node::Unsubscribed => "unsubscribed",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Node::SubmittingRequirements => "用户提交需求",
            Node::ConfirmingRequirements => "商家确认需求",
            Node::ConfirmingOrder => "用户确认",
            Node::ActivatingAuthCode => "授权码激活",
            Node::ProvidingService => "商家实施服务",
            Node::UploadingDeliveryProof => "商家上传交付证明",
            Node::Accepting => "用户确认验收",
            Node::AutoAccepting => "系统自动验收",
            Node::ReviewingAcceptance => "华为审核验收报告",
            Node::Completed => "已完成",
            Node::Unsubscribed => "已退订",
        }
    }
}
