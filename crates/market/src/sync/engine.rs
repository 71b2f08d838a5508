//! The drain: send queued changes, several lanes at a time, and settle each answer.
//!
//! WHY this shape: each operation's fate is written in one transaction with its
//! local effect (the draft becomes pending, the product copy is refreshed), so a
//! crash between "the server applied it" and "we recorded it" only means the same
//! request goes again with the same idempotency key — and the server replays its
//! first answer. Lanes keep one entity's changes in order; a parked change holds
//! back only its own lane. Retries back off with jitter and honour Retry-After per
//! operation; a refused key stops the whole account until the seller fixes it.

use super::backoff::Backoff;
use super::classify::{classify, Outcome, Verdict};
use super::client::SyncClient;
use super::ops;
use chrono::{DateTime, Utc};
use gallerist_domain::Clock;
use gallerist_store::assets::AssetFiles;
use gallerist_store::outbox::{self, Op};
use gallerist_store::{remote, sync_state, Store, StoreError};
use rand::rngs::StdRng;
use rand::Rng;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Operations in flight at once (different lanes).
    pub concurrency: usize,
    pub backoff: Backoff,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            concurrency: 8,
            backoff: Backoff::default(),
        }
    }
}

/// What one drain did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrainReport {
    pub requests: u64,
    pub done: u64,
    pub retried: u64,
    pub parked: u64,
    pub conflicts: u64,
    pub needs_auth: bool,
    /// Still queued (waiting for a retry time) when the drain stopped.
    pub queued: i64,
}

pub struct Engine {
    pub(crate) store: Store,
    pub(crate) client: SyncClient,
    pub(crate) account_id: i64,
    pub(crate) clock: Arc<dyn Clock>,
    policy: Policy,
    rng: Mutex<StdRng>,
    /// Where attached files live, for uploads (`None`: uploads are parked as unsendable).
    assets: Option<AssetFiles>,
    /// Milliseconds since the epoch of the last progress, for a watchdog.
    heartbeat: Arc<AtomicI64>,
}

impl Engine {
    pub fn new(
        store: Store,
        client: SyncClient,
        account_id: i64,
        clock: Arc<dyn Clock>,
        policy: Policy,
        rng: StdRng,
    ) -> Self {
        Engine {
            store,
            client,
            account_id,
            clock,
            policy,
            rng: Mutex::new(rng),
            assets: None,
            heartbeat: Arc::new(AtomicI64::new(0)),
        }
    }

    /// Lets the engine upload attached files (delivery proofs) from this folder.
    pub fn with_assets(mut self, assets: AssetFiles) -> Self {
        self.assets = Some(assets);
        self
    }

    /// Shared with a watchdog: when the drain last made progress.
    pub fn heartbeat(&self) -> Arc<AtomicI64> {
        self.heartbeat.clone()
    }

    fn beat(&self) {
        self.heartbeat
            .store(self.clock.now().timestamp_millis(), Ordering::Relaxed);
    }

