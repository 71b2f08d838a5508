//! Whole files, not just headers: a file cut off or corrupted after a good header is
//! named as damaged in both languages, and reported once, by one rule.

use super::example::image_bytes;
use super::image::*;
use super::model::Asset;
use super::rule_fixtures::saas;
use super::rules::{Overrides, Pack};

#[test]
fn a_png_cut_off_after_a_valid_header_is_named_as_damaged_in_both_languages() {
    let full = image_bytes(ImageFormat::Png, 120, 120);
    let cut = &full[..full.len() - 12]; // IEND is gone
    let err = sniff(cut).unwrap_err();
    assert!(matches!(err, ImageError::Damaged { format: "PNG", .. }), "{err:?}");
    assert!(
        err.to_string().contains("PNG file is damaged") && err.to_string().contains("cut off"),
        "{err}"
    );
    assert!(
        err.zh_cn().contains("PNG 文件已损坏") && err.zh_cn().contains("截断"),
        "{}",
        err.zh_cn()
    );
}

#[test]
fn a_jpeg_cut_off_inside_its_scan_is_named_as_damaged_in_both_languages() {
    let full = image_bytes(ImageFormat::Jpeg, 800, 600);
    let err = sniff(&full[..full.len() - 2]).unwrap_err(); // EOI is gone
    assert!(matches!(err, ImageError::Damaged { format: "JPEG", .. }), "{err:?}");
    assert!(err.to_string().contains("JPEG file is damaged"), "{err}");
    assert!(err.zh_cn().contains("JPEG 文件已损坏"), "{}", err.zh_cn());
}

#[test]
fn a_flipped_byte_inside_a_png_chunk_fails_its_checksum() {
    let mut png = image_bytes(ImageFormat::Png, 120, 120);
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    png[idat + 5] ^= 0x01;
    let err = sniff(&png).unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");
    assert!(err.zh_cn().contains("校验和"), "{}", err.zh_cn());
}

#[test]
fn a_forged_chunk_length_is_damage_not_a_panic_or_an_allocation() {
    let mut png = image_bytes(ImageFormat::Png, 120, 120);
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    png[idat - 4..idat].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(sniff(&png).unwrap_err().to_string().contains("damaged"));
    let mut jpeg = image_bytes(ImageFormat::Jpeg, 800, 600);
    jpeg[4..6].copy_from_slice(&u16::MAX.to_be_bytes()); // APP0 claims 65,535 bytes
    let err = sniff(&jpeg).unwrap_err();
    assert!(
        err.to_string().contains("damaged") && err.zh_cn().contains("损坏"),
        "{err}"
    );
}

#[test]
fn a_huge_header_is_refused_before_the_body_is_walked() {
    let mut bomb = image_bytes(ImageFormat::Png, 30_000, 30_000);
    bomb.truncate(33); // header only: the refusal must not depend on the rest
    assert!(matches!(sniff(&bomb), Err(ImageError::TooLarge { .. })));
}

#[test]
fn a_damaged_main_image_is_reported_once_by_images_readable_and_not_as_a_format() {
    let full = image_bytes(ImageFormat::Png, 800, 600);
    let pack = Pack::embedded();
    for (name, bytes) in [
        ("cut.png", full[..full.len() - 12].to_vec()),
        ("huge.png", image_bytes(ImageFormat::Png, 30_000, 30_000)),
        ("renamed.jpg", full.clone()),
    ] {
        let mut d = saas();
        d.main_images.push(Asset::from_bytes(name, &bytes));
        let report = pack.check(&d, &Overrides::default());
        let about: Vec<&str> = report
            .issues
            .iter()
            .filter(|i| i.field == "main_images[1]")
            .map(|i| i.rule_id.as_str())
            .collect();
        assert_eq!(about, ["images.readable"], "{name}: one problem, one issue");
        let problem = d.main_images[1].problem.as_ref().unwrap();
        assert!(
            !problem.en.is_empty() && !problem.zh_cn.is_empty(),
            "{name}: both languages"
        );
    }
    let mut d = saas();
    d.main_images
        .push(Asset::from_bytes("photo.webp", b"RIFF\0\0\0\0WEBPVP8 "));
    let ids = pack.check(&d, &Overrides::default()).rule_ids().join(",");
    assert!(
        ids.contains("main-images.format") && !ids.contains("images.readable"),
        "a WebP is a wrong format, not a damaged image: {ids}"
    );
}

#[test]
fn a_gif_is_walked_block_by_block_and_may_carry_bytes_after_its_trailer() {
    let full = image_bytes(ImageFormat::Gif, 800, 600);
    let mut padded = full.clone();
    padded.extend_from_slice(b"\0\0junk");
    assert!(sniff(&padded).is_ok(), "bytes after the trailer are ignored");
    let err = sniff(&full[..full.len() - 3]).unwrap_err();
    assert!(
        err.to_string().contains("GIF file is damaged") && err.zh_cn().contains("GIF 文件已损坏"),
        "{err}"
    );
}
