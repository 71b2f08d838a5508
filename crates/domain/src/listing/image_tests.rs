//! Image files built byte by byte: valid, truncated, renamed and absurdly large.

use super::image::*;

fn png_header(width: u32, height: u32) -> Vec<u8> {
    super::example::image_bytes(ImageFormat::Png, width, height)
}

fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
    super::example::image_bytes(ImageFormat::Jpeg, width.into(), height.into())
}

#[test]
fn reads_png_dimensions_from_ihdr() {
    let facts = inspect("logo.png", &png_header(120, 120)).unwrap();
    assert_eq!(
        (facts.format, facts.width, facts.height),
        (ImageFormat::Png, 120, 120),
        "IHDR says 120×120"
    );
    assert_eq!(
        facts.bytes,
        png_header(120, 120).len() as u64,
        "size is the byte count of the file"
    );
}

#[test]
fn reads_jpeg_dimensions_from_the_frame_header_after_app0() {
    let facts = sniff(&jpeg_header(800, 600)).unwrap();
    assert_eq!(
        (facts.format, facts.width, facts.height),
        (ImageFormat::Jpeg, 800, 600),
        "SOF0 says 800×600"
    );
}

#[test]
fn reads_gif_logical_screen() {
    let mut b = b"GIF89a".to_vec();
    b.extend_from_slice(&[0x20, 0x03, 0x58, 0x02, 0, 0, 0]);
    b.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B]);
    let facts = sniff(&b).unwrap();
    assert_eq!(
        (facts.format, facts.width, facts.height),
        (ImageFormat::Gif, 800, 600),
        "GIF screen 800×600"
    );
}

#[test]
fn truncated_png_is_named_in_plain_words() {
    let err = sniff(&png_header(120, 120)[..18]).unwrap_err();
    assert_eq!(
        err,
        ImageError::Truncated { format: "PNG", len: 18 },
        "18 bytes end inside IHDR"
    );
    assert!(
        err.to_string().contains("cut off"),
        "message says the file is cut off: {err}"
    );
    let jpeg_err = sniff(&jpeg_header(800, 600)[..24]).unwrap_err();
    assert!(
        matches!(jpeg_err, ImageError::Truncated { format: "JPEG", .. }),
        "cut JPEG: {jpeg_err}"
    );
}

#[test]
fn jpeg_renamed_png_is_refused_with_both_formats_named() {
    let err = inspect("logo.png", &jpeg_header(120, 120)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("named like a PNG") && text.contains("JPEG image"),
        "names both formats: {text}"
    );
}

#[test]
fn decompression_bomb_header_is_refused_without_decoding() {
    let err = sniff(&png_header(30_000, 30_000)).unwrap_err();
    assert_eq!(
        err,
        ImageError::TooLarge {
            width: 30_000,
            height: 30_000,
            max: MAX_SIDE
        },
        "30k×30k refused"
    );
    assert!(
        err.to_string().contains("without decoding"),
        "message explains the refusal: {err}"
    );
}

#[test]
fn other_formats_are_named_not_guessed() {
    assert_eq!(
        sniff(b"RIFF\0\0\0\0WEBPVP8 "),
        Err(ImageError::UnsupportedFormat("WebP")),
        "WebP is named"
    );
    assert_eq!(
        sniff(b"hello world"),
        Err(ImageError::NotAnImage),
        "text is not an image"
    );
    assert_eq!(sniff(b""), Err(ImageError::Empty), "empty file is named");
    assert!(
        matches!(sniff(&png_header(0, 10)), Err(ImageError::Malformed { .. })),
        "zero width is damage"
    );
}

#[test]
fn an_asset_is_named_by_its_content_hash_and_carries_its_measured_facts() {
    use crate::listing::model::Asset;
    let bytes = png_header(120, 120);
    let asset = Asset::image("logo.png", &bytes).unwrap();
    assert_eq!(asset.hash.len(), 64, "a hex SHA-256");
    assert_eq!(
        asset,
        Asset::from_bytes("logo.png", &bytes),
        "both constructors agree on a valid image"
    );
    assert_eq!(
        asset.image.map(|i| (i.width, i.height)),
        Some((120, 120)),
        "facts measured from the header"
    );
    let err = Asset::image("logo.png", &jpeg_header(120, 120)).unwrap_err();
    assert!(
        matches!(err, ImageError::ExtensionMismatch { .. }),
        "an image slot refuses a renamed JPEG"
    );
    assert_eq!(
        Asset::from_bytes("terms.pdf", b"%PDF-1.7").image,
        None,
        "a document is an asset without image facts"
    );
}

#[test]
fn every_cut_of_a_valid_file_is_an_error_never_a_panic() {
    for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Gif] {
        let full = super::example::image_bytes(format, 800, 600);
        assert!(sniff(&full).is_ok(), "the whole {format:?} file reads");
        for n in 0..full.len() {
            assert!(
                sniff(&full[..n]).is_err(),
                "{n} of {} bytes of {format:?} are not enough",
                full.len()
            );
        }
    }
}
