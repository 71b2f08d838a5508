//! Why a supervision step or appeal was refused, in English and zh-CN.
//!
//! WHY words and not codes: the seller reads these next to the button that did not
//! work, so each says which rule stopped the step and, where there is one, what to do
//! or when to try again. Times are shown in UTC+8, the platform's calendar.

use super::{Actor, Flow, Node};
use crate::clock::china_offset;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Closed {
        node: Node,
    },
    Frozen,
    Backdated {
        last: DateTime<Utc>,
    },
    WrongActor {
        actor: Actor,
        expected: Actor,
    },
    NotInThisFlow {
        flow: Flow,
    },
    NotAtThisNode {
        node: Node,
    },
    NoRequirements,
    EmptyReason,
    NoDeliveryProof,
    StartInFuture,
    StartBeforeOrder,
    StartFixedByActivation,
    MissingCourier,
    MissingTrackingNumber,
    MissingRecipientPhone,
    NotShipped,
    AlreadySignedOff,
    SignOffInFuture,
    SignOffBeforeShipment,
    NotSignedOff,
    OrderPhoneUnknown,
    PhoneMismatch,
    NotDueYet {
        due: DateTime<Utc>,
    },
    PlatformDoesNotAppeal,
    NoAppealGrounds {
        opens_after: Option<DateTime<Utc>>,
        rejections: u32,
    },
    AppealPending,
    NoAppealToDecide,
}

fn beijing(at: DateTime<Utc>) -> String {
    at.with_timezone(&china_offset())
        .format("%Y-%m-%d %H:%M:%S (UTC+8)")
        .to_string()
}

impl Refusal {
    pub fn message_en(self) -> String {
        match self {
            Refusal::Closed { node } => format!("The case is closed ({}); no further steps.", node.label_en()),
            Refusal::Frozen => "The case is frozen by an appeal until the platform decides.".into(),
            Refusal::Backdated { last } => {
                format!("A step cannot be dated before the case's last step at {}.", beijing(last))
            }
            Refusal::WrongActor { actor, expected } => format!(
                "This step is the {}'s to take, not the {}'s.",
                expected.label_en(),
                actor.label_en()
            ),
            Refusal::NotInThisFlow { flow } => format!("A {} case has no such step.", flow.label_en()),
            Refusal::NotAtThisNode { node } => {
                format!("Not possible while the case is at \"{}\".", node.label_en())
            }
            Refusal::NoRequirements => "Submitting requirements needs at least one document.".into(),
            Refusal::EmptyReason => "Give a reason, so the other side knows what to change.".into(),
            Refusal::NoDeliveryProof => {
                "A delivery needs the delivery template filled in as proof (the acceptance criteria).".into()
            }
            Refusal::StartInFuture => "The actual start time cannot be later than the delivery.".into(),
            Refusal::StartBeforeOrder => "The actual start time cannot be earlier than the order.".into(),
            Refusal::StartFixedByActivation => {
                "The service start is the authorization-code activation time; it cannot be entered.".into()
            }
            Refusal::MissingCourier => "Shipping needs the courier company.".into(),
            Refusal::MissingTrackingNumber => "Shipping needs the tracking number.".into(),
            Refusal::MissingRecipientPhone => "Shipping needs the recipient's phone number.".into(),
            Refusal::NotShipped => "Nothing has been shipped yet.".into(),
            Refusal::AlreadySignedOff => "The courier's sign-off is already recorded.".into(),
            Refusal::SignOffInFuture => "A sign-off cannot be in the future.".into(),
            Refusal::SignOffBeforeShipment => "A sign-off cannot be earlier than the shipment.".into(),
            Refusal::NotSignedOff => "The courier has not reported a sign-off yet.".into(),
            Refusal::OrderPhoneUnknown => {
                "The order's recipient phone is unknown, so no automatic acceptance; the buyer must accept.".into()
            }
            Refusal::PhoneMismatch => {
                "The shipment's recipient phone differs from the order's, so there is no automatic acceptance; the buyer must accept.".into()
            }
            Refusal::NotDueYet { due } => {
                format!("Automatic acceptance is due 10 days after sign-off, at {}.", beijing(due))
            }
            Refusal::PlatformDoesNotAppeal => "Only the buyer or the seller can appeal.".into(),
            Refusal::NoAppealGrounds {
                opens_after: Some(after),
                rejections,
            } => format!(
                "No grounds to appeal yet: an appeal opens after {} (the other side idle more than 5 days), or after more than 3 rejections ({rejections} so far).",
                beijing(after)
            ),
            Refusal::NoAppealGrounds {
                opens_after: None,
                rejections,
            } => format!(
                "No grounds to appeal: the case is not waiting on the other side, and there have been {rejections} rejections (more than 3 needed)."
            ),
            Refusal::AppealPending => "An appeal is already waiting for the platform's decision.".into(),
            Refusal::NoAppealToDecide => "There is no appeal to decide.".into(),
        }
    }

