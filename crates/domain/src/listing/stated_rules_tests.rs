//! Rules the sources state that earlier packs lacked: spec names, consulting products,
//! after-sales language per site, delivery duration, copyright files.

use super::model::{Delivery, Draft};
use super::rule_fixtures::{consulting, license, saas};
use super::rules::{Issue, Overrides, Pack, Severity};
use crate::site::Site;

fn issues(d: &Draft, id: &str) -> Vec<Issue> {
    let report = Pack::embedded().check(d, &Overrides::default());
    report.issues.into_iter().filter(|i| i.rule_id == id).collect()
}

#[test]
fn a_consulting_draft_with_prices_or_without_a_link_is_refused() {
    let mut d = consulting();
    d.specs = saas().specs;
    let found = issues(&d, "consulting.no-prices");
    assert_eq!(found.len(), 1, "one priced specification");
    assert_eq!(
        (found[0].field.as_str(), found[0].severity),
        ("specs[0].skus", Severity::Error)
    );
    d.delivery = Delivery::Consulting {
        seller_url: "acme.example".into(),
    };
    assert_eq!(
        issues(&d, "consulting.seller-link").len(),
        1,
        "a link needs its https://"
    );
}

#[test]
fn every_spec_name_is_checked_and_pointed_at() {
    let mut d = saas();
    let mut second = d.specs[0].clone();
    second.name = "华为云 专业版".into();
    d.specs.push(second);
    let found = issues(&d, "spec.name-no-huawei-cloud");
    assert_eq!(
        found.iter().map(|i| i.field.as_str()).collect::<Vec<_>>(),
        ["specs[1].name"]
    );
    d.specs[0].name = "标".repeat(50);
    assert!(issues(&d, "spec.name-length").is_empty(), "50 characters are allowed");
}

#[test]
fn the_delivery_duration_is_an_error_where_the_en_guides_ask_and_a_warning_on_cn() {
    let mut d = license();
    d.delivery_days = None;
    d.sites = vec![Site::Cn];
    assert_eq!(issues(&d, "delivery.average-days")[0].severity, Severity::Warning);
    d.sites = vec![Site::Intl];
    assert_eq!(issues(&d, "delivery.average-days")[0].severity, Severity::Error);
    d.delivery_days = Some(400);
    assert_eq!(
        issues(&d, "delivery.average-days").len(),
        1,
        "over a year is unrealistic"
    );
}

#[test]
fn english_support_is_asked_on_the_international_site_only() {
    let mut d = saas();
    d.after_sales.languages.clear();
    d.after_sales.content = "安装指导、故障排查".into();
    d.sites = vec![Site::Cn];
    assert!(issues(&d, "after-sales.english-intl").is_empty(), "CN asks no language");
    d.sites = vec![Site::Intl];
    assert_eq!(issues(&d, "after-sales.english-intl").len(), 1);
    d.after_sales.content.push_str("，提供中英文（英文）支持");
    assert!(
        issues(&d, "after-sales.english-intl").is_empty(),
        "said in the content when no languages are listed"
    );
    d.sites = vec![Site::Eu];
    d.after_sales.languages = vec!["de".into()];
    assert!(
        issues(&d, "after-sales.language-eu").is_empty(),
        "German is a local language in the EU"
    );
}

#[test]
fn a_kunpeng_image_outside_the_three_cn_regions_is_named_by_region() {
    let mut d = super::rule_fixtures::labelled(super::model::Label::Kunpeng);
    d.delivery = Delivery::Image;
    d.specs = super::example::clean_draft(Delivery::Image).specs;
    d.sales_regions = vec!["cn-north-4".into(), "ap-southeast-1".into()];
    let found = issues(&d, "kunpeng.image-regions");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, "sales_regions[1]");
    assert!(
        found[0].message.en.ends_with("(found: \"ap-southeast-1\")"),
        "{}",
        found[0].message.en
    );
}

#[test]
fn an_auto_deploy_draft_gets_the_delegation_checklist_item_naming_the_agencies() {
    let mut d = license();
    assert!(issues(&d, "auto-deploy.delegation").is_empty(), "no template, no item");
    d.auto_deploy_template = true;
    let found = issues(&d, "auto-deploy.delegation");
    assert_eq!(found.len(), 1);
    let item = &found[0];
    assert_eq!(item.severity, Severity::Info, "a checklist item, not a fault");
    assert!(item.source.starts_with("https://"), "{}", item.source);
    for text in [&item.message.en, &item.message.zh_cn] {
        assert!(
            text.contains("mkp_agency_trust") && text.contains("mkp_deployment_policy"),
            "{text}"
        );
    }
    for retired in [
        "mkp_ims_trust",
        "mkp_admin_trust",
        "mkp_rf_admin_trust",
        "mkp_obs_trust",
    ] {
        assert!(
            item.hint.en.contains(retired) && item.hint.zh_cn.contains(retired),
            "{retired}"
        );
    }
    d.delivery = Delivery::Consulting {
        seller_url: "https://acme.example".into(),
    };
    assert!(
        issues(&d, "auto-deploy.delegation").is_empty(),
        "only image and License products"
    );
}
