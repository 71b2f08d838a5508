//! The KooGallery Open API surface the sandbox serves: the order query (§4.1).
//!
//! Business errors use the order query's own shape (`resultCode`/`resultMsg`). The
//! reference documents MKT codes for the usage push, not for the order query; the
//! sandbox uses the closest documented ones: MKT.0101 for a missing or oversized
//! parameter and MKT.0199 for an order or line that does not exist.

use crate::Shared;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use gallerist_domain::wire::{OrderQueryResponse, SUCCESS};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OrderQuery {
    order_id: Option<String>,
    order_line_id: Option<String>,
}

fn refuse(status: StatusCode, code: &str, msg: String) -> Response {
    let body = OrderQueryResponse {
        result_code: code.into(),
        result_msg: msg,
        order_info: None,
    };
    (status, Json(body)).into_response()
}

pub(crate) async fn order_query(State(shared): State<Arc<Shared>>, Query(q): Query<OrderQuery>) -> Response {
    let order_id = q.order_id.unwrap_or_default();
    if order_id.is_empty() || order_id.len() > 64 {
        return refuse(
            StatusCode::BAD_REQUEST,
            "MKT.0101",
            "invalid parameter: orderId is mandatory, at most 64 characters".into(),
        );
    }
    let found = shared.db.lock().expect("sandbox db lock").find_order(&order_id);
    let mut info = match found {
        Ok(Some(info)) => info,
        Ok(None) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "MKT.0199",
                format!("order {order_id} does not exist"),
            )
        }
        Err(e) => {
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "MKT.0999",
                format!("internal error: {e}"),
            )
        }
    };
    if let Some(line_id) = q.order_line_id.filter(|l| !l.is_empty()) {
        info.order_line.retain(|l| l.order_line_id == line_id);
        if info.order_line.is_empty() {
            return refuse(
                StatusCode::BAD_REQUEST,
                "MKT.0199",
                format!("order line {line_id} is not part of order {order_id}"),
            );
        }
    }
    Json(OrderQueryResponse {
        result_code: SUCCESS.into(),
        result_msg: "Success".into(),
        order_info: Some(info),
    })
    .into_response()
}
