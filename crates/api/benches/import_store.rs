//! A whole 100,000-line console import — preview, then stored as bill lines in SQLite —
//! against its floor: the `csv` crate merely reading the same file.
//!
//! The bridge's own bench times the preview alone; a seller waits for both steps, so
//! `preview_and_store` runs `import_preview` and `import_commit` as the app does (file
//! parked, mapping proposed, rows fingerprinted, one transaction, file archived) on a
//! fresh data folder each time. Reported by `cargo xtask bench` as a ratio.

use base64::Engine;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use gallerist_api::settlement::import::{import_commit, import_preview, CommitArg, PreviewArg};
use gallerist_api::{boot, BootOptions};
use gallerist_domain::SystemClock;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

const LINES: usize = 100_000;

#[path = "../tests/common/bill_csv.rs"]
mod bill_csv;

fn csv_bytes() -> Vec<u8> {
    bill_csv::bill_csv(LINES).into_bytes()
}

fn import(c: &mut Criterion) {
    let bytes = csv_bytes();
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let mut group = c.benchmark_group("import_store_100k");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(20));
    group.bench_function("baseline", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new().from_reader(black_box(&bytes[..]));
            reader.records().filter_map(Result::ok).count()
        })
    });
    group.bench_function("preview_and_store", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().expect("a temporary folder");
                let core = runtime
                    .block_on(boot(BootOptions {
                        data_dir: dir.path().to_path_buf(),
                        clock: Arc::new(SystemClock),
                        seed: 1,
                        os_locale: "zh-CN".into(),
                        embedded_sandbox: true,
                        vault: Arc::new(gallerist_api::vault::MemoryVault::default()),
                    }))
                    .expect("the app boots");
                let account_id = core.sandbox.as_ref().expect("the sandbox account").account_id;
                let start = Instant::now();
                let preview = import_preview(
                    &core,
                    PreviewArg {
                        account_id,
                        file_name: "bill.csv".into(),
                        base64: Some(encoded.clone()),
                        file_sha256: None,
                        mapping: None,
                        sheet: None,
                    },
                )
                .expect("the file previews");
                let done = import_commit(
                    &core,
                    CommitArg {
                        account_id,
                        file_name: "bill.csv".into(),
                        file_sha256: preview.file_sha256.clone(),
                        mapping: preview.mapping.clone(),
                        sheet: None,
                    },
                )
                .expect("the file imports");
                spent += start.elapsed();
                assert_eq!(done.imported, LINES, "every line is stored");
                runtime.block_on(core.shutdown());
            }
            spent
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
