//! Usage push (§4.2): a pay-per-use seller reports what each instance used, and is
//! paid for it. Checked against the documented limits, signed twice (the body
//! signature with the production-interface key, then APIG with the AK/SK) and sent.
//!
//! The body travels exactly as it is signed — compact, keys sorted — which is what
//! makes Gallerist's reading of the undocumented canonicalisation safe either way
//! (see `gallerist_domain::open_api_wire::usage`). KooGallery de-duplicates by
//! `metering_sn`, so a push that timed out can be sent again with the same records.

use crate::open_api_gateway::{CallError, Gateway};
use crate::{refusal, RawResponse};
use gallerist_domain::open_api_wire::usage::{self, UsagePush, USAGE_PUSH_PATH};
use gallerist_domain::open_api_wire::{Problem, Refusal};
use rand::RngCore;

/// A fresh `nonce` for one push: 64 hex characters (the documented maximum), from
/// the caller's random source (a cryptographic one in the app).
pub fn usage_nonce(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; 32];
    rng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_nonce(nonce: &str) -> Result<(), Refusal> {
    if nonce.is_empty() {
        return Err(Refusal::new("MKT.0101", "header nonce", Problem::Missing));
    }
    let actual = nonce.chars().count();
    if actual > usage::NONCE_MAX {
        let max = usage::NONCE_MAX;
        return Err(Refusal::new(
            "MKT.0100",
            "header nonce",
            Problem::TooLong { max, actual },
        ));
    }
    if !nonce.bytes().all(|b| b.is_ascii_graphic()) {
        let expected = "visible ASCII characters";
        return Err(Refusal::new("MKT.0100", "header nonce", Problem::Format { expected }));
    }
    Ok(())
}

impl Gateway {
    /// Pushes `push`'s records. `production_key` is the key bound to the base
    /// interfaces (Seller Center → Application Tools → Key Management), not the SK.
    pub async fn push_usage(
        &self,
        production_key: &str,
        nonce: &str,
        push: &UsagePush,
    ) -> Result<RawResponse, CallError> {
        let now = self.clock.now();
        check_nonce(nonce).map_err(CallError::NotSent)?;
        push.check(now).map_err(CallError::NotSent)?;
        let body = push.body();
        let ts = now.timestamp_millis().to_string();
        let signature = usage::body_signature(production_key, &ts, nonce, &body);
        let headers = [
            (usage::SIGNATURE_HEADER, signature),
            (usage::TS_HEADER, ts),
            (usage::NONCE_HEADER, nonce.to_string()),
        ];
        let url = self.url(USAGE_PUSH_PATH)?;
        let raw = self
            .send(url, "application/json", body.into_bytes(), &headers, now)
            .await?;
        refusal(&raw)?;
        Ok(raw)
    }
}
