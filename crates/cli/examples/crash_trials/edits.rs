//! Draft edits killed mid-save: every save the editor was told succeeded must be there.
//!
//! WHY through `dispatch`: the worker saves exactly as the app's editor does (get the
//! draft, change it, `save_draft` with the revision it read), so the check covers the
//! command, the rule check stored with the body and the history in one transaction.
//! Each save names itself ("edit <revision> of worker <pid>"), so a later check can tell
//! the acknowledged body from any other.

use crate::checks::lost_saves;
use crate::tally::{grouped, integrity, Findings, Kind};
use crate::trial::{self, Trial};
use base64::Engine;
use gallerist_api::dispatch;
use gallerist_store::{drafts, Store};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const SAVES: usize = 40;
const DRAFTS: usize = 4;

/// The worker: makes sure `drafts` drafts exist, then saves `saves` edits round-robin.
pub async fn work(data: PathBuf, saves: usize, count: usize) -> Result<(), String> {
    let core = crate::core(&data).await?;
    let call = |name: &'static str, args: serde_json::Value| {
        let core = &core;
        async move {
            dispatch(core, name, args)
                .await
                .map_err(|e| format!("{name}: {}", e.message))
        }
    };
    let list = call("list_drafts", json!({})).await?;
    let mut ids: Vec<i64> = list["rows"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default();
    ids.sort_unstable();
    ids.truncate(count);
    while ids.len() < count {
        let view = call("create_draft", json!({ "productType": "saas" })).await?;
        let id = view["id"].as_i64().ok_or("create_draft answered without an id")?;
        println!("created {id}");
        ids.push(id);
    }
    let pid = std::process::id();
    // A file attached, saved on a draft, written out as a pack and read back as a new
    // draft: what `gallerist draft export` and `draft import` do, asset files included.
    let encoded = base64::engine::general_purpose::STANDARD.encode(png(pid));
    let logo = call(
        "add_asset",
        json!({ "fileName": format!("logo-{pid}.png"), "base64": encoded, "kind": "image" }),
    )
    .await?;
    println!("attached {}", logo["hash"].as_str().unwrap_or_default());
    let view = call("get_draft", json!({ "id": ids[0] })).await?;
    let revision = view["revision"]
        .as_i64()
        .ok_or("get_draft answered without a revision")?;
    let mut draft = view["draft"].clone();
    let name = format!("edit {} of worker {pid}", revision + 1);
    draft["name"] = json!(name);
    draft["logo"] = logo;
    let saved = call(
        "save_draft",
        json!({ "id": ids[0], "revision": revision, "draft": draft }),
    )
    .await?;
    println!("saved {} {} {name}", ids[0], saved["revision"]);
    let pack = data.join("packs").join(pid.to_string());
    let _ = std::fs::remove_dir_all(&pack); // a pid reused after an earlier kill
    call("export_draft_pack", json!({ "id": ids[0], "folder": pack })).await?;
    let back = call("import_draft_pack", json!({ "folder": pack })).await?;
    println!("imported {}", back["view"]["id"]);
    for n in 0..saves {
        let id = ids[n % ids.len()];
        let view = call("get_draft", json!({ "id": id })).await?;
        let revision = view["revision"]
            .as_i64()
            .ok_or("get_draft answered without a revision")?;
        let mut draft = view["draft"].clone();
        let name = format!("edit {} of worker {pid}", revision + 1);
        draft["name"] = json!(name);
        let saved = call("save_draft", json!({ "id": id, "revision": revision, "draft": draft })).await?;
        println!("saved {id} {} {name}", saved["revision"]);
    }
    core.shutdown().await;
    Ok(())
}

/// A PNG header of 120 × 120 pixels and a tail unique to `seed`: enough for the
/// header-only measuring, and a new content-addressed file each run.
fn png(seed: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend(120u32.to_be_bytes());
    b.extend(120u32.to_be_bytes());
    b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    b.extend(seed.to_be_bytes().repeat(64));
    b
}

