//! License code activate and query (heartbeat), §4.4 — for License-type products,
//! whose software activates the code a buyer received and then checks in.
//!
//! The answers carry `error_code` 9202xxxx; an unknown code (92020005) and a code not
//! yet received by the buyer (92020004) come back with HTTP 200, so a client must read
//! the code, never the status alone. [NOT FOUND] The heartbeat's answer fields beyond
//! `license_code`, `status` and `activate_time`, and the length of `heartbeatInfo`'s
//! fields, are not in the reference: further fields are kept as they come
//! ([`LicenseState::more`]) and `heartbeatInfo` is not length-checked.

use super::refusal::required;
use super::{Problem, Refusal};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const ACTIVATE_PATH: &str = "/api/mkp-openapi-public/global/v1/license/activate";
pub const HEARTBEAT_PATH: &str = "/api/mkp-openapi-public/global/v1/license/heartbeat";
pub const SUCCESS: &str = "92020000";
/// Documented as both 403 "unauthorized" and 500 "internal error".
pub const REFUSED: &str = "92020001";
pub const INVALID_PARAM: &str = "92020002";
pub const NOT_RECEIVED: &str = "92020004";
pub const NOT_FOUND: &str = "92020005";
pub const LICENSE_MAX: usize = 64;
const EFFECT_TIME_SHOWN: &str = "yyyyMMddHHmmss";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activate {
    pub license: String,
    /// When the license takes effect, `yyyyMMddHHmmss`; now when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_effect_time: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    pub license: String,
    /// Being retired by KooGallery ("sunset"), still accepted.
    #[serde(rename = "heartbeatInfo", default, skip_serializing_if = "Option::is_none")]
    pub heartbeat_info: Option<HeartbeatInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeartbeatInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
}

/// The activate answer's `data`: the license's facts as a JSON string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activated {
    pub license_code_info: String,
}

impl Activated {
    /// `license_code_info` read as JSON, when it is JSON.
    pub fn info(&self) -> Option<Value> {
        serde_json::from_str(&self.license_code_info).ok()
    }
}

/// The heartbeat answer's `data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenseState {
    pub license_code: String,
    /// `ALIVE`, `EXPIRED` or `RELEASED`.
    pub status: String,
    #[serde(default)]
    pub activate_time: Option<String>,
    /// Fields the reference does not list, kept as sent.
    #[serde(flatten)]
    pub more: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenseStatus {
    Alive,
    Expired,
    Released,
}

impl LicenseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LicenseStatus::Alive => "ALIVE",
            LicenseStatus::Expired => "EXPIRED",
            LicenseStatus::Released => "RELEASED",
        }
    }
}

impl LicenseState {
    /// The documented status, or `None` for a value the reference does not list.
    pub fn status(&self) -> Option<LicenseStatus> {
        [LicenseStatus::Alive, LicenseStatus::Expired, LicenseStatus::Released]
            .into_iter()
            .find(|s| s.as_str() == self.status)
    }
}

fn check_license(license: &str) -> Result<(), Refusal> {
    required(INVALID_PARAM, INVALID_PARAM, "license", license, LICENSE_MAX)
}

impl Activate {
    pub fn check(&self) -> Result<(), Refusal> {
        check_license(&self.license)?;
        if let Some(at) = &self.real_effect_time {
            let readable = at.len() == 14 && crate::wire::parse_time(at).is_some();
            if !readable {
                return Err(Refusal::new(
                    INVALID_PARAM,
                    "real_effect_time",
                    Problem::Format {
                        expected: EFFECT_TIME_SHOWN,
                    },
                ));
            }
        }
        Ok(())
    }
}

impl Heartbeat {
    pub fn check(&self) -> Result<(), Refusal> {
        check_license(&self.license)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_license_code_over_64_characters_or_a_bad_effect_time_is_92020002() {
        let long = Activate {
            license: "L".repeat(65),
            real_effect_time: None,
        };
        let err = long.check().unwrap_err();
        assert_eq!(
            (err.code, err.problem),
            (INVALID_PARAM, Problem::TooLong { max: 64, actual: 65 })
        );
        let bad_time = Activate {
            license: "L-1".into(),
            real_effect_time: Some("2024-01-01".into()),
        };
        assert_eq!(bad_time.check().unwrap_err().field, "real_effect_time");
        let fine = Activate {
            license: "L-1".into(),
            real_effect_time: Some("20240101120000".into()),
        };
        assert_eq!(fine.check(), Ok(()));
        assert_eq!(
            Heartbeat {
                license: " ".into(),
                heartbeat_info: None
            }
            .check()
            .unwrap_err()
            .problem,
            Problem::Missing
        );
    }

    #[test]
    fn heartbeat_state_keeps_unlisted_fields_and_reads_the_status() {
        let state: LicenseState =
            serde_json::from_str(r#"{"license_code":"L","status":"EXPIRED","activate_time":null,"expire_time":"x"}"#)
                .unwrap();
        assert_eq!(state.status(), Some(LicenseStatus::Expired));
        assert_eq!(state.more["expire_time"], "x");
        let body = serde_json::to_value(Heartbeat {
            license: "L".into(),
            heartbeat_info: Some(HeartbeatInfo {
                third_party_account: Some("a".into()),
                ip: None,
            }),
        })
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"license":"L","heartbeatInfo":{"thirdPartyAccount":"a"}})
        );
    }
}
