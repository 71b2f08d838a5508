//! Attaching files to drafts: measured from their bytes, stored by hash.
//!
//! WHY measure here and not in the UI: the rule engine must judge what KooGallery
//! will receive — the bytes — so format comes from the magic number, size from the
//! header, and a header claiming a decompression-bomb size is refused before anything
//! decodes it. The UI only shows what was measured.
//!
//! A file can be fine to attach and still too big to show: a 20,000 × 20,000 1-bit
//! PNG is a few kilobytes but 1.6 GB once a browser decodes it. Images above
//! [`MAX_SHOWN_PIXELS`] are therefore never sent to the UI as `data:` URLs; the
//! thumbnail and the preview say why instead.

use crate::{ApiError, Core};
use base64::Engine;
use gallerist_domain::codes::Locale;
use gallerist_domain::listing::model::Asset;
use serde::{Deserialize, Serialize};

/// The largest file accepted (a product video); images are limited far below by the rules.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The largest image (width × height) sent to the UI as a `data:` URL: 40 megapixels,
/// about 160 MB once decoded — far above KooGallery's 1,200-pixel-wide images.
pub const MAX_SHOWN_PIXELS: u64 = 40_000_000;

pub use gallerist_domain::numbers::grouped;

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
        data_url: data_url(&bytes, core.locale()).map_err(ApiError::invalid)?,
    })
}

/// `data:image/...;base64,...` for PNG/JPEG/GIF bytes (by magic number) within
/// [`MAX_SHOWN_PIXELS`]; otherwise why the image is not shown, in words.
pub fn data_url(bytes: &[u8], locale: Locale) -> Result<String, String> {
    use gallerist_domain::listing::image::{sniff, ImageFormat};
    let facts = sniff(bytes).map_err(|e| format!("that file is not an image Gallerist can show ({e})"))?;
    if facts.pixels() > MAX_SHOWN_PIXELS {
        let (w, h, limit) = (
            grouped(facts.width.into()),
            grouped(facts.height.into()),
            grouped(MAX_SHOWN_PIXELS),
        );
        return Err(match locale {
            Locale::En => format!(
                "the image is {w} × {h} pixels, more than the {limit} pixels Gallerist shows on screen; \
                 it stays attached and checked, it is only not displayed"
            ),
            Locale::ZhCn => format!(
                "图片为 {w} × {h} 像素，超过 Gallerist 在屏幕上显示的 {limit} 像素；文件仍保留并参与检查，只是不显示"
            ),
        });
    }
    let mime = match facts.format {
        ImageFormat::Png => "image/png",
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Gif => "image/gif",
    };
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

#[cfg(test)]
mod tests {
    use crate::{ApiError, ErrorCode};

    #[test]
    fn a_full_disk_while_storing_a_file_is_a_store_error_in_words_not_a_boot_failure() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let e = ApiError::from(gallerist_store::assets::disk_error(
            std::path::Path::new("/data/assets/ab/abab"),
            "store the file",
            full,
        ));
        assert_eq!(e.code, ErrorCode::Store, "{e:?}");
        assert!(e.message.starts_with("The disk is full: "), "{}", e.message);
    }
}
