//! APIG `SDK-HMAC-SHA256`: the client's signer against the gateway's verification.
//!
//! The fuzzer picks method, path, query, body and two free-form header texts. The
//! market crate signs the request exactly as it would send it; the harness then
//! verifies it the way the sandbox gateway does (parse `Authorization`, require a
//! signed `X-Sdk-Date`, recompute the canonical request from the headers as received)
//! and the signature must match: a request our client signs must never be refused by
//! a correct gateway. The free-form texts go through the parsers on their own.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{TimeZone, Utc};
use gallerist_domain::apig;
use gallerist_market::{sign_request, Credentials};
use libfuzzer_sys::fuzz_target;
use reqwest::header::HeaderMap;

#[derive(Debug, Arbitrary)]
struct Input {
    method: u8,
    path: String,
    query: Option<String>,
    body: Vec<u8>,
    secret: String,
    authorization: String,
    date: String,
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fuzz_target!(init: gallerist_fuzz::init(Vec::new()), |input: Input| {
    let _ = apig::parse_authorization(&input.authorization);
    let _ = apig::parse_sdk_date(&input.date);
    let _ = apig::canonical_uri(&input.path);
    let _ = apig::canonical_query(input.query.as_deref());

    let mut url = match reqwest::Url::parse("https://mkt.example.invalid:8443/") {
        Ok(u) => u,
        Err(_) => return,
    };
    url.set_path(&input.path);
    url.set_query(input.query.as_deref());
    let method = reqwest::Method::from_bytes(METHODS[usize::from(input.method) % METHODS.len()].as_bytes())
        .expect("a standard method");
    let mut request = reqwest::Request::new(method.clone(), url);
    *request.body_mut() = Some(input.body.clone().into());
    let creds = Credentials {
        access_key: "AK-FUZZ".into(),
        secret_key: input.secret.clone(),
    };
    let now = Utc
        .with_ymd_and_hms(2024, 1, 31, 12, 0, 0)
        .single()
        .expect("a valid time");
    sign_request(&mut request, &creds, now);

    // The gateway's side, from the request as it goes on the wire.
    let headers = request.headers();
    let auth =
        apig::parse_authorization(header(headers, "authorization").expect("signed requests carry Authorization"))
            .expect("the signer's Authorization parses");
    assert_eq!(auth.access_key, "AK-FUZZ");
    assert!(auth.signed_headers.iter().any(|h| h == apig::DATE_HEADER));
    let date = header(headers, apig::DATE_HEADER).expect("X-Sdk-Date is sent");
    assert_eq!(apig::parse_sdk_date(date), Some(now));
    let signed: Vec<(String, String)> = auth
        .signed_headers
        .iter()
        .map(|name| {
            (
                name.clone(),
                header(headers, name).expect("every signed header is sent").to_string(),
            )
        })
        .collect();
    let parts = apig::RequestParts {
        method: method.as_str(),
        raw_path: request.url().path(),
        raw_query: request.url().query(),
        signed_headers: signed,
        payload_hash: apig::payload_hash(&input.body),
    };
    let expected = apig::sign("AK-FUZZ", &input.secret, date, &parts);
    assert!(
        apig::signatures_match(&expected.signature, &auth.signature),
        "the gateway refuses what the client signed: {}",
        expected.canonical_request
    );
});
