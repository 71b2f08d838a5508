//! Packs written and read back; hostile packs named in words.

use super::*;
use gallerist_domain::listing::example::{all_deliveries, clean_draft, image_bytes};
use gallerist_domain::listing::image::ImageFormat;

fn real(delivery: gallerist_domain::listing::Delivery) -> (Draft, BTreeMap<String, Vec<u8>>) {
    with_sample_files(clean_draft(delivery))
}

#[test]
fn every_delivery_type_round_trips_through_a_pack_identically() {
    for delivery in all_deliveries() {
        let (draft, blobs) = real(delivery);
        let dir = tempfile::tempdir().unwrap();
        export(&draft, &blobs, dir.path()).unwrap();
        let back = import(dir.path()).unwrap();
        assert_eq!(
            back.draft,
            draft,
            "{:?}: the imported draft equals the exported one",
            draft.product_type()
        );
        assert_eq!(back.blobs, blobs, "every asset's bytes come back");
        assert!(back.asset_problems.is_empty(), "{:?}", back.asset_problems);
    }
}

fn pack_with_logo(name: &str) -> tempfile::TempDir {
    let (mut draft, blobs) = real(all_deliveries().remove(0));
    let dir = tempfile::tempdir().unwrap();
    export(&draft, &blobs, dir.path()).unwrap();
    draft.logo.as_mut().unwrap().file_name = name.to_string();
    std::fs::write(dir.path().join(LISTING_FILE), toml::to_string_pretty(&draft).unwrap()).unwrap();
    dir
}

#[test]
fn asset_names_that_reach_outside_the_pack_are_refused_before_reading() {
    for name in ["../secret.png", "/etc/passwd", "sub/logo.png", "..", "C:\\logo.png"] {
        let dir = pack_with_logo(name);
        let err = import(dir.path()).unwrap_err();
        assert!(
            matches!(err, DraftPackError::Escapes { .. }),
            "{name} must be refused, got {err}"
        );
        assert!(err.to_string().contains("outside the pack folder"), "{err}");
    }
}

#[test]
fn a_missing_asset_and_a_listing_with_wrong_types_are_named() {
    let dir = pack_with_logo("not-there.png");
    let err = import(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("logo") && err.to_string().contains("not-there.png"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(LISTING_FILE), "name = 5\nversion = \"V1.0\"\n").unwrap();
    let err = import(dir.path()).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, DraftPackError::Listing { .. }), "{text}");
    assert!(
        text.contains("listing.toml") && text.contains("string"),
        "the message names the file and the type: {text}"
    );
}

#[test]
fn a_truncated_png_and_a_renamed_jpeg_are_reported_once_by_the_image_rule_and_the_pack_still_loads() {
    let (draft, blobs) = real(all_deliveries().remove(0));
    let dir = tempfile::tempdir().unwrap();
    export(&draft, &blobs, dir.path()).unwrap();
    let logo = draft.logo.as_ref().unwrap().file_name.clone();
    std::fs::write(
        dir.path().join(ASSETS_DIR).join(&logo),
        &image_bytes(ImageFormat::Png, 120, 120)[..14],
    )
    .unwrap();
    let main = draft.main_images[0].file_name.clone();
    std::fs::write(
        dir.path().join(ASSETS_DIR).join(&main),
        image_bytes(ImageFormat::Jpeg, 800, 600),
    )
    .unwrap();
    let back = import(dir.path()).unwrap();
    // Each damaged file is said once: on the asset, for the `images.readable` rule,
    // not also as a pack-level asset problem.
    assert!(back.asset_problems.is_empty(), "{:?}", back.asset_problems);
    let logo_asset = back.draft.logo.as_ref().unwrap();
    assert!(logo_asset.problem.is_some(), "the truncated logo carries its reason");
    if main.ends_with(".png") {
        assert!(
            back.draft.main_images[0].problem.is_some(),
            "a JPEG named .png carries its reason"
        );
    }
    assert!(
        logo_asset.image.is_none(),
        "no dimensions are invented for a truncated file"
    );
    let report = gallerist_domain::listing::Pack::embedded().check(&back.draft, &Default::default());
    let readable: Vec<&str> = report
        .issues
        .iter()
        .filter(|i| i.rule_id == "images.readable")
        .map(|i| i.field.as_str())
        .collect();
    assert!(readable.contains(&"logo"), "the rule names the logo: {readable:?}");
}

/// A pack whose logo file is replaced by what `plant` puts at its path.
#[cfg(unix)]
fn pack_with_planted_logo(plant: impl FnOnce(&Path)) -> (tempfile::TempDir, String) {
    let (draft, blobs) = real(all_deliveries().remove(0));
    let dir = tempfile::tempdir().unwrap();
    export(&draft, &blobs, dir.path()).unwrap();
    let logo = draft.logo.as_ref().unwrap().file_name.clone();
    let path = dir.path().join(ASSETS_DIR).join(&logo);
    std::fs::remove_file(&path).unwrap();
    plant(&path);
    (dir, logo)
}

