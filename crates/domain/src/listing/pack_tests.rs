//! Loading: drafts through TOML, broken packs named in plain words, the embedded pack's hygiene.

use super::example::{all_deliveries, clean_draft};
use super::model::Draft;
use super::rules::{Override, Pack, PackError, Severity};

#[test]
fn drafts_round_trip_through_toml() {
    for delivery in all_deliveries() {
        let mut d = clean_draft(delivery);
        d.overrides.rules.insert("content.superlatives".into(), Override::Off);
        d.overrides
            .rules
            .insert("version.format".into(), Override::Severity(Severity::Info));
        let text = toml::to_string(&d).unwrap_or_else(|e| panic!("{:?} serialises: {e}", d.delivery));
        let back: Draft = toml::from_str(&text).unwrap_or_else(|e| panic!("reads back: {e}\n{text}"));
        assert_eq!(back, d, "a draft survives listing.toml unchanged");
    }
}

fn minimal_rule(extra: &str) -> String {
    format!(
        "version = \"t\"\n[[rule]]\nid = \"logo.dimensions\"\ncheck = \"image_exact_size\"\nseverity = \"error\"\n\
         field = \"logo\"\ntypes = [\"all\"]\nsites = [\"cn\"]\nofficial = true\nsource = \"https://x\"\n\
         message = {{ zh-CN = \"m\", en = \"m\" }}\nhint = {{ zh-CN = \"h\", en = \"h\" }}\n{extra}"
    )
}

#[test]
fn broken_packs_are_named_in_plain_words() {
    let ok = minimal_rule("params = { slot = \"logo\", width = 120, height = 120 }");
    assert!(
        Pack::from_toml(&ok).is_ok(),
        "the minimal pack loads: {:?}",
        Pack::from_toml(&ok)
    );

    let wrong_type = minimal_rule("params = { slot = \"logo\", width = \"120\", height = 120 }");
    let err = Pack::from_toml(&wrong_type).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rule `logo.dimensions`: key `params.width` should be an integer but is a string"
    );

    let missing = minimal_rule("params = { slot = \"logo\", width = 120 }");
    assert_eq!(
        Pack::from_toml(&missing).unwrap_err().to_string(),
        "rule `logo.dimensions`: key `params.height` is missing"
    );

    let bad_check = minimal_rule("params = {}").replace("image_exact_size", "image_exact_sise");
    assert_eq!(
        Pack::from_toml(&bad_check).unwrap_err().to_string(),
        "rule `logo.dimensions`: key `check` has the value \"image_exact_sise\", which is not a known check",
        "a misspelt check is a load error, not a rule that never fires"
    );

    let bad_severity = minimal_rule("params = { slot = \"logo\", width = 120, height = 120 }")
        .replace("severity = \"error\"", "severity = \"fatal\"");
    assert_eq!(
        Pack::from_toml(&bad_severity).unwrap_err().to_string(),
        "rule `logo.dimensions`: key `severity` has the value \"fatal\", which is not error, warning or info"
    );

    let typo = minimal_rule("params = { field = \"overveiw\" }").replace("image_exact_size", "required");
    let text = Pack::from_toml(&typo).unwrap_err().to_string();
    assert!(
        text.contains("`params.field`") && text.contains("overveiw"),
        "a misspelt field is named: {text}"
    );

    let negative = minimal_rule("params = { slot = \"logo\", width = -1, height = 120 }");
    assert_eq!(
        Pack::from_toml(&negative).unwrap_err().to_string(),
        "rule `logo.dimensions`: key `params.width` has the value -1, which is not zero or more"
    );

    let bad_site =
        minimal_rule("params = { slot = \"logo\", width = 120, height = 120 }").replace("[\"cn\"]", "[\"mars\"]");
    let text = Pack::from_toml(&bad_site).unwrap_err().to_string();
    assert!(
        text.contains("`sites`") && text.contains("mars"),
        "bad site named: {text}"
    );

    let syntax = Pack::from_toml("version = \"t\"\n[[rule]\nid = 1").unwrap_err();
    assert!(
        matches!(syntax, PackError::Syntax(_)) && syntax.to_string().starts_with("the rule pack is not valid TOML")
    );

    let dup = format!("{ok}\n{}", &ok[ok.find("[[rule]]").unwrap()..]);
    assert_eq!(
        Pack::from_toml(&dup).unwrap_err(),
        PackError::Duplicate("logo.dimensions".into())
    );
}

#[test]
fn every_rule_of_the_embedded_pack_is_sourced_and_bilingual() {
    for rule in Pack::embedded().rules {
        assert!(rule.source.starts_with("https://"), "{} has a source URL", rule.id);
        assert!(
            !rule.message.zh_cn.is_empty() && !rule.message.en.is_empty(),
            "{} has both messages",
            rule.id
        );
        if !rule.official {
            assert!(rule.note.is_some(), "heuristic {} explains itself in a note", rule.id);
        }
    }
}
