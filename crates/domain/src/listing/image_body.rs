//! Whole-file checks for images whose header has already been read and accepted.
//!
//! WHY: a header alone says what a file claims to be. A PNG cut off by an interrupted
//! download keeps a perfect header, passes every size rule, and is then rejected by
//! KooGallery (or shown broken) three working days later. Each format already carries
//! what is needed to tell a complete file from a damaged one without decoding a single
//! pixel: PNG chunks have CRC-32 checksums and end with IEND, a JPEG's scan data runs
//! until its end-of-image marker, a GIF ends with a trailer byte. Walking those costs
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

/// A GIF ends with the trailer byte 0x3B; without it the file was cut off.
pub(crate) fn gif(bytes: &[u8]) -> Result<(), ImageError> {
    if bytes.last() == Some(&0x3B) && bytes.len() > 13 {
        Ok(())
    } else {
        Err(damaged(
            "GIF",
            "it is cut off before its trailer",
            "文件在结束标记之前被截断",
        ))
    }
}
