//! Drafts under hostile input, through the commands the app and web mode call: packs
//! with links and pipes, images too large to show, descriptions nested to stall the
//! Markdown parser. Each is answered at once, in words, with nothing stored.

mod common;

use base64::Engine;
use chrono::{TimeZone, Utc};
use common::{call, refused};
use gallerist_api::{boot, BootOptions, Core, ErrorCode};
use gallerist_domain::listing::example::image_bytes;
use gallerist_domain::listing::image::ImageFormat;
use gallerist_domain::FixedClock;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

async fn core(dir: &Path) -> Core {
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap()));
    boot(BootOptions {
        data_dir: dir.to_path_buf(),
        clock,
        seed: 1,
        os_locale: "en".into(),
        embedded_sandbox: false,
        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
    })
    .await
    .unwrap()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A real pack of one draft with a logo, exported by the app into `dir/pack`.
async fn exported_pack(core: &Core, dir: &Path) -> std::path::PathBuf {
    let view = call(core, "create_draft", json!({ "productType": "saas" })).await;
    let png = image_bytes(ImageFormat::Png, 120, 120);
    let logo = call(
        core,
        "add_asset",
        json!({ "fileName": "logo.png", "base64": b64(&png), "kind": "image" }),
    )
    .await;
    let mut draft = view["draft"].clone();
    draft["logo"] = logo;
    let saved = call(
        core,
        "save_draft",
        json!({ "id": view["id"], "revision": view["revision"], "draft": draft }),
    )
    .await;
    let pack = dir.join("pack");
    call(core, "export_draft_pack", json!({ "id": saved["id"], "folder": pack })).await;
    pack
}

#[cfg(unix)]
#[tokio::test]
async fn a_pack_whose_logo_links_to_a_file_outside_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let pack = exported_pack(&core, dir.path()).await;
    let secret = dir.path().join("passwd");
    std::fs::write(&secret, "root:x:0:0:root:/root:/bin/sh\n").unwrap();
    let logo = pack.join("assets/logo.png");
    std::fs::remove_file(&logo).unwrap();
    std::os::unix::fs::symlink(&secret, &logo).unwrap();
    let before = call(&core, "list_drafts", json!({})).await["rows"]
        .as_array()
        .unwrap()
        .len();

    let e = refused(&core, "import_draft_pack", json!({ "folder": pack })).await;
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert_eq!(
        e.message,
        "assets/logo.png is a symbolic link; packs may hold only regular files"
    );
    let after = call(&core, "list_drafts", json!({})).await["rows"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after, "no draft was added");
}

#[tokio::test]
async fn an_image_too_large_to_decode_is_never_sent_as_a_data_url_and_the_preview_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    // 20,000 × 20,000 pixels: a header of a few bytes, 400 megapixels once decoded.
    let huge = image_bytes(ImageFormat::Png, 20_000, 20_000);
    let img = call(
        &core,
        "add_asset",
        json!({ "fileName": "huge.png", "base64": b64(&huge), "kind": "image" }),
    )
    .await;

    let e = refused(&core, "asset_data_url", json!({ "hash": img["hash"] })).await;
    assert!(
        e.message.contains("20,000 × 20,000 pixels") && e.message.contains("40,000,000"),
        "the thumbnail refusal names the size and the budget: {}",
        e.message
    );

    let view = call(&core, "create_draft", json!({ "productType": "api" })).await;
    let mut draft = view["draft"].clone();
    draft["description"] = json!("![巨图](huge.png)");
    draft["description_images"] = json!([img]);
    let preview = call(&core, "preview_draft", json!({ "draft": draft })).await;
    let html = preview["html"].as_str().unwrap();
    assert!(!html.contains("data:image"), "no data URL reaches the page: {html}");
    assert!(html.contains("巨图"), "the alt text stays: {html}");
    assert!(
        html.contains("huge.png: the image is 20,000 × 20,000 pixels"),
        "a placeholder with the reason takes its place: {html}"
    );
    assert_eq!(preview["notes"].as_array().unwrap().len(), 1, "{preview}");
}

#[tokio::test]
async fn a_description_nested_to_stall_the_parser_is_previewed_flattened_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(dir.path()).await;
    let view = call(&core, "create_draft", json!({ "productType": "api" })).await;
    for description in ["> - ".repeat(2048), ">".repeat(100 * 1024)] {
        let mut draft = view["draft"].clone();
        draft["description"] = json!(description);
        let preview = call(&core, "preview_draft", json!({ "draft": draft })).await;
        let notes: Vec<&str> = preview["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert!(
            notes.iter().any(|n| n.contains("nested more than 16 levels deep")),
            "{notes:?}"
        );
        assert!(
            preview["html"].as_str().unwrap().contains("preview-note"),
            "the note is shown above the preview"
        );
    }
}
