use super::*;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 8, 20, 0, 0, 0).unwrap()
}

fn record(sn: &str) -> UsageRecord {
    UsageRecord {
        instance_id: "7f141bf1-aec8-4859-8323-fb3a8ad50721".into(),
        record_time: "20220809T091000Z".into(),
        begin_time: "20220809T080000Z".into(),
        end_time: "20220809T090000Z".into(),
        usage_value: "99".into(),
        metering_sn: sn.into(),
        relate_pkg_instance: None,
    }
}

#[test]
fn the_self_computed_reference_vector_signs_the_sorted_body() {
    // koogallery-apis.md §4.2, marked [SELF-COMPUTED]: not an official Huawei vector.
    let body = UsagePush {
        usage_records: vec![record("sn-0001")],
    }
    .body();
    assert_eq!(
        body,
        r#"{"usage_records":[{"begin_time":"20220809T080000Z","end_time":"20220809T090000Z","instance_id":"7f141bf1-aec8-4859-8323-fb3a8ad50721","metering_sn":"sn-0001","record_time":"20220809T091000Z","usage_value":"99"}]}"#
    );
    let signature = body_signature("test-access-key-123", "1680508066618", "abc123", &body);
    assert_eq!(signature, "WsHgm+iXhZZeITXcWIs0mbkVVZbdQ33vkXYh8ZWW+Yo=");
    assert!(verify_body_signature(
        "test-access-key-123",
        "1680508066618",
        "abc123",
        &body,
        &signature
    ));
    assert!(!verify_body_signature(
        "test-access-key-124",
        "1680508066618",
        "abc123",
        &body,
        &signature
    ));
    assert!(!verify_body_signature(
        "test-access-key-123",
        "1680508066619",
        "abc123",
        &body,
        &signature
    ));
}

#[test]
fn canonical_body_sorts_nested_keys_and_keeps_array_order() {
    let v: Value = serde_json::from_str(r#"{"b":[{"z":1,"a":null}],"a":"x y"}"#).unwrap();
    assert_eq!(canonical_body(&v), r#"{"a":"x y","b":[{"a":null,"z":1}]}"#);
}

#[test]
fn a_well_formed_push_passes_and_each_limit_names_its_field_and_code() {
    let ok = UsagePush {
        usage_records: vec![record("sn-1")],
    };
    assert_eq!(ok.check(now()), Ok(()));

    let refused = |edit: fn(&mut UsageRecord)| {
        let mut r = record("sn-1");
        edit(&mut r);
        UsagePush { usage_records: vec![r] }.check(now()).unwrap_err()
    };
    let long = refused(|r| r.metering_sn = "s".repeat(65));
    assert_eq!(
        (long.code, long.field.as_str()),
        ("MKT.0100", "usage_records[0].metering_sn")
    );
    assert_eq!(long.problem, Problem::TooLong { max: 64, actual: 65 });
    assert!(long.zh().contains("最多允许 64"), "{}", long.zh());

    assert_eq!(refused(|r| r.instance_id.clear()).code, "MKT.0101");
    assert_eq!(
        refused(|r| r.usage_value = "0.0000".into()).problem,
        Problem::NotPositive
    );
    assert_eq!(
        refused(|r| r.usage_value = "1.23456".into()).problem,
        Problem::TooManyDecimals { max: 4 }
    );
    assert!(matches!(
        refused(|r| r.usage_value = "-1".into()).problem,
        Problem::Format { .. }
    ));
    assert!(matches!(
        refused(|r| r.begin_time = "2022-08-09 08:00".into()).problem,
        Problem::Format { .. }
    ));
    assert_eq!(
        refused(|r| r.end_time = "20220809T070000Z".into()).problem,
        Problem::EndsBeforeBegin
    );
    let old = refused(|r| r.begin_time = "20220729T235959Z".into());
    assert_eq!((old.code, old.problem), ("MKT.9004", Problem::TooOld { days: 21 }));
}

#[test]
fn more_than_a_thousand_records_is_mkt_9003_and_none_is_missing() {
    let many = UsagePush {
        usage_records: (0..1001).map(|i| record(&format!("sn-{i}"))).collect(),
    };
    let err = many.check(now()).unwrap_err();
    assert_eq!(
        (err.code, err.en().contains("1,001 items")),
        ("MKT.9003", true),
        "{}",
        err.en()
    );
    let exactly = UsagePush {
        usage_records: (0..1000).map(|i| record(&format!("sn-{i}"))).collect(),
    };
    assert_eq!(exactly.check(now()), Ok(()));
    assert_eq!(
        UsagePush { usage_records: vec![] }.check(now()).unwrap_err().code,
        "MKT.0101"
    );
}
