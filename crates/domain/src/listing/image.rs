//! Image facts read from the first bytes of a file, never by decoding it.
//!
//! WHY: KooGallery judges a logo or main image by its real format and pixel size, and
//! a seller who renamed a JPEG to `.png` is rejected after three days of review. The
//! magic number says what a file is, the header says how big it claims to be. A file
//! that claims 30,000 × 30,000 pixels would need gigabytes to decode (a decompression
//! bomb), so it is refused from the header alone. No image crate is involved: the
//! three formats KooGallery accepts have tiny, well-documented headers. Once the header
//! passes, the rest of the file is walked without decoding (`image_body.rs`), so a
//! file cut off after a good header is named as damaged rather than accepted.

use crate::listing::image_body;
use serde::{Deserialize, Serialize};

/// The largest side we accept; KooGallery's largest documented size is 1,200 px.
pub const MAX_SIDE: u32 = 20_000;

/// What the magic number says a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
}

impl ImageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Gif => "gif",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "png" => Some(ImageFormat::Png),
            "jpeg" | "jpg" => Some(ImageFormat::Jpeg),
            "gif" => Some(ImageFormat::Gif),
            _ => None,
        }
    }

    fn label(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Gif => "GIF",
        }
    }
}

/// What was measured: format, pixel size, and the file's size in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageFacts {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}

impl ImageFacts {
    /// Width × height: what decoding the image would cost, in pixels.
    pub fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is a {0} image; KooGallery accepts PNG, JPEG and GIF only")]
    UnsupportedFormat(&'static str),
    #[error("the file is not an image (its first bytes match no known image format)")]
    NotAnImage,
    #[error("the {format} file is damaged: it is cut off after {len} bytes, before its size is recorded")]
    Truncated { format: &'static str, len: usize },
    #[error("the {format} header is damaged: {what}")]
    Malformed { format: &'static str, what: &'static str },
    #[error(
        "the image claims {width} × {height} pixels, more than {max} a side; it was refused \
         without decoding (it could exhaust memory)"
    )]
    TooLarge { width: u32, height: u32, max: u32 },
    #[error("the {format} file is damaged: {what}")]
    Damaged {
        format: &'static str,
        what: &'static str,
        what_zh: &'static str,
    },
    #[error("'{file_name}' is named like a {named} file but its bytes are a {actual} image; save it as {actual} or rename it")]
    ExtensionMismatch {
        file_name: String,
        named: &'static str,
        actual: &'static str,
    },
}

impl ImageError {
    /// The same explanation in Chinese, for sellers reading the zh-CN interface.
    pub fn zh_cn(&self) -> String {
        match self {
            ImageError::Empty => "文件为空".into(),
            ImageError::UnsupportedFormat(name) => {
                format!("该文件是 {name} 图片；云商店只接受 PNG、JPEG 和 GIF")
            }
            ImageError::NotAnImage => "该文件不是图片（开头字节不符合任何已知图片格式）".into(),
            ImageError::Truncated { format, len } => {
                format!("{format} 文件已损坏：在第 {len} 字节处被截断，尚未记录图片尺寸")
            }
            ImageError::Malformed { format, .. } => format!("{format} 文件头已损坏"),
            ImageError::TooLarge { width, height, max } => {
                format!("图片声明的尺寸为 {width} × {height} 像素，单边超过 {max}；为避免耗尽内存，未解码即拒绝")
            }
            ImageError::Damaged { format, what_zh, .. } => format!("{format} 文件已损坏：{what_zh}"),
            ImageError::ExtensionMismatch {
                file_name,
                named,
                actual,
            } => format!("“{file_name}”的扩展名是 {named}，但内容是 {actual} 图片；请另存为 {actual} 或改正扩展名"),
        }
    }

    /// Whether the file is a supported image gone wrong (cut off, damaged, refused,
    /// renamed), as opposed to a file of another kind, which the format rules report.
    pub fn is_damage(&self) -> bool {
        !matches!(self, ImageError::UnsupportedFormat(_) | ImageError::NotAnImage)
    }
}

