//! Pulling what changed at the server since the last cursor.
//!
//! WHY cursors from the server and not timestamps: a cursor is the server's own
//! change sequence, so a client whose clock is off by an hour still gets every
//! change exactly once. A pulled copy no newer than ours (the echo of our own write,
//! whose answer we stored when it was sent) is not a change. A decided application
//! updates its draft, and every rejection comment the local rule pack did not see
//! coming goes to the parity log.

use super::classify::{classify, Verdict};
use super::client::Request;
use super::engine::Engine;
use gallerist_domain::listing::Severity;
use gallerist_store::sync_state::{self, ParityEntry};
use gallerist_store::{drafts, remote, StoreError};
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeSet;

/// The collections pulled, with the entity kind each holds.
pub const COLLECTIONS: [(&str, &str); 6] = [
    ("applications", "application"),
    ("products", "product"),
    ("cases", "case"),
    ("invoice-requests", "invoice_request"),
    ("invoicing-lists", "invoicing_list"),
    ("contacts", "contacts"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PullReport {
    pub pages: u64,
    pub seen: u64,
    /// Entities that were new or newer than our copy.
    pub changed: u64,
    pub decided: u64,
    pub parity: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Server(String),
    #[error("{0}")]
    Auth(String),
}

/// "draft-12" → 12.
fn draft_id(item: &Value) -> Option<i64> {
    item["draft_ref"].as_str()?.strip_prefix("draft-")?.parse().ok()
}

impl Engine {
    pub async fn pull(&self) -> Result<PullReport, PullError> {
        let mut report = PullReport::default();
        for (collection, kind) in COLLECTIONS {
            loop {
                let cursor = sync_state::get(&*self.store.conn()?, self.account_id)?
                    .cursors
                    .get(collection)
                    .cloned();
                let mut path = format!("/{collection}?limit=200");
                if let Some(c) = &cursor {
                    path.push_str(&format!("&updated_since={c}"));
                }
                let page = self.get_page(path).await?;
                report.pages += 1;
                let items = page["items"].as_array().cloned().unwrap_or_default();
                let now = self.clock.now();
                self.store.write(|tx| {
                    for item in &items {
                        report.seen += 1;
                        if remote::store_synced(tx, self.account_id, kind, item, draft_id(item), now)? {
                            report.changed += 1;
                            if kind == "application" {
                                self.decided(tx, item, &mut report, now)?;
                            }
                        }
                    }
                    if let Some(next) = page["next_cursor"].as_str() {
                        sync_state::set_cursor(tx, self.account_id, collection, next)?;
                    }
                    sync_state::succeeded(tx, self.account_id, now)
                })?;
                if !page["has_more"].as_bool().unwrap_or(false) || items.is_empty() {
                    break;
                }
            }
        }
        self.pull_settlement(&mut report).await?;
        Ok(report)
    }

    /// One GET of a page; failures are recorded on the account's sync state.
    pub(crate) async fn get_page(&self, path: String) -> Result<Value, PullError> {
        let req = Request {
            method: Method::GET,
            path: path.clone(),
            body: None,
            idempotency_key: None,
            if_match: None,
        };
        match classify(&self.client.send(&req).await) {
            Verdict::Done(page) => Ok(page),
            Verdict::Reauthenticate { reason } => {
                sync_state::failed(&*self.store.conn()?, self.account_id, &reason, true)?;
                Err(PullError::Auth(reason))
            }
            other => {
                let reason = match other {
                    Verdict::Retry { reason, .. } => reason,
                    Verdict::Park { reason, .. } => reason,
                    _ => format!("unexpected answer while reading {path}"),
                };
                sync_state::failed(&*self.store.conn()?, self.account_id, &reason, false)?;
                Err(PullError::Server(reason))
            }
        }
    }

    fn decided(
        &self,
        tx: &rusqlite::Connection,
        app: &Value,
        report: &mut PullReport,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let status = app["status"].as_str().unwrap_or("pending");
        let Some(draft) = draft_id(app) else { return Ok(()) };
        let record = match drafts::get(tx, draft) {
            Ok(r) => r,
            Err(StoreError::NotFound(_)) => return Ok(()),
            Err(e) => return Err(e),
        };
        let local_status = match status {
            "withdrawn" => "draft",
            s @ ("pending" | "approved" | "rejected") => s,
            _ => return Ok(()),
        };
        if record.status != local_status {
            drafts::set_application(tx, draft, local_status, Some(self.account_id), app["id"].as_str())?;
            report.decided += 1;
        }
        if status != "rejected" {
            return Ok(());
        }
        // What the local pack called an error (before the seller's overrides).
        let predicted: BTreeSet<String> = record
            .report
            .iter()
            .flat_map(|r| r.issues.iter())
            .filter(|i| i.pack_severity == Severity::Error)
            .map(|i| i.rule_id.clone())
            .collect();
        for c in app["comments"].as_array().into_iter().flatten() {
            let rule = c["rule_id"].as_str().map(str::to_string);
            if rule.as_ref().is_some_and(|r| predicted.contains(r)) {
                continue;
            }
            let entry = ParityEntry {
                application_id: app["id"].as_str().unwrap_or_default().to_string(),
                rule_id: rule,
                field: c["field"].as_str().map(str::to_string),
                message: c["message"].as_str().unwrap_or_default().to_string(),
                pack_version: record.report.as_ref().map(|r| r.pack_version.clone()),
                logged_at: now.to_rfc3339(),
            };
            if sync_state::log_parity(tx, self.account_id, &entry)? {
                report.parity += 1;
            }
        }
        Ok(())
    }
}
