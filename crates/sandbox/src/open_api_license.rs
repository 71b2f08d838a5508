//! The License code APIs KooGallery serves (§4.4), behind the gateway's AK/SK check:
//! activate and query (heartbeat).
//!
//! The sandbox knows a few demo license codes ([`DEMO_LICENSES`]) and one the buyer
//! has not received yet ([`UNDELIVERED_LICENSE`], 92020004); any other code is
//! 92020005, answered with HTTP 200 as documented. Activating is idempotent: a second
//! activation answers the first one's facts. [NOT FOUND] What the heartbeat answers
//! for a code not yet activated is not documented; the sandbox answers `ALIVE` with
//! no `activate_time`. `license_code_info` is documented only as "a JSON string"; the
//! sandbox's holds the code, its status, and the activation and effect times.

use crate::open_api_answer::{answer, refuse, refuse_with};
use crate::Shared;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use gallerist_domain::open_api_wire::license::{
    self, Activate, Activated, Heartbeat, LicenseState, LicenseStatus, ACTIVATE_PATH, HEARTBEAT_PATH,
};
use gallerist_domain::wire::format_time;
use serde::de::DeserializeOwned;
use serde_json::{json, Map};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// License codes a buyer has received and the seller's software may activate.
pub const DEMO_LICENSES: &[&str] = &["GALLERIST-DEMO-LICENSE-0001", "GALLERIST-DEMO-LICENSE-0002"];
/// A license code whose order has not reached the buyer yet.
pub const UNDELIVERED_LICENSE: &str = "GALLERIST-DEMO-LICENSE-UNDELIVERED";

#[derive(Clone)]
struct Activation {
    activate_time: String,
    effect_time: String,
}

struct LicenseDesk {
    shared: Arc<Shared>,
    activations: Mutex<HashMap<String, Activation>>,
}

pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    let desk = Arc::new(LicenseDesk {
        shared,
        activations: Mutex::new(HashMap::new()),
    });
    Router::new()
        .route(ACTIVATE_PATH, post(activate))
        .route(HEARTBEAT_PATH, post(heartbeat))
        .with_state(desk)
}

/// A refusal before it becomes an answer: the code and its message.
type Refused = (&'static str, String);

/// The body as `T`, or the 92020002 refusal naming what is wrong.
fn read<T: DeserializeOwned>(body: &[u8]) -> Result<T, Refused> {
    serde_json::from_slice(body).map_err(|e| (license::INVALID_PARAM, format!("invalid param: {e}")))
}

/// 92020004 / 92020005 for a code the buyer does not hold.
fn known(code: &str) -> Result<(), Refused> {
    if code == UNDELIVERED_LICENSE {
        let message = format!("license code {code} has not been received by the user yet");
        return Err((license::NOT_RECEIVED, message));
    }
    if !DEMO_LICENSES.contains(&code) {
        return Err((license::NOT_FOUND, format!("license code {code} does not exist")));
    }
    Ok(())
}

async fn activate(State(desk): State<Arc<LicenseDesk>>, body: Bytes) -> Response {
    let request: Activate = match read(&body) {
        Ok(r) => r,
        Err((code, message)) => return refuse_with(code, message),
    };
    if let Err(refusal) = request.check() {
        return refuse(&refusal);
    }
    if let Err((code, message)) = known(&request.license) {
        return refuse_with(code, message);
    }
    let now = format_time(desk.shared.now());
    let activation = desk
        .activations
        .lock()
        .expect("license activations lock")
        .entry(request.license.clone())
        .or_insert_with(|| Activation {
            effect_time: request.real_effect_time.clone().unwrap_or_else(|| now.clone()),
            activate_time: now,
        })
        .clone();
    let info = json!({
        "license_code": request.license,
        "status": LicenseStatus::Alive.as_str(),
        "activate_time": activation.activate_time,
        "effect_time": activation.effect_time,
    });
    let data = Activated {
        license_code_info: info.to_string(),
    };
    answer(license::SUCCESS, "success", Some(data))
}

async fn heartbeat(State(desk): State<Arc<LicenseDesk>>, body: Bytes) -> Response {
    let request: Heartbeat = match read(&body) {
        Ok(r) => r,
        Err((code, message)) => return refuse_with(code, message),
    };
    if let Err(refusal) = request.check() {
        return refuse(&refusal);
    }
    if let Err((code, message)) = known(&request.license) {
        return refuse_with(code, message);
    }
    let activation = desk
        .activations
        .lock()
        .expect("license activations lock")
        .get(&request.license)
        .cloned();
    let data = LicenseState {
        license_code: request.license,
        status: LicenseStatus::Alive.as_str().into(),
        activate_time: activation.map(|a| a.activate_time),
        more: Map::new(),
    };
    answer(license::SUCCESS, "success", Some(data))
}
