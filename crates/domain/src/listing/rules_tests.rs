//! Every rule in the embedded pack against a fixture that passes and one that fails,
//! a clean draft of every delivery type, and overrides.

use super::example::{all_deliveries, clean_draft, image};
use super::image::ImageFormat;
use super::model::Delivery;
use super::rule_fixtures::{fixtures, saas};
use super::rules::{Override, OverrideScope, Overrides, Pack, Severity};
use crate::site::Site;

#[test]
fn every_rule_has_a_passing_and_a_failing_fixture() {
    let pack = Pack::embedded();
    let table = fixtures();
    for rule in &pack.rules {
        assert!(
            table.iter().any(|(id, _, _)| *id == rule.id),
            "rule {} needs a fixture",
            rule.id
        );
    }
    for (id, base, breaker) in table {
        let rule = pack
            .rule(id)
            .unwrap_or_else(|| panic!("fixture {id} names a rule of the pack"));
        let good = base();
        assert!(rule.applies_to(&good), "{id} applies to its fixture");
        let report = pack.check(&good, &Overrides::default());
        assert!(
            !report.rule_ids().contains(&id),
            "{id} accepts its passing fixture: {:?}",
            report.issues
        );
        let mut bad = good.clone();
        breaker(&mut bad);
        let report = pack.check(&bad, &Overrides::default());
        assert!(
            report.rule_ids().contains(&id),
            "{id} flags its failing fixture; got {:?}",
            report.rule_ids()
        );
    }
}

#[test]
fn a_clean_draft_of_every_delivery_type_has_no_issues() {
    let pack = Pack::embedded();
    for delivery in all_deliveries() {
        let draft = clean_draft(delivery.clone());
        let report = pack.check(&draft, &Overrides::default());
        assert!(
            report.issues.is_empty(),
            "{delivery:?} should be clean, got {:?}",
            report.rule_ids()
        );
        assert_eq!(report.pack_version, pack.version, "the report names the pack version");
    }
}

#[test]
fn issues_point_at_the_exact_field_and_carry_source_and_hint() {
    let pack = Pack::embedded();
    let mut d = saas();
    d.main_images.push(image("b.png", ImageFormat::Png, 1024, 768));
    d.specs[0].trial_days = Some(2);
    let report = pack.check(&d, &Overrides::default());
    let fields: Vec<&str> = report.issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(
        fields,
        ["main_images[1]", "specs[0].trial_days"],
        "issues name the exact element"
    );
    let issue = &report.issues[0];
    assert!(issue.source.starts_with("https://") && !issue.hint.en.is_empty() && !issue.hint.zh_cn.is_empty());
    assert!(report.has_errors(), "the trial rule is an error");
}

#[test]
fn the_superlative_family_is_marked_heuristic_and_the_four_words_official() {
    let pack = Pack::embedded();
    let mut d = saas();
    d.overview = "国家级的顶级方案".into();
    let report = pack.check(&d, &Overrides::default());
    let find = |id: &str| report.issues.iter().find(|i| i.rule_id == id).unwrap();
    assert!(
        !find("content.absolute-words").heuristic,
        "the doc's four words are official"
    );
    let family = find("content.superlatives");
    assert!(
        family.heuristic && family.severity == Severity::Warning,
        "the inferred family is a heuristic warning"
    );
}

#[test]
fn overrides_switch_off_or_lower_and_stay_visible() {
    let pack = Pack::embedded();
    let mut d = saas();
    d.version = "First Version".into();
    d.highlights.push("唯一的选择".into());
    let mut global = Overrides::default();
    global.rules.insert("content.superlatives".into(), Override::Off);
    global
        .rules
        .insert("version.refused".into(), Override::Severity(Severity::Info));
    let report = pack.check(&d, &global);
    assert!(
        !report.rule_ids().contains(&"content.superlatives"),
        "a rule switched off reports nothing"
    );
    let off = &report.suppressed[0];
    assert_eq!(
        (off.rule_id.as_str(), off.scope, off.would_report),
        ("content.superlatives", OverrideScope::Global, 1)
    );
    let v = report.issues.iter().find(|i| i.rule_id == "version.refused").unwrap();
    assert_eq!(
        (v.severity, v.pack_severity, v.overridden),
        (Severity::Info, Severity::Error, Some(OverrideScope::Global))
    );

    // The draft's own override wins over the global one, and cannot raise a severity.
    d.overrides
        .rules
        .insert("version.refused".into(), Override::Severity(Severity::Warning));
    d.overrides
        .rules
        .insert("content.superlatives".into(), Override::Severity(Severity::Error));
    let report = pack.check(&d, &global);
    let v = report.issues.iter().find(|i| i.rule_id == "version.refused").unwrap();
    assert_eq!(
        (v.severity, v.overridden),
        (Severity::Warning, Some(OverrideScope::Draft)),
        "draft override wins"
    );
    let s = report
        .issues
        .iter()
        .find(|i| i.rule_id == "content.superlatives")
        .unwrap();
    assert_eq!(
        (s.severity, s.overridden),
        (Severity::Warning, None),
        "an override never raises a severity"
    );
    assert!(
        report.suppressed.is_empty(),
        "the draft turned the rule back on with its own override"
    );
}

