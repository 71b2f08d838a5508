//! The sandbox's API Gateway over real HTTP: raw requests, signed or not, honest or
//! tampered, sent to a running sandbox on loopback.
//!
//! Checked beyond "no crash": every request gets an answer (no hang, no dropped
//! connection); an honestly signed request is never refused as unauthenticated; a
//! request whose body no longer matches what was signed — changed after signing,
//! carried by an unsigned `X-Sdk-Content-Sha256`, or under a signed but false one — is
//! never let through; and the gateway's refusals are its JSON shape (`APIGW.*`).
//! The sandbox's demo controls (`/_sandbox/…`) are left alone: they are not outside input.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{DateTime, TimeZone, Utc};
use gallerist_domain::apig;
use gallerist_domain::clock::FixedClock;
use gallerist_sandbox::{Sandbox, SandboxConfig};
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

const ACCESS_KEY: &str = "AK-FUZZ";
const SECRET_KEY: &str = "SK-FUZZ";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 31, 12, 0, 0)
        .single()
        .expect("a valid time")
}

/// One sandbox for the whole run, on its own runtime thread.
fn sandbox() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let sandbox = rt
            .block_on(Sandbox::start(SandboxConfig {
                listen: "127.0.0.1:0".parse().expect("a loopback address"),
                access_key: ACCESS_KEY.into(),
                secret_key: SECRET_KEY.into(),
                data: None,
                clock: Arc::new(FixedClock::new(now())),
            }))
            .expect("the sandbox starts");
        let addr = sandbox.addr();
        // The runtime and the server live until the process ends.
        Box::leak(Box::new((rt, sandbox)));
        addr
    })
}

#[derive(Debug, Arbitrary)]
enum Tamper {
    None,
    /// The body sent instead of the one signed.
    Body(Vec<u8>),
    /// The signed body's hash in an unsigned `X-Sdk-Content-Sha256`; another body sent.
    UnsignedBodyHash,
    /// A signed `X-Sdk-Content-Sha256`, true to the body or not.
    SignedBodyHash {
        true_hash: bool,
    },
}

#[derive(Debug, Arbitrary)]
struct Input {
    method: u8,
    route: u8,
    rest: String,
    query: Option<String>,
    body: Vec<u8>,
    extra: Vec<(String, String)>,
    sign: bool,
    tamper: Tamper,
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const ROUTES: [&str; 8] = [
    "/api/seller-sync/v1/applications",
    "/api/seller-sync/v1/products/",
    "/api/seller-sync/v1/cases/",
    "/api/seller-sync/v1/invoice-requests/",
    "/api/seller-sync/v1/bills/",
    "/api/seller-sync/v1/contacts/",
    gallerist_domain::wire::ORDER_QUERY_PATH,
    "/",
];

/// Headers the harness sets itself; the fuzzer's extra headers may not repeat them.
fn reserved(name: &str) -> bool {
    [
        "host",
        "authorization",
        "content-length",
        "content-type",
        "transfer-encoding",
        "connection",
        "expect",
        "te",
        "upgrade",
    ]
    .contains(&name)
        || name.starts_with("x-sdk")
}

fn answer(addr: SocketAddr, request: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("the sandbox accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a timeout");
    stream.write_all(request).expect("the request is sent");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("an answer within 5 s");
    let text = String::from_utf8_lossy(&raw);
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP answer: {text:?}"));
    let body = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| raw[i + 4..].to_vec())
        .unwrap_or_default();
    (status, body)
}

fuzz_target!(init: gallerist_fuzz::init(Vec::new()), |input: Input| {
    let addr = sandbox();
    let Ok(mut url) = reqwest::Url::parse(&format!("http://{addr}/")) else {
        return;
    };
    url.set_path(&format!("{}{}", ROUTES[usize::from(input.route) % ROUTES.len()], input.rest));
    url.set_query(input.query.as_deref());
    if url.path().starts_with("/_sandbox") {
        return;
    }
    let method = METHODS[usize::from(input.method) % METHODS.len()];
    let date = apig::sdk_date(now());
    let host = addr.to_string();
    let mut signed = vec![
        ("content-type".to_string(), "application/json".to_string()),
        ("host".to_string(), host.clone()),
        (apig::DATE_HEADER.to_string(), date.clone()),
    ];
    let true_hash = apig::payload_hash(&input.body);
    let mut sent_body = input.body.clone();
    let mut unsigned = Vec::new();
    let mut payload_hash = true_hash.clone();
    let honest = match &input.tamper {
        Tamper::None => true,
        Tamper::Body(other) => {
            sent_body = other.clone();
            *other == input.body
        }
        Tamper::UnsignedBodyHash => {
            unsigned.push((apig::CONTENT_SHA256_HEADER.to_string(), true_hash.clone()));
            sent_body.push(b'x');
            false
        }
        Tamper::SignedBodyHash { true_hash: true } => {
            signed.push((apig::CONTENT_SHA256_HEADER.to_string(), true_hash.clone()));
            true
        }
        Tamper::SignedBodyHash { true_hash: false } => {
            payload_hash = "0".repeat(64);
            signed.push((apig::CONTENT_SHA256_HEADER.to_string(), payload_hash.clone()));
            payload_hash == true_hash
        }
    };
    let mut request = format!("{method} {}", url.path());
    if let Some(q) = url.query() {
        request.push('?');
        request.push_str(q);
    }
    request.push_str(" HTTP/1.1\r\n");
    for (name, value) in signed.iter().chain(&unsigned) {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if input.sign {
        let parts = apig::RequestParts {
            method,
            raw_path: url.path(),
            raw_query: url.query(),
            signed_headers: signed.clone(),
            payload_hash,
        };
        let auth = apig::sign(ACCESS_KEY, SECRET_KEY, &date, &parts).authorization;
        request.push_str(&format!("authorization: {auth}\r\n"));
    }
    for (name, value) in input.extra.iter().take(8) {
        let name: String = name.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let value: String = value.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').collect();
        if !name.is_empty() && !reserved(&name) {
            request.push_str(&format!("{name}: {}\r\n", value.trim()));
        }
    }
    request.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", sent_body.len()));
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(&sent_body);

    let (status, body) = answer(addr, &bytes);
    let trusted = input.sign && honest;
    if trusted {
        assert_ne!(status, 401, "an honestly signed request was refused: {}", String::from_utf8_lossy(&body));
    } else {
        assert!(
            [400, 401, 404].contains(&status),
            "a request not honestly signed got {status}: {}",
            String::from_utf8_lossy(&body)
        );
    }
    if status == 401 {
        let json: serde_json::Value = serde_json::from_slice(&body).expect("a gateway refusal is JSON");
        assert!(json["error_code"].as_str().is_some_and(|c| c.starts_with("APIGW.")), "{json}");
    }
});
