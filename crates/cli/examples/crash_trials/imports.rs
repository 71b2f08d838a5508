//! A console import killed mid-commit: afterwards the file is either wholly imported
//! or not at all, and importing it again adds each line once.
//!
//! WHY one file per trial: each generated export has its own bill and orders, so the
//! check can count its lines alone. A worker prints `previewed` and `committing` before
//! the commit and `committed` after it; only the last is a promise.

use crate::checks::{standing, Standing};
use crate::tally::{grouped, integrity, Findings, Kind};
use crate::trial::{self, Trial};
use base64::Engine;
use chrono::Utc;
use gallerist_api::dispatch;
use gallerist_domain::Site;
use gallerist_store::{accounts, Store};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const ROWS: usize = 2_000;

fn bill_of(file: usize) -> String {
    format!("CRASH-{file:05}")
}

fn name_of(file: usize) -> String {
    format!("crash-{file:05}.csv")
}

/// A console bill export of `rows` lines, all on the bill of `file`.
fn csv(file: usize, rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 110);
    out.push_str("账单编号,账期,订单号,商品名称,商品类型,币种,不含税金额,平台服务费比例,平台服务费,结算金额\n");
    for i in 0..rows {
        let sales = 1_000 + (i as i64 * 7_919 + file as i64 * 31) % 5_000_000;
        let fee = sales * 13 / 100;
        let net = sales - fee;
        out.push_str(&format!(
            "{},2026-10,CS{file:05}{i:07},Gallerist Demo SaaS,SaaS,CNY,{}.{:02},13%,{}.{:02},{}.{:02}\n",
            bill_of(file),
            sales / 100,
            sales % 100,
            fee / 100,
            fee % 100,
            net / 100,
            net % 100
        ));
    }
    out.into_bytes()
}

/// The worker: previews generated file `file`, then commits it.
pub async fn work(data: PathBuf, account: i64, file: usize, rows: usize) -> Result<(), String> {
    let core = crate::core(&data).await?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(csv(file, rows));
    let fail = |name: &str, e: gallerist_api::ApiError| format!("{name}: {}", e.message);
    let name = name_of(file);
    let p = dispatch(
        &core,
        "import_preview",
        json!({ "accountId": account, "fileName": name, "base64": encoded }),
    )
    .await
    .map_err(|e| fail("import_preview", e))?;
    println!("previewed {file}");
    println!("committing {file}");
    let done = dispatch(
        &core,
        "import_commit",
        json!({ "accountId": account, "fileName": name, "fileSha256": p["fileSha256"], "mapping": p["mapping"] }),
    )
    .await
    .map_err(|e| fail("import_commit", e))?;
    println!("committed {file} {}", done["imported"]);
    core.shutdown().await;
    Ok(())
}

pub struct Imports {
    me: PathBuf,
    data: PathBuf,
    account: i64,
    window: Duration,
    /// How long the commit step took in the calibration run.
    commit: Duration,
    /// Files tried so far (0..files).
    files: usize,
    committed: Vec<usize>,
    killed_mid_commit: usize,
}

