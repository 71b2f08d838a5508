//! License code activate and heartbeat (§4.4), for License-type products whose
//! software activates the code a buyer received and then checks in.
//!
//! Success is `error_code` 92020000; every other code is a refusal even when the
//! status is 200 (an unknown code, 92020005, and one the buyer has not received,
//! 92020004, both come back as 200), so the code decides, not the status.

use crate::open_api_gateway::{CallError, Gateway};
use crate::{refusal, MarketError, RawResponse};
use gallerist_domain::open_api_wire::license::{self, Activate, Activated, Heartbeat, LicenseState};
use gallerist_domain::open_api_wire::Answer;
use serde::de::DeserializeOwned;
use serde::Serialize;

impl Gateway {
    /// Activates a license code; a second activation answers the first one's facts.
    pub async fn activate_license(&self, request: &Activate) -> Result<(Activated, RawResponse), CallError> {
        request.check().map_err(CallError::NotSent)?;
        self.license_call(license::ACTIVATE_PATH, request).await
    }

    /// Queries a license code's state (the heartbeat of the licensed software).
    pub async fn license_heartbeat(&self, request: &Heartbeat) -> Result<(LicenseState, RawResponse), CallError> {
        request.check().map_err(CallError::NotSent)?;
        self.license_call(license::HEARTBEAT_PATH, request).await
    }

    async fn license_call<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<(T, RawResponse), CallError> {
        let bytes = serde_json::to_vec(body).expect("license requests serialise");
        let url = self.url(path)?;
        let raw = self.send(url, "application/json", bytes, &[], self.clock.now()).await?;
        let decode = |detail: String| MarketError::Decode {
            url: raw.url.clone(),
            detail,
        };
        let code = raw.body.get("error_code").and_then(|c| c.as_str());
        if code != Some(license::SUCCESS) || raw.status >= 400 {
            // Not a success: the shared reading keeps the code (or the gateway's).
            refusal(&raw)?;
            return Err(decode(format!("{} answered with HTTP {}", license::SUCCESS, raw.status)).into());
        }
        let answer: Answer<T> = serde_json::from_value(raw.body.clone()).map_err(|e| decode(e.to_string()))?;
        let data = answer
            .data
            .ok_or_else(|| decode(format!("{} without data", license::SUCCESS)))?;
        Ok((data, raw))
    }
}
