//! The seller's worklist against platform deadlines: supervision cases, buyer invoice
//! requests, Huawei invoicing lists, contacts, and what needs action today.
//!
//! WHY one module family: all of it is marketplace state synced through the Seller
//! Sync API (`remote_entities` + the outbox), shown with the same two questions — what
//! does the server say, and what is still on its way from this machine. `Tracked`
//! answers both for any worklist entity; the submodules add the domain's rules.
//!
//! Honesty: KooGallery publishes no API for cases, invoices or contacts. These reach
//! only a Seller Sync API server such as the bundled sandbox; a live account says so.

pub mod case_view;
pub mod cases;
pub mod contacts;
pub mod invoices;
pub mod needs_action;
pub mod play_buyer;
pub mod proofs;

use crate::sync::{new_key, speaks_seller_sync};
use crate::{ApiError, Core, ErrorCode};
use gallerist_market::sync::ops;
use gallerist_store::outbox::{self, NewOp};
use gallerist_store::{accounts, remote, Connection, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountArg {
    pub account_id: i64,
}

/// A text in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    pub en: String,
    #[serde(rename = "zhCN")]
    pub zh_cn: String,
}

impl Words {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Words {
            en: en.into(),
            zh_cn: zh.into(),
        }
    }
}

/// A time as KooGallery's calendar shows it: "2026-11-30 20:05 (UTC+8)".
pub fn beijing(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&gallerist_domain::clock::china_offset())
        .format("%Y-%m-%d %H:%M (UTC+8)")
        .to_string()
}

/// The same time in Chinese text: "2026-11-30 20:05（北京时间）", the one label the
/// zh-CN screens use for UTC+8 (ui/src/lib/format/time.ts).
pub fn beijing_zh(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&gallerist_domain::clock::china_offset())
        .format("%Y-%m-%d %H:%M（北京时间）")
        .to_string()
}

/// Time left as the rest of the app words it: "4 d 16 h" / "4 天 16 小时" from a day
/// up, hours alone below it ("112 h from now" beside "剩余 4 天 16 小时" read as two
/// different deadlines).
pub fn time_left(seconds: i64) -> (String, String) {
    let hours = seconds.max(0) / 3600;
    let (days, hours) = (hours / 24, hours % 24);
    if days == 0 {
        (format!("{hours} h"), format!("{hours} 小时"))
    } else {
        (format!("{days} d {hours} h"), format!("{days} 天 {hours} 小时"))
    }
}

/// A refusal the seller reads next to the button: both languages in one message.
pub fn refused(en: String, zh: String) -> ApiError {
    ApiError::invalid(format!("{en} / {zh}"))
}

/// What this machine still has on its way for an entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outgoing {
    /// Changes waiting to be sent.
    pub queued: usize,
    /// The server refused a change: its words, and the outbox id to retry or drop.
    pub refused: Option<RefusedChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefusedChange {
    pub outbox_id: i64,
    pub reason: String,
}

/// A worklist entity: the server's copy, the copy to show, and what is outgoing.
#[derive(Debug, Clone)]
pub struct Tracked {
    pub server: Value,
    /// The seller's pending version while changes are queued, else the server's.
    pub shown: Value,
    pub revision: i64,
    pub outgoing: Outgoing,
}

pub fn lane(kind: &str, id: &str) -> String {
    ops::entity_lane(kind, id)
}

/// The queued and refused changes of one outbox lane.
pub fn outgoing(conn: &Connection, account_id: i64, lane: &str) -> Result<Outgoing, StoreError> {
    let ops = outbox::in_lane(conn, account_id, lane)?;
    let refused = ops.iter().find(|o| o.state == "parked").map(|o| RefusedChange {
        outbox_id: o.id,
        reason: o.park_reason.clone().unwrap_or_default(),
    });
    Ok(Outgoing {
        queued: ops.iter().filter(|o| o.state == "queued").count(),
        refused,
    })
}

fn tracked(conn: &Connection, account_id: i64, entity: remote::RemoteEntity) -> Result<Tracked, StoreError> {
    let outgoing = outgoing(conn, account_id, &lane(&entity.kind, &entity.remote_id))?;
    let shown = match (&entity.local, outgoing.queued) {
        (Some(local), n) if n > 0 => local.clone(),
        _ => entity.body.clone(),
    };
    Ok(Tracked {
        server: entity.body,
        shown,
        revision: entity.revision,
        outgoing,
    })
}

pub fn all(conn: &Connection, account_id: i64, kind: &str) -> Result<Vec<Tracked>, StoreError> {
    remote::list(conn, account_id, kind)?
        .into_iter()
        .map(|e| tracked(conn, account_id, e))
        .collect()
}

pub fn one(conn: &Connection, account_id: i64, kind: &str, id: &str) -> Result<Tracked, ApiError> {
    let entity = remote::get(conn, account_id, kind, id)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!("{} {id} is not on this machine; sync first", kind.replace('_', " ")),
        )
    })?;
    Ok(tracked(conn, account_id, entity)?)
}

/// Refuses accounts that cannot carry worklist changes (live KooGallery accounts).
pub fn sync_account(core: &Core, account_id: i64) -> Result<(), ApiError> {
    let account = accounts::get(&*core.store.conn()?, account_id)?;
    if !speaks_seller_sync(account.site) {
        return Err(ApiError::invalid(format!(
            "{} is a live KooGallery account; KooGallery has no API for supervision cases, invoices or contacts. \
             Work them in the Seller Center. / {} 是 KooGallery 正式账号，云商店未开放服务监管、发票和联系人接口，请在卖家中心处理。",
            account.name, account.name
        )));
    }
    Ok(())
}

/// One outbox row to be queued: kind, lane, payload and the If-Match revision.
pub struct Change {
    pub kind: &'static str,
    pub lane: String,
    pub payload: Value,
    pub base_revision: Option<i64>,
}

/// Writes the local change and every outbox row in one transaction, then wakes sync.
pub fn queue(
    core: &Core,
    account_id: i64,
    changes: Vec<Change>,
    local_change: impl FnOnce(&Connection) -> Result<(), StoreError>,
) -> Result<(), ApiError> {
    let now = core.clock.now();
    let ops: Vec<NewOp> = changes
        .into_iter()
        .map(|c| NewOp {
            account_id,
            op_key: new_key(core),
            kind: c.kind.into(),
            lane: c.lane,
            payload: c.payload,
            base_revision: c.base_revision,
        })
        .collect();
    core.store.write(|tx| {
        local_change(tx)?;
        for op in &ops {
            outbox::enqueue(tx, op, now)?;
        }
        Ok(())
    })?;
    core.sync_wake.notify_one();
    Ok(())
}

#[cfg(test)]
mod time_words_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn chinese_text_names_utc8_as_beijing_time_and_english_as_utc8() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 30, 12, 5, 0).unwrap();
        assert_eq!(beijing(at), "2026-11-30 20:05 (UTC+8)");
        assert_eq!(beijing_zh(at), "2026-11-30 20:05（北京时间）");
    }

    #[test]
    fn time_left_is_days_and_hours_from_a_day_up() {
        assert_eq!(time_left(112 * 3600 + 59), ("4 d 16 h".into(), "4 天 16 小时".into()));
        assert_eq!(time_left(5 * 3600), ("5 h".into(), "5 小时".into()));
        assert_eq!(time_left(-10), ("0 h".into(), "0 小时".into()));
    }
}
