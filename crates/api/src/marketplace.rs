//! Applications and listed products as the seller changes them offline: every change
//! is written locally with its outbox row in one transaction, and checked against
//! KooGallery's lifecycle rules before it is queued, so a refusal is explained now
//! rather than by the server later.

use crate::sync::{new_key, speaks_seller_sync};
use crate::{ApiError, Core};
use gallerist_domain::listing::lifecycle::{
    withdrawable, Actor, DelistTarget, DelistingRequest, ListedProduct, ListedSku, ListedSpec, ProductOp, SaleStatus,
};
use gallerist_domain::listing::Severity;
use gallerist_market::sync::ops;
use gallerist_store::outbox::{self, NewOp};
use gallerist_store::{accounts, drafts, remote, Connection, StoreError};
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// Product fields a seller may edit after listing (see the Seller Sync API).
pub const EDITABLE: [&str; 3] = ["name", "overview", "hotline"];

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitDraft {
    pub account_id: i64,
    pub draft_id: i64,
    /// Submit although the local checks report errors (the seller disagrees).
    #[serde(default)]
    pub acknowledge_errors: bool,
}

fn refused(en: String, zh: String) -> ApiError {
    ApiError::invalid(format!("{en} / {zh}"))
}

fn sync_account(core: &Core, account_id: i64) -> Result<(), ApiError> {
    let account = accounts::get(&*core.store.conn()?, account_id)?;
    if !speaks_seller_sync(account.site) {
        return Err(ApiError::invalid(format!(
            "{} is a live KooGallery account, which has no API for applications; export a submission pack and use the Seller Center",
            account.name
        )));
    }
    Ok(())
}

/// Queues the draft's application; the draft becomes pending at once.
pub fn submit_draft(core: &Core, args: SubmitDraft) -> Result<outbox::Op, ApiError> {
    sync_account(core, args.account_id)?;
    let view = crate::drafts::get_draft(core, crate::drafts::DraftId { id: args.draft_id })?;
    if view.status != "draft" && view.status != "rejected" {
        return Err(refused(
            format!(
                "This draft is {} and cannot be submitted again until the review ends.",
                view.status
            ),
            "该草稿正在审核或已通过，审核结束前不能再次提交。".into(),
        ));
    }
    let errors = view
        .report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    if errors > 0 && !args.acknowledge_errors {
        return Err(refused(
            format!(
                "The draft has {errors} errors that KooGallery's reviewers will reject; fix them or submit anyway."
            ),
            format!("草稿还有 {errors} 个错误，审核会被驳回；请先修改，或确认后仍然提交。"),
        ));
    }
    let op = NewOp {
        account_id: args.account_id,
        op_key: new_key(core),
        kind: ops::SUBMIT_APPLICATION.into(),
        lane: ops::draft_lane(args.draft_id),
        payload: json!({
            "draft_id": args.draft_id,
            "draft_ref": format!("draft-{}", args.draft_id),
            "product_id": Value::Null,
            "listing": view.draft,
        }),
        base_revision: None,
    };
    queue(core, op, |tx| {
        drafts::set_application(tx, args.draft_id, "pending", Some(args.account_id), None)
    })
}