/// Reads format and dimensions from the header, refusing sides above [`MAX_SIDE`],
/// then checks the rest of the file is whole (without decoding pixels).
pub fn sniff(bytes: &[u8]) -> Result<ImageFacts, ImageError> {
    if bytes.is_empty() {
        return Err(ImageError::Empty);
    }
    let (format, width, height) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)?
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes)?
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        gif(bytes)?
    } else {
        return Err(other_format(bytes));
    };
    if width == 0 || height == 0 {
        return Err(ImageError::Malformed {
            format: format.label(),
            what: "it records a width or height of zero",
        });
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ImageError::TooLarge {
            width,
            height,
            max: MAX_SIDE,
        });
    }
    match format {
        ImageFormat::Png => image_body::png(bytes)?,
        ImageFormat::Jpeg => image_body::jpeg(bytes)?,
        ImageFormat::Gif => image_body::gif(bytes)?,
    }
    Ok(ImageFacts {
        format,
        width,
        height,
        bytes: bytes.len() as u64,
    })
}

/// Like [`sniff`], and also refuses a file whose extension names another format
/// (a JPEG saved as `logo.png`), because KooGallery asks sellers not to rename extensions.
pub fn inspect(file_name: &str, bytes: &[u8]) -> Result<ImageFacts, ImageError> {
    let facts = sniff(bytes)?;
    let named = file_name.rsplit_once('.').and_then(|(_, ext)| ImageFormat::parse(ext));
    match named {
        Some(named) if named != facts.format => Err(ImageError::ExtensionMismatch {
            file_name: file_name.to_string(),
            named: named.label(),
            actual: facts.format.label(),
        }),
        _ => Ok(facts),
    }
}

fn other_format(bytes: &[u8]) -> ImageError {
    let named = [
        (&b"RIFF"[..], "WebP"),
        (&b"BM"[..], "BMP"),
        (&b"II*\0"[..], "TIFF"),
        (&b"MM\0*"[..], "TIFF"),
        (&b"<svg"[..], "SVG"),
        (&b"\0\0\x01\0"[..], "ICO"),
    ];
    for (magic, name) in named {
        if bytes.starts_with(magic) {
            return ImageError::UnsupportedFormat(name);
        }
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return ImageError::UnsupportedFormat("HEIC/AVIF");
    }
    ImageError::NotAnImage
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn png(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), ImageError> {
    // 8-byte signature, chunk length (4), "IHDR" (4), width (4), height (4).
    if bytes.len() < 24 {
        return Err(ImageError::Truncated {
            format: "PNG",
            len: bytes.len(),
        });
    }
    if &bytes[12..16] != b"IHDR" {
        return Err(ImageError::Malformed {
            format: "PNG",
            what: "the first chunk is not IHDR",
        });
    }
    Ok((ImageFormat::Png, be32(&bytes[16..20]), be32(&bytes[20..24])))
}

fn gif(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), ImageError> {
    // "GIF89a", then the logical screen width and height, little-endian u16.
    if bytes.len() < 10 {
        return Err(ImageError::Truncated {
            format: "GIF",
            len: bytes.len(),
        });
    }
    let w = u16::from_le_bytes([bytes[6], bytes[7]]);
    let h = u16::from_le_bytes([bytes[8], bytes[9]]);
    Ok((ImageFormat::Gif, u32::from(w), u32::from(h)))
}

/// Walks JPEG segments until a start-of-frame (SOF0–SOF15 except DHT, JPG, DAC).
fn jpeg(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), ImageError> {
    let truncated = || ImageError::Truncated {
        format: "JPEG",
        len: bytes.len(),
    };
    let mut i = 2;
    loop {
        // Skip to the marker byte (0xFF may be repeated as fill).
        if i >= bytes.len() {
            return Err(truncated());
        }
        if bytes[i] != 0xFF {
            return Err(ImageError::Malformed {
                format: "JPEG",
                what: "a segment does not start with a marker",
            });
        }
        while i < bytes.len() && bytes[i] == 0xFF {
            i += 1;
        }
        let Some(&marker) = bytes.get(i) else {
            return Err(truncated());
        };
        i += 1;
        match marker {
            0xD0..=0xD7 | 0x01 => continue,
            0xD9 | 0xDA => {
                return Err(ImageError::Malformed {
                    format: "JPEG",
                    what: "image data starts before any frame header",
                })
            }
            _ => {}
        }
        let Some(len) = bytes
            .get(i..i + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return Err(truncated());
        };
        if len < 2 {
            return Err(ImageError::Malformed {
                format: "JPEG",
                what: "a segment length is shorter than itself",
            });
        }
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            // length (2), precision (1), height (2), width (2).
            let Some(f) = bytes.get(i..i + 7) else {
                return Err(truncated());
            };
            let height = u32::from(u16::from_be_bytes([f[3], f[4]]));
            let width = u32::from(u16::from_be_bytes([f[5], f[6]]));
            return Ok((ImageFormat::Jpeg, width, height));
        }
        i += len;
    }
}
