//! Loading a rule pack from TOML text, with errors that name the rule and the key.
//!
//! WHY by hand rather than through serde derive: a seller or reviewer editing the pack
//! needs "rule `logo.dimensions`: key `params.width` should be an integer but is a
//! string", not a serde path or a byte offset. The pack is text passed in (or the copy
//! embedded at build time); this module never reads a file.

use crate::listing::checks::Check;
use crate::listing::model::{Label, ProductType};
use crate::listing::rules::{Bilingual, Pack, Rule, Severity};
use crate::site::Site;
use std::collections::HashSet;

/// The pack shipped with this build.
pub const EMBEDDED_PACK: &str = include_str!("../../../../rules/listing-standards.toml");

/// A mistake in a rule pack, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("the rule pack is not valid TOML: {0}")]
    Syntax(String),
    #[error("the rule pack has no `{0}` at the top")]
    MissingTop(&'static str),
    #[error("rule `{rule}`: key `{key}` is missing")]
    Missing { rule: String, key: String },
    #[error("rule `{rule}`: key `{key}` should be {expected} but is {found}")]
    WrongType {
        rule: String,
        key: String,
        expected: &'static str,
        found: &'static str,
    },
    #[error("rule `{rule}`: key `{key}` has the value {value}, which is not {expected}")]
    BadValue {
        rule: String,
        key: String,
        value: String,
        expected: String,
    },
    #[error("rule `{0}` appears twice in the pack")]
    Duplicate(String),
}

/// A TOML value's type in words, for error messages.
fn kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a decimal number",
        toml::Value::Boolean(_) => "true or false",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    }
}

/// Reads keys of one rule's table, naming the rule and the key in every error.
pub(crate) struct Keys<'a> {
    pub rule: &'a str,
    pub table: &'a toml::Table,
    pub prefix: &'static str,
}

impl<'a> Keys<'a> {
    fn path(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    pub fn wrong(&self, key: &str, expected: &'static str, found: &toml::Value) -> PackError {
        PackError::WrongType {
            rule: self.rule.into(),
            key: self.path(key),
            expected,
            found: kind(found),
        }
    }

    pub fn bad(&self, key: &str, value: impl std::fmt::Debug, expected: impl Into<String>) -> PackError {
        PackError::BadValue {
            rule: self.rule.into(),
            key: self.path(key),
            value: format!("{value:?}"),
            expected: expected.into(),
        }
    }

    fn get(&self, key: &str) -> Result<&'a toml::Value, PackError> {
        self.table.get(key).ok_or_else(|| PackError::Missing {
            rule: self.rule.into(),
            key: self.path(key),
        })
    }

    pub fn str(&self, key: &str) -> Result<&'a str, PackError> {
        let v = self.get(key)?;
        v.as_str().ok_or_else(|| self.wrong(key, "a string", v))
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, PackError> {
        if self.table.contains_key(key) {
            self.str(key).map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn bool(&self, key: &str) -> Result<bool, PackError> {
        let v = self.get(key)?;
        v.as_bool().ok_or_else(|| self.wrong(key, "true or false", v))
    }

    pub fn uint(&self, key: &str) -> Result<u64, PackError> {
        let v = self.get(key)?;
        let n = v.as_integer().ok_or_else(|| self.wrong(key, "an integer", v))?;
        u64::try_from(n).map_err(|_| self.bad(key, n, "zero or more"))
    }

    pub fn strs(&self, key: &str) -> Result<Vec<&'a str>, PackError> {
        let v = self.get(key)?;
        let items = v.as_array().ok_or_else(|| self.wrong(key, "a list of strings", v))?;
        items
            .iter()
            .map(|i| i.as_str().ok_or_else(|| self.wrong(key, "a list of strings", i)))
            .collect()
    }

    pub fn table(&self, key: &str) -> Result<&'a toml::Table, PackError> {
        let v = self.get(key)?;
        v.as_table().ok_or_else(|| self.wrong(key, "a table", v))
    }

