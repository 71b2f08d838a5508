//! How the sandbox answers usage push, upload and the License APIs: `error_code`,
//! `error_msg` (and `data`) with the HTTP status KooGallery documents for the code
//! (`gallerist_domain::open_api_wire::documented_status`), so a client that reads the
//! status before the code meets the same surprises as against KooGallery (MKT.9003
//! is a 500, an unknown license code a 200).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use gallerist_domain::open_api_wire::{documented_status, Answer, Refusal};
use serde::Serialize;
use serde_json::Value;

pub(crate) fn answer<T: Serialize>(code: &str, message: impl Into<String>, data: Option<T>) -> Response {
    let status = StatusCode::from_u16(documented_status(code)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(Answer::new(code, message, data))).into_response()
}

/// A refusal without data, worded as the domain words it.
pub(crate) fn refuse(refusal: &Refusal) -> Response {
    answer::<Value>(refusal.code, refusal.en(), None)
}

/// A refusal with a message of the handler's own.
pub(crate) fn refuse_with(code: &str, message: impl Into<String>) -> Response {
    answer::<Value>(code, message, None)
}
