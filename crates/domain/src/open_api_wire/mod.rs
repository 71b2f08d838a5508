//! The seller's other calls into KooGallery, after the order query (`crate::wire`):
//! usage push (koogallery-apis.md §4.2), string/file-stream upload (§4.3) and the
//! License code activate/heartbeat (§4.4) — their JSON shapes, documented limits and
//! answer codes.
//!
//! WHY here: the client refuses a value over its documented limit before it sends
//! (a pay-per-use push that KooGallery bounces is usage the seller is not paid for
//! until someone notices), and the sandbox refuses the same value when a raw request
//! carries it. One place for the limits keeps the two in step; the refusals carry the
//! marketplace's own code so `codes::explain` words them in both languages.
//!
//! These APIs answer `error_code`/`error_msg` (the order query's `resultCode` is a
//! different family, §9), with HTTP statuses that are part of the documentation
//! (MKT.9003 is a 500, 92020005 a 200) — see [`documented_status`].

pub mod license;
mod refusal;
pub mod upload;
pub mod usage;

pub use refusal::{Problem, Refusal};
use serde::{Deserialize, Serialize};

/// API Gateway's limit for AK/SK-signed bodies (§3.1, APIGW.0201). The reference names
/// no separate limit for uploaded files [NOT FOUND], so a file travels within this
/// limit together with its multipart framing.
pub const GATEWAY_BODY_LIMIT: usize = 12 * 1024 * 1024;

/// The MKT success code shared by usage push and upload.
pub const MKT_SUCCESS: &str = "MKT.0000";

/// What usage push, upload and the License APIs answer: `error_code`, `error_msg`
/// and, for the License APIs, `data`. Unknown fields are ignored (§4.6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer<T> {
    pub error_code: String,
    #[serde(default)]
    pub error_msg: Option<String>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

impl<T> Answer<T> {
    pub fn new(code: &str, message: impl Into<String>, data: Option<T>) -> Answer<T> {
        Answer {
            error_code: code.to_string(),
            error_msg: Some(message.into()),
            data,
        }
    }
}

/// The HTTP status KooGallery documents with each code of these APIs (§4.2, §4.4).
/// `92020001` is documented as both 403 (unauthorized) and 500 (internal error); the
/// sandbox only ever means "unauthorized" by it, hence 403.
pub fn documented_status(code: &str) -> u16 {
    match code {
        "MKT.0000" | "92020000" | "92020004" | "92020005" => 200,
        "MKT.0101" | "MKT.0102" | "MKT.0199" | "92020002" => 400,
        "MKT.0150" | "MKT.0151" | "MKT.0154" => 401,
        "92020001" => 403,
        "APIGW.0201" => 413,
        _ => 500,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_statuses_follow_the_tables_including_the_odd_ones() {
        assert_eq!(documented_status("MKT.0102"), 400);
        assert_eq!(documented_status("MKT.9003"), 500, "too many records is a 500 in §4.2");
        assert_eq!(documented_status("MKT.0100"), 500, "input validation is a 500 in §4.2");
        assert_eq!(
            documented_status("92020005"),
            200,
            "an unknown license code is a 200 in §4.4"
        );
    }

    #[test]
    fn an_answer_without_data_reads_and_unknown_fields_are_ignored() {
        let a: Answer<serde_json::Value> =
            serde_json::from_str(r#"{"error_code":"MKT.0000","extra":1}"#).expect("tolerant");
        assert_eq!((a.error_code.as_str(), a.error_msg, a.data), ("MKT.0000", None, None));
    }
}
