//! `cargo xtask bench app [--runs N]`: Gallerist's release window against a bare Tauri
//! window of the same Tauri version, built in the same run and measured on this machine.
//!
//! WHY a bare app beside it: a WebKit window's start time and memory depend on the
//! machine, the WebKitGTK build and the display far more than on the app, so absolute
//! numbers from a shared 2-core box mean little. What Gallerist adds over any Tauri
//! window does travel: the budget is start ≤ 1.3× and memory ≤ 1.5× the bare app, and a
//! .deb a seller downloads ≤ 15 MB. The budgets are reported (pass / over), not enforced:
//! the command fails only when a measurement could not be taken.
//!
//! The windows are driven by `tests/bench/app.mjs` (tauri-driver + WebKitWebDriver under
//! Xvfb, as the app end-to-end tests are); it writes raw numbers as JSON, and this file
//! turns their medians into the table, printed and written to `target/bench-app.md`.

use crate::root;
use crate::setup::{self, Purpose};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const START_BUDGET: f64 = 1.3;
const MEMORY_BUDGET: f64 = 1.5;
const DEB_BUDGET_BYTES: f64 = 15_000_000.0;

pub fn run(args: &[String]) -> Result<(), String> {
    let runs = runs(args)?;
    if !cfg!(target_os = "linux") {
        return Err(
            "bench app needs Linux: the windows are driven by tauri-driver and WebKitWebDriver under Xvfb".into(),
        );
    }
    setup::everything(Purpose::Test)?;
    let driver = setup::tauri_driver_path().ok_or("tauri-driver is not installed")?;
    let root = root();
    // Before the long build: a bare app on another Tauri would make every ratio meaningless.
    same_tauri(
        &read(&root.join("Cargo.lock"))?,
        &read(&root.join("xtask/fixtures/hello-app/Cargo.lock"))?,
    )?;

    println!("xtask: building Gallerist's release .deb (the slow part: fat LTO, one codegen unit)");
    let made = crate::bundle::build(false)?;
    let gallerist_deb = made
        .files
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "deb"))
        .ok_or("the Gallerist bundle made no .deb")?;
    println!("xtask: building the bare Tauri app (xtask/fixtures/hello-app) with the same profile");
    let hello_deb = build_hello(&root)?;

    let out = root.join("target/bench-app.json");
    let _ = std::fs::remove_file(&out);
    let mut measure = Command::new("xvfb-run");
    measure
        .args(["-a", "-s", "-screen 0 1280x800x24", "node", "tests/bench/app.mjs"])
        .env("HELLO_APP_BIN", root.join("target/bench-hello/release/hello-bench"))
        .env("GALLERIST_APP_BIN", root.join("target/release/gallerist-app"))
        .env("GALLERIST_BIN", root.join("target/release/gallerist"))
        .env("GALLERIST_UI_DIST", root.join("ui/dist"))
        .env("TAURI_DRIVER", driver)
        .env("BENCH_RUNS", runs.to_string())
        .env("BENCH_OUT", &out)
        .current_dir(&root);
    setup::status(&mut measure)?;
    let text = std::fs::read_to_string(&out).map_err(|e| format!("no measurements at {}: {e}", out.display()))?;
    let raw: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", out.display()))?;

    let size = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.len() as f64)
            .map_err(|e| format!("{}: {e}", p.display()))
    };
    let rows = rows(&raw, size(&hello_deb)?, size(&gallerist_deb)?)?;
    let report = report(&rows, &raw, runs);
    println!("\n{report}");
    let md = root.join("target/bench-app.md");
    std::fs::write(&md, &report).map_err(|e| format!("{}: {e}", md.display()))?;
    println!("xtask: written to {}", md.display());
    Ok(())
}

