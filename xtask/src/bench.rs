//! `cargo xtask bench`: criterion benchmarks, reported as ratios to a baseline.
//!
//! Each benchmark group has a `baseline` run in the same command on the same
//! machine; absolute times on a shared 2-core box mean little, ratios travel.

use crate::root;
use std::process::Command;

const GROUPS: &[(&str, &str)] = &[
    ("gallerist-domain", "signing"),
    ("gallerist-domain", "rules"),
    ("gallerist-store", "orders_100k"),
    ("gallerist-store", "bills_1m"),
    ("gallerist-market", "sync_drain"),
    ("gallerist-market", "produce_run"),
    ("gallerist-bridge", "import_100k"),
    ("gallerist-api", "import_store_100k"),
];

/// Groups whose benchmarks each move a fixed number of operations: ops/s is shown too.
const OPS_PER_ITERATION: &[(&str, f64)] = &[("sync_drain", 1_000.0)];

fn mean_ns(group: &str, name: &str) -> Option<f64> {
    let path = root()
        .join("target/criterion")
        .join(group)
        .join(name)
        .join("new/estimates.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn human(ns: f64) -> String {
    match ns {
        n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
        n if n >= 1e3 => format!("{:.2} µs", n / 1e3),
        n => format!("{n:.0} ns"),
    }
}

pub fn run() -> Result<(), String> {
    // The bills baseline is the sqlite3 tool running the same SQL.
    crate::setup::packages(&["sqlite3"])?;
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.arg("bench").current_dir(root());
    let mut packages: Vec<&str> = GROUPS.iter().map(|(p, _)| *p).collect();
    packages.dedup();
    for package in packages {
        cmd.args(["--package", package]);
    }
    crate::setup::status(&mut cmd)?;
    println!(
        "\n{:<14} {:<18} {:>12} {:>12}",
        "group", "benchmark", "mean", "× baseline"
    );
    for (_, group) in GROUPS {
        let dir = root().join("target/criterion").join(group);
        let base = mean_ns(group, "baseline").ok_or_else(|| format!("no baseline result for {group}"))?;
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n != "report")
            .collect();
        names.sort_by_key(|n| (n != "baseline", n.clone()));
        for name in names {
            if let Some(ns) = mean_ns(group, &name) {
                let rate = OPS_PER_ITERATION
                    .iter()
                    .find(|(g, _)| g == group)
                    .map(|(_, ops)| format!("  {:.0} ops/s", ops / (ns / 1e9)))
                    .unwrap_or_default();
                println!("{group:<14} {name:<18} {:>12} {:>11.1}×{rate}", human(ns), ns / base);
            }
        }
    }
    Ok(())
}
