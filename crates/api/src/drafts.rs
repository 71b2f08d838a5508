//! Listing drafts: create from a blank, autosave with history, duplicate, restore.
//!
//! WHY every save re-checks: the issues panel must describe exactly the body that is
//! on disk, so the report is computed from the saved draft with the current pack and
//! overrides and stored in the same transaction. A stale revision is refused
//! (`conflict`), so an editor in a second window never overwrites the first silently.

use crate::rule_pack::global_overrides;
use crate::{ApiError, Core};
use gallerist_domain::listing::blank::{blank_delivery, blank_draft};
use gallerist_domain::listing::model::ServiceFlow;
use gallerist_domain::listing::{Draft, Overrides, ProductType, Report};
use gallerist_store::drafts::{self, DraftFilter, DraftRow, SaveReason, VersionEntry};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftView {
    pub id: i64,
    pub revision: i64,
    pub status: String,
    pub product_type: ProductType,
    pub created_at: String,
    pub updated_at: String,
    pub draft: Draft,
    pub report: Report,
    pub pack_version: String,
    pub global_overrides: Overrides,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftList {
    pub pack_version: String,
    pub rows: Vec<DraftRow>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListDrafts {
    pub product_type: Option<String>,
    pub status: Option<String>,
    pub search: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDraft {
    pub product_type: String,
    pub flow: Option<ServiceFlow>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DraftId {
    pub id: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SaveDraft {
    pub id: i64,
    pub revision: i64,
    pub draft: Draft,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreDraft {
    pub id: i64,
    pub revision: i64,
    pub from_revision: i64,
}

const STATUSES: [&str; 4] = ["draft", "pending", "approved", "rejected"];

fn product_type(text: &str) -> Result<ProductType, ApiError> {
    ProductType::parse(text).ok_or_else(|| {
        let known: Vec<&str> = ProductType::ALL.iter().map(|t| t.as_str()).collect();
        ApiError::invalid(format!(
            "'{text}' is not a product type; use one of {}",
            known.join(", ")
        ))
    })
}

/// Checks `draft` with the pack and the global overrides, and records the pack version.
pub fn check(core: &Core, draft: &mut Draft) -> Result<Report, ApiError> {
    let global = global_overrides(&*core.store.conn()?)?;
    let report = core.pack.check(draft, &global);
    draft.record_check(&report);
    Ok(report)
}

pub fn list_drafts(core: &Core, args: ListDrafts) -> Result<DraftList, ApiError> {
    let blank = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let product_type = blank(args.product_type);
    if let Some(t) = &product_type {
        self::product_type(t)?;
    }
    let status = blank(args.status);
    if let Some(s) = status.as_deref().filter(|s| !STATUSES.contains(s)) {
        return Err(ApiError::invalid(format!(
            "'{s}' is not a draft status; use one of {}",
            STATUSES.join(", ")
        )));
    }
    let filter = DraftFilter {
        product_type,
        status,
        search: args.search,
    };
    Ok(DraftList {
        pack_version: core.pack.version.clone(),
        rows: drafts::list(&*core.store.conn()?, &filter)?,
    })
}

pub fn get_draft(core: &Core, args: DraftId) -> Result<DraftView, ApiError> {
    let conn = core.store.conn()?;
    let record = drafts::get(&conn, args.id)?;
    let global = global_overrides(&conn)?;
    drop(conn);
    // Always re-checked (about 40 µs): the stored report is what the last save saw, but
    // the seller may have changed a global override or the pack since.
    let report = core.pack.check(&record.draft, &global);
    Ok(DraftView {
        id: record.id,
        revision: record.revision,
        status: record.status,
        product_type: record.draft.product_type(),
        created_at: record.created_at,
        updated_at: record.updated_at,
        draft: record.draft,
        report,
        pack_version: core.pack.version.clone(),
        global_overrides: global,
    })
}

/// Inserts a new draft (checked) and returns its view.
pub fn insert_draft(core: &Core, mut draft: Draft, reason: SaveReason) -> Result<DraftView, ApiError> {
    let report = check(core, &mut draft)?;
    let now = core.clock.now();
    let id = core
        .store
        .write(|tx| drafts::insert(tx, &draft, &report, reason, now))?;
    get_draft(core, DraftId { id })
}

pub fn create_draft(core: &Core, args: CreateDraft) -> Result<DraftView, ApiError> {
    let ty = product_type(&args.product_type)?;
    let delivery = blank_delivery(ty, args.flow.unwrap_or(ServiceFlow::Standard));
    insert_draft(core, blank_draft(delivery), SaveReason::Create)
}

pub fn save_draft(core: &Core, args: SaveDraft) -> Result<DraftView, ApiError> {
    store_body(core, args.id, args.revision, args.draft, SaveReason::Edit)
}

fn store_body(
    core: &Core,
    id: i64,
    revision: i64,
    mut draft: Draft,
    reason: SaveReason,
) -> Result<DraftView, ApiError> {
    let report = check(core, &mut draft)?;
    let now = core.clock.now();
    core.store
        .write(|tx| drafts::save(tx, id, revision, &draft, &report, reason, now))?;
    get_draft(core, DraftId { id })
}

pub fn duplicate_draft(core: &Core, args: DraftId) -> Result<DraftView, ApiError> {
    let mut draft = drafts::get(&*core.store.conn()?, args.id)?.draft;
    draft.name = if draft.name.trim().is_empty() {
        draft.name
    } else {
        format!("{} (copy)", draft.name)
    };
    insert_draft(core, draft, SaveReason::Duplicate)
}

pub fn delete_draft(core: &Core, args: DraftId) -> Result<(), ApiError> {
    core.store.write(|tx| drafts::delete(tx, args.id))?;
    Ok(())
}

pub fn draft_history(core: &Core, args: DraftId) -> Result<Vec<VersionEntry>, ApiError> {
    Ok(drafts::history(&*core.store.conn()?, args.id)?)
}

/// Makes an old version the newest one; the versions in between stay in the history.
pub fn restore_draft(core: &Core, args: RestoreDraft) -> Result<DraftView, ApiError> {
    let old = drafts::version(&*core.store.conn()?, args.id, args.from_revision)?;
    store_body(core, args.id, args.revision, old, SaveReason::Restore)
}