fn runs(args: &[String]) -> Result<usize, String> {
    match args {
        [] => Ok(5),
        [flag, n] if flag == "--runs" => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("--runs wants a whole number above 0, not {n}")),
        _ => Err(format!(
            "usage: cargo xtask bench app [--runs N], not {}",
            args.join(" ")
        )),
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The crates that make a Tauri window: a ratio is only fair when both apps use the same ones.
const WINDOW_CRATES: &[&str] = &["tauri", "tauri-runtime-wry", "wry", "webkit2gtk"];

/// Refuses a fixture lock that pins other window crates than the app's (the root lock moved on).
fn same_tauri(app_lock: &str, fixture_lock: &str) -> Result<(), String> {
    let version = |lock: &str, name: &str| {
        let mut lines = lock.lines().skip_while(|l| *l != format!("name = \"{name}\""));
        lines
            .nth(1)
            .map(|l| l.trim_start_matches("version = ").trim_matches('"').to_string())
    };
    for name in WINDOW_CRATES {
        let (app, fixture) = (version(app_lock, name), version(fixture_lock, name));
        if app != fixture {
            return Err(format!(
                "the bare app pins {name} {} but Gallerist uses {}: copy the root Cargo.lock over \
                 xtask/fixtures/hello-app/Cargo.lock, run `cargo tree --offline` there to trim it, and commit it",
                fixture.as_deref().unwrap_or("(none)"),
                app.as_deref().unwrap_or("(none)")
            ));
        }
    }
    Ok(())
}

/// The fixture through the same pinned Tauri CLI, into its own target folder, with its
/// committed Cargo.lock (`--locked`: the same Tauri crates as the app, nothing newer).
fn build_hello(root: &Path) -> Result<PathBuf, String> {
    let target = root.join("target/bench-hello");
    let mut tauri = Command::new(root.join("ui/node_modules/.bin/tauri"));
    tauri
        .args(["build", "--ci", "--bundles", "deb", "--", "--locked"])
        .current_dir(root.join("xtask/fixtures/hello-app"))
        .env("CARGO_TARGET_DIR", &target);
    setup::status(&mut tauri)?;
    let dir = target.join("release/bundle/deb");
    std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .ok_or_else(|| format!("the bare app's build made no .deb under {}", dir.display()))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Seconds,
    MiB,
    MB,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Budget {
    /// Gallerist ÷ bare app at most this.
    Ratio(f64),
    /// Gallerist's own figure at most this many bytes.
    GalleristBytes(f64),
    /// Shown for understanding, judged by nothing.
    None,
}

/// One line of the table: the bare app's median, Gallerist's, and what they are held to.
#[derive(Debug)]
struct Row {
    what: String,
    hello: f64,
    gallerist: f64,
    unit: Unit,
    budget: Budget,
}

impl Row {
    fn ratio(&self) -> f64 {
        self.gallerist / self.hello
    }

    fn verdict(&self) -> &'static str {
        let within = match self.budget {
            Budget::Ratio(most) => self.ratio() <= most,
            Budget::GalleristBytes(most) => self.gallerist <= most,
            Budget::None => return "",
        };
        if within {
            "pass"
        } else {
            "**over**"
        }
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if !n.is_multiple_of(2) => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// Each run's `raw[side][key]` (numbers, or objects whose `field` is one), in run order.
fn measured(raw: &Value, side: &str, key: &str, field: Option<&str>) -> Vec<f64> {
    let runs = raw[side][key].as_array().into_iter().flatten();
    runs.filter_map(|v| field.map_or(v, |f| &v[f]).as_f64()).collect()
}

fn median_of(raw: &Value, side: &str, key: &str, field: Option<&str>) -> Result<f64, String> {
    median(measured(raw, side, key, field)).ok_or_else(|| format!("no {side}.{key} measurement"))
}

fn row(what: &str, hello: f64, gallerist: f64, unit: Unit, budget: Budget) -> Row {
    let what = what.to_string();
    Row {
        what,
        hello,
        gallerist,
        unit,
        budget,
    }
}

fn rows(raw: &Value, hello_deb: f64, gallerist_deb: f64) -> Result<Vec<Row>, String> {
    let hello_start = median_of(raw, "hello", "startMs", None)? / 1000.0;
    let start = |what: &str, key| -> Result<Row, String> {
        let gallerist = median_of(raw, "gallerist", key, None)? / 1000.0;
        Ok(row(
            what,
            hello_start,
            gallerist,
            Unit::Seconds,
            Budget::Ratio(START_BUDGET),
        ))
    };
    // The bare app has nothing to open: its idle figure stands for it in the "open" rows.
    let memory = |what: &str, key, field, budget| -> Result<Row, String> {
        let hello = median_of(raw, "hello", "idle", Some(field))? / 1024.0;
        let gallerist = median_of(raw, "gallerist", key, Some(field))? / 1024.0;
        Ok(row(what, hello, gallerist, Unit::MiB, budget))
    };
    let open = "with 1,000 drafts + a year of bills open";
    let deb = Budget::GalleristBytes(DEB_BUDGET_BYTES);
    Ok(vec![
        start("start, first run (fresh data folder)", "firstStartMs")?,
        start("start, second run (same folder)", "secondStartMs")?,
        memory("RSS after 5 s idle", "idle", "rssKib", Budget::Ratio(MEMORY_BUDGET))?,
        memory(&format!("RSS {open}"), "loaded", "rssKib", Budget::Ratio(MEMORY_BUDGET))?,
        memory("PSS after 5 s idle", "idle", "pssKib", Budget::None)?,
        memory(&format!("PSS {open}"), "loaded", "pssKib", Budget::None)?,
        row(".deb size", hello_deb / 1e6, gallerist_deb / 1e6, Unit::MB, deb),
    ])
}

fn shown(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Seconds => format!("{value:.2} s"),
        Unit::MiB => format!("{value:.0} MiB"),
        Unit::MB => format!("{value:.2} MB"),
    }
}

/// A count as a reader writes it: 12,000.
fn grouped(n: &Value) -> String {
    let digits = n.as_u64().map_or_else(|| "?".into(), |n| n.to_string());
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Cores and CPU, so a reader knows what kind of machine the figures come from.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1));
    format!("{cores} cores ({})", cpu.unwrap_or("unknown CPU").trim())
}