    /// Sends until nothing is due, or `deadline` passes (then waits for what is in
    /// flight). With `wait_for_retries`, sleeps until queued retries fall due instead
    /// of stopping.
    pub async fn drain(&self, deadline: Option<Instant>, wait_for_retries: bool) -> Result<DrainReport, StoreError> {
        let mut report = DrainReport::default();
        let mut set: JoinSet<(Op, Outcome)> = JoinSet::new();
        let mut busy: Vec<String> = Vec::new();
        self.beat();
        loop {
            let expired = deadline.is_some_and(|d| Instant::now() >= d);
            if !report.needs_auth && !expired && set.len() < self.policy.concurrency {
                let now = self.clock.now();
                let due = outbox::due(
                    &*self.store.conn()?,
                    self.account_id,
                    now,
                    &busy,
                    self.policy.concurrency - set.len(),
                )?;
                if !due.is_empty() {
                    self.store.write(|tx| {
                        sync_state::attempted(tx, self.account_id, now)?;
                        for op in &due {
                            outbox::mark_attempt(tx, op.id, now)?;
                        }
                        Ok(())
                    })?;
                }
                for op in due {
                    match ops::request(&op, self.assets.as_ref()) {
                        Ok(req) => {
                            busy.push(op.lane.clone());
                            report.requests += 1;
                            let client = self.client.clone();
                            set.spawn(async move {
                                let outcome = client.send(&req).await;
                                (op, outcome)
                            });
                        }
                        Err(reason) => {
                            self.store
                                .write(|tx| outbox::park(tx, op.id, "GALLERIST.UNSENDABLE", &reason, now))?;
                            report.parked += 1;
                        }
                    }
                }
            }
            if set.is_empty() {
                let next = outbox::next_due_at(&*self.store.conn()?, self.account_id)?;
                let Some(next) = next.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()) else {
                    break;
                };
                if report.needs_auth || expired || !wait_for_retries {
                    break;
                }
                let wait = (next.with_timezone(&Utc) - self.clock.now())
                    .to_std()
                    .unwrap_or_default();
                tokio::time::sleep(wait.clamp(Duration::from_millis(1), Duration::from_millis(250))).await;
                continue;
            }
            let Some(first) = set.join_next().await else { continue };
            // Settle every answer that is already in, in one transaction.
            let mut answers = vec![first];
            while let Some(more) = set.try_join_next() {
                answers.push(more);
            }
            let answers = answers
                .into_iter()
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| StoreError::Invalid(format!("a sync task failed: {e}")))?;
            self.store.write(|tx| {
                for (op, outcome) in answers {
                    busy.retain(|l| *l != op.lane);
                    self.settle(tx, &op, outcome, &mut report)?;
                }
                Ok(())
            })?;
            self.beat();
        }
        report.queued = outbox::counts(&*self.store.conn()?, self.account_id)?.0;
        Ok(report)
    }

    /// Settles one answer inside the caller's transaction.
    fn settle(
        &self,
        tx: &rusqlite::Connection,
        op: &Op,
        outcome: Outcome,
        report: &mut DrainReport,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let account = self.account_id;
        match classify(&outcome) {
            Verdict::Done(answer) => {
                ops::apply_done(tx, op, &answer, now)?;
                outbox::finish(tx, op.id, &answer, now)?;
                if let (Some(old), Some(new)) = (op.base_revision, answer["revision"].as_i64()) {
                    // Later changes of this lane were made on top of this one.
                    outbox::rebase_lane(tx, account, &op.lane, old, new)?;
                }
                if let Some((kind, id)) = ops::target(op) {
                    if !outbox::lane_pending(tx, account, &op.lane)? {
                        remote::set_local(tx, account, kind, &id, None)?;
                    }
                }
                sync_state::succeeded(tx, account, now)?;
                report.done += 1;
            }
            Verdict::Retry { reason, at_least } => {
                let unit: f64 = self.rng.lock().expect("rng lock").gen();
                let delay = self.policy.backoff.delay(op.attempts as u32, at_least, unit);
                let at = now + chrono::Duration::from_std(delay).unwrap_or_default();
                outbox::retry_later(tx, op.id, at, &reason, now)?;
                sync_state::failed(tx, account, &reason, false)?;
                report.retried += 1;
            }
            Verdict::Park { code, reason } => {
                outbox::park(tx, op.id, &code, &reason, now)?;
                sync_state::succeeded(tx, account, now)?;
                report.parked += 1;
            }
            Verdict::Reauthenticate { reason } => {
                outbox::retry_later(tx, op.id, now, &reason, now)?;
                sync_state::failed(tx, account, &reason, true)?;
                report.needs_auth = true;
            }
            Verdict::Conflict { current } => {
                let (kind, id) = ops::target(op).unwrap_or(("product", String::new()));
                remote::store_synced(tx, account, kind, &current, None, now)?;
                let mine = op.payload.get("fields").cloned().unwrap_or_else(|| op.payload.clone());
                let base = op.payload.get("base").cloned().unwrap_or_default();
                remote::add_conflict(tx, account, op.id, kind, &id, &mine, &base, &current, now)?;
                let why = "changed at the marketplace since your edit; choose what to keep";
                outbox::park(tx, op.id, "SYNC.CONFLICT", why, now)?;
                sync_state::succeeded(tx, account, now)?;
                report.conflicts += 1;
            }
        }
        Ok(())
    }
}
