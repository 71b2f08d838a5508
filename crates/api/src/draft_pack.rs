//! Draft packs: a listing as a folder — `listing.toml` plus `assets/` — so sellers
//! can keep drafts in version control and check them in their own CI (the fastlane
//! "files as truth" idea).
//!
//! On import the files win: every asset named in `listing.toml` is read from
//! `assets/`, hashed and measured again from its bytes, so a stale or hand-edited
//! hash or size in the TOML cannot mislead the checks. Asset names must be plain
//! file names; anything that could reach outside the pack folder (`../x`, `/etc/x`,
//! `a/b`) is refused before a file is opened.

use gallerist_domain::listing::model::{Asset, Copyright, Draft};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const LISTING_FILE: &str = "listing.toml";
pub const ASSETS_DIR: &str = "assets";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftPackError {
    #[error("{path}: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error("{path} is not a listing Gallerist can read: {detail}")]
    Listing { path: PathBuf, detail: String },
    #[error(
        "{field} names the file '{name}', which would reach outside the pack folder; \
         asset names must be plain file names inside {ASSETS_DIR}/"
    )]
    Escapes { field: String, name: String },
    #[error("{field} names '{name}', but {path} is missing")]
    MissingAsset { field: String, name: String, path: PathBuf },
    #[error("two different files are both named '{name}' ({first} and {second}); rename one")]
    NameClash {
        name: String,
        first: String,
        second: String,
    },
    #[error("{field}: the content of '{name}' is not available to export")]
    MissingBlob { field: String, name: String },
}

/// A pack read from disk: the draft with re-measured assets, their bytes by hash,
/// and what was wrong with individual files (named per field, in words).
#[derive(Debug, Clone)]
pub struct ImportedPack {
    pub draft: Draft,
    pub blobs: BTreeMap<String, Vec<u8>>,
    pub asset_problems: Vec<(String, String)>,
}

/// Every asset slot of a draft with the field path the checks use.
pub fn asset_slots(draft: &mut Draft) -> Vec<(String, &mut Asset)> {
    let mut slots: Vec<(String, &mut Asset)> = Vec::new();
    if let Some(a) = draft.logo.as_mut() {
        slots.push(("logo".into(), a));
    }
    for (i, a) in draft.main_images.iter_mut().enumerate() {
        slots.push((format!("main_images[{i}]"), a));
    }
    if let Some(a) = draft.video.as_mut() {
        slots.push(("video".into(), a));
    }
    for (i, a) in draft.description_images.iter_mut().enumerate() {
        slots.push((format!("description_images[{i}]"), a));
    }
    if let Some(a) = draft.delivery_template.as_mut() {
        slots.push(("delivery_template".into(), a));
    }
    if let Some(a) = draft.prerequisites.hcs_certificate.as_mut() {
        slots.push(("prerequisites.hcs_certificate".into(), a));
    }
    match draft.copyright.as_mut() {
        Some(Copyright::Certificate { file: Some(a), .. }) | Some(Copyright::DeclarationLetter { file: Some(a) }) => {
            slots.push(("copyright.file".into(), a));
        }
        _ => {}
    }
    slots
}

fn plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':', '\0'])
        && Path::new(name).file_name().is_some_and(|f| f == name)
}

fn io(path: &Path, e: std::io::Error) -> DraftPackError {
    DraftPackError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

const IMAGE_SLOTS: [&str; 3] = ["logo", "main_images", "description_images"];

/// Reads a pack folder. Structural problems (unreadable TOML, an escaping or missing
/// asset) are errors; a file that is there but is not a usable image is reported in
/// `asset_problems` so the checks can still run on the rest.
pub fn import(dir: &Path) -> Result<ImportedPack, DraftPackError> {
    let listing = dir.join(LISTING_FILE);
    let text = std::fs::read_to_string(&listing).map_err(|e| io(&listing, e))?;
    let mut draft: Draft = toml::from_str(&text).map_err(|e| DraftPackError::Listing {
        path: listing.clone(),
        detail: e.to_string(),
    })?;
    let mut blobs = BTreeMap::new();
    let mut asset_problems = Vec::new();
    for (field, asset) in asset_slots(&mut draft) {
        let name = asset.file_name.clone();
        if !plain_file_name(&name) {
            return Err(DraftPackError::Escapes { field, name });
        }
        let path = dir.join(ASSETS_DIR).join(&name);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(DraftPackError::MissingAsset { field, name, path });
            }
            Err(e) => return Err(io(&path, e)),
        };
        let is_image_slot = IMAGE_SLOTS.iter().any(|s| field.starts_with(s));
        *asset = if is_image_slot {
            match Asset::image(&name, &bytes) {
                Ok(a) => a,
                Err(e) => {
                    asset_problems.push((field.clone(), e.to_string()));
                    Asset::from_bytes(&name, &bytes)
                }
            }
        } else {
            Asset::from_bytes(&name, &bytes)
        };
        blobs.insert(asset.hash.clone(), bytes);
    }
    Ok(ImportedPack {
        draft,
        blobs,
        asset_problems,
    })
}

/// Writes `draft` as a pack into `dir` (created if needed); `blobs` holds each
/// asset's bytes by hash.
pub fn export(draft: &Draft, blobs: &BTreeMap<String, Vec<u8>>, dir: &Path) -> Result<(), DraftPackError> {
    let mut draft = draft.clone();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut files: Vec<(String, &Vec<u8>)> = Vec::new();
    for (field, asset) in asset_slots(&mut draft) {
        if !plain_file_name(&asset.file_name) {
            return Err(DraftPackError::Escapes {
                field,
                name: asset.file_name.clone(),
            });
        }
        let bytes = blobs.get(&asset.hash).ok_or_else(|| DraftPackError::MissingBlob {
            field: field.clone(),
            name: asset.file_name.clone(),
        })?;
        match names.get(&asset.file_name) {
            Some(hash) if *hash != asset.hash => {
                return Err(DraftPackError::NameClash {
                    name: asset.file_name.clone(),
                    first: hash.clone(),
                    second: asset.hash.clone(),
                });
            }
            Some(_) => {}
            None => {
                names.insert(asset.file_name.clone(), asset.hash.clone());
                files.push((asset.file_name.clone(), bytes));
            }
        }
    }
    let assets = dir.join(ASSETS_DIR);
    std::fs::create_dir_all(&assets).map_err(|e| io(&assets, e))?;
    for (name, bytes) in files {
        let path = assets.join(&name);
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
    }
    let text = toml::to_string_pretty(&draft).map_err(|e| DraftPackError::Listing {
        path: dir.join(LISTING_FILE),
        detail: e.to_string(),
    })?;
    let listing = dir.join(LISTING_FILE);
    std::fs::write(&listing, text).map_err(|e| io(&listing, e))
}

/// Gives every asset slot of `draft` a minimal real file — an image header of the
/// recorded format and size, or a stub document — and returns the draft re-measured
/// from those bytes with the bytes by hash. For sample packs and tests.
pub fn with_sample_files(mut draft: Draft) -> (Draft, BTreeMap<String, Vec<u8>>) {
    let mut blobs = BTreeMap::new();
    for (field, asset) in asset_slots(&mut draft) {
        let bytes = match &asset.image {
            Some(f) => gallerist_domain::listing::example::image_bytes(f.format, f.width, f.height),
            None => format!("%PDF-1.4 sample for {field}").into_bytes(),
        };
        *asset = Asset::from_bytes(&asset.file_name, &bytes);
        blobs.insert(asset.hash.clone(), bytes);
    }
    (draft, blobs)
}

#[cfg(test)]
#[path = "draft_pack_tests.rs"]
mod tests;
