//! What a seller may still do with an application or a listed product, and why not.
//!
//! WHY a state machine of its own: KooGallery's lifecycle rules are one-way doors. A
//! pending application can be withdrawn only for some delivery types; a listed spec can
//! be removed but never deleted; removing a whole product (or its last spec) is final —
//! it cannot be restored, only released again as a new product. Gallerist checks these
//! before the seller clicks, so every refusal carries a reason in English and zh-CN.
//! Source: reference §3 (S-EU-APPS, S-EU-MOD, S-EN-RM, S-CN-AJ). Pure: the time of a
//! delisting request is passed in.

mod product;

pub use product::{DelistTarget, DelistingRequest, ListedProduct, ListedSku, ListedSpec, ProductOp, SaleStatus};

use crate::listing::ProductType;

/// Who performs a transition: the seller, or KooGallery's reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Seller,
    Reviewer,
}

/// Status of an application (申请) in "My Applications".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationStatus {
    Draft,
    Pending,
    Approved,
    Rejected,
}

/// What can be done to an application. `View` covers "view details and review comments".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationOp {
    Modify,
    Delete,
    Submit,
    View,
    Withdraw,
    Approve,
    Reject,
}

impl ApplicationOp {
    pub fn actor(self) -> Actor {
        match self {
            ApplicationOp::Approve | ApplicationOp::Reject => Actor::Reviewer,
            _ => Actor::Seller,
        }
    }
}

/// Whether a pending application of this type may be withdrawn: only licenses,
/// consulting and professional (manual) services (S-EU-APPS).
pub fn withdrawable(ty: ProductType) -> bool {
    matches!(
        ty,
        ProductType::License | ProductType::Consulting | ProductType::ManualService
    )
}

impl ApplicationStatus {
    /// The operations the reference's table allows in this status, for this type.
    pub fn allowed(self, ty: ProductType) -> Vec<ApplicationOp> {
        use ApplicationOp::*;
        match self {
            ApplicationStatus::Draft => vec![Modify, Delete, Submit],
            ApplicationStatus::Pending if withdrawable(ty) => vec![View, Withdraw, Approve, Reject],
            ApplicationStatus::Pending => vec![View, Approve, Reject],
            ApplicationStatus::Rejected => vec![View, Modify, Submit, Delete],
            ApplicationStatus::Approved => vec![View],
        }
    }
}

/// An application for a product of one delivery type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub product_type: ProductType,
    pub status: ApplicationStatus,
}

impl Application {
    pub fn new(product_type: ProductType) -> Self {
        Application {
            product_type,
            status: ApplicationStatus::Draft,
        }
    }

    /// Performs `op` as `actor`; on refusal nothing changes.
    pub fn apply(&mut self, actor: Actor, op: ApplicationOp) -> Result<Outcome, Refusal> {
        use ApplicationOp::*;
        use ApplicationStatus::*;
        if op.actor() != actor {
            return Err(Refusal::WrongActor { actor });
        }
        if op == Withdraw && self.status == Pending && !withdrawable(self.product_type) {
            return Err(Refusal::WithdrawNotAllowed(self.product_type));
        }
        if !self.status.allowed(self.product_type).contains(&op) {
            return Err(Refusal::NotAllowed { status: self.status });
        }
        let next = match op {
            View => return Ok(Outcome::Viewed),
            Delete => return Ok(Outcome::Deleted),
            Modify | Withdraw => Draft,
            Submit => Pending,
            Approve => Approved,
            Reject => Rejected,
        };
        self.status = next;
        Ok(Outcome::Status(next))
    }
}

/// What an accepted operation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The application is now in this status.
    Status(ApplicationStatus),
    Viewed,
    Deleted,
    /// A spec, SKU or visibility change was accepted.
    Changed,
    DelistingPending,
    DelistingRejected,
    /// A spec or SKU is discontinued; the product stays on sale.
    Discontinued,
    /// The product and everything under it is discontinued, for good.
    ProductDiscontinued,
}

/// Why an operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotAllowed { status: ApplicationStatus },
    WithdrawNotAllowed(ProductType),
    WrongActor { actor: Actor },
    ProductDiscontinued,
    ListedSpecCannotBeDeleted,
    AlreadyDiscontinued,
    UnknownSpec,
    UnknownSku,
    DuplicateId,
    EmptyReason,
    DelistingAlreadyPending,
    NoPendingDelisting,
}

impl Refusal {
    pub fn message_en(self) -> String {
        match self {
            Refusal::NotAllowed { status } => format!("Not allowed while the application is {status:?}."),
            Refusal::WithdrawNotAllowed(ty) => format!(
                "A pending {} application cannot be withdrawn; only licenses, consulting and professional services can.",
                ty.as_str()
            ),
            Refusal::WrongActor { actor } => format!("This step is not the {actor:?}'s to take."),
            Refusal::ProductDiscontinued => {
                "The product is discontinued and cannot be restored; release a new product to sell again.".into()
            }
            Refusal::ListedSpecCannotBeDeleted => {
                "A listed spec cannot be deleted, only removed; add its replacement first.".into()
            }
            Refusal::AlreadyDiscontinued => "That spec or SKU is already discontinued.".into(),
            Refusal::UnknownSpec => "No spec with that id.".into(),
            Refusal::UnknownSku => "No SKU with that id in that spec.".into(),
            Refusal::DuplicateId => "That id is already used.".into(),
            Refusal::EmptyReason => "Removal needs a reason.".into(),
            Refusal::DelistingAlreadyPending => "A removal request is already waiting for KooGallery's approval.".into(),
            Refusal::NoPendingDelisting => "There is no removal request to decide.".into(),
        }
    }

    pub fn message_zh(self) -> String {
        match self {
            Refusal::NotAllowed { status } => format!("申请处于{}状态，不能执行此操作。", status_zh(status)),
            Refusal::WithdrawNotAllowed(ty) => {
                format!(
                    "审核中的{}申请不能撤回；只有License、咨询服务和人工服务可以撤回。",
                    ty.as_str()
                )
            }
            Refusal::WrongActor { actor: Actor::Seller } => "此操作应由云商店审核人员执行。".into(),
            Refusal::WrongActor { actor: Actor::Reviewer } => "此操作应由商家执行。".into(),
            Refusal::ProductDiscontinued => "商品已停售，无法恢复；如需再次销售，请发布新商品。".into(),
            Refusal::ListedSpecCannotBeDeleted => "已上架的规格不能删除，只能下架；请先新增替代规格。".into(),
            Refusal::AlreadyDiscontinued => "该规格或SKU已停售。".into(),
            Refusal::UnknownSpec => "没有该规格。".into(),
            Refusal::UnknownSku => "该规格下没有该SKU。".into(),
            Refusal::DuplicateId => "该标识已被使用。".into(),
            Refusal::EmptyReason => "下架需要填写原因。".into(),
            Refusal::DelistingAlreadyPending => "已有下架申请等待云商店审核。".into(),
            Refusal::NoPendingDelisting => "没有待审核的下架申请。".into(),
        }
    }
}

fn status_zh(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Draft => "草稿",
        ApplicationStatus::Pending => "审核中",
        ApplicationStatus::Approved => "通过",
        ApplicationStatus::Rejected => "驳回",
    }
}
