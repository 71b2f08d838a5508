//! Listing drafts through the commands the editor calls: check on save, attach files
//! measured from their bytes, keep history, refuse stale writes, preview safely.

use base64::Engine;
use chrono::{Duration, TimeZone, Utc};
mod common;

use common::{call, refused};
use gallerist_api::{boot, BootOptions, Core, ErrorCode};
use gallerist_domain::listing::example::image_bytes;
use gallerist_domain::listing::image::ImageFormat;
use gallerist_domain::FixedClock;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

async fn core(dir: &Path) -> (Core, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap()));
    let opts = BootOptions {
        data_dir: dir.to_path_buf(),
        clock: clock.clone(),
        seed: 1,
        os_locale: "en".into(),
        embedded_sandbox: false,
        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
    };
    (boot(opts).await.unwrap(), clock)
}

fn issues_on<'a>(view: &'a Value, field: &str) -> Vec<&'a str> {
    view["report"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["field"] == field)
        .map(|i| i["rule_id"].as_str().unwrap())
        .collect()
}

async fn save(core: &Core, view: &Value, edit: impl FnOnce(&mut Value)) -> Value {
    let mut draft = view["draft"].clone();
    edit(&mut draft);
    call(
        core,
        "save_draft",
        json!({ "id": view["id"], "revision": view["revision"], "draft": draft }),
    )
    .await
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn a_forbidden_word_in_the_name_appears_on_save_and_goes_when_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let (core, _) = core(dir.path()).await;
    let view = call(&core, "create_draft", json!({ "productType": "saas" })).await;
    assert_eq!(
        view["draft"]["version"], "V1.0",
        "a new draft starts from the type's blank"
    );
    assert!(
        issues_on(&view, "name").contains(&"name.required"),
        "a blank asks for a name"
    );

    let bad = save(&core, &view, |d| d["name"] = json!("最佳数据库备份")).await;
    assert!(
        issues_on(&bad, "name").contains(&"content.absolute-words"),
        "最佳 in the name is flagged on the name: {:?}",
        issues_on(&bad, "name")
    );
    assert_eq!(
        bad["draft"]["checked_with_pack"], bad["packVersion"],
        "the draft records the pack that checked it"
    );
    let good = save(&core, &bad, |d| d["name"] = json!("Acme 数据库备份")).await;
    assert!(
        !issues_on(&good, "name").contains(&"content.absolute-words"),
        "fixed name has no absolute-word issue"
    );

    let list = call(&core, "list_drafts", json!({})).await;
    assert_eq!(
        list["rows"][0]["name"], "Acme 数据库备份",
        "the list shows the saved name"
    );
    assert_eq!(list["rows"][0]["revision"], good["revision"]);
}

#[tokio::test]
async fn a_100px_logo_is_measured_and_flagged_while_a_disguised_or_bomb_file_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (core, _) = core(dir.path()).await;
    let view = call(&core, "create_draft", json!({ "productType": "license" })).await;
    let png = image_bytes(ImageFormat::Png, 100, 100);
    let logo = call(
        &core,
        "add_asset",
        json!({ "fileName": "C:\\fakepath\\logo.png", "base64": b64(&png), "kind": "image" }),
    )
    .await;
    assert_eq!(logo["file_name"], "logo.png", "the browser's fake path is dropped");
    assert_eq!(logo["image"]["width"], 100);
    assert_eq!(logo["image"]["format"], "png");
    let saved = save(&core, &view, |d| d["logo"] = logo.clone()).await;
    assert!(
        issues_on(&saved, "logo").contains(&"logo.dimensions"),
        "100×100 is not 120×120: {:?}",
        issues_on(&saved, "logo")
    );

    let url = call(&core, "asset_data_url", json!({ "hash": logo["hash"] })).await;
    assert!(
        url["dataUrl"].as_str().unwrap().starts_with("data:image/png;base64,"),
        "thumbnails come back as data URLs"
    );

    let jpeg = image_bytes(ImageFormat::Jpeg, 120, 120);
    let e = refused(
        &core,
        "add_asset",
        json!({ "fileName": "fake.png", "base64": b64(&jpeg), "kind": "image" }),
    )
    .await;
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(
        e.message.contains("fake.png") && e.message.contains("JPEG"),
        "the refusal says what the file really is: {}",
        e.message
    );

    let bomb = image_bytes(ImageFormat::Png, 30_000, 30_000);
    let e = refused(
        &core,
        "add_asset",
        json!({ "fileName": "huge.png", "base64": b64(&bomb), "kind": "image" }),
    )
    .await;
    assert!(
        e.message.contains("30000"),
        "the bomb's claimed size is named: {}",
        e.message
    );

    let e = refused(
        &core,
        "add_asset",
        json!({ "fileName": "cut.png", "base64": b64(&png[..12]), "kind": "image" }),
    )
    .await;
    assert!(
        e.message.contains("cut.png"),
        "a truncated PNG is refused by name: {}",
        e.message
    );

    let e = refused(
        &core,
        "add_asset",
        json!({ "fileName": "x.png", "base64": "%%%", "kind": "image" }),
    )
    .await;
    assert!(
        e.message.contains("attach it again"),
        "mangled base64 says what to do: {}",
        e.message
    );

    let doc = call(
        &core,
        "add_asset",
        json!({ "fileName": "acceptance.docx", "base64": b64(b"PK\x03\x04doc"), "kind": "file" }),
    )
    .await;
    assert!(doc["image"].is_null(), "a document is stored without image facts");
}

