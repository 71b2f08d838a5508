//! The rule pack: KooGallery's listing standards as data, and the engine that runs it.
//!
//! WHY data and not code: KooGallery publishes its standards as prose that changes on
//! given dates. Keeping each rule's wording, severity, scope and source URL in a
//! versioned TOML file lets a reviewer compare it line by line with the help centre,
//! lets a new pack ship without touching the checks, and lets a report say which pack
//! version judged a draft. The *checks* (what "contains a phone number" means) are
//! code in `checks.rs`; a rule picks one by name and gives its parameters.
//!
//! Loading lives in `pack.rs`; this file holds the rule, the engine and its report.

use crate::listing::checks::Check;
use crate::listing::model::{Draft, Label, ProductType};
use crate::site::Site;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::listing::pack::{PackError, EMBEDDED_PACK};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A text in both listing languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub zh_cn: String,
    pub en: String,
}

impl Bilingual {
    /// This message with what was found quoted in it: at `{found}` when the message
    /// has that placeholder, otherwise after it (…（发现：“华为云”） / … (found: "Huawei Cloud")).
    pub fn quoting(&self, found: Option<&Bilingual>) -> Bilingual {
        let Some(found) = found else {
            return Bilingual {
                zh_cn: self.zh_cn.replace("{found}", ""),
                en: self.en.replace("{found}", ""),
            };
        };
        let put = |text: &str, value: &str, suffix: String| {
            if text.contains("{found}") {
                text.replace("{found}", value)
            } else {
                format!("{text}{suffix}")
            }
        };
        Bilingual {
            zh_cn: put(&self.zh_cn, &found.zh_cn, format!("（发现：“{}”）", found.zh_cn)),
            en: put(&self.en, &found.en, format!(" (found: \"{}\")", found.en)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    /// The field the rule is about; issues may point deeper (e.g. `main_images[1]`).
    pub field: String,
    /// `None` means every product type.
    pub types: Option<Vec<ProductType>>,
    /// The rule applies only when the draft carries all of these labels.
    pub labels: Vec<Label>,
    /// The rule applies when the draft is sold on any of these sites.
    pub sites: Vec<Site>,
    /// The sites whose own documents state the rule (a subset of `sites`). On the
    /// other sites the rule is our reading of another site's text, so it reports at
    /// most a warning, marked heuristic: a false error there would teach the seller
    /// to ignore the checker. Defaults to `sites`.
    pub stated_on: Vec<Site>,
    pub source: String,
    /// `false` marks a heuristic: our inference, not KooGallery's written rule.
    pub official: bool,
    pub note: Option<String>,
    pub message: Bilingual,
    pub hint: Bilingual,
    pub check: Check,
}

impl Rule {
    /// Whether the rule looks at this draft at all (type, labels, sites).
    pub fn applies_to(&self, draft: &Draft) -> bool {
        let ty = draft.product_type();
        self.types.as_ref().is_none_or(|types| types.contains(&ty))
            && self.labels.iter().all(|l| draft.labels.contains(l))
            && self.sites.iter().any(|s| draft.sites.contains(s))
    }

    /// The severity for this draft and whether it is KooGallery's stated rule there:
    /// the pack's severity when a site the draft is sold on states the rule, otherwise
    /// at most a warning (the rule is then our reading of another site's documents).
    pub fn judged_for(&self, draft: &Draft) -> (Severity, bool) {
        let stated = self.stated_on.iter().any(|s| draft.sites.contains(s));
        if stated {
            (self.severity, self.official)
        } else {
            (self.severity.min(Severity::Warning), false)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    pub version: String,
    pub rules: Vec<Rule>,
}

impl Pack {
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Checks a draft; `global` overrides apply first, the draft's own ones win.
    pub fn check(&self, draft: &Draft, global: &Overrides) -> Report {
        let mut report = Report {
            pack_version: self.version.clone(),
            issues: Vec::new(),
            suppressed: Vec::new(),
        };
        for rule in self.rules.iter().filter(|r| r.applies_to(draft)) {
            let fields = rule.check.run(draft, rule);
            let (rule_severity, official) = rule.judged_for(draft);
            let applied = match draft.overrides.rules.get(&rule.id) {
                Some(o) => Some((*o, OverrideScope::Draft)),
                None => global.rules.get(&rule.id).map(|o| (*o, OverrideScope::Global)),
            };
            match applied {
                Some((Override::Off, scope)) => report.suppressed.push(Suppressed {
                    rule_id: rule.id.clone(),
                    scope,
                    would_report: fields.len(),
                }),
                _ => {
                    let (severity, overridden) = match applied {
                        // Overrides only lower: a seller may quiet a rule, not harden one.
                        Some((Override::Severity(s), scope)) if s < rule_severity => (s, Some(scope)),
                        _ => (rule_severity, None),
                    };
                    report.issues.extend(fields.into_iter().map(|field| {
                        let found = rule.check.found(draft, &field);
                        Issue {
                            rule_id: rule.id.clone(),
                            severity,
                            pack_severity: rule_severity,
                            overridden,
                            message: rule.message.quoting(found.as_ref()),
                            found,
                            field,
                            hint: rule.hint.clone(),
                            source: rule.source.clone(),
                            heuristic: !official,
                        }
                    }));
                }
            }
        }
        report
    }
}

/// What a seller did to a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Override {
    Off,
    Severity(Severity),
}

/// Overrides by rule id, kept globally (settings) or in a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    #[serde(default)]
    pub rules: BTreeMap<String, Override>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideScope {
    Global,
    Draft,
}

/// One finding, with where it points and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub rule_id: String,
    /// The severity after overrides.
    pub severity: Severity,
    /// The severity the pack gives for the draft's sites; differs from `severity`
    /// when overridden.
    pub pack_severity: Severity,
    pub overridden: Option<OverrideScope>,
    pub field: String,
    /// The rule's message with what was found quoted in it.
    pub message: Bilingual,
    /// What the check found (the matched word, the value, the file), unquoted; `None`
    /// when there is nothing to quote (a blank field, a missing file).
    pub found: Option<Bilingual>,
    pub hint: Bilingual,
    pub source: String,
    pub heuristic: bool,
}

/// A rule switched off, and how many issues it would have reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppressed {
    pub rule_id: String,
    pub scope: OverrideScope,
    pub would_report: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub pack_version: String,
    pub issues: Vec<Issue>,
    pub suppressed: Vec<Suppressed>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    pub fn rule_ids(&self) -> Vec<&str> {
        self.issues.iter().map(|i| i.rule_id.as_str()).collect()
    }
}
