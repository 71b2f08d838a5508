//! Whole-file checks for images whose header has already been read and accepted.
//!
//! WHY: a header alone says what a file claims to be. A PNG cut off by an interrupted
//! download keeps a perfect header, passes every size rule, and is then rejected by
//! KooGallery (or shown broken) three working days later. Each format already carries
//! what is needed to tell a complete file from a damaged one without decoding a single
//! pixel: PNG chunks have CRC-32 checksums and end with IEND, a JPEG's scan data runs
//! until its end-of-image marker, a GIF's blocks are length-prefixed up to its trailer. Walking those costs
//! one pass over the bytes and no allocation; decoding would cost width × height.
//!
//! These run only after the header has passed (including the refusal of absurd
//! dimensions), so a file is reported for one problem, the first one found.

use crate::listing::image::ImageError;

fn damaged(format: &'static str, what: &'static str, what_zh: &'static str) -> ImageError {
    ImageError::Damaged { format, what, what_zh }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Every chunk is whole and its CRC-32 matches; IHDR comes first, at least one IDAT
/// holds the pixels, and IEND closes the file. Bytes after IEND are ignored, as
/// decoders do.
pub(crate) fn png(bytes: &[u8]) -> Result<(), ImageError> {
    let cut = || {
        damaged(
            "PNG",
            "it is cut off before its end (no IEND chunk)",
            "文件在结束标记（IEND）之前被截断",
        )
    };
    let mut at = 8;
    let mut seen_data = false;
    loop {
        let Some(head) = bytes.get(at..at + 8) else {
            return Err(cut());
        };
        let len = be32(&head[..4]) as usize;
        let kind = &head[4..8];
        // Type + data, then the 4-byte CRC; the length is checked against what is left
        // before any slice is taken, so a forged length cannot ask for more.
        let body_end = at
            .checked_add(8)
            .and_then(|n| n.checked_add(len))
            .filter(|&n| n <= bytes.len().saturating_sub(4))
            .ok_or_else(cut)?;
        let stored = be32(&bytes[body_end..body_end + 4]);
        if crc32fast::hash(&bytes[at + 4..body_end]) != stored {
            return Err(damaged(
                "PNG",
                "a chunk's checksum (CRC) does not match its content",
                "某个数据块的校验和（CRC）与内容不符",
            ));
        }
        match kind {
            b"IDAT" => seen_data = true,
            b"IEND" if !seen_data => {
                return Err(damaged(
                    "PNG",
                    "it holds no image data (no IDAT chunk)",
                    "文件中没有图像数据（缺少 IDAT 数据块）",
                ))
            }
            b"IEND" => return Ok(()),
            _ => {}
        }
        at = body_end + 4;
    }
}

/// Segments are whole, a frame header precedes the first scan, scan data runs to a
/// marker, and the file reaches its end-of-image (EOI) marker.
pub(crate) fn jpeg(bytes: &[u8]) -> Result<(), ImageError> {
    let cut = || {
        damaged(
            "JPEG",
            "it is cut off before its end-of-image marker",
            "文件在结束标记（EOI）之前被截断",
        )
    };
    let mut at = 2;
    let mut scans = 0;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return Err(if at >= bytes.len() {
                cut()
            } else {
                damaged(
                    "JPEG",
                    "a segment does not start with a marker",
                    "某个数据段不是以标记开头",
                )
            });
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at).ok_or_else(cut)?;
        at += 1;
        match marker {
            0xD9 if scans == 0 => {
                return Err(damaged(
                    "JPEG",
                    "it holds no image data (no scan)",
                    "文件中没有图像数据（缺少扫描段）",
                ))
            }
            0xD9 => return Ok(()),
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let len = bytes
            .get(at..at + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            .ok_or_else(cut)?;
        if len < 2 {
            return Err(damaged(
                "JPEG",
                "a segment length is shorter than itself",
                "某个数据段的长度小于其自身",
            ));
        }
        at = at.checked_add(len).filter(|&n| n <= bytes.len()).ok_or_else(cut)?;
        if marker == 0xDA {
            scans += 1;
            at = scan_end(bytes, at).ok_or_else(cut)?;
        }
    }
}

/// The offset of the first marker after entropy-coded scan data starting at `at`:
/// 0xFF 0x00 is a stuffed data byte and RST0–7 sit inside the scan; any other
/// 0xFF xx ends it. `None` when the bytes run out first.
fn scan_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let ff = at + bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
        match *bytes.get(ff + 1)? {
            0x00 | 0xD0..=0xD7 => at = ff + 2,
            0xFF => at = ff + 1,
            _ => return Some(ff),
        }
    }
}

/// Blocks after the header are whole (extensions and images, each a run of
/// length-prefixed sub-blocks), at least one image is present, and the trailer (0x3B)
/// closes the file. Bytes after the trailer are ignored.
pub(crate) fn gif(bytes: &[u8]) -> Result<(), ImageError> {
    let cut = || damaged("GIF", "it is cut off before its trailer", "文件在结束标记之前被截断");
    let table = |flags: u8| {
        if flags & 0x80 != 0 {
            3 << ((flags & 0x07) + 1)
        } else {
            0
        }
    };
    // Header (6), logical screen descriptor (7), then the global colour table.
    let mut at = 13 + table(*bytes.get(10).ok_or_else(cut)?);
    let mut images = 0;
    loop {
        match *bytes.get(at).ok_or_else(cut)? {
            0x3B if images == 0 => return Err(damaged("GIF", "it holds no image data", "文件中没有图像数据")),
            0x3B => return Ok(()),
            0x21 => at = sub_blocks(bytes, at + 2).ok_or_else(cut)?,
            0x2C => {
                let flags = *bytes.get(at + 9).ok_or_else(cut)?;
                // Descriptor (10), local colour table, LZW code size (1), data.
                at = sub_blocks(bytes, at + 10 + table(flags) + 1).ok_or_else(cut)?;
                images += 1;
            }
            _ => {
                return Err(damaged(
                    "GIF",
                    "a block starts with an unknown byte",
                    "某个数据块的起始字节无法识别",
                ))
            }
        }
    }
}

/// The offset after a run of sub-blocks (length byte, data) ended by a zero length.
fn sub_blocks(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let len = usize::from(*bytes.get(at)?);
        at += 1;
        if len == 0 {
            return Some(at);
        }
        at += len;
    }
}
