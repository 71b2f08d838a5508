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
fn a_truncated_png_and_a_renamed_jpeg_are_reported_per_field_and_the_pack_still_loads() {
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
    let fields: Vec<&str> = back.asset_problems.iter().map(|(f, _)| f.as_str()).collect();
    assert!(
        fields.contains(&"logo"),
        "the truncated logo is reported: {:?}",
        back.asset_problems
    );
    if main.ends_with(".png") {
        assert!(
            fields.contains(&"main_images[0]"),
            "a JPEG named .png is reported: {:?}",
            back.asset_problems
        );
    }
    assert!(
        back.draft.logo.unwrap().image.is_none(),
        "no dimensions are invented for a truncated file"
    );
}