#[test]
fn a_draft_records_the_pack_version_that_checked_it() {
    let pack = Pack::embedded();
    let mut d = saas();
    let report = pack.check(&d, &Overrides::default());
    d.record_check(&report);
    assert_eq!(d.checked_with_pack.as_deref(), Some(pack.version.as_str()));
    assert!(
        pack.version.starts_with("2026."),
        "the embedded pack is versioned: {}",
        pack.version
    );
}

#[test]
fn rules_apply_only_to_their_sites_types_and_labels() {
    let pack = Pack::embedded();
    let mut d = saas();
    d.after_sales.service_time = Default::default();
    d.sites = vec![Site::Cn];
    let ids = pack.check(&d, &Overrides::default()).rule_ids().join(",");
    assert!(
        !ids.contains("after-sales.service-time"),
        "the 5×8 + time-zone rule is EN/EU only: {ids}"
    );
    assert!(
        ids.contains("after-sales.complete"),
        "the four items are required on CN too: {ids}"
    );
    d.sites = vec![Site::Eu];
    let ids = pack.check(&d, &Overrides::default()).rule_ids().join(",");
    assert!(
        ids.contains("after-sales.service-time"),
        "EU checks service time: {ids}"
    );

    let consulting = clean_draft(Delivery::Consulting {
        seller_url: "https://acme.example".into(),
    });
    let rule = pack.rule("agreement.required").unwrap();
    assert!(
        !rule.applies_to(&consulting),
        "consulting is not traded, so it needs no agreement"
    );
    let kunpeng = pack.rule("kunpeng.certificate").unwrap();
    assert!(!kunpeng.applies_to(&saas()), "label rules skip unlabelled drafts");
}

#[test]
fn relation_endings_are_checked_per_relation_in_either_language_and_case() {
    use super::model::{Relation, RelationKind};
    let pack = Pack::embedded();
    let cases = [
        (RelationKind::ServiceForSoftware, "Acme Backup Migration service", true),
        (RelationKind::ServiceForSoftware, "Acme 备份配套服务", true),
        (RelationKind::ServiceForSoftware, "Acme 备份迁移服务", false),
        (RelationKind::ServiceForSoftware, "Acme Backup Migration", false),
        (RelationKind::LicenseEdition, "Acme Backup Independent Deployment", true),
        (RelationKind::LicenseEdition, "Acme 备份 独立部署", false),
        (RelationKind::LicenseEdition, "Acme Backup SaaS", false),
        (RelationKind::SaasEdition, "Acme Backup saas", true),
    ];
    for (kind, name, ok) in cases {
        let mut d = saas();
        super::rule_fixtures::rename(&mut d, name);
        d.relation = Some(Relation {
            kind,
            related_product: "Acme Backup".into(),
        });
        let flagged = pack
            .check(&d, &Overrides::default())
            .rule_ids()
            .contains(&"name.relation-pattern");
        assert_eq!(
            flagged,
            !ok,
            "{kind:?} named \"{name}\" should {}be accepted",
            if ok { "" } else { "not " }
        );
    }
    let mut unrelated = saas();
    super::rule_fixtures::rename(&mut unrelated, "Acme Backup");
    assert!(
        !pack
            .check(&unrelated, &Overrides::default())
            .rule_ids()
            .contains(&"name.relation-pattern"),
        "a product with no relation has no naming pattern to follow"
    );
}
