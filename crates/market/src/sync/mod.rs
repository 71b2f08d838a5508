//! Offline-first sync with a Seller Sync API server (`docs/seller-sync-api.md`).
//!
//! The outbox lives in the store; this module sends it ([`engine`]), pulls what
//! changed at the server ([`pull`]), and decides per answer what happens next
//! ([`classify`], [`backoff`]). Operation kinds are listed in [`ops`]; bills and
//! settlement facts are pulled into their own tables ([`settlement_pull`]).

pub mod backoff;
pub mod classify;
pub mod client;
pub mod engine;
pub mod ops;
pub mod pull;
pub mod settlement_pull;

pub use backoff::Backoff;
pub use client::SyncClient;
pub use engine::{DrainReport, Engine, Policy};
