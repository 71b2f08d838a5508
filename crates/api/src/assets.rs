//! Attaching files to drafts: measured from their bytes, stored by hash.
//!
//! WHY measure here and not in the UI: the rule engine must judge what KooGallery
//! will receive — the bytes — so format comes from the magic number, size from the
//! header, and a header claiming a decompression-bomb size is refused before anything
//! decodes it. The UI only shows what was measured.

use crate::{ApiError, Core};
use base64::Engine;
use gallerist_domain::listing::model::Asset;
use serde::{Deserialize, Serialize};

/// The largest file accepted (a product video); images are limited far below by the rules.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssetKind {
    Image,
    File,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddAsset {
    pub file_name: String,
    pub base64: String,
    pub kind: AssetKind,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AssetRef {
    pub hash: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataUrl {
    pub data_url: String,
}

fn base_name(name: &str) -> String {
    // Browsers may hand over "C:\fakepath\x.png"; keep the last path segment only.
    name.rsplit(['/', '\\']).next().unwrap_or(name).trim().to_string()
}

pub fn add_asset(core: &Core, args: AddAsset) -> Result<Asset, ApiError> {
    let name = base_name(&args.file_name);
    if name.is_empty() {
        return Err(ApiError::invalid("the file has no name"));
    }
    // Checked before decoding: base64 is 4/3 of the bytes.
    if args.base64.len() / 4 * 3 > MAX_FILE_BYTES + 3 {
        return Err(ApiError::invalid(format!(
            "{name} is larger than {} MB, the most Gallerist attaches to a draft",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(args.base64.trim())
        .map_err(|e| ApiError::invalid(format!("{name} did not arrive intact ({e}); attach it again")))?;
    let asset = match args.kind {
        AssetKind::Image => Asset::image(&name, &bytes).map_err(|e| ApiError::invalid(format!("{name}: {e}")))?,
        AssetKind::File => Asset::from_bytes(&name, &bytes),
    };
    let now = core.clock.now();
    let hash = core.store.write(|tx| core.assets.put(tx, &bytes, now))?;
    debug_assert_eq!(hash, asset.hash, "the store and the domain hash alike");
    Ok(asset)
}

/// An attached image as a `data:` URL for thumbnails and the preview.
pub fn asset_data_url(core: &Core, args: AssetRef) -> Result<DataUrl, ApiError> {
    let bytes = core.assets.get(&args.hash)?;
    Ok(DataUrl {
        data_url: data_url(&bytes).ok_or_else(|| ApiError::invalid("that file is not an image Gallerist can show"))?,
    })
}

/// `data:image/...;base64,...` for PNG/JPEG/GIF bytes (by magic number), else `None`.
pub fn data_url(bytes: &[u8]) -> Option<String> {
    let facts = gallerist_domain::listing::image::sniff(bytes).ok()?;
    let mime = match facts.format {
        gallerist_domain::listing::image::ImageFormat::Png => "image/png",
        gallerist_domain::listing::image::ImageFormat::Jpeg => "image/jpeg",
        gallerist_domain::listing::image::ImageFormat::Gif => "image/gif",
    };
    Some(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}
