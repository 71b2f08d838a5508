//! Reading libFuzzer's own report of a run, and the table `cargo xtask fuzz` prints.
//!
//! WHY from libFuzzer's output: it already counts executions and coverage (`cov:` is
//! covered code edges, `ft:` the finer "features" it steers by); re-measuring would
//! need a second instrumented run.

/// What one target's run reached.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RunStats {
    pub executions: u64,
    pub exec_per_sec: u64,
    pub cov: u64,
    pub ft: u64,
    pub corpus: u64,
    pub peak_rss_mb: u64,
    /// The slowest single input, in whole seconds (a hint of work that grows too fast).
    pub slowest_s: u64,
    /// Panics the app caught (see `gallerist_fuzz::init`), as printed: at most 100.
    pub caught_panics: u64,
}

/// How the targets announce a panic (`gallerist_fuzz::PANIC_MARK`).
const PANIC_MARK: &str = "gallerist-fuzz panic:";

/// The number after `key` in `line` (`cov: 123` → 123).
fn after(line: &str, key: &str) -> Option<u64> {
    let rest = &line[line.find(key)? + key.len()..];
    rest.trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
}

/// Parses libFuzzer's status lines (`#N ... cov: C ft: F corp: K/...`) and its final
/// `stat::` lines (printed with `-print_final_stats=1`); the last value of each wins.
pub fn parse(output: &str) -> RunStats {
    let mut s = RunStats::default();
    for line in output.lines() {
        if line.starts_with(PANIC_MARK) {
            s.caught_panics += 1;
        }
        if line.starts_with('#') {
            if let Some(n) = after(line, "#") {
                s.executions = s.executions.max(n);
            }
            if let Some(v) = after(line, "cov:") {
                s.cov = v;
            }
            if let Some(v) = after(line, "ft:") {
                s.ft = v;
            }
            if let Some(v) = after(line, "corp:") {
                s.corpus = v;
            }
            if let Some(v) = after(line, "exec/s:") {
                s.exec_per_sec = v;
            }
        }
        if let Some(v) = after(line, "stat::number_of_executed_units:") {
            s.executions = v;
        }
        if let Some(v) = after(line, "stat::average_exec_per_sec:") {
            s.exec_per_sec = v;
        }
        if let Some(v) = after(line, "stat::slowest_unit_time_sec:") {
            s.slowest_s = v;
        }
        if let Some(v) = after(line, "stat::peak_rss_mb:") {
            s.peak_rss_mb = v;
        }
    }
    s
}

/// Where the printed panics happened (`file:line:col`), with how often, most first.
pub fn panic_places(output: &str) -> Vec<(String, usize)> {
    let mut places: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for line in output.lines().filter(|l| l.starts_with(PANIC_MARK)) {
        let place = line
            .split_once("panicked at ")
            .map(|(_, rest)| rest.trim_end_matches(':').to_string())
            .unwrap_or_else(|| line[PANIC_MARK.len()..].trim().to_string());
        *places.entry(place).or_default() += 1;
    }
    let mut sorted: Vec<(String, usize)> = places.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted
}

/// One printed row per target; `crashes` are the new crash, timeout and oom files.
pub fn table(rows: &[(String, RunStats, usize)]) -> String {
    let mut out = format!(
        "{:<18} {:>12} {:>8} {:>7} {:>8} {:>7} {:>8} {:>10} {:>14} {:>12}\n",
        "target", "executions", "exec/s", "cov", "ft", "corpus", "rss MB", "slowest s", "caught panics", "new crashes"
    );
    for (name, s, crashes) in rows {
        out.push_str(&format!(
            "{name:<18} {:>12} {:>8} {:>7} {:>8} {:>7} {:>8} {:>10} {:>14} {crashes:>12}\n",
            s.executions, s.exec_per_sec, s.cov, s.ft, s.corpus, s.peak_rss_mb, s.slowest_s, s.caught_panics
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_last_status_line_and_the_final_stats() {
        let output = "INFO: Seed: 1\ngallerist-fuzz panic: panicked at x.rs:1:1: overflow\n#2\tINITED cov: 10 ft: 12 corp: 3/40b exec/s: 0 rss: 30Mb\n\
            #4096\tpulse  cov: 250 ft: 900 corp: 40/2Kb lim: 40 exec/s: 2048 rss: 60Mb\n\
            #9000\tDONE   cov: 260 ft: 950 corp: 44/3Kb lim: 48 exec/s: 3000 rss: 61Mb\n\
            stat::number_of_executed_units: 9001\nstat::average_exec_per_sec:     3000\n\
            stat::new_units_added:          41\nstat::slowest_unit_time_sec:    2\nstat::peak_rss_mb:              61\n";
        let s = parse(output);
        assert_eq!(
            s,
            RunStats {
                executions: 9001,
                exec_per_sec: 3000,
                cov: 260,
                ft: 950,
                corpus: 44,
                peak_rss_mb: 61,
                slowest_s: 2,
                caught_panics: 1,
            }
        );
    }

    #[test]
    fn caught_panics_are_grouped_by_place() {
        let output = "gallerist-fuzz panic: panicked at a.rs:3:9:\ngallerist-fuzz panic: panicked at b.rs:1:1:\n\
            attempt to subtract with overflow\ngallerist-fuzz panic: panicked at a.rs:3:9:\n";
        assert_eq!(
            panic_places(output),
            vec![("a.rs:3:9".to_string(), 2), ("b.rs:1:1".to_string(), 1)]
        );
    }

    #[test]
    fn a_run_that_crashed_before_any_status_line_reads_as_zeros() {
        assert_eq!(parse("==1== ERROR: libFuzzer: deadly signal\n"), RunStats::default());
    }
}
