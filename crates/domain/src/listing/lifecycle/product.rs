//! Listed products, specs and SKUs: on sale until removed, and removal is final.
//!
//! WHY apart from applications: once a release is approved the product lives by other
//! rules (S-EU-MOD, S-EN-RM, S-CN-AJ) — specs can be removed but not deleted, removal
//! needs a reason and KooGallery's approval, and a product whose specs are all removed
//! is discontinued for good. The time of a request is passed in; nothing reads a clock.

use super::{Actor, Outcome, Refusal};
use chrono::{DateTime, Utc};

/// Sale status of a product, spec or SKU (在销售 / 已停售).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleStatus {
    OnSale,
    Discontinued,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedSku {
    pub id: String,
    pub status: SaleStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedSpec {
    pub id: String,
    pub status: SaleStatus,
    pub skus: Vec<ListedSku>,
}

/// What a delisting (removal, 下架) request is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DelistTarget {
    Product,
    Spec(String),
    Sku { spec: String, sku: String },
}

/// A seller's removal request, waiting for KooGallery's approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelistingRequest {
    pub target: DelistTarget,
    pub reason: String,
    pub requested_at: DateTime<Utc>,
}

/// A product that passed review and is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedProduct {
    pub status: SaleStatus,
    /// "Public Sales = No" hides the product from catalogue and search; still buyable by URL.
    pub public_sales: bool,
    pub specs: Vec<ListedSpec>,
    pub pending_delisting: Option<DelistingRequest>,
}

/// Operations on a listed product. Reviewer decides delisting requests; the seller does the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductOp {
    AddSpec {
        id: String,
        skus: Vec<String>,
    },
    AddSku {
        spec: String,
        sku: String,
    },
    ModifySpec {
        spec: String,
    },
    DeleteSpec {
        spec: String,
    },
    SetPublicSales(bool),
    RequestDelisting {
        target: DelistTarget,
        reason: String,
        at: DateTime<Utc>,
    },
    ApproveDelisting,
    RejectDelisting,
}

impl ProductOp {
    pub fn actor(&self) -> Actor {
        match self {
            ProductOp::ApproveDelisting | ProductOp::RejectDelisting => Actor::Reviewer,
            _ => Actor::Seller,
        }
    }
}

fn on_sale(id: &str) -> ListedSku {
    ListedSku {
        id: id.to_owned(),
        status: SaleStatus::OnSale,
    }
}

impl ListedProduct {
    /// A freshly approved release: listed automatically, everything on sale (S-CN-A).
    pub fn approved(specs: &[(&str, &[&str])]) -> Self {
        let specs = specs
            .iter()
            .map(|(id, skus)| ListedSpec {
                id: (*id).to_owned(),
                status: SaleStatus::OnSale,
                skus: skus.iter().map(|s| on_sale(s)).collect(),
            })
            .collect();
        ListedProduct {
            status: SaleStatus::OnSale,
            public_sales: true,
            specs,
            pending_delisting: None,
        }
    }

    pub fn spec(&self, id: &str) -> Option<&ListedSpec> {
        self.specs.iter().find(|s| s.id == id)
    }

    fn spec_mut(&mut self, id: &str) -> Result<&mut ListedSpec, Refusal> {
        self.specs.iter_mut().find(|s| s.id == id).ok_or(Refusal::UnknownSpec)
    }

    fn on_sale_spec(&mut self, id: &str) -> Result<&mut ListedSpec, Refusal> {
        let spec = self.spec_mut(id)?;
        match spec.status {
            SaleStatus::OnSale => Ok(spec),
            SaleStatus::Discontinued => Err(Refusal::AlreadyDiscontinued),
        }
    }

