//! Checking a JSON answer (or request) against its documented fields.
//!
//! A seller's answer that carries `instanceId` as a number, or a `frontEndUrl` of 600
//! characters, works in their own tests and fails at KooGallery. The runner reports
//! these problems; the sandbox uses the same function to prove its own answers conform.

use super::{Field, Kind};
use serde_json::Value;

/// What is wrong with one field, at a concrete path such as `info[0].appInfo.memo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub path: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A mandatory field is absent or null.
    Missing,
    /// The value is not of the documented type.
    WrongType { expected: Kind },
    /// A string longer than the documented maximum, in characters.
    TooLong { len: usize, max: usize },
}

impl FieldProblem {
    pub fn en(&self) -> String {
        match &self.problem {
            Problem::Missing => format!("{} is missing; the documentation makes it mandatory", self.path),
            Problem::WrongType { expected } => format!("{} is not {}", self.path, kind_en(*expected)),
            Problem::TooLong { len, max } => {
                format!("{} has {len} characters; the documented maximum is {max}", self.path)
            }
        }
    }

    pub fn zh(&self) -> String {
        match &self.problem {
            Problem::Missing => format!("缺少 {}，文档规定为必填", self.path),
            Problem::WrongType { expected } => format!("{} 不是{}", self.path, kind_zh(*expected)),
            Problem::TooLong { len, max } => format!("{} 长 {len} 个字符，文档规定最长 {max}", self.path),
        }
    }
}

fn kind_en(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "a string",
        Kind::Integer => "an integer",
        Kind::Double => "a number",
        Kind::Object => "an object",
        Kind::List => "a list",
    }
}

fn kind_zh(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "字符串",
        Kind::Integer => "整数",
        Kind::Double => "数字",
        Kind::Object => "对象",
        Kind::List => "列表",
    }
}

/// Every problem of `value` against `fields`, in table order. A field nested under an
/// absent optional parent is not checked; an absent mandatory parent is reported once.
pub fn field_problems(fields: &[Field], value: &Value) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for field in fields {
        let (parent, leaf) = field.path.rsplit_once('.').unwrap_or(("", field.path));
        for (at, object) in parents(value, parent) {
            let path = if at.is_empty() {
                leaf.to_string()
            } else {
                format!("{at}.{leaf}")
            };
            match object.get(leaf) {
                None | Some(Value::Null) => {
                    if field.required {
                        problems.push(FieldProblem {
                            path,
                            problem: Problem::Missing,
                        });
                    }
                }
                Some(found) => {
                    if let Some(problem) = judge(field, found) {
                        problems.push(FieldProblem { path, problem });
                    }
                }
            }
        }
    }
    problems
}

fn judge(field: &Field, value: &Value) -> Option<Problem> {
    let fits = match field.kind {
        Kind::String => value.is_string(),
        Kind::Integer => value.is_i64() || value.is_u64(),
        Kind::Double => value.is_number(),
        Kind::Object => value.is_object(),
        Kind::List => value.is_array(),
    };
    if !fits {
        return Some(Problem::WrongType { expected: field.kind });
    }
    let (Some(max), Some(text)) = (field.max_len, value.as_str()) else {
        return None;
    };
    let len = text.chars().count();
    (len > max).then_some(Problem::TooLong { len, max })
}

/// The objects at `path` (`""` is the value itself), with their concrete paths;
/// `name[]` steps into every element of a list.
fn parents<'a>(value: &'a Value, path: &str) -> Vec<(String, &'a serde_json::Map<String, Value>)> {
    let mut found: Vec<(String, &Value)> = vec![(String::new(), value)];
    for step in path.split('.').filter(|s| !s.is_empty()) {
        let (name, each) = match step.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (step, false),
        };
        let mut next = Vec::new();
        for (at, v) in found {
            let at = if at.is_empty() {
                name.to_string()
            } else {
                format!("{at}.{name}")
            };
            match (v.get(name), each) {
                (Some(Value::Array(items)), true) => {
                    next.extend(items.iter().enumerate().map(|(i, item)| (format!("{at}[{i}]"), item)));
                }
                (Some(child), false) => next.push((at, child)),
                _ => {}
            }
        }
        found = next;
    }
    found
        .into_iter()
        .filter_map(|(at, v)| v.as_object().map(|o| (at, o)))
        .collect()
}