    fn bilingual(&self, key: &str) -> Result<Bilingual, PackError> {
        let t = self.table(key)?;
        let inner = Keys {
            rule: self.rule,
            table: t,
            prefix: if key == "message" { "message." } else { "hint." },
        };
        Ok(Bilingual {
            zh_cn: inner.str("zh-CN")?.to_string(),
            en: inner.str("en")?.to_string(),
        })
    }
}

impl Pack {
    /// The pack embedded in this build; it is tested, so a failure here is a build bug.
    pub fn embedded() -> Pack {
        Pack::from_toml(EMBEDDED_PACK).expect("the embedded rule pack loads (tested)")
    }

    pub fn from_toml(text: &str) -> Result<Pack, PackError> {
        let doc: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| PackError::Syntax(e.to_string()))?;
        let version = doc
            .get("version")
            .and_then(|v| v.as_str())
            .ok_or(PackError::MissingTop("version"))?;
        let rules = doc
            .get("rule")
            .and_then(|v| v.as_array())
            .ok_or(PackError::MissingTop("[[rule]]"))?;
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(rules.len());
        for (i, value) in rules.iter().enumerate() {
            let rule = parse_rule(i, value)?;
            if !seen.insert(rule.id.clone()) {
                return Err(PackError::Duplicate(rule.id));
            }
            out.push(rule);
        }
        Ok(Pack {
            version: version.to_string(),
            rules: out,
        })
    }
}

fn parse_rule(index: usize, value: &toml::Value) -> Result<Rule, PackError> {
    let position = format!("#{}", index + 1);
    let table = value.as_table().ok_or_else(|| PackError::WrongType {
        rule: position.clone(),
        key: "rule".into(),
        expected: "a table",
        found: kind(value),
    })?;
    let id = Keys {
        rule: &position,
        table,
        prefix: "",
    }
    .str("id")?;
    let k = Keys {
        rule: id,
        table,
        prefix: "",
    };
    let severity_text = k.str("severity")?;
    let severity =
        Severity::parse(severity_text).ok_or_else(|| k.bad("severity", severity_text, "error, warning or info"))?;
    let types = match k.strs("types")?.as_slice() {
        ["all"] => None,
        names => Some(
            names
                .iter()
                .map(|n| ProductType::parse(n).ok_or_else(|| k.bad("types", n, "a product type")))
                .collect::<Result<_, _>>()?,
        ),
    };
    let labels = match table.get("labels") {
        None => Vec::new(),
        Some(_) => k
            .strs("labels")?
            .iter()
            .map(|n| Label::parse(n).ok_or_else(|| k.bad("labels", n, "kunpeng, hybrid_cloud or iot")))
            .collect::<Result<_, _>>()?,
    };
    let sites: Vec<Site> = k
        .strs("sites")?
        .iter()
        .map(|n| match Site::parse(n) {
            Some(s @ (Site::Cn | Site::Intl | Site::Eu)) => Ok(s),
            _ => Err(k.bad("sites", n, "cn, intl or eu")),
        })
        .collect::<Result<_, _>>()?;
    let stated_on: Vec<Site> = match table.get("stated_on") {
        None => sites.clone(),
        Some(_) => k
            .strs("stated_on")?
            .iter()
            .map(|n| match Site::parse(n) {
                Some(s) if sites.contains(&s) => Ok(s),
                _ => Err(k.bad("stated_on", n, "one of the rule's sites")),
            })
            .collect::<Result<_, _>>()?,
    };
    let empty = toml::Table::new();
    let params = match table.get("params") {
        None => &empty,
        Some(_) => k.table("params")?,
    };
    let check_name = k.str("check")?;
    let params = Keys {
        rule: id,
        table: params,
        prefix: "params.",
    };
    let check = Check::parse(check_name, &params)?.ok_or_else(|| k.bad("check", check_name, "a known check"))?;
    Ok(Rule {
        id: id.to_string(),
        severity,
        field: k.str("field")?.to_string(),
        types,
        labels,
        sites,
        stated_on,
        source: k.str("source")?.to_string(),
        official: k.bool("official")?,
        note: k.opt_str("note")?.map(str::to_string),
        message: k.bilingual("message")?,
        hint: k.bilingual("hint")?,
        check,
    })
}