/// Writes the local change and its outbox row in one transaction, then wakes sync.
fn queue(
    core: &Core,
    op: NewOp,
    local_change: impl FnOnce(&Connection) -> Result<(), StoreError>,
) -> Result<outbox::Op, ApiError> {
    let now = core.clock.now();
    let id = core.store.write(|tx| {
        local_change(tx)?;
        outbox::enqueue(tx, &op, now)
    })?;
    core.sync_wake.notify_one();
    Ok(outbox::get(&*core.store.conn()?, id)?)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityArg {
    pub account_id: i64,
    pub id: String,
}

fn entity(core: &Core, account_id: i64, kind: &str, id: &str) -> Result<remote::RemoteEntity, ApiError> {
    remote::get(&*core.store.conn()?, account_id, kind, id)?.ok_or_else(|| {
        ApiError::new(
            crate::ErrorCode::NotFound,
            format!("{kind} {id} has not been synced yet"),
        )
    })
}

pub fn withdraw_application(core: &Core, args: EntityArg) -> Result<outbox::Op, ApiError> {
    let app = entity(core, args.account_id, "application", &args.id)?;
    let ty = gallerist_domain::listing::ProductType::parse(app.body["product_type"].as_str().unwrap_or(""));
    if app.body["status"] != "pending" {
        return Err(refused(
            "Only a pending application can be withdrawn.".into(),
            "只有审核中的申请可以撤回。".into(),
        ));
    }
    if let Some(ty) = ty.filter(|t| !withdrawable(*t)) {
        let r = gallerist_domain::listing::lifecycle::Refusal::WithdrawNotAllowed(ty);
        return Err(refused(r.message_en(), r.message_zh()));
    }
    enqueue(
        core,
        args.account_id,
        ops::WITHDRAW_APPLICATION,
        "application",
        &app,
        json!({
            "application_id": args.id, "draft_id": app.draft_id,
        }),
    )
}

fn enqueue(
    core: &Core,
    account_id: i64,
    kind: &str,
    entity_kind: &str,
    e: &remote::RemoteEntity,
    payload: Value,
) -> Result<outbox::Op, ApiError> {
    let op = NewOp {
        account_id,
        op_key: new_key(core),
        kind: kind.into(),
        lane: ops::entity_lane(entity_kind, &e.remote_id),
        payload,
        base_revision: Some(e.revision),
    };
    queue(core, op, |_| Ok(()))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditProduct {
    pub account_id: i64,
    pub id: String,
    pub fields: Map<String, Value>,
}

/// Records the seller's edit locally (shown at once) and queues it.
pub fn edit_product(core: &Core, args: EditProduct) -> Result<outbox::Op, ApiError> {
    if let Some(bad) = args.fields.keys().find(|k| !EDITABLE.contains(&k.as_str())) {
        return Err(ApiError::invalid(format!(
            "'{bad}' cannot be changed after listing without a new review; editable: {}",
            EDITABLE.join(", ")
        )));
    }
    let product = entity(core, args.account_id, "product", &args.id)?;
    if product.body["status"] == "discontinued" {
        let r = gallerist_domain::listing::lifecycle::Refusal::ProductDiscontinued;
        return Err(refused(r.message_en(), r.message_zh()));
    }
    let base: Map<String, Value> = args
        .fields
        .keys()
        .map(|k| (k.clone(), product.body[k].clone()))
        .collect();
    let mut local = product.local.clone().unwrap_or_else(|| product.body.clone());
    for (k, v) in &args.fields {
        local[k] = v.clone();
    }
    let op = NewOp {
        account_id: args.account_id,
        op_key: new_key(core),
        kind: ops::EDIT_PRODUCT.into(),
        lane: ops::entity_lane("product", &args.id),
        payload: json!({ "product_id": args.id, "fields": args.fields, "base": base }),
        base_revision: Some(product.revision),
    };
    queue(core, op, |tx| {
        remote::set_local(tx, args.account_id, "product", &args.id, Some(&local))
    })
}

/// The server's product JSON as the domain's lifecycle sees it.
pub fn listed(body: &Value) -> ListedProduct {
    let status = |v: &Value| match v.as_str() {
        Some("discontinued") => SaleStatus::Discontinued,
        _ => SaleStatus::OnSale,
    };
    ListedProduct {
        status: status(&body["status"]),
        public_sales: body["public_sales"].as_bool().unwrap_or(true),
        specs: body["specs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| ListedSpec {
                id: s["id"].as_str().unwrap_or_default().into(),
                status: status(&s["status"]),
                skus: s["skus"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|k| ListedSku {
                        id: k["id"].as_str().unwrap_or_default().into(),
                        status: status(&k["status"]),
                    })
                    .collect(),
            })
            .collect(),
        // Only whether one is pending matters to the checks made here.
        pending_delisting: (!body["pending_delisting"].is_null()).then(|| DelistingRequest {
            target: DelistTarget::Product,
            reason: body["pending_delisting"]["reason"].as_str().unwrap_or_default().into(),
            requested_at: chrono::DateTime::UNIX_EPOCH,
        }),
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestDelisting {
    pub account_id: i64,
    pub id: String,
    /// `{ kind: "product" | "spec" | "sku", spec_id?, sku_id? }`
    pub target: Value,
    pub reason: String,
}

pub fn request_delisting(core: &Core, args: RequestDelisting) -> Result<outbox::Op, ApiError> {
    let product = entity(core, args.account_id, "product", &args.id)?;
    let text = |k: &str| args.target[k].as_str().unwrap_or_default().to_string();
    let target = match args.target["kind"].as_str() {
        Some("product") => DelistTarget::Product,
        Some("spec") => DelistTarget::Spec(text("spec_id")),
        Some("sku") => DelistTarget::Sku {
            spec: text("spec_id"),
            sku: text("sku_id"),
        },
        _ => return Err(ApiError::invalid("target.kind must be product, spec or sku")),
    };
    let mut listed = listed(&product.body);
    let op = ProductOp::RequestDelisting {
        target,
        reason: args.reason.clone(),
        at: core.clock.now(),
    };
    listed
        .apply(Actor::Seller, op)
        .map_err(|r| refused(r.message_en(), r.message_zh()))?;
    enqueue(
        core,
        args.account_id,
        ops::REQUEST_DELISTING,
        "product",
        &product,
        json!({
            "product_id": args.id, "target": args.target, "reason": args.reason,
        }),
    )
}