#[cfg(unix)]
#[test]
fn an_asset_that_is_a_symbolic_link_is_refused_by_name_even_to_a_readable_file() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("passwd");
    std::fs::write(&secret, "root:x:0:0:root:/root:/bin/sh\n").unwrap();
    for target in [secret.as_path(), Path::new("/dev/zero")] {
        let (dir, logo) = pack_with_planted_logo(|p| std::os::unix::fs::symlink(target, p).unwrap());
        let err = import(dir.path()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("assets/{logo} is a symbolic link; packs may hold only regular files"),
            "a link to {} is refused before reading",
            target.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_pack_is_refused_at_once_instead_of_hanging() {
    let (dir, logo) = pack_with_planted_logo(|p| {
        let made = std::process::Command::new("mkfifo").arg(p).status().unwrap();
        assert!(made.success(), "mkfifo");
    });
    // Before the fix this read blocked forever; the test would not return.
    let err = import(dir.path()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("assets/{logo} is a named pipe (FIFO); packs may hold only regular files")
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_as_the_listing_or_the_assets_folder_is_refused() {
    let (draft, blobs) = real(all_deliveries().remove(0));
    let real_pack = tempfile::tempdir().unwrap();
    export(&draft, &blobs, real_pack.path()).unwrap();

    let linked = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(real_pack.path().join(LISTING_FILE), linked.path().join(LISTING_FILE)).unwrap();
    let err = import(linked.path()).unwrap_err();
    assert!(err.to_string().starts_with("listing.toml is a symbolic link"), "{err}");

    let linked = tempfile::tempdir().unwrap();
    std::fs::copy(real_pack.path().join(LISTING_FILE), linked.path().join(LISTING_FILE)).unwrap();
    std::os::unix::fs::symlink(real_pack.path().join(ASSETS_DIR), linked.path().join(ASSETS_DIR)).unwrap();
    let err = import(linked.path()).unwrap_err();
    assert!(err.to_string().starts_with("assets/ is a symbolic link"), "{err}");
}

#[test]
fn an_asset_over_the_size_limit_is_refused_by_its_size_before_it_is_read() {
    let (draft, blobs) = real(all_deliveries().remove(0));
    let dir = tempfile::tempdir().unwrap();
    export(&draft, &blobs, dir.path()).unwrap();
    let logo = draft.logo.as_ref().unwrap().file_name.clone();
    // A sparse file: 50 MB + 1 byte long without writing 50 MB.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(ASSETS_DIR).join(&logo))
        .unwrap();
    file.set_len(MAX_ASSET_BYTES + 1).unwrap();
    let err = import(dir.path()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("assets/{logo} is larger than 52,428,800 bytes, the most Gallerist reads from a pack")
    );

    std::fs::write(
        dir.path().join(LISTING_FILE),
        vec![b'#'; MAX_LISTING_BYTES as usize + 1],
    )
    .unwrap();
    let err = import(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("listing.toml is larger than 1,048,576 bytes"),
        "{err}"
    );
}

#[test]
fn a_deeply_nested_listing_is_refused_with_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(LISTING_FILE),
        format!("name = \"x\"\nhighlights = {}\n", "[".repeat(400_000)),
    )
    .unwrap();
    let err = import(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("nested more than 32 levels"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(err.len() < 1_000, "the message is {} bytes long", err.len());
}

#[cfg(unix)]
#[test]
fn export_never_writes_through_a_symbolic_link_in_the_target_folder() {
    let (draft, blobs) = real(all_deliveries().remove(0));
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();

    // An earlier pack whose listing.toml was replaced by a link: it is replaced whole.
    let dir = tempfile::tempdir().unwrap();
    export(&draft, &blobs, dir.path()).unwrap();
    std::fs::remove_file(dir.path().join(LISTING_FILE)).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join(LISTING_FILE)).unwrap();
    let logo = draft.logo.as_ref().unwrap().file_name.clone();
    std::fs::remove_file(dir.path().join(ASSETS_DIR).join(&logo)).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join(ASSETS_DIR).join(&logo)).unwrap();
    export(&draft, &blobs, dir.path()).unwrap();
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "keep me",
        "the link's target is untouched"
    );
    assert!(!std::fs::symlink_metadata(dir.path().join(LISTING_FILE))
        .unwrap()
        .is_symlink());
    assert_eq!(import(dir.path()).unwrap().draft, draft, "the new pack is complete");

    // The target itself a link: refused, nothing written.
    let link = outside.path().join("pack-link");
    std::os::unix::fs::symlink(outside.path(), &link).unwrap();
    let err = export(&draft, &blobs, &link).unwrap_err();
    assert!(err.to_string().contains("it is a symbolic link"), "{err}");
    assert!(!outside.path().join(LISTING_FILE).exists());
}

#[test]
fn export_refuses_a_folder_holding_other_files_and_leaves_it_as_it_was() {
    let (draft, blobs) = real(all_deliveries().remove(0));
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("pack");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.md"), "mine").unwrap();
    let err = export(&draft, &blobs, &dir).unwrap_err();
    assert!(
        err.to_string().contains("new or empty folder") && err.to_string().contains("'notes.md'"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("notes.md")],
        "nothing was added or removed"
    );
    let beside: Vec<_> = std::fs::read_dir(outer.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        beside,
        vec![std::ffi::OsString::from("pack")],
        "no temporary folder is left behind"
    );
}
