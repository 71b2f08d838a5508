//! App-level commands: what this installation is and which language it speaks.

use crate::{ApiError, Core};
use gallerist_domain::codes::Locale;
use gallerist_store::settings;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    /// The diagnostic log's folder (`log_file`), for "Open log folder".
    pub log_dir: String,
    pub locale: Locale,
    pub os_locale: String,
    pub sandbox_url: Option<String>,
}

pub fn app_info(core: &Core) -> Result<AppInfo, ApiError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: core.data_dir.display().to_string(),
        database_path: core.store.path().display().to_string(),
        log_dir: crate::log_file::dir(&core.data_dir).display().to_string(),
        locale: core.locale(),
        os_locale: core.os_locale.clone(),
        sandbox_url: core.sandbox.as_ref().map(|s| s.server.url()),
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetLocale {
    pub locale: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocaleChoice {
    pub locale: Locale,
}

pub fn set_locale(core: &Core, args: SetLocale) -> Result<LocaleChoice, ApiError> {
    let locale = match args.locale.as_str() {
        "zh-CN" => Locale::ZhCn,
        "en" => Locale::En,
        other => {
            return Err(ApiError::invalid(format!(
                "'{other}' is not a supported language; use zh-CN or en"
            )))
        }
    };
    settings::set(&*core.store.conn()?, settings::LOCALE, locale.tag())?;
    Ok(LocaleChoice { locale })
}

#[derive(Debug, Clone, Deserialize)]
pub struct FolderArg {
    /// `data` or `logs`: the window names a folder, never a path.
    pub which: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedFolder {
    pub path: String,
    /// False when no file manager could be started; `reason` says why, and the
    /// seller still has the path to copy.
    pub opened: bool,
    pub reason: Option<String>,
}

/// The folder `which` names; the log folder is made if nothing was logged yet.
pub fn folder(core: &Core, which: &str) -> Result<std::path::PathBuf, ApiError> {
    match which {
        "data" => Ok(core.data_dir.clone()),
        "logs" => {
            let dir = crate::log_file::dir(&core.data_dir);
            std::fs::create_dir_all(&dir).map_err(|e| {
                ApiError::new(
                    crate::ErrorCode::Internal,
                    format!("The log folder {} could not be made: {e}", dir.display()),
                )
            })?;
            Ok(dir)
        }
        other => Err(ApiError::invalid(format!(
            "'{other}' is not a folder Gallerist opens; use data or logs"
        ))),
    }
}

/// Shows the data or log folder in the OS file manager (the `open` crate: the same
/// launcher the Tauri opener plugin uses, here so web mode gets it too).
pub fn open_folder(core: &Core, args: FolderArg) -> Result<OpenedFolder, ApiError> {
    let path = folder(core, &args.which)?;
    let outcome = open::that_detached(&path);
    Ok(OpenedFolder {
        path: path.display().to_string(),
        opened: outcome.is_ok(),
        reason: outcome.err().map(|e| format!("No file manager could be started: {e}")),
    })
}