    pub fn message_zh(self) -> String {
        match self {
            Refusal::Closed { node } => format!("服务监管已结束（{}），不能再操作。", node.label_zh()),
            Refusal::Frozen => "申诉处理中，服务监管已冻结，请等待平台处理结果。".into(),
            Refusal::Backdated { last } => format!("操作时间不能早于上一步操作时间 {}。", beijing(last)),
            Refusal::WrongActor { expected, .. } => format!("此操作应由{}执行。", expected.label_zh()),
            Refusal::NotInThisFlow { flow } => format!("{}的服务监管没有此环节。", flow.label_zh()),
            Refusal::NotAtThisNode { node } => format!("当前节点为“{}”，不能执行此操作。", node.label_zh()),
            Refusal::NoRequirements => "提交需求至少需要一个需求文档。".into(),
            Refusal::EmptyReason => "请填写原因，以便对方知道需要修改什么。".into(),
            Refusal::NoDeliveryProof => "交付需按商品交付模板上传交付证明（验收标准）。".into(),
            Refusal::StartInFuture => "实际开始时间不能晚于交付时间。".into(),
            Refusal::StartBeforeOrder => "实际开始时间不能早于订单时间。".into(),
            Refusal::StartFixedByActivation => "服务开始时间为授权码激活时间，不能另行填写。".into(),
            Refusal::MissingCourier => "发货需填写物流公司。".into(),
            Refusal::MissingTrackingNumber => "发货需填写物流单号。".into(),
            Refusal::MissingRecipientPhone => "发货需填写收件人手机号。".into(),
            Refusal::NotShipped => "尚未发货。".into(),
            Refusal::AlreadySignedOff => "已记录物流签收。".into(),
            Refusal::SignOffInFuture => "签收时间不能晚于当前时间。".into(),
            Refusal::SignOffBeforeShipment => "签收时间不能早于发货时间。".into(),
            Refusal::NotSignedOff => "物流尚未签收。".into(),
            Refusal::OrderPhoneUnknown => "订单收件人手机号未知，不会自动验收，需用户确认验收。".into(),
            Refusal::PhoneMismatch => "物流收件人手机号与订单不一致，不会自动验收，需用户确认验收。".into(),
            Refusal::NotDueYet { due } => format!("签收10天后自动验收，时间为 {}。", beijing(due)),
            Refusal::PlatformDoesNotAppeal => "只有用户或商家可以申诉。".into(),
            Refusal::NoAppealGrounds {
                opens_after: Some(after),
                rejections,
            } => format!(
                "暂不满足申诉条件：对方环节超过5天未处理（{} 之后）或驳回超过3次（目前{rejections}次）后可申诉。",
                beijing(after)
            ),
            Refusal::NoAppealGrounds {
                opens_after: None,
                rejections,
            } => format!("不满足申诉条件：当前不在等待对方处理，驳回{rejections}次（需超过3次）。"),
            Refusal::AppealPending => "已有申诉等待平台处理。".into(),
            Refusal::NoAppealToDecide => "没有待处理的申诉。".into(),
        }
    }
}
