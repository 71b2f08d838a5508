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
    pub locale: Locale,
    pub os_locale: String,
    pub sandbox_url: Option<String>,
}

pub fn app_info(core: &Core) -> Result<AppInfo, ApiError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: core.data_dir.display().to_string(),
        database_path: core.store.path().display().to_string(),
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
