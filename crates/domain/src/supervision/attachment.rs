//! Delivery-proof attachments: what a file really is, read from its first bytes.
//!
//! WHY sniff instead of trusting the name: a buyer (and an appeal reviewer) opens the
//! proof the seller uploaded. A screenshot saved as `report.pdf` or a Word file named
//! `.png` fails to open on their side, after the seller believed the delivery was done.
//! Gallerist reads the signature of the bytes and refuses a file whose name says
//! something else, naming both, before anything is queued for upload.
//!
//! Office files (docx, xlsx, pptx) are zip containers; the sniffer says "zip" and any
//! of those names is accepted for it. Plain text is accepted for txt/csv/md when the
//! bytes are UTF-8 without NULs.

use serde::{Deserialize, Serialize};

/// The largest proof file Gallerist queues (the console's limit is not documented;
/// 20 MB keeps a proof e-mailable and the outbox row reasonable).
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    /// A zip container: zip, docx, xlsx, pptx.
    Zip,
    /// The old binary Office format: doc, xls, ppt.
    Ole,
    Text,
}

impl FileKind {
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Png => "PNG image",
            FileKind::Jpeg => "JPEG image",
            FileKind::Gif => "GIF image",
            FileKind::Webp => "WebP image",
            FileKind::Zip => "zip/Office document",
            FileKind::Ole => "legacy Office document",
            FileKind::Text => "plain text",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF 文件",
            FileKind::Png => "PNG 图片",
            FileKind::Jpeg => "JPEG 图片",
            FileKind::Gif => "GIF 图片",
            FileKind::Webp => "WebP 图片",
            FileKind::Zip => "压缩包/Office 文档",
            FileKind::Ole => "旧版 Office 文档",
            FileKind::Text => "纯文本",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Zip => "application/zip",
            FileKind::Ole => "application/x-ole-storage",
            FileKind::Text => "text/plain; charset=utf-8",
        }
    }

    /// The file-name extensions this kind may carry.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg"],
            FileKind::Gif => &["gif"],
            FileKind::Webp => &["webp"],
            FileKind::Zip => &["zip", "docx", "xlsx", "pptx"],
            FileKind::Ole => &["doc", "xls", "ppt"],
            FileKind::Text => &["txt", "csv", "md"],
        }
    }
}

/// Reads the kind from the first bytes; `None` for anything not accepted as proof.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    let starts = |sig: &[u8]| bytes.starts_with(sig);
    if starts(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some(FileKind::Gif)
    } else if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(FileKind::Webp)
    } else if starts(b"PK\x03\x04") {
        Some(FileKind::Zip)
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(FileKind::Ole)
    } else if !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() {
        Some(FileKind::Text)
    } else {
        None
    }
}

/// Why a file cannot be attached as proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentRefusal {
    Empty {
        name: String,
    },
    TooLarge {
        name: String,
        bytes: usize,
    },
    NoExtension {
        name: String,
    },
    UnknownContent {
        name: String,
    },
    Mismatch {
        name: String,
        extension: String,
        actual: FileKind,
    },
    UnsupportedExtension {
        name: String,
        extension: String,
    },
}

impl AttachmentRefusal {
    pub fn message_en(&self) -> String {
        match self {
            Self::Empty { name } => format!("“{name}” is empty."),
            Self::TooLarge { name, bytes } => format!(
                "“{name}” is {:.1} MB; a proof file can be at most {} MB.",
                *bytes as f64 / 1_048_576.0,
                MAX_ATTACHMENT_BYTES / 1_048_576
            ),
            Self::NoExtension { name } => {
                format!("“{name}” has no extension; name it .pdf, .png, .jpg, .docx, .xlsx, .zip or .txt.")
            }
            Self::UnknownContent { name } => {
                format!("“{name}” is not a PDF, image, Office document, zip or text file; the buyer could not open it.")
            }
            Self::Mismatch {
                name,
                extension,
                actual,
            } => format!(
                "“{name}” is named .{extension} but is a {}; rename it to .{} or choose the right file.",
                actual.label(),
                actual.extensions()[0]
            ),
            Self::UnsupportedExtension { name, extension } => {
                format!("“{name}”: .{extension} files are not accepted as delivery proof.")
            }
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            Self::Empty { name } => format!("“{name}”是空文件。"),
            Self::TooLarge { name, bytes } => format!(
                "“{name}”大小为 {:.1} MB，交付证明文件不能超过 {} MB。",
                *bytes as f64 / 1_048_576.0,
                MAX_ATTACHMENT_BYTES / 1_048_576
            ),
            Self::NoExtension { name } => {
                format!("“{name}”没有扩展名，请使用 .pdf、.png、.jpg、.docx、.xlsx、.zip 或 .txt。")
            }
            Self::UnknownContent { name } => {
                format!("“{name}”不是 PDF、图片、Office 文档、压缩包或文本文件，用户无法打开。")
            }
            Self::Mismatch {
                name,
                extension,
                actual,
            } => format!(
                "“{name}”的扩展名是 .{extension}，但内容是{}；请改为 .{} 或选择正确的文件。",
                actual.label_zh(),
                actual.extensions()[0]
            ),
            Self::UnsupportedExtension { name, extension } => {
                format!("“{name}”：不支持 .{extension} 文件作为交付证明。")
            }
        }
    }
}

/// Checks a proof file: not empty, not too large, and its name matches its bytes.
pub fn check_attachment(name: &str, bytes: &[u8]) -> Result<FileKind, AttachmentRefusal> {
    let name_owned = || name.to_string();
    if bytes.is_empty() {
        return Err(AttachmentRefusal::Empty { name: name_owned() });
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentRefusal::TooLarge {
            name: name_owned(),
            bytes: bytes.len(),
        });
    }
    let extension = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => ext.to_ascii_lowercase(),
        _ => return Err(AttachmentRefusal::NoExtension { name: name_owned() }),
    };
    let Some(actual) = sniff(bytes) else {
        return Err(AttachmentRefusal::UnknownContent { name: name_owned() });
    };
    if actual.extensions().contains(&extension.as_str()) {
        return Ok(actual);
    }
    const KNOWN: [FileKind; 8] = [
        FileKind::Pdf,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
        FileKind::Zip,
        FileKind::Ole,
        FileKind::Text,
    ];
    if KNOWN.iter().any(|k| k.extensions().contains(&extension.as_str())) {
        Err(AttachmentRefusal::Mismatch {
            name: name_owned(),
            extension,
            actual,
        })
    } else {
        Err(AttachmentRefusal::UnsupportedExtension {
            name: name_owned(),
            extension,
        })
    }
}
