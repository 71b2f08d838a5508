//! Draft packs: a listing as a folder — `listing.toml` plus `assets/` — so sellers
//! can keep drafts in version control and check them in their own CI (the fastlane
//! "files as truth" idea).
//!
//! On import the files win: every asset named in `listing.toml` is read from
//! `assets/`, hashed and measured again from its bytes, so a stale or hand-edited
//! hash or size in the TOML cannot mislead the checks. Asset names must be plain
//! file names; anything that could reach outside the pack folder (`../x`, `/etc/x`,
//! `a/b`) is refused before a file is opened. Files are opened without following
//! symbolic links and with their size checked first (`draft_pack_fs.rs`); the TOML's
//! nesting is bounded and its errors are quoted briefly (`draft_pack_toml.rs`).

#[path = "draft_pack_fs.rs"]
mod fs;
#[path = "draft_pack_toml.rs"]
pub mod listing_toml;

use gallerist_domain::listing::model::{Asset, Copyright, Draft};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const LISTING_FILE: &str = "listing.toml";
pub const ASSETS_DIR: &str = "assets";
/// The largest `listing.toml` read; a real one is a few kilobytes.
pub const MAX_LISTING_BYTES: u64 = 1024 * 1024;
/// The largest single file in `assets/` (a product video), as for attached files.
pub const MAX_ASSET_BYTES: u64 = crate::assets::MAX_FILE_BYTES as u64;
/// The most all of a pack's files may hold together.
pub const MAX_PACK_BYTES: u64 = 256 * 1024 * 1024;

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
    #[error("{file} is {kind}; packs may hold only regular files")]
    NotRegular { file: String, kind: &'static str },
    #[error("{file} is {kind}; a pack's {ASSETS_DIR}/ must be a real folder inside the pack")]
    NotAFolder { file: String, kind: &'static str },
    #[error("{file} is larger than {limit} bytes, the most Gallerist reads from a pack")]
    TooLarge { file: String, limit: String },
    #[error("the pack's files together hold more than {limit} bytes, the most Gallerist reads from one pack")]
    PackTooLarge { limit: String },
    #[error("Gallerist exports a pack only into a new or empty folder (or over an earlier pack); {folder} is refused: {detail}")]
    Target { folder: PathBuf, detail: String },
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

const IMAGE_SLOTS: [&str; 3] = ["logo", "main_images", "description_images"];

/// Reads a pack folder. Structural problems (unreadable TOML, an escaping or missing
/// asset) are errors; a file that is there but is not an image at all is reported in
/// `asset_problems` so the checks can still run on the rest (a damaged image is left
/// to the `images.readable` rule).
pub fn import(dir: &Path) -> Result<ImportedPack, DraftPackError> {
    let listing = dir.join(LISTING_FILE);
    let bytes = fs::read_regular(&listing, LISTING_FILE, MAX_LISTING_BYTES)?.ok_or_else(|| DraftPackError::Io {
        path: listing.clone(),
        detail: "there is no such file; a pack folder holds listing.toml and assets/".into(),
    })?;
    let invalid = |detail: String| DraftPackError::Listing {
        path: listing.clone(),
        detail,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        invalid(format!(
            "it is not UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let mut draft: Draft = listing_toml::parse(&text).map_err(invalid)?;
    fs::check_assets_folder(dir)?;
    let mut blobs: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut read: BTreeMap<String, String> = BTreeMap::new();
    let mut total = 0u64;
    let mut asset_problems = Vec::new();
    for (field, asset) in asset_slots(&mut draft) {
        let name = asset.file_name.clone();
        if !plain_file_name(&name) {
            return Err(DraftPackError::Escapes { field, name });
        }
        let path = dir.join(ASSETS_DIR).join(&name);
        let shown = format!("{ASSETS_DIR}/{name}");
        let bytes = match read.get(&name) {
            Some(hash) => blobs[hash].clone(),
            None => {
                let left = MAX_PACK_BYTES - total;
                let bytes = match fs::read_regular(&path, &shown, MAX_ASSET_BYTES.min(left)) {
                    Ok(Some(b)) => b,
                    Ok(None) => return Err(DraftPackError::MissingAsset { field, name, path }),
                    Err(DraftPackError::TooLarge { .. }) if left < MAX_ASSET_BYTES => {
                        return Err(DraftPackError::PackTooLarge {
                            limit: fs::grouped(MAX_PACK_BYTES),
                        })
                    }
                    Err(e) => return Err(e),
                };
                total += bytes.len() as u64;
                bytes
            }
        };
        let is_image_slot = IMAGE_SLOTS.iter().any(|s| field.starts_with(s));
        *asset = if is_image_slot {
            match Asset::image(&name, &bytes) {
                Ok(a) => a,
                Err(e) => {
                    // A damaged image carries its reason (`Asset::problem`) and the
                    // `images.readable` rule reports it; listing it here too would say
                    // the same thing twice.
                    let kept = Asset::from_bytes(&name, &bytes);
                    if kept.problem.is_none() {
                        asset_problems.push((field.clone(), e.to_string()));
                    }
                    kept
                }
            }
        } else {
            Asset::from_bytes(&name, &bytes)
        };
        read.insert(name, asset.hash.clone());
        blobs.insert(asset.hash.clone(), bytes);
    }
    Ok(ImportedPack {
        draft,
        blobs,
        asset_problems,
    })
}

/// Writes `draft` as a pack at `dir` — a new or empty folder, or an earlier pack,
/// which is replaced as a whole; `blobs` holds each asset's bytes by hash.
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
    let text = toml::to_string_pretty(&draft).map_err(|e| DraftPackError::Listing {
        path: dir.join(LISTING_FILE),
        detail: e.to_string(),
    })?;
    fs::write_pack(dir, &text, &files)
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

/// Reads an auto-deployment template folder (its `.tf` files and `.extension`, top
/// level only) the way a pack's assets are read: no symbolic link followed, regular
/// files only, each within the template limit and the whole within the pack limit.
/// The checks themselves are `gallerist_domain::deploy::check_template`.
pub fn read_template_folder(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, DraftPackError> {
    use gallerist_domain::deploy::{MAX_FILES, MAX_FILE_BYTES, MAX_PACK_BYTES as MAX_TEMPLATE_BYTES};
    let io = |e: std::io::Error| DraftPackError::Io {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let name = entry.map_err(io)?.file_name().to_string_lossy().into_owned();
        if (name.ends_with(".tf") || name == ".extension") && plain_file_name(&name) {
            names.push(name);
        }
        if names.len() > MAX_FILES {
            return Err(DraftPackError::Io {
                path: dir.to_path_buf(),
                detail: format!("more than {MAX_FILES} template files; a template folder holds a few .tf files"),
            });
        }
    }
    names.sort();
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    for name in names {
        let left = (MAX_TEMPLATE_BYTES as u64).saturating_sub(total);
        let limit = (MAX_FILE_BYTES as u64).min(left);
        if let Some(bytes) = fs::read_regular(&dir.join(&name), &name, limit)? {
            total += bytes.len() as u64;
            files.insert(name, bytes);
        }
    }
    Ok(files)
}