    /// Performs `op` as `actor`; on refusal nothing changes.
    pub fn apply(&mut self, actor: Actor, op: ProductOp) -> Result<Outcome, Refusal> {
        if self.status == SaleStatus::Discontinued {
            return Err(Refusal::ProductDiscontinued);
        }
        if op.actor() != actor {
            return Err(Refusal::WrongActor { actor });
        }
        match op {
            ProductOp::AddSpec { id, skus } => {
                if self.spec(&id).is_some() {
                    return Err(Refusal::DuplicateId);
                }
                let skus = skus.iter().map(|s| on_sale(s)).collect();
                self.specs.push(ListedSpec {
                    id,
                    status: SaleStatus::OnSale,
                    skus,
                });
            }
            ProductOp::AddSku { spec, sku } => {
                let spec = self.on_sale_spec(&spec)?;
                if spec.skus.iter().any(|s| s.id == sku) {
                    return Err(Refusal::DuplicateId);
                }
                spec.skus.push(on_sale(&sku));
            }
            ProductOp::ModifySpec { spec } => {
                self.on_sale_spec(&spec)?;
            }
            ProductOp::DeleteSpec { spec } => {
                self.spec_mut(&spec)?;
                return Err(Refusal::ListedSpecCannotBeDeleted);
            }
            ProductOp::SetPublicSales(public) => self.public_sales = public,
            ProductOp::RequestDelisting { target, reason, at } => return self.request(target, reason, at),
            ProductOp::ApproveDelisting => {
                let request = self.pending_delisting.take().ok_or(Refusal::NoPendingDelisting)?;
                return Ok(self.discontinue(&request.target));
            }
            ProductOp::RejectDelisting => {
                self.pending_delisting.take().ok_or(Refusal::NoPendingDelisting)?;
                return Ok(Outcome::DelistingRejected);
            }
        }
        Ok(Outcome::Changed)
    }

    fn request(&mut self, target: DelistTarget, reason: String, at: DateTime<Utc>) -> Result<Outcome, Refusal> {
        if self.pending_delisting.is_some() {
            return Err(Refusal::DelistingAlreadyPending);
        }
        if reason.trim().is_empty() {
            return Err(Refusal::EmptyReason);
        }
        match &target {
            DelistTarget::Product => {}
            DelistTarget::Spec(spec) => {
                self.on_sale_spec(spec)?;
            }
            DelistTarget::Sku { spec, sku } => {
                let spec = self.on_sale_spec(spec)?;
                let sku = spec.skus.iter().find(|s| &s.id == sku).ok_or(Refusal::UnknownSku)?;
                if sku.status == SaleStatus::Discontinued {
                    return Err(Refusal::AlreadyDiscontinued);
                }
            }
        }
        self.pending_delisting = Some(DelistingRequest {
            target,
            reason,
            requested_at: at,
        });
        Ok(Outcome::DelistingPending)
    }

    /// Applies an approved removal: a SKU alone; a spec with its SKUs; the product (or its
    /// last on-sale spec) with everything under it, for good.
    fn discontinue(&mut self, target: &DelistTarget) -> Outcome {
        let stop = |spec: &mut ListedSpec| {
            spec.status = SaleStatus::Discontinued;
            spec.skus.iter_mut().for_each(|s| s.status = SaleStatus::Discontinued);
        };
        match target {
            DelistTarget::Sku { spec, sku } => {
                let skus = self
                    .specs
                    .iter_mut()
                    .filter(|s| &s.id == spec)
                    .flat_map(|s| s.skus.iter_mut());
                skus.filter(|s| &s.id == sku)
                    .for_each(|s| s.status = SaleStatus::Discontinued);
            }
            DelistTarget::Spec(spec) => self.specs.iter_mut().filter(|s| &s.id == spec).for_each(stop),
            DelistTarget::Product => self.specs.iter_mut().for_each(stop),
        }
        if self.specs.iter().all(|s| s.status == SaleStatus::Discontinued) {
            self.specs.iter_mut().for_each(stop);
            self.status = SaleStatus::Discontinued;
            return Outcome::ProductDiscontinued;
        }
        Outcome::Discontinued
    }
}
