//! The rule pack as the UI sees it, and the seller's global overrides.
//!
//! WHY overrides are visible data, not a hidden switch: a seller who turns a
//! heuristic off for all drafts must still see, on every draft, that a rule was
//! silenced and what it would have said — the report lists suppressed rules.

use crate::{ApiError, Core};
use gallerist_domain::listing::rules::Bilingual;
use gallerist_domain::listing::{Override, Overrides, ProductType, Severity};
use gallerist_store::settings;
use gallerist_store::Connection;
use serde::{Deserialize, Serialize};

/// Where the global overrides are kept (JSON in `settings`).
pub const OVERRIDES_KEY: &str = "rule_overrides";

#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub id: String,
    pub severity: Severity,
    pub field: String,
    pub types: Option<Vec<ProductType>>,
    pub sites: Vec<gallerist_domain::Site>,
    /// The sites whose own documents state the rule; on the rest of `sites` it reports
    /// at most a warning, so the UI can say "error on intl/EU, warning on CN".
    pub stated_on: Vec<gallerist_domain::Site>,
    pub source: String,
    pub official: bool,
    pub message: Bilingual,
    pub hint: Bilingual,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackView {
    pub version: String,
    pub rules: Vec<RuleView>,
    pub global_overrides: Overrides,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetGlobalOverride {
    pub rule_id: String,
    #[serde(rename = "override")]
    pub value: Option<Override>,
}

/// The global overrides; a value that no longer parses counts as none (and is
/// replaced at the next change) rather than blocking every check.
pub fn global_overrides(conn: &Connection) -> Result<Overrides, ApiError> {
    Ok(settings::get(conn, OVERRIDES_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

pub fn rule_pack(core: &Core) -> Result<PackView, ApiError> {
    let rules = core.pack.rules.iter().map(rule_view).collect();
    Ok(PackView {
        version: core.pack.version.clone(),
        rules,
        global_overrides: global_overrides(&*core.store.conn()?)?,
    })
}

/// One rule as the UI lists it.
fn rule_view(r: &gallerist_domain::listing::rules::Rule) -> RuleView {
    RuleView {
        id: r.id.clone(),
        severity: r.severity,
        field: r.field.clone(),
        types: r.types.clone(),
        sites: r.sites.clone(),
        stated_on: r.stated_on.clone(),
        source: r.source.clone(),
        official: r.official,
        message: r.message.clone(),
        hint: r.hint.clone(),
    }
}

pub fn set_global_override(core: &Core, args: SetGlobalOverride) -> Result<Overrides, ApiError> {
    if core.pack.rule(&args.rule_id).is_none() {
        return Err(ApiError::invalid(format!(
            "the rule pack has no rule '{}'",
            args.rule_id
        )));
    }
    core.store
        .write(|tx| {
            let mut overrides = global_overrides(tx).map_err(|e| gallerist_store::StoreError::Invalid(e.message))?;
            match args.value {
                Some(v) => overrides.rules.insert(args.rule_id.clone(), v),
                None => overrides.rules.remove(&args.rule_id),
            };
            settings::set(
                tx,
                OVERRIDES_KEY,
                &serde_json::to_string(&overrides).expect("overrides serialize"),
            )?;
            Ok(overrides)
        })
        .map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use super::rule_view;
    use gallerist_domain::listing::rules::Pack;

    #[test]
    fn a_rule_stated_on_some_sites_says_which() {
        let pack = Pack::embedded();
        let rule = pack.rule("delivery.average-days").expect("the pack has the rule");
        let json = serde_json::to_value(rule_view(rule)).unwrap();
        assert_eq!(json["severity"], "error");
        assert_eq!(json["sites"], serde_json::json!(["cn", "intl", "eu"]));
        assert_eq!(
            json["stated_on"],
            serde_json::json!(["intl", "eu"]),
            "CN only reads it: a warning there"
        );
    }
}
