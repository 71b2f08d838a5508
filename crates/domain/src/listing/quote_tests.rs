//! Issues say what they found, in both languages, and keep their ids and paths for JSON.

use super::example::image_bytes;
use super::image::ImageFormat;
use super::model::{Asset, Draft};
use super::rule_fixtures::{consulting, fixtures, rename, saas};
use super::rules::{Issue, Overrides, Pack};

fn issue(d: &Draft, id: &str) -> Issue {
    let report = Pack::embedded().check(d, &Overrides::default());
    report
        .issues
        .into_iter()
        .find(|i| i.rule_id == id)
        .unwrap_or_else(|| panic!("{id} reports"))
}

#[test]
fn a_borrowed_huawei_cloud_name_is_quoted_in_both_languages() {
    let mut d = saas();
    rename(&mut d, "华为云 Acme 备份");
    let i = issue(&d, "name.no-huawei-cloud");
    assert!(i.message.zh_cn.starts_with("商品名称含“华为云”"), "{}", i.message.zh_cn);
    assert!(i.message.en.contains("contains \"华为云\""), "{}", i.message.en);
    assert_eq!(i.found.map(|f| f.en), Some("华为云".to_string()));
    assert_eq!(
        (i.rule_id.as_str(), i.field.as_str()),
        ("name.no-huawei-cloud", "name"),
        "ids stay for JSON"
    );
    rename(&mut d, "Acme HUAWEI cloud Backup");
    let i = issue(&d, "name.no-huawei-cloud");
    assert!(
        i.message.en.contains("\"HUAWEI cloud\""),
        "quoted as written: {}",
        i.message.en
    );
}

#[test]
fn a_version_is_quoted_with_the_form_it_should_take() {
    let mut d = saas();
    d.version = "1.0".into();
    let i = issue(&d, "version.format");
    assert_eq!(i.message.en, "Version \"1.0\" should look like V1.0.");
    assert_eq!(i.message.zh_cn, "商品版本“1.0”应写成 V1.0 这样的格式。");
}

#[test]
fn values_without_a_placeholder_are_appended_and_the_price_is_quoted() {
    let mut d = saas();
    rename(&mut d, "Acme 备份 99元");
    let i = issue(&d, "name.no-price");
    assert!(i.message.zh_cn.ends_with("（发现：“99元”）"), "{}", i.message.zh_cn);
    assert!(i.message.en.ends_with("(found: \"99元\")"), "{}", i.message.en);
    let mut c = consulting();
    c.specs = saas().specs;
    let price = c.specs[0].skus[0].price.to_string();
    let i = issue(&c, "consulting.no-prices");
    assert!(
        i.message.en.contains(&price) && i.message.zh_cn.contains(&price),
        "{price}: {:?}",
        i.message
    );
}

#[test]
fn a_damaged_image_is_quoted_with_its_file_and_problem_in_each_language() {
    let png = image_bytes(ImageFormat::Png, 800, 600);
    let mut d = saas();
    d.main_images.push(Asset::from_bytes("cut.png", &png[..png.len() - 12]));
    let i = issue(&d, "images.readable");
    assert_eq!(i.field, "main_images[1]");
    assert!(
        i.message.en.contains("cut.png: the PNG file is damaged"),
        "{}",
        i.message.en
    );
    assert!(
        i.message.zh_cn.contains("cut.png：PNG 文件已损坏"),
        "{}",
        i.message.zh_cn
    );
}

#[test]
fn nothing_to_quote_leaves_the_message_as_written() {
    let mut d = saas();
    d.overview.clear();
    let i = issue(&d, "overview.required");
    assert_eq!(
        (i.found, i.message),
        (
            None,
            Pack::embedded().rule("overview.required").unwrap().message.clone()
        )
    );
}

#[test]
fn a_message_with_a_placeholder_always_has_a_value_for_it() {
    let pack = Pack::embedded();
    for (id, base, breaker) in fixtures() {
        let rule = pack.rule(id).unwrap();
        if !rule.message.en.contains("{found}") {
            continue;
        }
        let mut d = base();
        breaker(&mut d);
        let i = issue(&d, id);
        assert!(
            i.found.is_some() && !i.message.en.contains("{found}"),
            "{id}: {:?}",
            i.message
        );
    }
}
