use super::attachment::*;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
const DOCX: &[u8] = b"PK\x03\x04\x14\0\x06\0";

#[test]
fn files_whose_names_match_their_bytes_are_accepted() {
    assert_eq!(
        check_attachment("acceptance.pdf", PDF),
        Ok(FileKind::Pdf),
        "a real PDF named .pdf is accepted"
    );
    assert_eq!(
        check_attachment("screen.PNG", PNG),
        Ok(FileKind::Png),
        "extensions compare without case"
    );
    assert_eq!(
        check_attachment("photo.jpeg", JPEG),
        Ok(FileKind::Jpeg),
        "both JPEG extensions are accepted"
    );
    assert_eq!(
        check_attachment("SOW.docx", DOCX),
        Ok(FileKind::Zip),
        "a docx is a zip container"
    );
    assert_eq!(
        check_attachment("notes.txt", "交付说明：已完成部署".as_bytes()),
        Ok(FileKind::Text),
        "UTF-8 text is accepted as .txt"
    );
}

#[test]
fn a_png_named_pdf_is_refused_naming_both() {
    let refusal = check_attachment("report.pdf", PNG).expect_err("a PNG renamed .pdf must be refused");
    assert_eq!(
        refusal,
        AttachmentRefusal::Mismatch {
            name: "report.pdf".into(),
            extension: "pdf".into(),
            actual: FileKind::Png
        }
    );
    let en = refusal.message_en();
    assert!(
        en.contains("report.pdf") && en.contains("PNG") && en.contains(".png"),
        "the message names the file, what it is and the fix: {en}"
    );
    assert!(
        refusal.message_zh().contains("PNG 图片"),
        "the zh-CN message names the real kind"
    );
}

#[test]
fn unknown_bytes_empty_files_and_odd_names_are_refused() {
    assert!(
        matches!(check_attachment("x.pdf", &[]), Err(AttachmentRefusal::Empty { .. })),
        "an empty file is refused"
    );
    assert!(
        matches!(
            check_attachment("blob.pdf", &[0u8, 1, 2, 3, 0xFE]),
            Err(AttachmentRefusal::UnknownContent { .. })
        ),
        "binary garbage is refused as unknown content"
    );
    assert!(
        matches!(
            check_attachment("README", PDF),
            Err(AttachmentRefusal::NoExtension { .. })
        ),
        "a name without extension is refused"
    );
    assert!(
        matches!(
            check_attachment("tool.exe", b"plain words"),
            Err(AttachmentRefusal::UnsupportedExtension { .. })
        ),
        "an extension no proof kind uses is refused"
    );
}

#[test]
fn the_size_limit_holds_at_its_edge() {
    let mut at_limit = PDF.to_vec();
    at_limit.resize(MAX_ATTACHMENT_BYTES, b' ');
    assert_eq!(
        check_attachment("big.pdf", &at_limit),
        Ok(FileKind::Pdf),
        "exactly the limit is accepted"
    );
    at_limit.push(b' ');
    assert!(
        matches!(
            check_attachment("big.pdf", &at_limit),
            Err(AttachmentRefusal::TooLarge { .. })
        ),
        "one byte over the limit is refused"
    );
}
