//! Runs each suite, shows its output live, and counts what passed and failed.
//!
//! Counts come from each runner's own closing lines (cargo test's `test result:`,
//! node's TAP `# pass`/`# fail`, Vitest's JSON report); a check without tests of
//! its own (fmt, clippy, svelte-check, a build) counts as one. A runner that exits
//! non-zero without reporting a failure (a compile error) counts as one failure.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub enum Counting {
    /// One check: passed if the command exits 0.
    Single,
    /// `test result: ok. N passed; M failed` lines, summed.
    CargoTest,
    /// Node's TAP reporter: `# pass N` and `# fail N`.
    Tap,
    /// Vitest's JSON report written to this file.
    VitestJson(PathBuf),
}

#[derive(Default)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
    failures: Vec<String>,
    timings: Vec<(String, f64)>,
}

fn number_before(line: &str, word: &str) -> Option<u64> {
    let idx = line.find(word)?;
    line[..idx]
        .trim_end()
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

fn count(counting: &Counting, output: &[String]) -> Option<(u64, u64)> {
    match counting {
        Counting::Single => None,
        Counting::CargoTest => {
            let results: Vec<(u64, u64)> = output
                .iter()
                .filter(|l| l.starts_with("test result:"))
                .map(|l| {
                    (
                        number_before(l, " passed").unwrap_or(0),
                        number_before(l, " failed").unwrap_or(0),
                    )
                })
                .collect();
            (!results.is_empty()).then(|| results.iter().fold((0, 0), |a, r| (a.0 + r.0, a.1 + r.1)))
        }
        Counting::Tap => {
            let find = |prefix: &str| {
                output
                    .iter()
                    .rev()
                    .find_map(|l| l.strip_prefix(prefix).and_then(|n| n.trim().parse().ok()))
            };
            Some((find("# pass ")?, find("# fail ")?))
        }
        Counting::VitestJson(path) => {
            let report: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
            Some((report["numPassedTests"].as_u64()?, report["numFailedTests"].as_u64()?))
        }
    }
}

impl Tally {
    /// Runs `cmd`, echoing its output, and adds its results to the tally.
    pub fn step(&mut self, name: &str, cmd: &mut Command, counting: Counting) -> bool {
        println!("\n==> {name}");
        let started = Instant::now();
        let lines = Arc::new(Mutex::new(Vec::<String>::new()));
        let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
        let ok = match child {
            Err(e) => {
                println!("could not start: {e}");
                false
            }
            Ok(mut child) => {
                let err = child.stderr.take().expect("piped stderr");
                let err_lines = lines.clone();
                let echo_err = std::thread::spawn(move || {
                    for line in BufReader::new(err).lines().map_while(Result::ok) {
                        eprintln!("{line}");
                        err_lines.lock().expect("lines").push(line);
                    }
                });
                let out = child.stdout.take().expect("piped stdout");
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    println!("{line}");
                    lines.lock().expect("lines").push(line);
                }
                let _ = echo_err.join();
                child.wait().map(|s| s.success()).unwrap_or(false)
            }
        };
        let output = lines.lock().expect("lines").clone();
        let (passed, mut failed) = count(&counting, &output).unwrap_or(if ok { (1, 0) } else { (0, 1) });
        if !ok && failed == 0 {
            failed = 1;
        }
        self.passed += passed;
        self.failed += failed;
        let seconds = started.elapsed().as_secs_f64();
        self.timings.push((name.to_string(), seconds));
        println!("<== {name}: {passed} passed, {failed} failed ({seconds:.1} s)");
        if failed > 0 {
            self.failures.push(name.to_string());
        }
        ok && failed == 0
    }

    pub fn finish(&self) -> Result<(), String> {
        println!("\nSteps:");
        for (name, s) in &self.timings {
            println!("  {s:>7.1} s  {name}");
        }
        if !self.failures.is_empty() {
            println!("Failed: {}", self.failures.join(", "));
        }
        println!("{} passed, {} failed", self.passed, self.failed);
        if self.failed == 0 {
            Ok(())
        } else {
            Err(format!("{} failed", self.failed))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn sums_every_cargo_test_result_line() {
        let out = lines("test result: ok. 17 passed; 0 failed; 0 ignored\nnoise\ntest result: FAILED. 5 passed; 1 failed; 0 ignored");
        assert_eq!(count(&Counting::CargoTest, &out), Some((22, 1)));
        assert_eq!(
            count(&Counting::CargoTest, &lines("error[E0308]: mismatched types")),
            None,
            "no result line"
        );
    }

    #[test]
    fn reads_node_tap_totals() {
        let out = lines("ok 1 - a\n# tests 3\n# pass 2\n# fail 1\n# cancelled 0");
        assert_eq!(count(&Counting::Tap, &out), Some((2, 1)));
    }
}
