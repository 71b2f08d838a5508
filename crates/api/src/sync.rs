//! Sync commands: status in plain words, sync now, parked changes, conflicts, and
//! the parity log.
//!
//! WHY per-account honesty here: only a server that speaks the Seller Sync API (the
//! bundled sandbox, or a custom endpoint) can take drafts, products and the rest;
//! the live KooGallery sites have no such API. The status says which it is, so the
//! widget never pretends a CN-site account is "synced".

use crate::accounts::credentials;
use crate::{ApiError, Core, ErrorCode};
use gallerist_domain::Site;
use gallerist_market::sync::pull::PullReport;
use gallerist_market::sync::{DrainReport, Engine, Policy, SyncClient};
use gallerist_market::Credentials;
use gallerist_store::{accounts, outbox, remote, sync_state};
use rand::{rngs::StdRng, Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountArg {
    pub account_id: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub account_id: i64,
    /// `seller_sync`: this account's server speaks the Seller Sync API.
    /// `console_bridge`: a live KooGallery site — no API for these objects.
    pub channel: &'static str,
    pub queued: i64,
    pub parked: i64,
    pub conflicts: i64,
    #[serde(flatten)]
    pub state: sync_state::SyncState,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncRun {
    pub drain: DrainReport,
    pub pull: Option<PullReport>,
    pub pull_error: Option<String>,
}

/// Whether an account's server can take Seller Sync API calls.
pub fn speaks_seller_sync(site: Site) -> bool {
    matches!(site, Site::Sandbox | Site::Custom)
}

/// A fresh idempotency key (UUID v4 form) from the core's random source.
pub fn new_key(core: &Core) -> String {
    let n: u128 = core.rng.lock().expect("rng lock").gen();
    let h = format!("{:032x}", (n & !(0xF << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62));
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// The engine for an account, with its stored keys (or `creds` when given).
pub fn engine(core: &Core, account_id: i64, creds: Option<Credentials>, policy: Policy) -> Result<Engine, ApiError> {
    let account = accounts::get(&*core.store.conn()?, account_id)?;
    if !speaks_seller_sync(account.site) {
        return Err(ApiError::invalid(format!(
            "{} is a live KooGallery account; KooGallery has no API for drafts, products, bills, invoices or cases. \
             Use the console bridge (import the console's exports, export submission packs) for it.",
            account.name
        )));
    }
    let creds = match creds {
        Some(c) => c,
        None => credentials(core, &account)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::Auth,
                format!("{} has no keys stored; add them in Settings → Accounts", account.name),
            )
        })?,
    };
    let client = SyncClient::new(core.http.clone(), &account.base_url, creds, core.clock.clone())
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let seed: u64 = core.rng.lock().expect("rng lock").gen();
    Ok(Engine::new(
        core.store.clone(),
        client,
        account_id,
        core.clock.clone(),
        policy,
        StdRng::seed_from_u64(seed),
    )
    .with_assets(core.assets.clone()))
}

pub fn sync_status(core: &Core, args: AccountArg) -> Result<SyncStatus, ApiError> {
    let conn = core.store.conn()?;
    let account = accounts::get(&conn, args.account_id)?;
    let (queued, parked) = outbox::counts(&conn, args.account_id)?;
    Ok(SyncStatus {
        account_id: args.account_id,
        channel: if speaks_seller_sync(account.site) {
            "seller_sync"
        } else {
            "console_bridge"
        },
        queued,
        parked,
        conflicts: remote::conflicts(&conn, args.account_id, true)?.len() as i64,
        state: sync_state::get(&conn, args.account_id)?,
    })
}

/// Sends what is due and pulls changes, for at most ~20 seconds.
pub async fn sync_now(core: &Core, args: AccountArg) -> Result<SyncRun, ApiError> {
    let engine = engine(core, args.account_id, None, Policy::default())?;
    run(&engine, Some(Instant::now() + Duration::from_secs(20)), false).await
}

/// One sync pass with an engine: drain, then pull (unless the keys were refused).
pub async fn run(engine: &Engine, deadline: Option<Instant>, wait_for_retries: bool) -> Result<SyncRun, ApiError> {
    let drain = engine.drain(deadline, wait_for_retries).await?;
    let (pull, pull_error) = if drain.needs_auth {
        (None, Some("the server refused the account's keys".to_string()))
    } else {
        match engine.pull().await {
            Ok(p) => (Some(p), None),
            Err(e) => (None, Some(e.to_string())),
        }
    };
    Ok(SyncRun {
        drain,
        pull,
        pull_error,
    })
}

pub fn list_parked(core: &Core, args: AccountArg) -> Result<Vec<outbox::Op>, ApiError> {
    Ok(outbox::list(&*core.store.conn()?, args.account_id, &["parked"])?)
}

#[derive(Debug, Clone, Deserialize)]
pub struct OpArg {
    pub id: i64,
}

/// Sends a parked change again as it is (after the seller fixed the cause elsewhere).
pub fn retry_parked(core: &Core, args: OpArg) -> Result<outbox::Op, ApiError> {
    let now = core.clock.now();
    core.store
        .write(|tx| {
            let op = outbox::get(tx, args.id)?;
            if op.park_code.as_deref() == Some("SYNC.CONFLICT") {
                return Err(gallerist_store::StoreError::Invalid(
                    "this change conflicts with the marketplace's copy; resolve the conflict instead".into(),
                ));
            }
            // A 4xx answer is stored under the old key, so a retry needs a new one.
            let repair = outbox::Repair {
                payload: op.payload.clone(),
                op_key: new_key(core),
                base_revision: op.base_revision,
            };
            outbox::requeue(tx, args.id, Some(&repair), now)?;
            outbox::get(tx, args.id)
        })
        .map_err(Into::into)
}

pub fn drop_parked(core: &Core, args: OpArg) -> Result<(), ApiError> {
    let now = core.clock.now();
    core.store.write(|tx| outbox::drop_op(tx, args.id, now))?;
    Ok(())
}

pub fn list_conflicts(core: &Core, args: AccountArg) -> Result<Vec<remote::Conflict>, ApiError> {
    Ok(remote::conflicts(&*core.store.conn()?, args.account_id, true)?)
}

pub fn parity_log(core: &Core, args: AccountArg) -> Result<Vec<sync_state::ParityEntry>, ApiError> {
    Ok(sync_state::parity_log(&*core.store.conn()?, args.account_id)?)
}
