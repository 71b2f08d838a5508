//! The console bridge, outward: any settlement view as CSV or XLSX.
//!
//! WHY in the core: the file must hold the same exact figures the screen shows (minor
//! units, never floats), with headers in the seller's language, and open cleanly in
//! Excel on a Chinese Windows — the bridge's writers see to that (UTF-8 BOM, formulas
//! neutralised). The bytes go back to the page, which saves them as a download; the
//! app window cannot download from a page, so there the core writes the file into the
//! user's Downloads folder (or `<data dir>/exports`) and says where.

use super::export_views::table;
use crate::{ApiError, Core};
use base64::Engine;
use gallerist_bridge::{to_csv, to_xlsx};
use gallerist_domain::codes::Locale;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    Bills,
    BillLines,
    Months,
    ByProduct,
    ByType,
    Held,
    Reconcile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportArg {
    pub account_id: i64,
    pub view: View,
    pub bill_id: Option<String>,
    pub format: Format,
    /// Write the file into the Downloads folder too (the app window asks for this).
    #[serde(default)]
    pub save: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub file_name: String,
    pub mime: &'static str,
    pub base64: String,
    pub rows: usize,
    /// Where the file was written, when `save` was asked.
    pub saved_to: Option<String>,
}

/// A file name without path separators or characters Windows refuses.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || r#"/\:*?"<>|"#.contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.chars().take(120).collect()
    }
}

fn save(core: &Core, file_name: &str, bytes: &[u8]) -> Result<String, ApiError> {
    let dir = directories::UserDirs::new()
        .and_then(|d| d.download_dir().map(|p| p.to_path_buf()))
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| core.data_dir.join("exports"));
    std::fs::create_dir_all(&dir).map_err(|e| ApiError::invalid(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(file_name);
    std::fs::write(&path, bytes).map_err(|e| ApiError::invalid(format!("cannot write {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}

pub fn export_view(core: &Core, args: ExportArg) -> Result<Exported, ApiError> {
    let zh = core.locale() == Locale::ZhCn;
    let (name, table) = table(core, &args, zh)?;
    let (bytes, ext, mime) = match args.format {
        Format::Csv => (to_csv(&table), "csv", "text/csv"),
        Format::Xlsx => (
            to_xlsx(&table),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    };
    let bytes = bytes.map_err(|e| ApiError::invalid(e.to_string()))?;
    let stamp = core.clock.now().format("%Y%m%d-%H%M%S");
    let file_name = safe_file_name(&format!("gallerist-{name}-{stamp}.{ext}"));
    let saved_to = if args.save {
        Some(save(core, &file_name, &bytes)?)
    } else {
        None
    };
    Ok(Exported {
        rows: table.rows.len(),
        base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
        file_name,
        mime,
        saved_to,
    })
}
