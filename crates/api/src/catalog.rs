//! The synced applications and products, with the seller's pending changes laid over.
//!
//! WHY an overlay: offline, the seller must see their own edit at once ("waiting to
//! sync"), while the last synced copy stays available for the three-way view. Each
//! row says which it shows.

use crate::sync::AccountArg;
use crate::{ApiError, Core};
use gallerist_store::{outbox, remote};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Synced {
    /// The seller's pending version when one is waiting, else the server's.
    pub shown: Value,
    pub synced: Value,
    pub revision: i64,
    pub pending: bool,
    pub draft_id: Option<i64>,
    pub synced_at: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applications {
    pub synced: Vec<Synced>,
    /// Submissions queued locally and not yet acknowledged by the server.
    pub waiting: Vec<outbox::Op>,
}

fn rows(core: &Core, account_id: i64, kind: &str) -> Result<Vec<Synced>, ApiError> {
    let conn = core.store.conn()?;
    remote::list(&conn, account_id, kind)?
        .into_iter()
        .map(|e| {
            let lane = gallerist_market::sync::ops::entity_lane(kind, &e.remote_id);
            Ok(Synced {
                pending: outbox::lane_pending(&conn, account_id, &lane)?,
                shown: e.local.clone().unwrap_or_else(|| e.body.clone()),
                synced: e.body,
                revision: e.revision,
                draft_id: e.draft_id,
                synced_at: e.synced_at,
            })
        })
        .collect()
}

pub fn list_applications(core: &Core, args: AccountArg) -> Result<Applications, ApiError> {
    let waiting = outbox::list(&*core.store.conn()?, args.account_id, &["queued", "parked"])?
        .into_iter()
        .filter(|o| o.kind == gallerist_market::sync::ops::SUBMIT_APPLICATION)
        .collect();
    Ok(Applications {
        synced: rows(core, args.account_id, "application")?,
        waiting,
    })
}

pub fn list_products(core: &Core, args: AccountArg) -> Result<Vec<Synced>, ApiError> {
    rows(core, args.account_id, "product")
}