#[tokio::test]
async fn a_stale_editor_gets_a_conflict_and_restore_brings_an_old_version_back() {
    let dir = tempfile::tempdir().unwrap();
    let (core, clock) = core(dir.path()).await;
    let v1 = call(&core, "create_draft", json!({ "productType": "hardware" })).await;
    let v2 = save(&core, &v1, |d| d["name"] = json!("网关 A")).await;
    let e = refused(
        &core,
        "save_draft",
        json!({ "id": v1["id"], "revision": v1["revision"], "draft": v1["draft"] }),
    )
    .await;
    assert_eq!(
        e.code,
        ErrorCode::Conflict,
        "an editor still at revision 1 must not overwrite revision 2"
    );

    clock.advance(Duration::minutes(5));
    let v3 = save(&core, &v2, |d| d["name"] = json!("网关 B")).await;
    let history = call(&core, "draft_history", json!({ "id": v1["id"] })).await;
    let names: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["网关 B", "网关 A", ""],
        "each burst of edits is a version, newest first"
    );

    let back = call(
        &core,
        "restore_draft",
        json!({ "id": v1["id"], "revision": v3["revision"], "fromRevision": history[1]["revision"] }),
    )
    .await;
    assert_eq!(back["draft"]["name"], "网关 A", "the old body is current again");
    let history = call(&core, "draft_history", json!({ "id": v1["id"] })).await;
    assert_eq!(history[0]["reason"], "restore");
    assert_eq!(
        history.as_array().unwrap().len(),
        4,
        "restoring adds a version; nothing is lost"
    );
}