/// An acknowledged save: draft, revision, the name it carried.
type Save = (i64, i64, String);

pub struct Edits {
    me: PathBuf,
    data: PathBuf,
    window: Duration,
    created: Vec<i64>,
    attached: Vec<String>,
    saves: Vec<Save>,
}

impl Edits {
    pub fn new(me: &Path, data: &Path) -> Result<Self, String> {
        let mut e = Edits {
            me: me.to_path_buf(),
            data: data.to_path_buf(),
            window: Duration::ZERO,
            created: Vec::new(),
            attached: Vec::new(),
            saves: Vec::new(),
        };
        // The first run creates the drafts; the second, like every trial, only edits.
        let first = trial::to_the_end(&mut e.command())?;
        e.keep(&first.acked());
        let second = trial::to_the_end(&mut e.command())?;
        e.keep(&second.acked());
        e.window = second.ran;
        Ok(e)
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.me);
        c.arg("edit-worker").arg("--data").arg(&self.data).args([
            "--saves",
            &SAVES.to_string(),
            "--drafts",
            &DRAFTS.to_string(),
        ]);
        c
    }

    fn keep(&mut self, lines: &[String]) {
        for line in lines {
            let mut words = line.splitn(4, ' ');
            match (words.next(), words.next(), words.next(), words.next()) {
                (Some("created" | "imported"), Some(id), None, None) => self.created.extend(id.parse::<i64>().ok()),
                (Some("attached"), Some(hash), None, None) => self.attached.push(hash.to_string()),
                (Some("saved"), Some(id), Some(rev), Some(name)) => {
                    if let (Ok(id), Ok(rev)) = (id.parse(), rev.parse()) {
                        self.saves.push((id, rev, name.to_string()));
                    }
                }
                _ => {}
            }
        }
    }
}

impl Kind for Edits {
    fn name(&self) -> &'static str {
        "edits"
    }

    fn window(&self) -> Duration {
        self.window
    }

    fn next(&mut self, _: usize) -> Result<Command, String> {
        Ok(self.command())
    }

    fn settle(&mut self, trial: &Trial) {
        self.keep(&trial.acked());
    }

    fn finish(&mut self) -> Result<Findings, String> {
        let db = self.data.join(gallerist_api::DATABASE_FILE);
        let problems: Vec<String> = integrity(&db).err().into_iter().collect();
        let last = trial::to_the_end(&mut self.command())?;
        self.keep(&last.acked());
        let (store, _) = Store::open(&db, chrono::Utc::now()).map_err(|e| e.to_string())?;
        let conn = store.conn().map_err(|e| e.to_string())?;
        let mut now: BTreeMap<i64, (i64, String)> = BTreeMap::new();
        for id in self.created.iter().chain(self.saves.iter().map(|s| &s.0)) {
            if let Ok(d) = drafts::get(&conn, *id) {
                now.insert(*id, (d.revision, d.draft.name));
            }
        }
        let lost_created = self.created.iter().filter(|id| !now.contains_key(id)).count();
        let lost_saves = lost_saves(&self.saves, &now);
        // Attached files are read back and checked against their hash.
        let files = gallerist_store::assets::AssetFiles::new(self.data.join("assets"));
        let lost_files = self.attached.iter().filter(|h| files.get(h).is_err()).count();
        let history: i64 = conn
            .query_row("SELECT count(*) FROM draft_versions", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        Ok(Findings {
            acked: self.saves.len() + self.created.len() + self.attached.len(),
            lost: lost_saves + lost_created + lost_files,
            partial: None,
            duplicated: None,
            problems,
            detail: format!(
                "{} saves acknowledged, {lost_saves} missing; {} drafts created or imported from a pack, {lost_created} missing; \
                 {} files attached, {lost_files} missing or damaged; {} history entries",
                grouped(self.saves.len()),
                grouped(self.created.len()),
                grouped(self.attached.len()),
                grouped(history as usize)
            ),
        })
    }
}
