//! The documented shapes as data: activities by charging mode, fields with lengths,
//! result codes in both languages, and the field checker both sides rely on.

use gallerist_domain::produce::spec::{self, field_problems, Kind, Need, Problem};
use gallerist_domain::ChargingMode;
use serde_json::json;

#[test]
fn every_documented_activity_and_kit_path_is_present() {
    let names: Vec<_> = spec::ACTIVITIES.iter().map(|a| a.name).collect();
    assert_eq!(
        names,
        [
            "newInstance",
            "queryInstance",
            "refreshInstance",
            "updateInstanceStatus",
            "releaseInstance",
            "upgradeInstance",
            "changeInstanceCheck",
            "orderNotify"
        ]
    );
    let paths: Vec<_> = spec::KIT_SYNCS.iter().map(|k| k.path).collect();
    assert_eq!(
        paths,
        [
            "/produceAPI/v2/tenantSync",
            "/produceAPI/v2/applicationSync",
            "/produceAPI/v2/authSync",
            "/produceAPI/v2/singleOrgSync",
            "/produceAPI/v2/allOrgSync"
        ]
    );
    assert!(spec::ACTIVITIES.iter().all(|a| a.doc_url.starts_with("https://")));
    assert_eq!(spec::kit_sync("/produceAPI/v2/authSync").unwrap().name, "authSync");
    assert_eq!(spec::TIMESTAMP_WINDOW_MS, 60_000);
    assert_eq!(spec::ANSWER_BUDGET.as_secs(), 5);
}

#[test]
fn the_development_matrix_depends_on_the_charging_mode() {
    let required = |mode| -> Vec<&str> {
        spec::ACTIVITIES
            .iter()
            .filter(|a| a.need.required_for(mode))
            .map(|a| a.name)
            .collect()
    };
    assert_eq!(
        required(ChargingMode::OnDemand),
        ["newInstance", "queryInstance", "releaseInstance"]
    );
    assert_eq!(
        required(ChargingMode::Period),
        [
            "newInstance",
            "queryInstance",
            "refreshInstance",
            "updateInstanceStatus",
            "releaseInstance"
        ]
    );
    assert!(!Need::PeriodOptional.applies_to(ChargingMode::OneTime));
    assert!(Need::PeriodOptional.applies_to(ChargingMode::Period));
}

#[test]
fn result_codes_carry_english_and_chinese() {
    let auth = spec::result_code("000001").unwrap();
    assert_eq!((auth.en, auth.zh), ("authentication failed", "鉴权失败"));
    assert!(spec::RESULT_CODES.iter().all(|c| !c.zh.is_empty() && c.zh != c.en));
    assert!(spec::result_code("999999").is_none());
}

#[test]
fn a_conforming_query_answer_has_no_problems() {
    let answer = json!({
        "resultCode": "000000",
        "resultMsg": "ok",
        "info": [{
            "instanceId": "i-1",
            "appInfo": {"frontEndUrl": "https://app.example.com", "memo": "备注"},
            "usageInfo": [{"usageValue": 1.5, "statisticalTime": "20260101000000000"}]
        }]
    });
    let fields = spec::activity("queryInstance").unwrap().response;
    assert_eq!(field_problems(fields, &answer), []);
}

#[test]
fn missing_wrong_typed_and_over_long_fields_are_named_at_their_concrete_path() {
    let answer = json!({
        "resultCode": "000000",
        "info": [
            {"instanceId": "i-1"},
            {"instanceId": 7, "appInfo": {"frontEndUrl": "x".repeat(513)}, "usageInfo": [{"usageValue": "1"}]}
        ]
    });
    let fields = spec::activity("queryInstance").unwrap().response;
    let problems = field_problems(fields, &answer);
    let named: Vec<_> = problems.iter().map(|p| (p.path.as_str(), p.problem.clone())).collect();
    assert_eq!(
        named,
        [
            ("info[1].instanceId", Problem::WrongType { expected: Kind::String }),
            ("info[1].appInfo.frontEndUrl", Problem::TooLong { len: 513, max: 512 }),
            (
                "info[1].usageInfo[0].usageValue",
                Problem::WrongType { expected: Kind::Double }
            ),
            ("info[1].usageInfo[0].statisticalTime", Problem::Missing),
        ]
    );
    assert!(problems[1].en().contains("513 characters"), "{}", problems[1].en());
    assert!(problems[1].zh().contains("最长 512"), "{}", problems[1].zh());
}

#[test]
fn a_create_answer_without_instance_id_is_missing_it_and_characters_not_bytes_are_counted() {
    let fields = spec::activity("newInstance").unwrap().response;
    let problems = field_problems(fields, &json!({"resultCode": "000000"}));
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].path.as_str(), &problems[0].problem),
        ("instanceId", &Problem::Missing)
    );
    let cjk = json!({"resultCode": "000000", "instanceId": "实".repeat(64)});
    assert_eq!(field_problems(fields, &cjk), [], "64 characters fit even at 192 bytes");
}
