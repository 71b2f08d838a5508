//! Resolving a sync conflict field by field: keep mine, take theirs, or a mix.
//!
//! WHY nothing is automatic: a conflict means the marketplace copy changed (in the
//! console, by a colleague) while the seller edited offline; either side may be the
//! one that matters. The resolution becomes a new write on top of *their* revision,
//! with a new idempotency key, or no write at all when theirs is kept everywhere.

use crate::sync::new_key;
use crate::{ApiError, Core};
use gallerist_store::{outbox, remote, StoreError};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Mine,
    Theirs,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolveConflict {
    pub account_id: i64,
    pub id: i64,
    /// Per field of the seller's edit; a field not named keeps mine.
    #[serde(default)]
    pub choices: BTreeMap<String, Side>,
}

/// What a resolution sends: the chosen fields of mine that differ from theirs.
pub fn merge(mine: &Map<String, Value>, theirs: &Value, choices: &BTreeMap<String, Side>) -> Map<String, Value> {
    mine.iter()
        .filter(|(k, v)| choices.get(*k).copied().unwrap_or(Side::Mine) == Side::Mine && theirs[k.as_str()] != **v)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

pub fn resolve_conflict(core: &Core, args: ResolveConflict) -> Result<remote::Conflict, ApiError> {
    let now = core.clock.now();
    let key = new_key(core);
    core.store
        .write(|tx| {
            let conflict = remote::conflicts(tx, args.account_id, true)?
                .into_iter()
                .find(|c| c.id == args.id)
                .ok_or_else(|| StoreError::NotFound(format!("open conflict {}", args.id)))?;
            let mine = conflict.mine.as_object().cloned().unwrap_or_default();
            let send = merge(&mine, &conflict.theirs, &args.choices);
            let op = outbox::get(tx, conflict.outbox_id)?;
            let mut local = conflict.theirs.clone();
            let resolution = if send.is_empty() {
                outbox::drop_op(tx, op.id, now)?;
                "theirs"
            } else {
                for (k, v) in &send {
                    local[k.as_str()] = v.clone();
                }
                let base: Map<String, Value> = send
                    .keys()
                    .map(|k| (k.clone(), conflict.theirs[k.as_str()].clone()))
                    .collect();
                let repair = outbox::Repair {
                    payload: json!({ "product_id": conflict.remote_id, "fields": send, "base": base }),
                    op_key: key.clone(),
                    base_revision: Some(conflict.theirs_revision),
                };
                outbox::requeue(tx, op.id, Some(&repair), now)?;
                if send.len() == mine.len() {
                    "mine"
                } else {
                    "merged"
                }
            };
            let pending = outbox::lane_pending(tx, args.account_id, &op.lane)?;
            remote::set_local(
                tx,
                args.account_id,
                &conflict.kind,
                &conflict.remote_id,
                pending.then_some(&local),
            )?;
            remote::resolve_conflict(tx, conflict.id, resolution, now)?;
            Ok(remote::Conflict {
                resolution: Some(resolution.into()),
                resolved_at: Some(now.to_rfc3339()),
                ..conflict
            })
        })
        .map_err(ApiError::from)
        .inspect(|_| core.sync_wake.notify_one())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_fields_kept_as_mine_that_differ_from_theirs_are_sent() {
        let mine = json!({ "name": "Mine", "overview": "same", "hotline": "400-1" });
        let theirs = json!({ "name": "Theirs", "overview": "same", "hotline": "400-2" });
        let mine = mine.as_object().unwrap();
        let keep_all = merge(mine, &theirs, &BTreeMap::new());
        assert_eq!(
            keep_all.keys().collect::<Vec<_>>(),
            ["hotline", "name"],
            "an unchanged field is not re-sent"
        );
        let mixed = merge(mine, &theirs, &BTreeMap::from([("name".to_string(), Side::Theirs)]));
        assert_eq!(
            mixed.keys().collect::<Vec<_>>(),
            ["hotline"],
            "theirs for the name, mine for the hotline"
        );
        let theirs_all = merge(
            mine,
            &theirs,
            &BTreeMap::from([("name".into(), Side::Theirs), ("hotline".into(), Side::Theirs)]),
        );
        assert!(theirs_all.is_empty(), "taking theirs everywhere sends nothing");
    }
}
