//! The template-pack rules, each a function of the parsed pack (see `mod.rs` for the
//! sources and why each has its severity).

use super::parse::{Attr, Parsed};
use super::{text, Finding, REQUIRED_FILES};
use crate::listing::rules::{Bilingual, Severity};
use hcl::edit::expr::Expression;
use std::collections::BTreeMap;

pub(super) const BEST_PRACTICE: &str = "自动部署最佳实践";

pub(super) fn finding(
    rule: &str,
    severity: Severity,
    at: Option<(&str, Option<usize>)>,
    message: Bilingual,
    hint: Bilingual,
    source: &str,
) -> Finding {
    Finding {
        rule_id: rule.to_string(),
        severity,
        file: at.map(|(f, _)| f.to_string()),
        line: at.and_then(|(_, l)| l),
        message,
        hint,
        source: source.to_string(),
    }
}

pub(super) fn pack_too_large(files: usize, bytes: usize) -> Finding {
    finding(
        "template.pack.too_large",
        Severity::Error,
        None,
        text(
            format!(
                "the pack has {files} files and {bytes} bytes; a template pack may have at most {} files and {} bytes",
                super::MAX_FILES,
                super::MAX_PACK_BYTES
            ),
            format!(
                "模板包有 {files} 个文件、{bytes} 字节，最多 {} 个文件、{} 字节",
                super::MAX_FILES,
                super::MAX_PACK_BYTES
            ),
        ),
        text(
            "Keep only the template's .tf files and .extension in the pack.",
            "模板包中只保留模板的 .tf 文件和 .extension。",
        ),
        "S-CN-AUTO",
    )
}

pub(super) fn missing_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<Finding> {
    let mut out: Vec<Finding> = REQUIRED_FILES
        .iter()
        .filter(|f| !files.contains_key(**f))
        .map(|f| {
            finding(
                "template.file.missing",
                Severity::Error,
                Some((f, None)),
                text(format!("{f} is missing"), format!("缺少 {f}")),
                text(
                    "A template pack has main.tf, variables.tf, outputs.tf, providers.tf and versions.tf.",
                    "模板包须包含 main.tf、variables.tf、outputs.tf、providers.tf 和 versions.tf。",
                ),
                "S-CN-AUTO, S-CN-ASSETTF",
            )
        })
        .collect();
    if !files.contains_key(".extension") {
        out.push(finding(
            "template.file.extension",
            Severity::Warning,
            Some((".extension", None)),
            text(".extension is missing", "缺少 .extension"),
            text(
                "The reference lists .extension among the template files; its content is not described — check the asset-center page.",
                "资料将 .extension 列为模板文件之一，但未说明其内容——请对照资产中心页面。",
            ),
            "S-CN-ASSETTF",
        ));
    }
    out
}

pub(super) fn rules(parsed: &Parsed) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(credentials(parsed));
    out.extend(region(parsed));
    out.extend(hard_coded(parsed));
    out.extend(asset(parsed));
    out.extend(super::guidance::notes(parsed));
    out
}

/// The literal text of a plain string value (`"s6.large.2"`), if that is what it is.
fn literal(value: &Expression) -> Option<&str> {
    match value {
        Expression::String(s) => Some(s.value().as_str()),
        _ => None,
    }
}

fn at(attr: &Attr) -> Option<(&str, Option<usize>)> {
    Some((attr.file.as_str(), attr.line))
}

/// A Huawei Cloud access key id: 20 upper-case letters and digits, both present.
fn looks_like_access_key(s: &str) -> bool {
    s.len() == 20
        && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes().any(|b| b.is_ascii_uppercase())
}

/// A secret access key: 40 letters and digits, mixed case.
fn looks_like_secret_key(s: &str) -> bool {
    s.len() == 40
        && s.bytes().all(|b| b.is_ascii_alphanumeric())
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && s.bytes().any(|b| b.is_ascii_uppercase())
}

const KEY_NAMES: [&str; 6] = ["access_key", "secret_key", "security_token", "ak", "sk", "token"];

fn credentials(parsed: &Parsed) -> Vec<Finding> {
    let mut out = Vec::new();
    for attr in &parsed.attrs {
        let key = attr.key.to_ascii_lowercase();
        let named = KEY_NAMES.contains(&key.as_str());
        let value = literal(&attr.value);
        let shaped = value.is_some_and(|v| looks_like_access_key(v) || looks_like_secret_key(v));
        let in_provider = parsed.block_of(attr).is_some_and(|b| b.kind == "provider");
        if (named && value.is_some_and(|v| !v.is_empty())) || shaped {
            let shown = value.map(mask).unwrap_or_default();
            out.push(finding(
                "template.credentials",
                Severity::Error,
                at(attr),
                text(
                    format!("{} holds a credential ({shown})", attr.key),
                    format!("{} 中写有凭证（{shown}）", attr.key),
                ),
                text(
                    "Remove the key: RFS deploys through the buyer's agency, and a key in a template reaches every buyer. Delete it in IAM now if it was real.",
                    "请删除密钥：RFS 通过买家的委托部署，写在模板里的密钥会交给每个买家。若为真实密钥，请立即在 IAM 中删除。",
                ),
                "reference §10 (mkp_agency_trust)",
            ));
        } else if named && in_provider {
            out.push(finding(
                "template.credentials.variable",
                Severity::Warning,
                at(attr),
                text(
                    format!("the provider asks for {}", attr.key),
                    format!("provider 要求填写 {}", attr.key),
                ),
                text(
                    "Leave keys out of the provider block: RFS supplies the credentials of the buyer's agency.",
                    "provider 中不要配置密钥：RFS 使用买家委托的凭证。",
                ),
                "reference §10 (mkp_agency_trust)",
            ));
        }
    }
    out
}

