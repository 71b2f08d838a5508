//! Just enough `multipart/form-data` (RFC 7578) to read an upload the way a server
//! would: parts split on the boundary, each with its `Content-Disposition` name and
//! optional file name. Written here rather than shared with the client, so a framing
//! bug on one side shows up as a refusal on the other instead of agreeing silently.

/// One part of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type, unquoted.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    let mut pieces = content_type.split(';').map(str::trim);
    if !pieces.next()?.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    pieces
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .filter(|b| !b.is_empty() && b.len() <= 70)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The parts of `body`; `Err` says in words where the framing breaks.
pub(crate) fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let opening = format!("--{boundary}");
    let between = format!("\r\n--{boundary}");
    let mut at = find(body, opening.as_bytes(), 0).ok_or("the body does not contain its boundary")? + opening.len();
    let mut parts = Vec::new();
    loop {
        match body.get(at..at + 2) {
            Some(b"--") => return Ok(parts),
            Some(b"\r\n") => at += 2,
            _ => return Err("a boundary is not followed by a line break or the closing --".into()),
        }
        let head_end = find(body, b"\r\n\r\n", at).ok_or("a part has no blank line after its headers")?;
        let head = std::str::from_utf8(&body[at..head_end]).map_err(|_| "a part's headers are not UTF-8")?;
        let end = find(body, between.as_bytes(), head_end + 4).ok_or("a part is not closed by the boundary")?;
        let (name, file_name) = disposition(head)?;
        parts.push(Part {
            name,
            file_name,
            bytes: body[head_end + 4..end].to_vec(),
        });
        at = end + between.len();
    }
}

/// `name` and `filename` from a part's `Content-Disposition: form-data; …` header.
fn disposition(head: &str) -> Result<(String, Option<String>), String> {
    let line = head
        .split("\r\n")
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case("content-disposition").then_some(v)
        })
        .ok_or("a part has no Content-Disposition header")?;
    let value = |key: &str| {
        line.split(';')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim().trim_matches('"').to_string())
    };
    let name = value("name").ok_or("a part's Content-Disposition has no name")?;
    Ok((name, value("filename")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_two_parts_including_binary_bytes_with_line_breaks() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"isvUpdateFileReq\"\r\nContent-Type: application/json\r\n\r\n{\"type\":\"FILE\"}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n\x00\r\n\xff\r\n--XyZ--\r\n";
        let parts = parse(body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].bytes, b"{\"type\":\"FILE\"}");
        assert_eq!(
            (parts[1].name.as_str(), parts[1].file_name.as_deref()),
            ("file", Some("a.bin"))
        );
        assert_eq!(parts[1].bytes, b"\x00\r\n\xff");
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
        assert_eq!(boundary("application/json"), None);
    }

    #[test]
    fn a_part_that_is_never_closed_is_refused_in_words() {
        let err = parse(b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "B").unwrap_err();
        assert!(err.contains("not closed"), "{err}");
    }
}
