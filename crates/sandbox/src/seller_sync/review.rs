//! The simulated KooGallery reviewer: applications and delisting requests are decided
//! once the review delay has passed on the sandbox clock.
//!
//! WHY the same pack plus rules of its own: a seller should see that Gallerist's
//! local checks catch most rejections, and also that real reviewers object to things
//! no written standard names. The reviewer rules here (`reviewer.*`) are deliberately
//! absent from the pack, so their rejections land in the client's parity log.
//! Decisions are made lazily, whenever the API is used, so a fixed test clock
//! decides deterministically.

use super::products::{listed_from, write_listed};
use super::store;
use chrono::{DateTime, Utc};
use gallerist_domain::listing::lifecycle::{Actor, ProductOp};
use gallerist_domain::listing::{Draft, Overrides, Pack, Severity};
use rusqlite::Connection;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(Pack::embedded)
}

const OTHER_CLOUDS: [&str; 8] = ["阿里云", "腾讯云", "百度智能云", "AWS", "Azure", "Alibaba Cloud", "Tencent Cloud", "Google Cloud"];

fn comment(at: &str, rule: &str, field: &str, en: &str, zh: &str) -> Value {
    json!({ "at": at, "author": "reviewer", "rule_id": rule, "field": field, "message": en, "message_zh": zh })
}

/// The reviewer's own objections, beyond the rule pack.
pub(crate) fn reviewer_findings(d: &Draft, at: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let text = format!("{}\n{}\n{}", d.name, d.overview, d.description);
    if let Some(vendor) = OTHER_CLOUDS.iter().find(|v| text.contains(*v)) {
        out.push(comment(
            at,
            "reviewer.other-cloud",
            "description",
            &format!("The listing mentions another cloud vendor ({vendor}); KooGallery listings may not promote other platforms."),
            &format!("商品信息提及其他云厂商（{vendor}），云商店商品不得推广其他平台。"),
        ));
    }
    if !d.overview.trim().is_empty() && d.overview.trim() == d.name.trim() {
        out.push(comment(at, "reviewer.overview-repeats-name", "overview",
            "The overview only repeats the product name; say what the product does.",
            "商品简介只重复了商品名称，请说明商品的功能。"));
    }
    if d.name.chars().count() > 60 {
        out.push(comment(at, "reviewer.name-length", "name",
            "The name is longer than reviewers accept (60 characters).", "商品名称过长（超过 60 个字符）。"));
    }
    let mut seen = std::collections::BTreeSet::new();
    if d.highlights.iter().any(|h| !h.trim().is_empty() && !seen.insert(h.trim())) {
        out.push(comment(at, "reviewer.highlight-repeated", "highlights",
            "A highlight is repeated.", "商品亮点有重复。"));
    }
    out
}

/// Decides everything whose wait is over; returns how many decisions were made.
pub(crate) fn settle(conn: &Connection, now: DateTime<Utc>, delay_s: i64) -> rusqlite::Result<usize> {
    let cutoff = (now - chrono::Duration::seconds(delay_s)).to_rfc3339();
    let waiting = store::waiting(conn, &cutoff)?;
    for (kind, body) in &waiting {
        match kind.as_str() {
            "application" => decide_application(conn, body.clone(), now)?,
            "product" => decide_delisting(conn, body.clone(), now)?,
            _ => {}
        }
    }
    Ok(waiting.len())
}

fn decide_application(conn: &Connection, mut app: Value, now: DateTime<Utc>) -> rusqlite::Result<()> {
    let at = now.to_rfc3339();
    let id = app["id"].as_str().unwrap_or_default().to_string();
    let listing = store::listing(conn, &id)?.unwrap_or_default();
    let mut comments = Vec::new();
    let draft = match serde_json::from_str::<Draft>(&listing) {
        Ok(d) => {
            let report = pack().check(&d, &Overrides::default());
            for i in report.issues.iter().filter(|i| i.severity == Severity::Error) {
                comments.push(comment(&at, &i.rule_id, &i.field, &i.message.en, &i.message.zh_cn));
            }
            comments.extend(reviewer_findings(&d, &at));
            Some(d)
        }
        Err(e) => {
            comments.push(comment(&at, "reviewer.unreadable", "listing",
                &format!("The listing could not be read: {e}"), "无法读取商品信息。"));
            None
        }
    };
    app["revision"] = json!(app["revision"].as_i64().unwrap_or(1) + 1);
    app["updated_at"] = json!(at);
    app["decided_at"] = json!(at);
    app["pack_version"] = json!(pack().version);
    match (comments.is_empty(), draft) {
        (true, Some(d)) => {
            let product = super::products::release(conn, &app, &d, now)?;
            app["status"] = json!("approved");
            app["product_id"] = json!(product);
        }
        _ => app["status"] = json!("rejected"),
    }
    app["comments"] = json!(comments);
    store::put(conn, "application", &app, None)
}

fn decide_delisting(conn: &Connection, product: Value, now: DateTime<Utc>) -> rusqlite::Result<()> {
    let mut listed = listed_from(&product);
    // The sandbox's reviewer approves every well-formed removal request.
    let _ = listed.apply(Actor::Reviewer, ProductOp::ApproveDelisting);
    write_listed(conn, product, &listed, now)
}