/// Shows the first four characters only, so the report itself does not leak the key.
fn mask(value: &str) -> String {
    let head: String = value.chars().take(4).collect();
    format!("{head}…, {} characters", value.chars().count())
}

fn region(parsed: &Parsed) -> Vec<Finding> {
    let mut out = Vec::new();
    for attr in parsed.attrs.iter().filter(|a| a.key == "region") {
        if let Some(value) = literal(&attr.value) {
            out.push(finding(
                "template.region.literal",
                Severity::Warning,
                at(attr),
                text(
                    format!("region is fixed to \"{value}\""),
                    format!("region 固定为“{value}”"),
                ),
                text(
                    "Declare variable \"region\" in variables.tf and use var.region, so one template deploys in every region the product is sold in.",
                    "请在 variables.tf 中声明 variable \"region\" 并使用 var.region，使同一模板可在商品售卖的各个区域部署。",
                ),
                BEST_PRACTICE,
            ));
        }
    }
    let declared = parsed.blocks.iter().any(|b| {
        b.kind == "variable"
            && b.labels
                .first()
                .is_some_and(|l| l.to_ascii_lowercase().contains("region"))
    });
    if !declared {
        out.push(finding(
            "template.region.variable",
            Severity::Warning,
            Some(("variables.tf", None)),
            text("no region variable is declared", "未声明区域变量"),
            text(
                "Add variable \"region\" to variables.tf and pass it to the provider.",
                "请在 variables.tf 中添加 variable \"region\" 并传给 provider。",
            ),
            BEST_PRACTICE,
        ));
    }
    out
}

/// ECS flavors and availability zones written as text instead of chosen by a data
/// source: a sold-out flavor or a zone missing in the buyer's region fails the deployment.
fn hard_coded(parsed: &Parsed) -> Vec<Finding> {
    let mut out = Vec::new();
    for attr in &parsed.attrs {
        let Some(block) = parsed.block_of(attr) else { continue };
        if block.kind != "resource" {
            continue;
        }
        let Some(value) = literal(&attr.value) else { continue };
        let ecs = block.labels.first().is_some_and(|t| t.contains("compute_instance"));
        let (rule, en, zh, hint_en, hint_zh) = match attr.key.as_str() {
            "flavor_id" | "flavor_name" | "flavor" if ecs => (
                "template.flavor.literal",
                format!("the ECS flavor is fixed to \"{value}\""),
                format!("ECS 规格固定为“{value}”"),
                "Choose the flavor with data \"huaweicloud_compute_flavors\" (by vCPUs, memory and zone) and fall back to a second choice with try() or coalesce(), so a sold-out flavor does not fail the deployment.",
                "请使用 data \"huaweicloud_compute_flavors\"（按 vCPU、内存、可用区）选择规格，并用 try() 或 coalesce() 设置备选，避免规格售罄导致部署失败。",
            ),
            "availability_zone" => (
                "template.az.literal",
                format!("the availability zone is fixed to \"{value}\""),
                format!("可用区固定为“{value}”"),
                "Take the zone from data \"huaweicloud_availability_zones\", so the template works in every region.",
                "请从 data \"huaweicloud_availability_zones\" 获取可用区，使模板适用于各个区域。",
            ),
            _ => continue,
        };
        out.push(finding(
            rule,
            Severity::Warning,
            at(attr),
            text(en, zh),
            text(hint_en, hint_zh),
            BEST_PRACTICE,
        ));
    }
    out
}

/// The asset id, type and version are referenced in the template (S-CN-ASSETTF). The
/// names are not given, so any spelling with or without `_` or `-` counts.
fn asset(parsed: &Parsed) -> Vec<Finding> {
    let all: String = parsed
        .texts
        .values()
        .flat_map(|t| t.chars())
        .filter(|c| *c != '_' && *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    let missing: Vec<&str> = [("assetid", "id"), ("assettype", "type"), ("assetversion", "version")]
        .into_iter()
        .filter(|(needle, _)| !all.contains(needle))
        .map(|(_, part)| part)
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let list = missing.join(", ");
    vec![finding(
        "template.asset.reference",
        Severity::Warning,
        Some(("main.tf", None)),
        text(
            format!("the template does not reference the asset's {list}"),
            format!("模板未引用资产的 {list}"),
        ),
        text(
            "Reference the software package's asset id, type and version from the Asset Center (for example as variables asset_id, asset_type, asset_version).",
            "请引用资产中心中软件包的资产 ID、类型和版本（例如变量 asset_id、asset_type、asset_version）。",
        ),
        "S-CN-ASSETTF",
    )]
}
