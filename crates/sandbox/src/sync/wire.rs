//! The contract's entities as the sandbox stores and sends them: `Application`,
//! `Product` with its specs and SKUs, and the pending delisting request.
//!
//! WHY typed structs rather than JSON values: the wire shape is the contract, so it
//! is written down once here and every handler, the reviewer and the console edit go
//! through it; a field cannot drift in one place only. Products translate to and from
//! the domain's `ListedProduct`, so the lifecycle rules (what may be delisted, when a
//! product is discontinued for good) are the domain's, not re-implemented here.

use chrono::{DateTime, Utc};
use gallerist_domain::listing::lifecycle::{
    DelistTarget, DelistingRequest, ListedProduct, ListedSku, ListedSpec, SaleStatus,
};
use gallerist_domain::listing::ProductType;
use serde::{Deserialize, Serialize};

/// An entity with an id, a revision and a review that may be waiting on it.
pub(crate) trait Entity: Serialize + serde::de::DeserializeOwned {
    const KIND: &'static str;
    fn id(&self) -> &str;
    fn revision(&self) -> i64;
    /// Records a change at `at`: the revision goes up by one.
    fn touch(&mut self, at: DateTime<Utc>);
    /// Since when a review decision is waiting on this entity, if one is.
    fn waiting_since(&self) -> Option<DateTime<Utc>>;
}

/// `Entity` for a plain record with `id`, `revision` and `updated_at` and no review
/// waiting on it (the worklist and settlement entities).
macro_rules! entity {
    ($t:ty, $kind:literal) => {
        impl $crate::sync::wire::Entity for $t {
            const KIND: &'static str = $kind;
            fn id(&self) -> &str {
                &self.id
            }
            fn revision(&self) -> i64 {
                self.revision
            }
            fn touch(&mut self, at: chrono::DateTime<chrono::Utc>) {
                self.revision += 1;
                self.updated_at = at;
            }
            fn waiting_since(&self) -> Option<chrono::DateTime<chrono::Utc>> {
                None
            }
        }
    };
}
pub(crate) use entity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ApplicationStatus {
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

/// One review comment; `rule_id` is a pack rule or a `reviewer.*` rule of the sandbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Comment {
    pub at: DateTime<Utc>,
    pub author: String,
    pub rule_id: Option<String>,
    pub field: Option<String>,
    pub message: String,
    pub message_zh: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Application {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub draft_ref: String,
    pub product_id: Option<String>,
    pub product_type: ProductType,
    pub name: String,
    pub status: ApplicationStatus,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub comments: Vec<Comment>,
    pub pack_version: String,
}

impl Entity for Application {
    const KIND: &'static str = "application";
    fn id(&self) -> &str {
        &self.id
    }
    fn revision(&self) -> i64 {
        self.revision
    }
    fn touch(&mut self, at: DateTime<Utc>) {
        self.revision += 1;
        self.updated_at = at;
    }
    fn waiting_since(&self) -> Option<DateTime<Utc>> {
        (self.status == ApplicationStatus::Pending).then_some(self.submitted_at)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Sale {
    OnSale,
    Discontinued,
}

impl From<SaleStatus> for Sale {
    fn from(s: SaleStatus) -> Self {
        match s {
            SaleStatus::OnSale => Sale::OnSale,
            SaleStatus::Discontinued => Sale::Discontinued,
        }
    }
}

impl From<Sale> for SaleStatus {
    fn from(s: Sale) -> Self {
        match s {
            Sale::OnSale => SaleStatus::OnSale,
            Sale::Discontinued => SaleStatus::Discontinued,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Sku {
    pub id: String,
    pub code: String,
    pub status: Sale,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Spec {
    pub id: String,
    pub name: String,
    pub status: Sale,
    pub skus: Vec<Sku>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TargetKind {
    Product,
    Spec,
    Sku,
}

/// What a delisting request is about; `spec_id`/`sku_id` are null where they do not apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Target {
    pub kind: TargetKind,
    pub spec_id: Option<String>,
    pub sku_id: Option<String>,
}

impl Target {
    pub fn to_domain(&self) -> DelistTarget {
        let spec = self.spec_id.clone().unwrap_or_default();
        match self.kind {
            TargetKind::Product => DelistTarget::Product,
            TargetKind::Spec => DelistTarget::Spec(spec),
            TargetKind::Sku => DelistTarget::Sku {
                spec,
                sku: self.sku_id.clone().unwrap_or_default(),
            },
        }
    }

    fn from_domain(t: &DelistTarget) -> Self {
        let (kind, spec_id, sku_id) = match t {
            DelistTarget::Product => (TargetKind::Product, None, None),
            DelistTarget::Spec(s) => (TargetKind::Spec, Some(s.clone()), None),
            DelistTarget::Sku { spec, sku } => (TargetKind::Sku, Some(spec.clone()), Some(sku.clone())),
        };
        Target { kind, spec_id, sku_id }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PendingDelisting {
    pub target: Target,
    pub reason: String,
    pub requested_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Product {
    pub id: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub application_id: String,
    pub name: String,
    pub product_type: ProductType,
    pub overview: String,
    pub hotline: String,
    pub status: Sale,
    pub public_sales: bool,
    pub specs: Vec<Spec>,
    pub pending_delisting: Option<PendingDelisting>,
}

impl Entity for Product {
    const KIND: &'static str = "product";
    fn id(&self) -> &str {
        &self.id
    }
    fn revision(&self) -> i64 {
        self.revision
    }
    fn touch(&mut self, at: DateTime<Utc>) {
        self.revision += 1;
        self.updated_at = at;
    }
    fn waiting_since(&self) -> Option<DateTime<Utc>> {
        self.pending_delisting.as_ref().map(|p| p.requested_at)
    }
}

impl Product {
    /// The product as the domain's lifecycle sees it.
    pub fn listed(&self) -> ListedProduct {
        ListedProduct {
            status: self.status.into(),
            public_sales: self.public_sales,
            specs: self
                .specs
                .iter()
                .map(|s| ListedSpec {
                    id: s.id.clone(),
                    status: s.status.into(),
                    skus: s
                        .skus
                        .iter()
                        .map(|k| ListedSku {
                            id: k.id.clone(),
                            status: k.status.into(),
                        })
                        .collect(),
                })
                .collect(),
            pending_delisting: self.pending_delisting.as_ref().map(|p| DelistingRequest {
                target: p.target.to_domain(),
                reason: p.reason.clone(),
                requested_at: p.requested_at,
            }),
        }
    }

    /// Takes over what a lifecycle operation changed: statuses and the pending request.
    pub fn adopt(&mut self, listed: &ListedProduct) {
        self.status = listed.status.into();
        self.public_sales = listed.public_sales;
        for spec in &mut self.specs {
            let Some(l) = listed.spec(&spec.id) else { continue };
            spec.status = l.status.into();
            for sku in &mut spec.skus {
                if let Some(k) = l.skus.iter().find(|k| k.id == sku.id) {
                    sku.status = k.status.into();
                }
            }
        }
        self.pending_delisting = listed.pending_delisting.as_ref().map(|r| PendingDelisting {
            target: Target::from_domain(&r.target),
            reason: r.reason.clone(),
            requested_at: r.requested_at,
        });
    }
}
