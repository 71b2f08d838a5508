//! Answers from the marketplace as the client reads them: any bytes as a Seller Sync
//! API answer (classified as done / retry / park / re-authenticate / conflict under a
//! few statuses, then read as a page of items, a bill and a bill line) and as an Open
//! API order answer (deserialised into the wire types and taken into a domain order).
#![no_main]

use gallerist_domain::money::Currency;
use gallerist_domain::wire::OrderQueryResponse;
use gallerist_market::sync::classify::{classify, Outcome};
use gallerist_market::sync::settlement_pull::{bill_row, line_row};
use gallerist_market::RawResponse;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::time::Duration;

fuzz_target!(
    init: gallerist_fuzz::init(gallerist_fuzz::seeds::sync_json()),
    |data: &[u8]| {
        // What the sync client does with a body that is not JSON.
        let body: Value = serde_json::from_slice(data)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(data).into_owned()));
        for status in [200, 201, 400, 401, 409, 429, 503] {
            let _ = classify(&Outcome::Answer {
                status,
                retry_after: Some(Duration::from_secs(1)),
                body: body.clone(),
            });
        }
        let _ = bill_row(&body);
        for item in body["items"].as_array().into_iter().flatten() {
            let _ = line_row("bill-1", item);
            let _ = bill_row(item);
        }
        let raw = RawResponse {
            url: "https://mkt.example.invalid/".into(),
            status: 200,
            body,
            elapsed_ms: 0,
            clock_offset_seconds: None,
        };
        let _ = gallerist_market::refusal(&raw);
        if let Ok(answer) = serde_json::from_slice::<OrderQueryResponse>(data) {
            if let Some(info) = answer.order_info {
                let _ = info.to_order(Currency::Cny);
                let _ = info.to_order(Currency::Usd);
            }
        }
    }
);
