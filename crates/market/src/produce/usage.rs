//! `v2.query.usage`: a pay-per-use product reports what it bills.
//!
//! WHY its own check: `usageInfo` is optional in the field table, because a period
//! product sends none, but the queryInstance page makes it required for pay-per-use
//! (koogallery-apis.md §5, queryInstance): KooGallery bills the buyer from the
//! cumulative `usageValue`, stamped `statisticalTime` in UTC as `yyyyMMddHHmmssSSS`.
//! The fields check cannot see that, so a per-use product answering without usage
//! passed every check while it could never be billed.

use super::check::{Check, Exchange, Verdict, Words};
use chrono::NaiveDateTime;
use serde_json::Value;

/// Judges the queryInstance answer for `instance` in a per-use run.
pub fn reported(check: Check, query: &Exchange, instance: &str) -> Check {
    let check = check.with(vec![query.clone()]);
    let body = query.answer.as_ref().and_then(|a| a.json()).unwrap_or(Value::Null);
    let Some(entry) = body["info"]
        .as_array()
        .and_then(|all| all.iter().find(|i| i["instanceId"] == instance))
    else {
        return check.verdict(
            Verdict::Fail,
            Words::new(
                format!("Not checked: the answer has no info for instance {instance}."),
                format!("未检查：应答中没有实例 {instance} 的 info。"),
            ),
        );
    };
    let usage = entry["usageInfo"].as_array().map(Vec::as_slice).unwrap_or_default();
    if usage.is_empty() {
        return check.verdict(
            Verdict::Fail,
            Words::new(
                "The answer has no usageInfo: a pay-per-use product must report its cumulative usageValue, or KooGallery has nothing to bill.",
                "应答没有 usageInfo：按需计费的商品必须报告累计 usageValue，否则云商店无从计费。",
            ),
        );
    }
    for u in usage {
        let time = u["statisticalTime"].as_str().unwrap_or_default();
        if time.len() != 17 || NaiveDateTime::parse_from_str(time, "%Y%m%d%H%M%S%3f").is_err() {
            return check.verdict(
                Verdict::Fail,
                Words::new(
                    format!("statisticalTime \"{time}\" is not a UTC time written yyyyMMddHHmmssSSS."),
                    format!("statisticalTime“{time}”不是 yyyyMMddHHmmssSSS 格式的 UTC 时间。"),
                ),
            );
        }
        if !u["usageValue"].is_number() {
            return check.verdict(
                Verdict::Fail,
                Words::new(
                    format!("usageValue {} is not a number.", u["usageValue"]),
                    format!("usageValue {} 不是数值。", u["usageValue"]),
                ),
            );
        }
    }
    check.verdict(
        Verdict::Pass,
        Words::new(
            format!("Reports usage ({} entries) with its UTC time.", usage.len()),
            format!("报告了用量（{} 条）及其 UTC 时间。", usage.len()),
        ),
    )
}
