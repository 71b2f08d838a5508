//! Moving drafts between the store and draft packs (`listing.toml` + `assets/`).
//!
//! WHY through the store's own files: an exported pack must contain the exact bytes
//! the checks measured, so the blobs come from the content-addressed asset folder
//! (verified against their hash on the way out); an imported pack's files are hashed
//! and stored the same way, so the imported draft is indistinguishable from one the
//! seller built in the editor.

use crate::draft_pack::{self, asset_slots};
use crate::drafts::{insert_draft, DraftView};
use crate::{ApiError, Core};
use gallerist_store::drafts::{self, SaveReason};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize)]
pub struct ExportPack {
    pub id: i64,
    pub folder: PathBuf,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub folder: PathBuf,
    pub files: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ImportPack {
    pub folder: PathBuf,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    pub view: DraftView,
    /// Files that are in the pack but are not usable images, per field, in words.
    pub asset_problems: Vec<(String, String)>,
}

pub fn export_draft_pack(core: &Core, args: ExportPack) -> Result<Exported, ApiError> {
    let mut draft = drafts::get(&*core.store.conn()?, args.id)?.draft;
    let mut blobs = BTreeMap::new();
    for (field, asset) in asset_slots(&mut draft) {
        if blobs.contains_key(&asset.hash) {
            continue;
        }
        let bytes = core
            .assets
            .get(&asset.hash)
            .map_err(|e| ApiError::invalid(format!("{field} ({}): {e}", asset.file_name)))?;
        blobs.insert(asset.hash.clone(), bytes);
    }
    draft_pack::export(&draft, &blobs, &args.folder).map_err(|e| ApiError::invalid(e.to_string()))?;
    Ok(Exported {
        folder: args.folder,
        files: blobs.len(),
    })
}

pub fn import_draft_pack(core: &Core, args: ImportPack) -> Result<Imported, ApiError> {
    let pack = draft_pack::import(&args.folder).map_err(|e| ApiError::invalid(e.to_string()))?;
    let now = core.clock.now();
    core.store.write(|tx| {
        for bytes in pack.blobs.values() {
            core.assets.put(tx, bytes, now)?;
        }
        Ok(())
    })?;
    let mut draft = pack.draft;
    draft.checked_with_pack = None;
    Ok(Imported {
        view: insert_draft(core, draft, SaveReason::Import)?,
        asset_problems: pack.asset_problems,
    })
}
