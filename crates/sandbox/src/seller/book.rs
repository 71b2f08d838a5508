//! What one variant of the reference seller server remembers: the instances it
//! provisioned, the nonces it has seen, what the Kit syncs told it, and how many times
//! each kind of effect really happened — so a repeated call can be shown to have had
//! no second effect. Held in memory: the reference server is a test partner, and a
//! restart giving it a clean slate is what a seller wants between runs.

use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Nonces are forgotten after twice the timestamp window: by then a replay is refused
/// for its stale timestamp anyway.
const NONCE_MEMORY_MS: i64 = 2 * gallerist_domain::produce::spec::TIMESTAMP_WINDOW_MS;

#[derive(Debug, Default)]
pub(super) struct Book {
    nonces: HashMap<String, i64>,
    pub instances: BTreeMap<String, Instance>,
    /// orderId + orderLineId (V1: orderId alone) → instanceId, the idempotency key.
    pub by_order: HashMap<(String, String), String>,
    pub kit: KitBook,
    pub notified: BTreeSet<String>,
    pub effects: BTreeMap<&'static str, u32>,
    /// Counts creates, so a non-idempotent server can mint new ids.
    pub minted: u32,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Instance {
    pub instance_id: String,
    pub order_id: String,
    pub order_line_id: String,
    /// `NORMAL` or `FREEZE`.
    pub status: &'static str,
    pub expire_time: Option<String>,
    pub released: bool,
    /// The renewal and upgrade orders applied, each once.
    pub renewals: BTreeSet<String>,
    pub upgrades: BTreeSet<String>,
    pub sku_code: Option<String>,
}

impl Instance {
    pub fn new(instance_id: &str, order_id: &str, order_line_id: &str) -> Instance {
        Instance {
            instance_id: instance_id.into(),
            order_id: order_id.into(),
            order_line_id: order_line_id.into(),
            status: "NORMAL",
            expire_time: None,
            released: false,
            renewals: BTreeSet::new(),
            upgrades: BTreeSet::new(),
            sku_code: None,
        }
    }
}

/// Kit records, keyed as §7.3 defines sameness: instance + tenant (+ app, + user or org).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct KitBook {
    pub tenants: BTreeMap<String, Value>,
    pub apps: BTreeMap<String, Value>,
    pub users: BTreeMap<String, Value>,
    pub orgs: BTreeMap<String, Value>,
}

/// Which Kit records a change is about.
#[derive(Debug, Clone, Copy)]
pub(super) enum Table {
    Tenants,
    Apps,
    Users,
    Orgs,
}

impl KitBook {
    pub fn table(&mut self, table: Table) -> &mut BTreeMap<String, Value> {
        match table {
            Table::Tenants => &mut self.tenants,
            Table::Apps => &mut self.apps,
            Table::Users => &mut self.users,
            Table::Orgs => &mut self.orgs,
        }
    }
}

impl Book {
    /// Remembers `nonce`; false when it was already seen (a replay).
    pub fn note_nonce(&mut self, nonce: &str, now_ms: i64) -> bool {
        self.nonces.retain(|_, seen| now_ms - *seen <= NONCE_MEMORY_MS);
        if self.nonces.contains_key(nonce) {
            return false;
        }
        self.nonces.insert(nonce.to_string(), now_ms);
        true
    }

    /// Counts one real effect of `kind` (`create`, `release`, `kitAdd`…).
    pub fn effect(&mut self, kind: &'static str) {
        *self.effects.entry(kind).or_default() += 1;
    }

    /// The books as JSON for `GET /seller/{variant}/state`.
    pub fn snapshot(&self) -> Value {
        json!({
            "instances": self.instances.values().collect::<Vec<_>>(),
            "kit": self.kit,
            "notifiedOrders": self.notified,
            "effects": self.effects,
        })
    }
}
