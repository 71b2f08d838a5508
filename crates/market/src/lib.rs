//! The wire to KooGallery: one HTTP client, APIG signing, and the Open API.
//!
//! Everything that leaves the machine goes through here, so timeouts, the user
//! agent, TLS (rustls, strict certificate checks as KooGallery requires) and the
//! translation of failures into [`MarketError`] are decided once.

mod error;
mod http;
mod open_api;
mod open_api_gateway;
mod open_api_license;
mod open_api_upload;
mod open_api_usage;
pub mod produce;
mod signer;
pub mod sync;

pub use error::MarketError;
pub use http::http_client;
pub use open_api::{refusal, OpenApi, RawResponse};
pub use open_api_gateway::{CallError, Gateway};
pub use open_api_usage::usage_nonce;
pub use signer::{sign_request, Credentials};
pub type HttpClient = reqwest::Client;
