//! String / file-stream upload (§4.3): a short text or a file for a KooGallery event,
//! as `multipart/form-data` with the `isvUpdateFileReq` JSON part first.
//!
//! The form is framed here, in memory, so the bytes that are signed (APIG hashes the
//! body) are the bytes that are sent, and so the whole body can be held to API
//! Gateway's 12 MB before anything is sent; a file on disk is measured before it is
//! read. The boundary is derived from the content's SHA-256 — no random source
//! needed, and a body that contained its own boundary would need a hash fixed point.

use crate::open_api_gateway::{CallError, Gateway};
use crate::{refusal, MarketError, RawResponse};
use gallerist_domain::open_api_wire::upload::{self, UploadRequest, FILE_PART, REQUEST_PART};
use gallerist_domain::open_api_wire::{Problem, Refusal, GATEWAY_BODY_LIMIT};
use std::path::Path;

/// One form part: name, optional file name, bytes.
type FormPart<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// `multipart/form-data` bytes and the boundary they use.
fn form(parts: &[FormPart<'_>]) -> (Vec<u8>, String) {
    let mut seed: Vec<u8> = Vec::new();
    for (_, _, bytes) in parts {
        seed.extend_from_slice(upload::sha256_hex(bytes).as_bytes());
    }
    let mut boundary = format!("gallerist-{}", &upload::sha256_hex(&seed)[..32]);
    while parts.iter().any(|(_, _, b)| contains(b, boundary.as_bytes())) {
        boundary = format!("gallerist-{}", &upload::sha256_hex(boundary.as_bytes())[..32]);
    }
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        match file_name {
            Some(file) => {
                let safe: String = file
                    .chars()
                    .map(|c| if matches!(c, '"' | '\r' | '\n') { '_' } else { c })
                    .collect();
                body.extend_from_slice(
                    format!("; filename=\"{safe}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
                );
            }
            None => body.extend_from_slice(b"\r\nContent-Type: application/json\r\n\r\n"),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (body, boundary)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn too_large(field: &str, actual: usize) -> CallError {
    CallError::NotSent(Refusal::new(
        "APIGW.0201",
        field,
        Problem::TooLarge {
            max: GATEWAY_BODY_LIMIT,
            actual,
        },
    ))
}

impl Gateway {
    /// Uploads a short text (at most 1024 characters) for `event_id`.
    pub async fn upload_characters(&self, event_id: &str, text: &str) -> Result<RawResponse, CallError> {
        self.upload(event_id, &UploadRequest::characters(text), None).await
    }

    /// Uploads `bytes` as the file `file_name` for `event_id`, with its SHA-256.
    pub async fn upload_file(&self, event_id: &str, file_name: &str, bytes: &[u8]) -> Result<RawResponse, CallError> {
        self.upload(event_id, &UploadRequest::file(file_name, bytes), Some(bytes))
            .await
    }

    /// Uploads the file at `path`; a file over the gateway's limit is refused from its
    /// size alone, before it is read.
    pub async fn upload_file_at(&self, event_id: &str, path: &Path) -> Result<RawResponse, CallError> {
        let unreadable = |e: std::io::Error| CallError::File {
            path: path.display().to_string(),
            detail: e.to_string(),
        };
        let size = std::fs::metadata(path).map_err(unreadable)?.len();
        if size > GATEWAY_BODY_LIMIT as u64 {
            return Err(too_large(FILE_PART, usize::try_from(size).unwrap_or(usize::MAX)));
        }
        // Up to 12 MB from disk: off the async workers.
        let owned = path.to_path_buf();
        let bytes = tokio::task::spawn_blocking(move || std::fs::read(owned))
            .await
            .map_err(|e| unreadable(std::io::Error::other(e.to_string())))?
            .map_err(unreadable)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.upload_file(event_id, &name, &bytes).await
    }

    async fn upload(
        &self,
        event_id: &str,
        request: &UploadRequest,
        file: Option<&[u8]>,
    ) -> Result<RawResponse, CallError> {
        request.check(event_id).map_err(CallError::NotSent)?;
        let json = serde_json::to_vec(request).expect("upload requests serialise");
        let mut parts: Vec<FormPart<'_>> = vec![(REQUEST_PART, None, &json)];
        let file_name = request.file_name.clone().unwrap_or_default();
        if let Some(bytes) = file {
            if bytes.len() > GATEWAY_BODY_LIMIT {
                return Err(too_large(FILE_PART, bytes.len()));
            }
            parts.push((FILE_PART, Some(&file_name), bytes));
        }
        let (body, boundary) = form(&parts);
        if body.len() > GATEWAY_BODY_LIMIT {
            return Err(too_large("body", body.len()));
        }
        let (head, tail) = upload::path_segments();
        let mut url = self.url(head)?;
        url.path_segments_mut()
            .map_err(|_| MarketError::InvalidUrl(head.to_string()))?
            .pop_if_empty()
            .push(event_id)
            .push(tail.trim_start_matches('/'));
        let content_type = format!("multipart/form-data; boundary={boundary}");
        let raw = self.send(url, &content_type, body, &[], self.clock.now()).await?;
        refusal(&raw)?;
        Ok(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_frames_each_part_and_its_boundary_is_not_in_the_content() {
        let (body, boundary) = form(&[("isvUpdateFileReq", None, b"{}"), ("file", Some("a\"b.txt"), b"x\r\ny")]);
        let text = String::from_utf8(body).unwrap();
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.ends_with(&format!("\r\n--{boundary}--\r\n")));
        assert!(
            text.contains("filename=\"a_b.txt\""),
            "a quote cannot break the header: {text}"
        );
        assert!(text.contains("\r\n\r\nx\r\ny\r\n--"), "file bytes are kept as they are");
        let (_, other) = form(&[("isvUpdateFileReq", None, b"{\"a\":1}")]);
        assert_ne!(boundary, other, "the boundary follows the content");
    }
}
