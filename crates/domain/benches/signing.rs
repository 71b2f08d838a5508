//! Signing cost against its floor: hashing the same canonical request once.
//!
//! `baseline` is SHA-256 over the canonical request bytes, work any signer must do;
//! `sign_order_query` is the whole `apig::sign`. `cargo xtask bench` reports the ratio.

use criterion::{criterion_group, criterion_main, Criterion};
use gallerist_domain::apig;
use sha2::{Digest, Sha256};
use std::hint::black_box;

fn parts() -> apig::RequestParts<'static> {
    apig::RequestParts {
        method: "GET",
        raw_path: "/api/mkp-openapi-public/global/v1/order/query",
        raw_query: Some("orderLineId=MOCKPERIODYEARNEW-000001&orderId=MOCKPERIODYEARNEW"),
        signed_headers: vec![
            ("content-type".into(), "application/json".into()),
            ("host".into(), "mkt.myhuaweicloud.com".into()),
            ("x-sdk-date".into(), "20240101T000000Z".into()),
        ],
        payload_hash: apig::payload_hash(b""),
    }
}

fn signing(c: &mut Criterion) {
    let p = parts();
    let canonical = apig::canonical_request(&p);
    let mut group = c.benchmark_group("signing");
    group.bench_function("baseline", |b| {
        b.iter(|| Sha256::digest(black_box(canonical.as_bytes())))
    });
    group.bench_function("sign_order_query", |b| {
        b.iter(|| {
            apig::sign(
                black_box("TESTAK"),
                black_box("TESTSK"),
                "20240101T000000Z",
                black_box(&p),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, signing);
criterion_main!(benches);
