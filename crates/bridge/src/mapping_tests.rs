//! The mapping proposal and the seller's override: languages, duplicates, sub-headers, fitting by header text.

use super::*;
use crate::fields::{FieldKind, SPECS};

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn specs_are_in_field_order_and_keys_match_serde() {
    for (i, spec) in SPECS.iter().enumerate() {
        assert_eq!(spec.field as usize, i, "SPECS[{i}] should describe field number {i}");
        let serde_name = serde_json::to_string(&spec.field).unwrap();
        assert_eq!(
            serde_name,
            format!("\"{}\"", spec.field.key()),
            "key() should equal the serde name"
        );
    }
}

#[test]
fn chinese_and_english_headers_map_to_the_same_fields() {
    let zh = propose(&headers(&[
        "账单编号",
        "账期",
        "订单号",
        "商品名称",
        "结算金额（元）",
        "平台服务费比例",
        "服务监管状态",
    ]));
    let en = propose(&headers(&[
        "Bill ID",
        "Billing Period",
        "Order No.",
        "Product Name",
        "Settlement Amount (CNY)",
        "Platform Fee Rate",
        "Supervision Status",
    ]));
    let fields = |m: &Mapping| m.columns.iter().map(|c| c.field).collect::<Vec<_>>();
    assert_eq!(fields(&zh), fields(&en), "both languages should map column for column");
    assert!(
        fields(&zh).iter().all(Option::is_some),
        "every column should be recognised"
    );
    assert_eq!(
        zh.columns[4].currency_hint.as_deref(),
        Some("CNY"),
        "（元） names the currency"
    );
    assert_eq!(
        en.columns[4].currency_hint.as_deref(),
        Some("CNY"),
        "(CNY) names the currency"
    );
    assert_eq!(zh.columns[0].confidence, Confidence::Exact, "an exact synonym is exact");
}

#[test]
fn longest_synonym_wins_and_duplicates_are_left_unmapped() {
    let m = propose(&headers(&["平台服务费比例", "平台服务费", "本期结算金额", "结算金额"]));
    assert_eq!(
        m.columns[0].field,
        Some(Field::PlatformFeeRate),
        "the rate is not the fee"
    );
    assert_eq!(m.columns[1].field, Some(Field::PlatformFee), "the fee is the fee");
    assert_eq!(
        m.columns[3].field,
        Some(Field::SettlementAmount),
        "the exact column keeps the field"
    );
    assert_eq!(
        m.columns[2].field, None,
        "the contains-match duplicate is left unmapped"
    );
    assert!(
        m.columns[2].why.contains("already provides"),
        "the reason names the winner: {}",
        m.columns[2].why
    );
    assert_eq!(m.unmapped().len(), 1, "one column is unmapped");
}

#[test]
fn sub_headers_and_missing_required_fields() {
    let m = propose(&headers(&["金额/含税", "金额/不含税", "金额/税额", "备注"]));
    let fields: Vec<_> = m.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            Some(Field::AmountInclTax),
            Some(Field::SalesAmount),
            Some(Field::Tax),
            None
        ],
        "sub-headers decide"
    );
    assert_eq!(
        m.columns[1].confidence,
        Confidence::SubHeader,
        "the match is through the sub-header"
    );
    let missing = m.missing_required();
    assert_eq!(missing.len(), 1, "only the order id group is missing");
    assert!(
        missing[0].any_of.contains(&Field::OrderId),
        "the order id is what is missing"
    );
    assert!(
        Field::SalesAmount.kind() == FieldKind::Amount,
        "sales amount is an amount"
    );
}

#[test]
fn a_given_mapping_is_fitted_by_header_text_and_checked() {
    let mut m = propose(&headers(&["订单号", "结算金额", "备注"]));
    m.columns[2].field = Some(Field::ProductName);
    m.columns[2].confidence = Confidence::Manual;
    let json = serde_json::to_string(&m).unwrap();
    let back: Mapping = serde_json::from_str(&json).unwrap();
    let moved =
        fit(&back, &headers(&["备注", "订单号", "结算金额", "新列"])).expect("the same columns in another order fit");
    assert_eq!(
        moved.columns[0].field,
        Some(Field::ProductName),
        "the manual choice follows its header"
    );
    assert_eq!(
        moved.columns[2].field,
        Some(Field::SettlementAmount),
        "columns are matched by text, not position"
    );
    assert_eq!(moved.columns[3].field, None, "a new column is left unmapped");
    let lacking = fit(&back, &headers(&["订单号", "备注"])).expect_err("a mapped column the file lacks is refused");
    assert!(
        lacking.to_string().contains("结算金额"),
        "the message names the column: {lacking}"
    );
    let mut twice = back.clone();
    twice.columns[2].field = Some(Field::OrderId);
    let dup =
        fit(&twice, &headers(&["订单号", "结算金额", "备注"])).expect_err("two columns for one field are refused");
    assert!(dup.to_string().contains("both mapped"), "the message says why: {dup}");
}
