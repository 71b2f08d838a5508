//! Rule-pack cost against its floor: checking 10,000 varied drafts.
//!
//! `baseline` clones the same 10,000 drafts, memory traffic any check over them must
//! at least match; `check_10k_drafts` runs the embedded pack over each. The issue's goal
//! is ≤ 1 s on one core; `cargo xtask bench` reports the ratio.

use criterion::{criterion_group, criterion_main, Criterion};
use gallerist_domain::listing::example::{all_deliveries, clean_draft, image};
use gallerist_domain::listing::image::ImageFormat;
use gallerist_domain::listing::model::{Draft, Label};
use gallerist_domain::listing::{Overrides, Pack};
use std::hint::black_box;

/// Every delivery type, with a rotating mix of faults so most rules do real work.
fn drafts(n: usize) -> Vec<Draft> {
    let deliveries = all_deliveries();
    (0..n)
        .map(|i| {
            let mut d = clean_draft(deliveries[i % deliveries.len()].clone());
            d.name = format!("{} {i}", d.name);
            match i % 7 {
                0 => d.name.push_str(" 免费 99元"),
                1 => d.overview.push_str("国家级的顶级方案，详细价格请咨询销售。"),
                2 => d.logo = Some(image("logo.png", ImageFormat::Jpeg, 100, 100)),
                3 => d.description = "**简短**的说明。".repeat(i % 40),
                4 => d.labels.extend([Label::Kunpeng, Label::HybridCloud, Label::Iot]),
                5 => d.after_sales.service_time.hours_per_day = 6,
                _ => d.version = "v0.1".into(),
            }
            d
        })
        .collect()
}

fn rules(c: &mut Criterion) {
    let pack = Pack::embedded();
    let global = Overrides::default();
    let drafts = drafts(10_000);
    let mut group = c.benchmark_group("rules");
    group.sample_size(10);
    group.bench_function("baseline", |b| b.iter(|| black_box(&drafts).clone()));
    group.bench_function("check_10k_drafts", |b| {
        b.iter(|| {
            black_box(&drafts)
                .iter()
                .map(|d| pack.check(d, &global).issues.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, rules);
criterion_main!(benches);
