//! The one error shape that crosses IPC: `{ "code": "...", "message": "..." }`.
//!
//! Codes are a small stable list mirrored in `ui/src/lib/backend/errors.ts`; the
//! message is for people. A test pins the JSON so the UI and the core cannot drift.

use gallerist_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Store,
    Boot,
    Network,
    Auth,
    Keychain,
    /// Someone else saved first; reload and apply the change again.
    Conflict,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    /// A store failure while opening the data: the app cannot start normally.
    pub fn boot(err: StoreError) -> Self {
        Self::new(ErrorCode::Boot, err.to_string())
    }

    /// Web mode's HTTP status for this error.
    pub fn http_status(&self) -> u16 {
        match self.code {
            ErrorCode::InvalidInput => 400,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::Auth => 401,
            ErrorCode::Network => 502,
            ErrorCode::Boot | ErrorCode::Keychain => 503,
            ErrorCode::Store | ErrorCode::Internal => 500,
        }
    }
}

impl From<crate::vault::VaultError> for ApiError {
    fn from(err: crate::vault::VaultError) -> Self {
        ApiError::new(ErrorCode::Keychain, err.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        let code = match &err {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Invalid(_) => ErrorCode::InvalidInput,
            StoreError::Conflict(_) => ErrorCode::Conflict,
            StoreError::Corrupt { .. } | StoreError::Newer { .. } | StoreError::Folder { .. } => ErrorCode::Boot,
            _ => ErrorCode::Store,
        };
        ApiError::new(code, err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_code_and_message_only() {
        let e = ApiError::new(ErrorCode::NotFound, "account 7 was not found");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"not_found","message":"account 7 was not found"}"#,
            "the UI parses exactly this shape"
        );
        let codes = [
            (ErrorCode::InvalidInput, "invalid_input"),
            (ErrorCode::Store, "store"),
            (ErrorCode::Boot, "boot"),
            (ErrorCode::Network, "network"),
            (ErrorCode::Auth, "auth"),
            (ErrorCode::Keychain, "keychain"),
            (ErrorCode::Conflict, "conflict"),
            (ErrorCode::Internal, "internal"),
        ];
        for (code, text) in codes {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                text,
                "code list mirrored in errors.ts"
            );
        }
    }
}
