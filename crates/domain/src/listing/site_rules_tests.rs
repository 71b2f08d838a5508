//! Each rule is exactly as strict as the site whose documents state it: an error where
//! a source says so, a heuristic warning where the rule is our reading of another
//! site's text, and nothing where a site's own source allows what the rule refuses.

use super::example::{clean_draft, image};
use super::image::ImageFormat;
use super::model::{BillingMode, Delivery, Draft, Label};
use super::rule_fixtures::{labelled, rename, saas};
use super::rules::{Issue, Overrides, Pack, Severity};
use crate::site::Site;

fn issue<'a>(report: &'a [Issue], id: &str) -> Option<&'a Issue> {
    report.iter().find(|i| i.rule_id == id)
}

fn on(mut d: Draft, sites: &[Site]) -> Draft {
    d.sites = sites.to_vec();
    d
}

fn check(d: &Draft) -> Vec<Issue> {
    Pack::embedded().check(d, &Overrides::default()).issues
}

#[test]
fn en_eu_name_rules_are_errors_there_and_a_marked_reading_on_cn() {
    for (id, name) in [
        ("name.no-price", "Acme 备份 99元"),
        ("name.no-version", "Acme Backup V2"),
        ("name.no-phone", "Acme 备份 400-123-4567"),
        ("name.no-marketing-words", "Acme Backup Free"),
    ] {
        let mut d = saas();
        rename(&mut d, name);
        let cn = check(&on(d.clone(), &[Site::Cn]));
        let found = issue(&cn, id).unwrap_or_else(|| panic!("{id} still looks at a CN draft"));
        assert_eq!(
            (found.severity, found.heuristic),
            (Severity::Warning, true),
            "{id} on CN is a reading of the EN/EU docs, not a stated CN rule"
        );
        for sites in [&[Site::Intl][..], &[Site::Cn, Site::Eu]] {
            let report = check(&on(d.clone(), sites));
            let found = issue(&report, id).unwrap();
            assert_eq!(
                (found.severity, found.heuristic),
                (Severity::Error, false),
                "{id} is stated for {sites:?}"
            );
        }
    }
}

#[test]
fn a_jpeg_logo_is_a_warning_on_cn_and_an_error_where_png_is_stated() {
    let mut d = saas();
    d.logo = Some(image("logo.jpg", ImageFormat::Jpeg, 120, 120));
    let cn = check(&on(d.clone(), &[Site::Cn]));
    assert_eq!(issue(&cn, "logo.format").map(|i| i.severity), Some(Severity::Warning));
    let intl = check(&on(d, &[Site::Intl]));
    assert_eq!(issue(&intl, "logo.format").map(|i| i.severity), Some(Severity::Error));
}

#[test]
fn the_invented_chinese_name_endings_are_gone_and_the_cn_one_is_accepted() {
    use super::model::{Relation, RelationKind};
    let mut d = on(saas(), &[Site::Cn]);
    d.relation = Some(Relation {
        kind: RelationKind::ServiceForSoftware,
        related_product: "Acme 备份".into(),
    });
    rename(&mut d, "Acme 备份配套服务");
    assert!(
        issue(&check(&d), "name.relation-pattern").is_none(),
        "XXX配套服务 is the CN guide's own form"
    );
    rename(&mut d, "Acme 备份迁移服务");
    let cn = check(&d);
    assert_eq!(
        issue(&cn, "name.relation-pattern").map(|i| i.severity),
        Some(Severity::Warning),
        "no source gives a bare 服务 ending; on CN the pattern is a reading"
    );
}

#[test]
fn v1_is_only_a_style_warning_and_the_documented_wrong_forms_are_errors() {
    let mut d = saas();
    d.version = "V1".into();
    let report = check(&d);
    assert!(issue(&report, "version.refused").is_none(), "no source refuses V1");
    let style = issue(&report, "version.format").expect("V1 is not V1.0 style");
    assert_eq!((style.severity, style.heuristic), (Severity::Warning, true));
    for bad in ["v0.1", "First Version", "Initial Version", "初始版本"] {
        d.version = bad.into();
        let found = issue(&check(&d), "version.refused").map(|i| i.severity);
        assert_eq!(found, Some(Severity::Error), "{bad} is a form the page names as wrong");
    }
}

#[test]
fn a_main_image_of_another_size_is_a_warning_not_an_error() {
    let mut d = saas();
    d.main_images.push(image("b.png", ImageFormat::Png, 1024, 768));
    let report = check(&d);
    let found = issue(&report, "main-images.dimensions").expect("the size is still pointed out");
    assert_eq!((found.severity, found.heuristic), (Severity::Warning, true));
}

#[test]
fn yearly_monthly_images_pass_on_cn_and_are_a_warning_on_the_international_sites() {
    let mut d = clean_draft(Delivery::Image);
    d.specs[0].billing = BillingMode::YearlyMonthly;
    d.specs[0].skus[0].price.minor = 100;
    let cn = check(&on(d.clone(), &[Site::Cn]));
    assert!(
        !cn.iter().any(|i| i.rule_id.starts_with("sku.billing-mode")),
        "a CN FAQ covers 包年包月镜像: {cn:?}"
    );
    let intl = check(&on(d, &[Site::Intl]));
    let found = issue(&intl, "sku.billing-mode-image").expect("the EN/EU list is pointed out");
    assert_eq!((found.severity, found.heuristic), (Severity::Warning, true));
}

#[test]
fn hybrid_cloud_and_iot_must_be_said_in_both_the_overview_and_the_description() {
    for (label, id) in [
        (Label::HybridCloud, "hybrid-cloud.mentioned"),
        (Label::Iot, "iot.mentioned"),
    ] {
        let mut d = labelled(label);
        assert!(issue(&check(&d), id).is_none(), "{id}: both fields mention it");
        d.description = clean_draft(d.delivery.clone()).description;
        let report = check(&d);
        let fields: Vec<&str> = report
            .iter()
            .filter(|i| i.rule_id == id)
            .map(|i| i.field.as_str())
            .collect();
        assert_eq!(fields, ["description"], "{id}: the overview alone is not enough");
    }
}

#[test]
fn every_error_is_stated_somewhere_and_every_reading_says_so() {
    let pack = Pack::embedded();
    for rule in &pack.rules {
        let note = rule.note.as_deref().unwrap_or("");
        if !rule.official {
            assert!(
                rule.severity <= Severity::Warning,
                "{}: a heuristic is at most a warning",
                rule.id
            );
        }
        if rule.stated_on.len() < rule.sites.len() {
            assert!(
                note.contains("reading, not a stated rule"),
                "{}: a rule applied beyond the sites that state it says so in its note",
                rule.id
            );
        }
        if rule.severity == Severity::Warning && !rule.official && !note.contains("HEURISTIC") {
            assert!(
                note.contains("reading, not a stated rule"),
                "{}: an unofficial warning says why it is not an error: {note}",
                rule.id
            );
        }
    }
}
