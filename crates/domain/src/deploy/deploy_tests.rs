//! Template packs: the two samples (one clean, one with a hard-coded flavor, region and
//! AK) with their verdicts, and each rule's edge.

use super::*;
use crate::listing::rules::Severity;

fn pack(files: &[(&str, &[u8])]) -> BTreeMap<String, Vec<u8>> {
    files.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect()
}

fn clean() -> BTreeMap<String, Vec<u8>> {
    pack(&[
        ("main.tf", include_bytes!("samples/clean/main.tf")),
        ("variables.tf", include_bytes!("samples/clean/variables.tf")),
        ("outputs.tf", include_bytes!("samples/clean/outputs.tf")),
        ("providers.tf", include_bytes!("samples/clean/providers.tf")),
        ("versions.tf", include_bytes!("samples/clean/versions.tf")),
        (".extension", include_bytes!("samples/clean/.extension")),
    ])
}

fn hard_coded() -> BTreeMap<String, Vec<u8>> {
    pack(&[
        ("main.tf", include_bytes!("samples/hardcoded/main.tf")),
        ("variables.tf", include_bytes!("samples/hardcoded/variables.tf")),
        ("outputs.tf", include_bytes!("samples/hardcoded/outputs.tf")),
        ("providers.tf", include_bytes!("samples/hardcoded/providers.tf")),
        ("versions.tf", include_bytes!("samples/hardcoded/versions.tf")),
    ])
}

fn find<'a>(report: &'a TemplateReport, rule: &str) -> Vec<&'a Finding> {
    report.findings.iter().filter(|f| f.rule_id == rule).collect()
}

#[test]
fn the_clean_sample_passes_with_guidance_only() {
    let report = check_template(&clean());
    assert!(report.passed, "{:#?}", report.findings);
    assert_eq!(report.count(Severity::Error), 0);
    assert_eq!(report.count(Severity::Warning), 0, "{:#?}", report.findings);
    assert!(
        report.has("template.guidance.test_billed"),
        "the billed template test is noted"
    );
    assert!(
        report.has("template.guidance.discounts"),
        "the coupon / discount note is there"
    );
    assert!(
        !report.has("template.guidance.sqlserver"),
        "no SQL Server, no SQL Server note"
    );
}

#[test]
fn the_hard_coded_sample_fails_on_its_keys_and_warns_on_flavor_zone_and_region() {
    let report = check_template(&hard_coded());
    assert!(!report.passed, "keys in the template fail the pack");

    let keys = find(&report, "template.credentials");
    assert_eq!(keys.len(), 2, "access key and secret key: {keys:#?}");
    assert!(keys
        .iter()
        .all(|f| f.severity == Severity::Error && f.file.as_deref() == Some("providers.tf")));
    assert_eq!(keys[0].line, Some(3), "the access key's line");
    assert!(
        keys[0].message.en.contains("HPUA…"),
        "quotes the start of the key: {}",
        keys[0].message.en
    );
    assert!(!keys[0].message.en.contains("HPUAEXAMPLE"), "but never the whole key");

    let flavor = find(&report, "template.flavor.literal");
    assert_eq!(flavor.len(), 1, "only the ECS flavor, not the RDS one: {flavor:#?}");
    assert_eq!((flavor[0].file.as_deref(), flavor[0].line), (Some("main.tf"), Some(3)));
    assert!(
        flavor[0].message.en.contains("\"s6.large.2\""),
        "{}",
        flavor[0].message.en
    );
    assert!(flavor[0].message.zh_cn.contains("s6.large.2"));
    assert!(flavor[0].hint.en.contains("huaweicloud_compute_flavors"));

    let zone = find(&report, "template.az.literal");
    assert_eq!((zone.len(), zone[0].line), (1, Some(4)));
    let region = find(&report, "template.region.literal");
    assert_eq!(region[0].line, Some(2));
    assert!(region[0].message.zh_cn.contains("cn-north-4"));
    assert!(report.has("template.region.variable"), "no region variable declared");
    assert!(report.has("template.asset.reference"), "no asset id/type/version");
    assert!(report.has("template.file.extension"), ".extension missing is a warning");
    assert!(
        report.has("template.guidance.sqlserver"),
        "SQL Server declared: its note"
    );
    for f in &report.findings {
        assert!(!f.message.en.is_empty() && !f.message.zh_cn.is_empty(), "{f:?}");
        assert!(!f.hint.en.is_empty() && !f.hint.zh_cn.is_empty(), "{f:?}");
        assert!(!f.source.is_empty(), "{f:?}");
        if matches!(
            f.rule_id.as_str(),
            "template.flavor.literal" | "template.az.literal" | "template.region.literal"
        ) {
            assert_eq!(
                f.severity,
                Severity::Warning,
                "best practice, not a listing rule: {f:?}"
            );
        }
    }
}

#[test]
fn a_missing_required_file_is_an_error_naming_it() {
    let mut files = clean();
    files.remove("outputs.tf");
    let report = check_template(&files);
    assert!(!report.passed);
    let missing = find(&report, "template.file.missing");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].file.as_deref(), Some("outputs.tf"));
    assert!(missing[0].message.zh_cn.contains("outputs.tf"));
}

#[test]
fn a_syntax_error_is_reported_with_its_line() {
    let mut files = clean();
    files.insert(
        "main.tf".into(),
        b"resource \"x\" \"y\" {\n  a = 1\n  b = \n}\n".to_vec(),
    );
    let report = check_template(&files);
    let parse = find(&report, "template.parse");
    assert_eq!(parse.len(), 1, "{:#?}", report.findings);
    assert_eq!(parse[0].file.as_deref(), Some("main.tf"));
    assert!(
        parse[0].line.is_some_and(|l| (3..=4).contains(&l)),
        "{:?}",
        parse[0].line
    );
    assert!(!report.passed);
}

#[test]
fn size_limits_are_checked_before_parsing() {
    let mut files = clean();
    files.insert("big.tf".into(), vec![b'#'; MAX_FILE_BYTES + 1]);
    let report = check_template(&files);
    assert!(report.has("template.file.too_large"));
    assert!(!report.has("template.parse"), "the oversized file is not parsed");

    let huge: BTreeMap<String, Vec<u8>> = (0..=MAX_FILES).map(|i| (format!("f{i}.tf"), Vec::new())).collect();
    let report = check_template(&huge);
    assert_eq!(report.findings.len(), 1, "too many files: one finding, nothing parsed");
    assert!(report.has("template.pack.too_large"));

    let mut binary = clean();
    binary.insert("main.tf".into(), vec![0xff, 0xfe, 0x00]);
    assert!(check_template(&binary).has("template.file.not_utf8"));
}

#[test]
fn a_provider_asking_for_keys_by_variable_is_a_warning_not_an_error() {
    let mut files = clean();
    files.insert(
        "providers.tf".into(),
        b"provider \"huaweicloud\" {\n  region     = var.region\n  access_key = var.ak\n}\n".to_vec(),
    );
    let report = check_template(&files);
    assert!(report.passed, "no key is written in the template");
    assert_eq!(find(&report, "template.credentials.variable").len(), 1);
}

#[test]
fn a_template_folder_is_recognised_by_its_files() {
    assert!(looks_like_template(["main.tf", "variables.tf", "README.md"]));
    assert!(!looks_like_template(["draft.json", "logo.png"]));
    assert!(
        !looks_like_template(["main.tf"]),
        "one .tf file is not yet a template pack"
    );
}