#[tokio::test]
async fn overrides_silence_a_rule_visibly_and_duplicates_start_their_own_history() {
    let dir = tempfile::tempdir().unwrap();
    let (core, _) = core(dir.path()).await;
    let view = call(&core, "create_draft", json!({ "productType": "image" })).await;
    let named = save(&core, &view, |d| d["name"] = json!("最新 镜像")).await;
    assert!(
        issues_on(&named, "name").contains(&"content.superlatives"),
        "the heuristic warns on 最新"
    );

    let o = call(
        &core,
        "set_global_override",
        json!({ "ruleId": "content.superlatives", "override": "off" }),
    )
    .await;
    assert_eq!(o["rules"]["content.superlatives"], "off");
    let reread = call(&core, "get_draft", json!({ "id": view["id"] })).await;
    let resaved = save(&core, &reread, |d| d["overview"] = json!("镜像")).await;
    assert!(
        !issues_on(&resaved, "name").contains(&"content.superlatives"),
        "switched off globally"
    );
    let suppressed = &resaved["report"]["suppressed"][0];
    assert_eq!(
        suppressed["rule_id"], "content.superlatives",
        "the report still says which rule is off"
    );
    assert_eq!(suppressed["scope"], "global");

    let e = refused(
        &core,
        "set_global_override",
        json!({ "ruleId": "no.such.rule", "override": "off" }),
    )
    .await;
    assert!(e.message.contains("no.such.rule"));

    let copy = call(&core, "duplicate_draft", json!({ "id": view["id"] })).await;
    assert_eq!(copy["draft"]["name"], "最新 镜像 (copy)");
    assert_ne!(copy["id"], view["id"]);
    let h = call(&core, "draft_history", json!({ "id": copy["id"] })).await;
    assert_eq!(
        h.as_array().unwrap().len(),
        1,
        "a duplicate starts with one history entry"
    );
    assert_eq!(h[0]["reason"], "duplicate");

    call(&core, "delete_draft", json!({ "id": copy["id"] })).await;
    let e = refused(&core, "get_draft", json!({ "id": copy["id"] })).await;
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn the_preview_inlines_attached_images_and_strips_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let (core, _) = core(dir.path()).await;
    let view = call(&core, "create_draft", json!({ "productType": "api" })).await;
    let png = image_bytes(ImageFormat::Png, 1000, 900);
    let img = call(
        &core,
        "add_asset",
        json!({ "fileName": "arch.png", "base64": b64(&png), "kind": "image" }),
    )
    .await;
    let mut draft = view["draft"].clone();
    draft["description"] = json!("## 架构\n\n![架构](arch.png)\n\n<script>alert(1)</script>");
    draft["description_images"] = json!([img]);
    let html = call(&core, "preview_draft", json!({ "draft": draft })).await["html"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(html.contains("<h2>架构</h2>"), "{html}");
    assert!(
        html.contains("src=\"data:image/png;base64,"),
        "the attached image is inlined: {html}"
    );
    assert!(!html.contains("<script"), "no script survives: {html}");
}

#[tokio::test]
async fn bad_arguments_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (core, _) = core(dir.path()).await;
    let e = refused(&core, "create_draft", json!({ "productType": "boat" })).await;
    assert!(
        e.message.contains("boat") && e.message.contains("saas"),
        "{}",
        e.message
    );
    let e = refused(&core, "list_drafts", json!({ "status": "lost" })).await;
    assert!(e.message.contains("lost"), "{}", e.message);
    let e = refused(
        &core,
        "save_draft",
        json!({ "id": 1, "revision": 1, "draft": { "name": 5 } }),
    )
    .await;
    assert_eq!(
        e.code,
        ErrorCode::InvalidInput,
        "a malformed draft body is invalid input: {}",
        e.message
    );
}

#[tokio::test]
async fn a_draft_exported_as_a_pack_imports_back_identically_with_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let (core, _) = core(dir.path()).await;
    let view = call(&core, "create_draft", json!({ "productType": "saas" })).await;
    let png = image_bytes(ImageFormat::Png, 120, 120);
    let logo = call(
        &core,
        "add_asset",
        json!({ "fileName": "logo.png", "base64": b64(&png), "kind": "image" }),
    )
    .await;
    let saved = save(&core, &view, |d| {
        d["name"] = json!("Acme 备份");
        d["logo"] = logo.clone();
    })
    .await;
    let pack = dir.path().join("pack");
    let out = call(&core, "export_draft_pack", json!({ "id": saved["id"], "folder": pack })).await;
    assert_eq!(out["files"], 1, "one attached file is written");
    assert_eq!(
        std::fs::read(pack.join("assets/logo.png")).unwrap(),
        png,
        "the exact bytes leave the store"
    );

    let back = call(&core, "import_draft_pack", json!({ "folder": pack })).await;
    let mut a = saved["draft"].clone();
    let mut b = back["view"]["draft"].clone();
    a["checked_with_pack"] = Value::Null;
    b["checked_with_pack"] = Value::Null;
    assert_eq!(a, b, "the imported draft equals the exported one");
    assert_eq!(back["view"]["report"], saved["report"], "and gets the same verdict");

    let e = refused(
        &core,
        "import_draft_pack",
        json!({ "folder": dir.path().join("nowhere") }),
    )
    .await;
    assert!(
        e.message.contains("listing.toml"),
        "a folder without a listing says so: {}",
        e.message
    );
}