fn report(rows: &[Row], raw: &Value, runs: usize) -> String {
    let mut out = String::from("## cargo xtask bench app\n\n| measure | bare Tauri app | Gallerist | Gallerist ÷ bare | budget | verdict |\n|---|--:|--:|--:|---|---|\n");
    for r in rows {
        let budget = match r.budget {
            Budget::Ratio(most) => format!("≤ {most}×"),
            Budget::GalleristBytes(most) => format!("Gallerist ≤ {:.0} MB", most / 1e6),
            Budget::None => "—".into(),
        };
        out += &format!(
            "| {} | {} | {} | {:.2}× | {budget} | {} |\n",
            r.what,
            shown(r.hello, r.unit),
            shown(r.gallerist, r.unit),
            r.ratio(),
            r.verdict()
        );
    }
    let seeded = &raw["seeded"];
    out += &format!(
        "\nMedians of {runs} runs per app, the two apps alternating each round, release builds (the root \
         `[profile.release]` for both), Xvfb 1280×800, {}. Start = WebDriver session \
         requested (tauri-driver starts the app) → the marker in the DOM: the bare app's `[data-testid=\"ready\"]`, \
         Gallerist's dashboard orders figure with digits; the bare app has no data, so its one start is compared \
         with both of Gallerist's. Memory = the app process and every process it started (WebKit's web and network \
         processes), summed: RSS counts shared libraries once per process, PSS splits them; the bare app's idle \
         figure stands for it in the \"open\" rows, as it has nothing to open. Open = Listings with {} drafts, then \
         Bills ({} bills: a year of imported monthly bills, {} lines, and the sandbox's own) with one bill's lines \
         shown, then 5 s. Budgets are reported, not enforced: this command fails only when a measurement could not \
         be taken.\n",
        machine(),
        grouped(&seeded["drafts"]),
        grouped(&seeded["bills"]),
        grouped(&seeded["billLines"])
    );
    out += "\nEach run, in order (the spread on a shared machine):\n\n";
    for (what, side, key, field, scale, unit) in [
        ("bare app start", "hello", "startMs", None, 1.0, "ms"),
        ("Gallerist first start", "gallerist", "firstStartMs", None, 1.0, "ms"),
        ("Gallerist second start", "gallerist", "secondStartMs", None, 1.0, "ms"),
        ("bare app RSS idle", "hello", "idle", Some("rssKib"), 1024.0, "MiB"),
        ("Gallerist RSS idle", "gallerist", "idle", Some("rssKib"), 1024.0, "MiB"),
        (
            "Gallerist RSS open",
            "gallerist",
            "loaded",
            Some("rssKib"),
            1024.0,
            "MiB",
        ),
    ] {
        let each: Vec<String> = measured(raw, side, key, field)
            .iter()
            .map(|x| format!("{:.0}", x / scale))
            .collect();
        out += &format!("- {what}: {} {unit}\n", each.join(" / "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(hello: f64, gallerist: f64, budget: Budget) -> Row {
        row("x", hello, gallerist, Unit::Seconds, budget)
    }

    #[test]
    fn the_median_is_the_middle_run_or_the_mean_of_the_two_middle_ones() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn a_ratio_over_its_budget_is_called_over_and_one_within_it_pass() {
        assert_eq!(judged(1.0, 1.3, Budget::Ratio(START_BUDGET)).verdict(), "pass");
        assert_eq!(judged(1.0, 1.31, Budget::Ratio(START_BUDGET)).verdict(), "**over**");
        assert_eq!(judged(100.0, 160.0, Budget::None).verdict(), "");
    }

    #[test]
    fn the_deb_is_judged_by_its_own_size_not_by_its_ratio_to_the_bare_app() {
        let deb = |gallerist| judged(1.7e6, gallerist, Budget::GalleristBytes(DEB_BUDGET_BYTES));
        assert_eq!(deb(14.9e6).verdict(), "pass", "8.8× the bare .deb, but under 15 MB");
        assert_eq!(deb(15.1e6).verdict(), "**over**");
    }

    #[test]
    fn the_table_shows_both_apps_side_by_side_with_their_ratio() {
        let raw = serde_json::json!({
            "hello": { "startMs": [500.0, 700.0, 600.0], "idle": [{ "rssKib": 102400, "pssKib": 51200 }] },
            "gallerist": {
                "firstStartMs": [1200.0], "secondStartMs": [900.0],
                "idle": [{ "rssKib": 153600, "pssKib": 76800 }], "loaded": [{ "rssKib": 204800, "pssKib": 102400 }]
            },
            "seeded": { "drafts": 1000, "bills": 16, "billLines": 12000 }
        });
        let rows = rows(&raw, 1.7e6, 13.8e6).unwrap();
        let table = report(&rows, &raw, 3);
        assert!(
            table.contains("| start, first run (fresh data folder) | 0.60 s | 1.20 s | 2.00× | ≤ 1.3× | **over** |"),
            "{table}"
        );
        assert!(
            table.contains("| RSS after 5 s idle | 100 MiB | 150 MiB | 1.50× | ≤ 1.5× | pass |"),
            "{table}"
        );
        assert!(
            table.contains("| .deb size | 1.70 MB | 13.80 MB | 8.12× | Gallerist ≤ 15 MB | pass |"),
            "{table}"
        );
        assert!(table.contains("Listings with 1,000 drafts"), "{table}");
        assert!(
            table.contains("16 bills: a year of imported monthly bills, 12,000 lines"),
            "{table}"
        );
    }

    #[test]
    fn a_fixture_pinned_to_another_tauri_is_refused_naming_both_versions() {
        let lock = |tauri: &str| -> String {
            let version = |name: &str| if name == "tauri" { tauri } else { "1.0.0" };
            let entry = |name: &&str| format!("[[package]]\nname = \"{name}\"\nversion = \"{}\"\n\n", version(name));
            WINDOW_CRATES.iter().map(entry).collect()
        };
        assert!(same_tauri(&lock("2.12.5"), &lock("2.12.5")).is_ok());
        let refused = same_tauri(&lock("2.13.0"), &lock("2.12.5")).unwrap_err();
        assert!(
            refused.contains("pins tauri 2.12.5 but Gallerist uses 2.13.0"),
            "{refused}"
        );
    }

    #[test]
    fn the_committed_fixture_lock_pins_the_same_window_crates_as_the_app() {
        let root = crate::root();
        let app = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
        let fixture = std::fs::read_to_string(root.join("xtask/fixtures/hello-app/Cargo.lock")).unwrap();
        same_tauri(&app, &fixture).unwrap();
    }

    #[test]
    fn a_missing_measurement_is_an_error_not_a_zero() {
        let raw = serde_json::json!({ "hello": { "startMs": [] } });
        assert!(rows(&raw, 1.0, 1.0).is_err());
    }
}