/// How file `file` stands in the database: its import record's count and its lines.
fn facts(conn: &gallerist_store::Connection, file: usize) -> Result<(Option<i64>, i64, Option<i64>), String> {
    let record: Option<i64> = conn
        .query_row(
            "SELECT max(imported) FROM bill_imports WHERE file_name = ?1",
            [name_of(file)],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    let lines: i64 = conn
        .query_row(
            "SELECT count(*) FROM bill_lines WHERE bill_id = ?1",
            [bill_of(file)],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    let bill: Option<i64> = conn
        .query_row(
            "SELECT max(line_count) FROM bills WHERE bill_id = ?1",
            [bill_of(file)],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    Ok((record, lines, bill))
}

fn standing_of(s: (Option<i64>, i64, Option<i64>)) -> Standing {
    standing(s.0, s.1, s.2, ROWS as i64)
}

impl Imports {
    pub fn new(me: &Path, data: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(data).map_err(|e| e.to_string())?;
        let (store, _) =
            Store::open(&data.join(gallerist_api::DATABASE_FILE), Utc::now()).map_err(|e| e.to_string())?;
        let account = store
            .write(|tx| {
                accounts::insert(
                    tx,
                    &accounts::NewAccount {
                        name: "Imports".into(),
                        site: Site::Cn,
                        base_url: "http://127.0.0.1:9".into(),
                        access_key_id: None,
                    },
                    Utc::now(),
                )
            })
            .map_err(|e| e.to_string())?
            .id;
        drop(store);
        let mut i = Imports {
            me: me.to_path_buf(),
            data: data.to_path_buf(),
            account,
            window: Duration::ZERO,
            commit: Duration::ZERO,
            files: 0,
            committed: Vec::new(),
            killed_mid_commit: 0,
        };
        // A calibration file, imported whole: it is checked with the others.
        let mut cmd = i.command(0);
        i.files = 1;
        let t = trial::to_the_end(&mut cmd)?;
        i.keep(&t.acked());
        i.window = t.ran;
        i.commit = match (t.when("committing"), t.when("committed")) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => return Err("the import worker did not say when it committed".into()),
        };
        Ok(i)
    }

    fn command(&self, file: usize) -> Command {
        let mut c = Command::new(&self.me);
        c.arg("import-worker")
            .arg("--data")
            .arg(&self.data)
            .args(["--account", &self.account.to_string()])
            .args(["--file", &file.to_string(), "--rows", &ROWS.to_string()]);
        c
    }

    fn keep(&mut self, lines: &[String]) {
        let said = |word: &str| lines.iter().any(|l| l.starts_with(word));
        if said("committing") && !said("committed") {
            self.killed_mid_commit += 1;
        }
        for l in lines {
            if let Some(file) = l.strip_prefix("committed ").and_then(|r| r.split(' ').next()) {
                self.committed.extend(file.parse::<usize>().ok());
            }
        }
    }
}

impl Kind for Imports {
    fn name(&self) -> &'static str {
        "imports"
    }

    fn window(&self) -> Duration {
        self.window
    }

    /// Every other trial aims at the commit: killed within it, not just anywhere.
    fn aim(&self, n: usize) -> Option<(&'static str, Duration)> {
        (!n.is_multiple_of(2)).then_some(("committing", self.commit))
    }

    fn next(&mut self, _: usize) -> Result<Command, String> {
        self.files += 1;
        Ok(self.command(self.files - 1))
    }

    fn settle(&mut self, trial: &Trial) {
        self.keep(&trial.acked());
    }

    fn finish(&mut self) -> Result<Findings, String> {
        let db = self.data.join(gallerist_api::DATABASE_FILE);
        let mut problems: Vec<String> = integrity(&db).err().into_iter().collect();
        let (store, _) = Store::open(&db, Utc::now()).map_err(|e| e.to_string())?;
        let (mut present, mut absent, mut partial, mut lost) = (Vec::new(), Vec::new(), 0, 0);
        {
            let conn = store.conn().map_err(|e| e.to_string())?;
            for file in 0..self.files {
                let s = facts(&conn, file)?;
                match standing_of(s) {
                    Standing::Whole => present.push(file),
                    Standing::Absent if self.committed.contains(&file) => {
                        lost += 1;
                        absent.push(file);
                    }
                    Standing::Absent => absent.push(file),
                    Standing::Partial => {
                        partial += 1;
                        problems.push(format!(
                            "file {file} is partly imported: record, lines, bill count {s:?}"
                        ));
                    }
                }
            }
        }
        drop(store);
        // Recovery: the seller imports again what did not get in.
        for file in &absent {
            trial::to_the_end(&mut self.command(*file))?;
        }
        let (store, _) = Store::open(&db, Utc::now()).map_err(|e| e.to_string())?;
        let conn = store.conn().map_err(|e| e.to_string())?;
        let mut not_whole = 0;
        for file in 0..self.files {
            if standing_of(facts(&conn, file)?) != Standing::Whole {
                not_whole += 1;
            }
        }
        let lines: i64 = conn
            .query_row("SELECT count(*) FROM bill_lines", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        let expected = (self.files * ROWS) as i64;
        if not_whole > 0 || lines != expected {
            problems.push(format!(
                "after importing the rest again, {not_whole} files are not whole and there are {lines} lines instead of {expected}"
            ));
        }
        Ok(Findings {
            acked: self.committed.len(),
            lost,
            partial: Some(partial),
            duplicated: None,
            problems,
            detail: format!(
                "{} files of {} rows: {} killed mid-commit; afterwards {} whole, {} absent, {partial} partial; \
                 imported again, all {} whole with {} lines, each once",
                grouped(self.files),
                grouped(ROWS),
                grouped(self.killed_mid_commit),
                grouped(present.len()),
                grouped(absent.len()),
                grouped(self.files - not_whole),
                grouped(lines as usize)
            ),
        })
    }
}
