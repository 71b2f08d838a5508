//! One small valid input per target, generated from the project's own types.

use crate::workbook;
use gallerist_bridge::{ExportCell, ExportTable};
use gallerist_domain::listing::example;
use gallerist_domain::listing::image::ImageFormat;
use gallerist_domain::money::Currency;
use gallerist_domain::wire::{OrderInfo, OrderQueryResponse};

/// `listing.toml` of example drafts, and the embedded listing-standards rule pack.
pub fn listing_toml() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = example::all_deliveries()
        .into_iter()
        .take(3)
        .filter_map(|d| toml::to_string_pretty(&example::clean_draft(d)).ok())
        .map(String::into_bytes)
        .collect();
    seeds.push(include_bytes!("../../rules/listing-standards.toml").to_vec());
    seeds
}

/// A header of each format the listing checks measure.
pub fn image_header() -> Vec<Vec<u8>> {
    [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Gif]
        .into_iter()
        .map(|f| example::image_bytes(f, 800, 800))
        .collect()
}

/// Console-export-like CSVs: UTF-8 with BOM, GBK, UTF-16LE, semicolons and tabs.
pub fn table_csv() -> Vec<Vec<u8>> {
    let text = "账单明细\n订单号,金额,交易时间,备注\nCS2024001,\"1,234.57\",2024-01-31 12:00:00,=1+1\nCS2024002,－０.３０,45292,\"a \"\"quoted\"\" note\"\n";
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(text.as_bytes());
    // 订单号,金额 in GBK.
    let gbk = b"\xB6\xA9\xB5\xA5\xBA\xC5,\xBD\xF0\xB6\xEE\r\nCS1,12.00\r\n".to_vec();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    vec![
        utf8_bom,
        gbk,
        utf16,
        text.replace(',', ";").into_bytes(),
        text.replace(',', "\t").into_bytes(),
    ]
}

/// The hand-built workbook and one written by the app's own xlsx export (deflated).
pub fn table_xlsx() -> Vec<Vec<u8>> {
    let export = ExportTable {
        sheet_name: "账单".into(),
        headers: vec!["订单号".into(), "金额".into()],
        rows: vec![vec![
            ExportCell::Text("CS2024001".into()),
            ExportCell::Amount {
                minor: 123_457,
                currency: "CNY".into(),
            },
        ]],
    };
    let mut seeds = vec![workbook::seed()];
    seeds.extend(gallerist_bridge::to_xlsx(&export).ok());
    seeds
}

/// The seed workbook's parts, separated as `xlsx_parts` expects.
pub fn xlsx_parts() -> Vec<Vec<u8>> {
    let mut seed = workbook::SHEET.as_bytes().to_vec();
    seed.push(workbook::PART_SEPARATOR);
    seed.extend_from_slice(workbook::SHARED_STRINGS.as_bytes());
    seed.push(workbook::PART_SEPARATOR);
    seed.extend_from_slice(workbook::WORKBOOK.as_bytes());
    vec![seed]
}

/// A product description using everything the preview renders.
pub fn preview_markdown() -> Vec<Vec<u8>> {
    let text = "# 产品介绍\n\n> 引用 **粗体** _斜体_ ~~删除~~\n> - 列表\n>   1. 有序\n\n| 规格 | 价格 |\n|---|--:|\n| 基础版 | ¥99 |\n\n![架构图](arch.png \"title\") ![远程](https://example.invalid/x.png)\n[链接](https://example.invalid) <script>alert(1)</script> <b onclick=x>b</b>\n\n```\ncode\n```\n";
    vec![text.as_bytes().to_vec()]
}

/// The Open API order answer, a Seller Sync API page, a bill and both error shapes.
pub fn sync_json() -> Vec<Vec<u8>> {
    let orders = gallerist_domain::mock_orders::mock_orders(Currency::Cny);
    let mut seeds: Vec<Vec<u8>> = orders
        .iter()
        .take(2)
        .filter_map(|o| {
            serde_json::to_vec(&OrderQueryResponse {
                result_code: gallerist_domain::wire::SUCCESS.into(),
                result_msg: "success".into(),
                order_info: Some(OrderInfo::from_order(o)),
            })
            .ok()
        })
        .collect();
    let texts = [
        r#"{"items":[{"id":"app-1","kind":"application","status":"rejected","revision":3,"draft_ref":"draft-12","comments":[{"rule_id":"title.length","field":"title","message":"标题过长"}]}],"next_cursor":"c-2","has_more":true}"#,
        r#"{"id":"bill-2024-01","period":"2024-01","site":"cn","stage":"paid","run_date":"2024-02-05","line_count":1,"revision":1,"joint_operation":false,"totals":{"gross":{"minor":10000,"currency":"CNY"},"fee":{"minor":500},"tax":{"minor":0},"net":{"minor":9500}},"fee_invoice":{"state":"issued"}}"#,
        r#"{"id":"line-1","period":"2024-01","order_id":"CS1","product_name":"x","product_type":"saas","gross":{"minor":100,"currency":"USD"},"fee_rate_ppm":50000,"fee":{"minor":5},"net":{"minor":95}}"#,
        r#"{"error":{"code":"SYNC.CONFLICT","message":"stale","details":{"message_zh":"版本已变","current":{"revision":4}}}}"#,
        r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information","request_id":"r-1"}"#,
    ];
    seeds.extend(texts.iter().map(|t| t.as_bytes().to_vec()));
    seeds
}
