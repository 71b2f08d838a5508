//! Auto-deployment template packs (自动部署): the Terraform files KooGallery's
//! Resource Formation Service (RFS) runs when a buyer deploys a product, checked before
//! the seller uploads them.
//!
//! WHY: the online template test creates real, billed resources (reference §2,
//! S-CN-AUTO), and a template that fails there — a file missing, a flavor sold out in
//! the buyer's region, a key left in the provider block — costs a review round and
//! money. Gallerist reads the pack the way RFS will: every file parsed with a real HCL
//! parser (`hcl-rs`, whose `hcl-edit` parser keeps byte spans, so each finding names
//! its file and line), and then the rules below.
//!
//! What the sources say and how strictly it is applied (an error only where a source
//! says so):
//! - the files: `main.tf`, `variables.tf`, `outputs.tf`, `providers.tf`, `versions.tf`
//!   (S-CN-AUTO, S-CN-ASSETTF) — missing one is an error; `.extension` is listed there
//!   too but its content is not described, so its absence is a warning;
//! - the asset's id, type and version are referenced in the template (S-CN-ASSETTF): the
//!   reference does not give the names used, so a missing reference is a warning;
//! - no credentials: an access or secret key in the template is an error — RFS deploys
//!   through the buyer's agency (`mkp_agency_trust`, reference §10), and a key in a
//!   template is handed to every buyer;
//! - region as a variable, ECS flavors and availability zones by data source with a
//!   fallback (自动部署最佳实践): best practice, not a listing rule — warnings. The
//!   reference found no multi-region rule (§2), so nothing here refuses a template for it;
//! - guidance (info): the template test is billed; the best-practice page's SQL Server
//!   initialisation note when the template declares SQL Server; its coupon / discount note.
//!
//! Pure and IO-free: the input is a map of file name → bytes, size limits are checked
//! before anything is parsed, and files too large or not UTF-8 are reported, not read.

mod checks;
mod guidance;
mod parse;

#[cfg(test)]
mod deploy_tests;

use crate::listing::rules::{Bilingual, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The files every template pack carries (S-CN-AUTO, S-CN-ASSETTF).
pub const REQUIRED_FILES: [&str; 5] = ["main.tf", "variables.tf", "outputs.tf", "providers.tf", "versions.tf"];
/// One `.tf` file above this is not parsed (templates are text; 1 MiB is generous).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The whole pack above this is refused before any file is parsed.
pub const MAX_PACK_BYTES: usize = 8 * 1024 * 1024;
/// More files than this is not a template pack.
pub const MAX_FILES: usize = 200;

/// One problem or note about a template pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    pub severity: Severity,
    /// The file the finding is about, when it is about one.
    pub file: Option<String>,
    /// One-based line in `file`, when the parser gives it.
    pub line: Option<usize>,
    pub message: Bilingual,
    pub hint: Bilingual,
    pub source: String,
}

/// Every finding of one pack, in file order then line order, and the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateReport {
    pub findings: Vec<Finding>,
    /// No error: the pack can go to the online template test.
    pub passed: bool,
}

impl TemplateReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    pub fn has(&self, rule_id: &str) -> bool {
        self.findings.iter().any(|f| f.rule_id == rule_id)
    }
}

/// Whether a folder's file names look like a template pack: it holds `main.tf` and
/// at least one other required file.
pub fn looks_like_template<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    let names: Vec<&str> = names.into_iter().collect();
    names.contains(&"main.tf") && REQUIRED_FILES.iter().filter(|f| names.contains(f)).count() >= 2
}

/// Checks a template pack given as file name (relative, `/`-separated) → bytes.
pub fn check_template(files: &BTreeMap<String, Vec<u8>>) -> TemplateReport {
    let mut findings = Vec::new();
    let total: usize = files.values().map(Vec::len).sum();
    if files.len() > MAX_FILES || total > MAX_PACK_BYTES {
        findings.push(checks::pack_too_large(files.len(), total));
        return finish(findings);
    }
    findings.extend(checks::missing_files(files));
    let parsed = parse::parse_all(files, &mut findings);
    findings.extend(checks::rules(&parsed));
    finish(findings)
}

fn finish(mut findings: Vec<Finding>) -> TemplateReport {
    findings.sort_by(|a, b| (&a.file, a.line, &a.rule_id).cmp(&(&b.file, b.line, &b.rule_id)));
    let passed = !findings.iter().any(|f| f.severity == Severity::Error);
    TemplateReport { findings, passed }
}

pub(crate) fn text(en: impl Into<String>, zh: impl Into<String>) -> Bilingual {
    Bilingual {
        en: en.into(),
        zh_cn: zh.into(),
    }
}
