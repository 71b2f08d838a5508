//! `gallerist draft list|export|import`: the local drafts from a terminal.
//!
//! WHY: sellers who keep listings in their own repository move them between the app
//! and a folder (`listing.toml` + `assets/`) with the same commands the app uses, and
//! check the folder in CI with `gallerist validate`.

use crate::account::core;
use anyhow::anyhow;
use clap::Subcommand;
use gallerist_api::draft_files::{self, ExportPack, ImportPack};
use gallerist_api::drafts::{self, ListDrafts};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DraftCommand {
    /// List the local drafts with their issue counts.
    List,
    /// Write a draft as a pack folder (listing.toml + assets/).
    Export { id: i64, folder: PathBuf },
    /// Read a pack folder into a new local draft.
    Import { folder: PathBuf },
}

pub async fn run(command: DraftCommand) -> anyhow::Result<ExitCode> {
    let core = core().await?;
    let fail = |e: gallerist_api::ApiError| anyhow!(e.message);
    match command {
        DraftCommand::List => {
            let list = drafts::list_drafts(&core, ListDrafts::default()).map_err(fail)?;
            println!(
                "{:>5}  {:<16} {:<9} {:>6} {:>8}  name",
                "id", "type", "status", "errors", "warnings"
            );
            for r in list.rows {
                println!(
                    "{:>5}  {:<16} {:<9} {:>6} {:>8}  {}",
                    r.id, r.product_type, r.status, r.errors, r.warnings, r.name
                );
            }
        }
        DraftCommand::Export { id, folder } => {
            let out = draft_files::export_draft_pack(&core, ExportPack { id, folder }).map_err(fail)?;
            println!("Wrote draft {id} to {} ({} files)", out.folder.display(), out.files);
        }
        DraftCommand::Import { folder } => {
            let out = draft_files::import_draft_pack(&core, ImportPack { folder }).map_err(fail)?;
            let errors = out
                .view
                .report
                .issues
                .iter()
                .filter(|i| i.severity == gallerist_domain::listing::Severity::Error)
                .count();
            println!("Imported as draft {} ({errors} errors to fix)", out.view.id);
            for (field, problem) in out.asset_problems {
                println!("  {field}: {problem}");
            }
        }
    }
    core.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
