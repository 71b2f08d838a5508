//! Reading the pack's `.tf` files with the HCL parser into a flat view the rules can
//! ask: every top-level block (kind, labels) and every attribute anywhere inside
//! one (with its top-level block, key, value and line).
//!
//! WHY flat: the rules ask "any `flavor_id` inside a compute-instance resource" or
//! "the provider's `region`", not for a tree walk each; spans become lines here once.

use super::{text, Finding, MAX_FILE_BYTES};
use crate::listing::rules::Severity;
use hcl::edit::expr::Expression;
use hcl::edit::structure::Body;
use hcl::edit::Span;
use std::collections::BTreeMap;

/// A top-level block: `resource "huaweicloud_compute_instance" "web" { … }`. Findings
/// point at attributes, so the block keeps only what the rules ask about it.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub kind: String,
    pub labels: Vec<String>,
}

/// An attribute at any depth, with the top-level block it sits in (`None` at top level).
#[derive(Debug, Clone)]
pub(super) struct Attr {
    pub file: String,
    pub block: Option<usize>,
    pub key: String,
    pub value: Expression,
    pub line: Option<usize>,
}

#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub blocks: Vec<Block>,
    pub attrs: Vec<Attr>,
    /// The text of every parsed `.tf` file, for the reference searches.
    pub texts: BTreeMap<String, String>,
}

impl Parsed {
    pub fn block_of(&self, attr: &Attr) -> Option<&Block> {
        attr.block.map(|i| &self.blocks[i])
    }
}

fn line_of(text: &str, span: Option<std::ops::Range<usize>>) -> Option<usize> {
    let start = span?.start;
    Some(text.get(..start)?.bytes().filter(|b| *b == b'\n').count() + 1)
}

/// Parses every `.tf` file within the size limit; reports the others.
pub(super) fn parse_all(files: &BTreeMap<String, Vec<u8>>, findings: &mut Vec<Finding>) -> Parsed {
    let mut parsed = Parsed::default();
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".tf")) {
        if bytes.len() > MAX_FILE_BYTES {
            findings.push(problem(
                "template.file.too_large",
                name,
                None,
                text(
                    format!(
                        "{name} is {} bytes; a template file may have at most {MAX_FILE_BYTES}",
                        bytes.len()
                    ),
                    format!("{name} 有 {} 字节，模板文件最多 {MAX_FILE_BYTES} 字节", bytes.len()),
                ),
                text(
                    "Split the file or remove generated content.",
                    "请拆分文件或删除生成的内容。",
                ),
            ));
            continue;
        }
        let Ok(source) = std::str::from_utf8(bytes) else {
            findings.push(problem(
                "template.file.not_utf8",
                name,
                None,
                text(format!("{name} is not UTF-8 text"), format!("{name} 不是 UTF-8 文本")),
                text("Save the file as UTF-8.", "请将文件保存为 UTF-8 编码。"),
            ));
            continue;
        };
        match hcl::edit::parser::parse_body(source) {
            Ok(body) => collect(&mut parsed, name, source, &body),
            Err(e) => {
                let at = e.location();
                findings.push(problem(
                    "template.parse",
                    name,
                    Some(at.line()),
                    text(
                        format!(
                            "{name} is not valid HCL at line {}, column {}: {}",
                            at.line(),
                            at.column(),
                            e.message()
                        ),
                        format!(
                            "{name} 第 {} 行第 {} 列不是合法的 HCL：{}",
                            at.line(),
                            at.column(),
                            e.message()
                        ),
                    ),
                    text(
                        "Fix the syntax; `terraform validate` shows the same place.",
                        "请修正语法；`terraform validate` 会指出同一位置。",
                    ),
                ));
            }
        }
        parsed.texts.insert(name.clone(), source.to_string());
    }
    parsed
}

fn collect(parsed: &mut Parsed, file: &str, source: &str, body: &Body) {
    for structure in body.iter() {
        if let Some(attr) = structure.as_attribute() {
            parsed.attrs.push(Attr {
                file: file.to_string(),
                block: None,
                key: attr.key.as_str().to_string(),
                value: attr.value.clone(),
                line: line_of(source, attr.span()),
            });
        } else if let Some(block) = structure.as_block() {
            parsed.blocks.push(Block {
                kind: block.ident.as_str().to_string(),
                labels: block.labels.iter().map(|l| l.as_str().to_string()).collect(),
            });
            let index = parsed.blocks.len() - 1;
            nested(parsed, file, source, &block.body, index);
        }
    }
}

fn nested(parsed: &mut Parsed, file: &str, source: &str, body: &Body, index: usize) {
    for structure in body.iter() {
        if let Some(attr) = structure.as_attribute() {
            parsed.attrs.push(Attr {
                file: file.to_string(),
                block: Some(index),
                key: attr.key.as_str().to_string(),
                value: attr.value.clone(),
                line: line_of(source, attr.span()),
            });
        } else if let Some(block) = structure.as_block() {
            nested(parsed, file, source, &block.body, index);
        }
    }
}

pub(super) fn problem(
    rule: &str,
    file: &str,
    line: Option<usize>,
    message: super::Bilingual,
    hint: super::Bilingual,
) -> Finding {
    Finding {
        rule_id: rule.to_string(),
        severity: Severity::Error,
        file: Some(file.to_string()),
        line,
        message,
        hint,
        source: "S-CN-AUTO".to_string(),
    }
}
