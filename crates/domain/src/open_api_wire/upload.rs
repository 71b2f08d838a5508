//! String / file-stream upload, §4.3: `multipart/form-data` to
//! `/market-event/{event_id}/file`, with a JSON part `isvUpdateFileReq` describing
//! either a short text (`CHARACTERS`) or a file (`FILE`, with its name and SHA-256).
//!
//! [NOT FOUND] The reference documents neither the answer codes of this API nor a
//! file size limit. Gallerist reads the answer like the usage push's (`error_code`
//! MKT.xxxx, MKT.0000 on success), refuses a missing value as MKT.0101 and a value
//! over its length or outside its format as MKT.0100, and holds the whole body to API
//! Gateway's 12 MB ([`super::GATEWAY_BODY_LIMIT`], APIGW.0201). `sha256` is read as
//! the lower- or upper-case hex SHA-256 of the file's bytes.

use super::refusal::{at_most, required};
use super::{Problem, Refusal};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const PATH_HEAD: &str = "/api/mkp-openapi-public/global/v1/market-event/";
/// The route with its `{event_id}` placeholder, as the sandbox mounts it.
pub const UPLOAD_ROUTE: &str = "/api/mkp-openapi-public/global/v1/market-event/{event_id}/file";
pub const REQUEST_PART: &str = "isvUpdateFileReq";
pub const FILE_PART: &str = "file";
pub const EVENT_ID_MAX: usize = 64;
pub const TEXT_MAX: usize = 1024;
pub const CHARACTERS: &str = "CHARACTERS";
pub const FILE: &str = "FILE";

/// The path segments before and after the event id, for a client that encodes the
/// id itself: `/api/…/market-event/` + id + `/file`.
pub fn path_segments() -> (&'static str, &'static str) {
    (PATH_HEAD, "/file")
}

/// The `isvUpdateFileReq` part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRequest {
    /// `CHARACTERS` or `FILE` (10).
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub characters: Option<String>,
}

/// Lower-case hex SHA-256, the form Gallerist sends in `sha256`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl UploadRequest {
    pub fn characters(text: &str) -> UploadRequest {
        UploadRequest {
            kind: CHARACTERS.into(),
            file_name: None,
            sha256: None,
            characters: Some(text.into()),
        }
    }

    pub fn file(name: &str, bytes: &[u8]) -> UploadRequest {
        UploadRequest {
            kind: FILE.into(),
            file_name: Some(name.into()),
            sha256: Some(sha256_hex(bytes)),
            characters: None,
        }
    }

    /// The documented lengths and the fields each type requires.
    pub fn check(&self, event_id: &str) -> Result<(), Refusal> {
        required("MKT.0101", "MKT.0100", "event_id", event_id, EVENT_ID_MAX)?;
        required("MKT.0101", "MKT.0100", "type", &self.kind, 10)?;
        let text = |name: &str, value: &Option<String>, needed: bool| match value {
            Some(v) if needed => required("MKT.0101", "MKT.0100", name, v, TEXT_MAX),
            Some(v) => at_most("MKT.0100", name, v, TEXT_MAX),
            None if needed => Err(Refusal::new("MKT.0101", name, Problem::Missing)),
            None => Ok(()),
        };
        let is_file = match self.kind.as_str() {
            FILE => true,
            CHARACTERS => false,
            _ => {
                return Err(Refusal::new(
                    "MKT.0100",
                    "type",
                    Problem::NotOneOf {
                        allowed: "CHARACTERS, FILE",
                    },
                ))
            }
        };
        text("file_name", &self.file_name, is_file)?;
        text("sha256", &self.sha256, is_file)?;
        text("characters", &self.characters, !is_file)
    }

    /// Whether `bytes` are the file this request describes (hex in either case).
    pub fn matches(&self, bytes: &[u8]) -> bool {
        self.sha256
            .as_deref()
            .is_some_and(|claimed| claimed.trim().eq_ignore_ascii_case(&sha256_hex(bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_needs_its_own_fields_and_lengths_are_counted_in_characters() {
        assert_eq!(UploadRequest::characters("短文本").check("EV-1"), Ok(()));
        assert_eq!(UploadRequest::file("a.log", b"x").check("EV-1"), Ok(()));
        let over = UploadRequest::characters(&"字".repeat(1025)).check("EV-1").unwrap_err();
        assert_eq!(
            (over.code, over.problem),
            (
                "MKT.0100",
                Problem::TooLong {
                    max: 1024,
                    actual: 1025
                }
            )
        );
        assert_eq!(UploadRequest::characters(&"字".repeat(1024)).check("EV-1"), Ok(()));
        let mut no_name = UploadRequest::file("a", b"x");
        no_name.file_name = None;
        assert_eq!(no_name.check("EV-1").unwrap_err().code, "MKT.0101");
        let mut other = UploadRequest::characters("x");
        other.kind = "IMAGE".into();
        assert!(matches!(
            other.check("EV-1").unwrap_err().problem,
            Problem::NotOneOf { .. }
        ));
        assert_eq!(
            UploadRequest::characters("x").check(&"e".repeat(65)).unwrap_err().field,
            "event_id"
        );
    }

    #[test]
    fn the_digest_matches_only_the_described_bytes() {
        let req = UploadRequest::file("a", b"hello");
        assert!(req.matches(b"hello"));
        assert!(!req.matches(b"hellO"));
    }
}
