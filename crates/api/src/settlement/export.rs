//! The console bridge, outward: any settlement view as CSV or XLSX.
//!
//! WHY in the core: the file must hold the same exact figures the screen shows (minor
//! units, never floats), with headers in the seller's language, and open cleanly in
//! Excel on a Chinese Windows — the bridge's writers see to that (UTF-8 BOM, formulas
//! neutralised). The bytes go back to the page, which saves them as a download; the
//! app window cannot download from a page, so there the core writes the file into the
//! user's Downloads folder (or `<data dir>/exports`) and says where. Rows are written
//! as they are read — a bill's lines straight from the database — so a million-line
//! bill is never held whole; a saved file is written straight to disk, beside its final
//! name, and renamed into place only when complete (a failed export never leaves half a
//! file, nor clobbers the one the seller chose to replace). In the app the seller picks
//! the place in the native save dialog (`save_to`); `save` alone means Downloads.

use super::export_views::{line_cells, table, Body, ViewTable};
use crate::{ApiError, Core};
use base64::Engine;
use gallerist_bridge::{CsvStream, ExportCell, XlsxStream};
use gallerist_domain::codes::Locale;
use gallerist_store::bill_figures;
use serde::{Deserialize, Serialize};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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
    /// Write the file here: the path the seller chose in the app's save dialog (wins over
    /// `save`). The view's extension is added when the dialog left it off.
    #[serde(default)]
    pub save_to: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub file_name: String,
    pub mime: &'static str,
    /// The file's bytes; empty when it was saved (`save`).
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

/// Where a saved export goes: the Downloads folder, else `<data dir>/exports`.
fn save_path(core: &Core, file_name: &str) -> Result<PathBuf, ApiError> {
    let dir = directories::UserDirs::new()
        .and_then(|d| d.download_dir().map(|p| p.to_path_buf()))
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| core.data_dir.join("exports"));
    std::fs::create_dir_all(&dir).map_err(|e| ApiError::invalid(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir.join(file_name))
}

/// The seller's chosen save path, checked: a full path to a file in an existing folder,
/// ending in the view's extension.
fn chosen_path(chosen: &Path, ext: &str) -> Result<PathBuf, ApiError> {
    let refuse = |why: &str| ApiError::invalid(format!("cannot save the export as {}: {why}", chosen.display()));
    if !chosen.is_absolute() {
        return Err(refuse("a save location must be a full path"));
    }
    let Some(name) = chosen.file_name() else {
        return Err(refuse("it names no file"));
    };
    if chosen.is_dir() {
        return Err(refuse("that is a folder"));
    }
    if !chosen.parent().is_some_and(Path::is_dir) {
        return Err(refuse("its folder does not exist"));
    }
    let has_ext = chosen
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
    Ok(if has_ext {
        chosen.to_path_buf()
    } else {
        chosen.with_file_name(format!("{}.{ext}", name.to_string_lossy()))
    })
}

/// The hidden file a saved export is written to before it is renamed into place.
fn partial_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.partial"))
}

/// Hands each row of a view to `write`, reading a bill's lines one at a time; how many.
fn each_row(
    core: &Core,
    account_id: i64,
    body: Body,
    write: &mut dyn FnMut(&[ExportCell]) -> Result<(), ApiError>,
) -> Result<usize, ApiError> {
    let mut rows = 0;
    match body {
        Body::Rows(all) => {
            for row in &all {
                write(row)?;
                rows += 1;
            }
        }
        Body::BillLines(bill) => {
            let conn = core.store.conn()?;
            bill_figures::for_each_line_of_bill(&conn, account_id, &bill, |line| {
                rows += 1;
                write(&line_cells(line))
            })?;
        }
    }
    Ok(rows)
}

fn bridge(e: gallerist_bridge::BridgeError) -> ApiError {
    ApiError::invalid(e.to_string())
}

/// Writes a view as CSV or xlsx, row by row, into `path` or (without one) a buffer.
fn write(
    core: &Core,
    account_id: i64,
    view: ViewTable,
    format: Format,
    path: Option<&Path>,
) -> Result<(Option<Vec<u8>>, usize), ApiError> {
    let cannot =
        |e: std::io::Error| ApiError::invalid(format!("cannot write {}: {e}", path.unwrap_or(Path::new("")).display()));
    match format {
        Format::Csv => match path {
            Some(p) => {
                let file = BufWriter::new(std::fs::File::create(p).map_err(cannot)?);
                let mut out = CsvStream::new(file, &view.headers).map_err(bridge)?;
                let rows = each_row(core, account_id, view.body, &mut |r| out.row(r).map_err(bridge))?;
                out.finish().map_err(bridge)?.flush().map_err(cannot)?;
                Ok((None, rows))
            }
            None => {
                let mut out = CsvStream::new(Vec::new(), &view.headers).map_err(bridge)?;
                let rows = each_row(core, account_id, view.body, &mut |r| out.row(r).map_err(bridge))?;
                Ok((Some(out.finish().map_err(bridge)?), rows))
            }
        },
        Format::Xlsx => {
            let mut out = XlsxStream::new(&view.sheet_name, &view.headers).map_err(bridge)?;
            let rows = each_row(core, account_id, view.body, &mut |r| out.row(r).map_err(bridge))?;
            match path {
                Some(p) => {
                    out.finish_to_file(p).map_err(bridge)?;
                    Ok((None, rows))
                }
                None => Ok((Some(out.finish_to_buffer().map_err(bridge)?), rows)),
            }
        }
    }
}

/// Exports a view. With `save_to` (or `save`: Downloads, else `<data dir>/exports`)
/// the file is written to disk and `base64` is left empty; otherwise the bytes come back.
pub fn export_view(core: &Core, args: ExportArg) -> Result<Exported, ApiError> {
    let zh = core.locale() == Locale::ZhCn;
    let view = table(core, &args, zh)?;
    let (ext, mime) = match args.format {
        Format::Csv => ("csv", "text/csv"),
        Format::Xlsx => (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    };
    let stamp = core.clock.now().format("%Y%m%d-%H%M%S");
    let file_name = safe_file_name(&format!("gallerist-{}-{stamp}.{ext}", view.name));
    let target = match (&args.save_to, args.save) {
        (Some(chosen), _) => Some(chosen_path(chosen, ext)?),
        (None, true) => Some(save_path(core, &file_name)?),
        (None, false) => None,
    };
    let partial = target.as_deref().map(partial_path);
    let written = write(core, args.account_id, view, args.format, partial.as_deref()).and_then(|done| {
        if let (Some(from), Some(to)) = (&partial, &target) {
            std::fs::rename(from, to).map_err(|e| ApiError::invalid(format!("cannot write {}: {e}", to.display())))?;
        }
        Ok(done)
    });
    let (bytes, rows) = match written {
        Ok(done) => done,
        Err(e) => {
            if let Some(partial) = &partial {
                let _ = std::fs::remove_file(partial);
            }
            return Err(e);
        }
    };
    Ok(Exported {
        rows,
        base64: bytes
            .map(|b| base64::engine::general_purpose::STANDARD.encode(b))
            .unwrap_or_default(),
        file_name: target
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(file_name),
        mime,
        saved_to: target.map(|p| p.display().to_string()),
    })
}
