//! Gallerist's commands as plain async functions.
//!
//! The Tauri app, the `gallerist` CLI, web mode and the tests all call the same
//! functions with the same [`Core`], so a command behaves identically whether a
//! webview, a browser or a test invoked it. Errors leave as [`ApiError`]
//! (`{code, message}`), the one shape the UI understands.

mod boot;
mod error;
pub mod folder_lock;
pub mod log_file;

pub mod account_edits;
pub mod accounts;
pub mod app;
pub mod assets;
pub mod background;
pub mod catalog;
pub mod conflicts;
pub mod dashboard;
pub mod dispatch;
pub mod draft_files;
pub mod draft_pack;
pub mod drafts;
pub mod login_tester;
pub mod marketplace;
pub mod orders;
pub mod preview;
pub mod produce;
pub mod produce_products;
pub mod produce_progress;
pub mod rule_pack;
pub mod settlement;
pub mod sync;
pub mod vault;
pub mod work;
pub mod worklist;

pub use boot::{boot, default_data_dir, os_locale, BootOptions, DATABASE_FILE};
pub use dispatch::{dispatch, COMMANDS};
pub use error::{ApiError, ErrorCode};

use gallerist_domain::codes::Locale;
use gallerist_domain::Clock;
use gallerist_market::{Credentials, HttpClient};
use gallerist_sandbox::Sandbox;
use gallerist_store::Store;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything a command needs: the store, the clock, the HTTP client and the
/// embedded sandbox with its in-memory keys.
pub struct Core {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub http: HttpClient,
    pub data_dir: PathBuf,
    pub os_locale: String,
    pub sandbox: Option<EmbeddedSandbox>,
    /// Where account secrets live: the OS keychain in the app.
    pub vault: Arc<dyn vault::Vault>,
    /// This database's keychain namespace (see `vault::SecretName`).
    pub keychain_namespace: String,
    /// The listing-standards rule pack drafts are checked with.
    pub pack: Arc<gallerist_domain::listing::Pack>,
    /// Attached files, by SHA-256, under `<data dir>/assets`.
    pub assets: gallerist_store::assets::AssetFiles,
    /// Randomness for idempotency keys and jitter, seeded at boot (tests pin it).
    pub rng: std::sync::Mutex<rand::rngs::StdRng>,
    /// Wakes background sync after a local change was queued.
    pub sync_wake: tokio::sync::Notify,
    /// The import wizard's last preview, so importing does not read the file again.
    pub kept_preview: settlement::import::KeptPreview,
    /// "Run checks" runs being followed by the SaaS page, each check as it finishes.
    pub produce_progress: produce_progress::ProgressBook,
    /// Shows desktop notifications; set by the app shell (web mode leaves it to the page).
    pub notifier: std::sync::OnceLock<Arc<dyn Notifier>>,
    /// Commands being worked on by `work::run` right now (a cancelled one counts until
    /// it has really stopped).
    commands_running: std::sync::atomic::AtomicUsize,
    /// This process's claim on the data folder, released when the core is dropped.
    _folder_lock: folder_lock::FolderLock,
}

/// Something that can show a desktop notification. The Tauri shell provides one; the
/// core stays free of any windowing crate.
pub trait Notifier: Send + Sync {
    fn show(&self, title: &str, body: &str);
}

/// The sandbox started with the app; its keys exist only in this process.
pub struct EmbeddedSandbox {
    pub server: Sandbox,
    pub credentials: Credentials,
    pub account_id: i64,
}

impl Core {
    /// The language for text produced in the core: saved choice, else the OS's.
    pub fn locale(&self) -> Locale {
        let saved = self.store.conn().ok().and_then(|c| {
            gallerist_store::settings::get(&c, gallerist_store::settings::LOCALE)
                .ok()
                .flatten()
        });
        Locale::from_tag(saved.as_deref().unwrap_or(&self.os_locale))
    }

    /// The keychain name of one of this database's secrets.
    pub fn secret(&self, account_id: i64, kind: vault::SecretKind) -> vault::SecretName {
        vault::SecretName {
            namespace: self.keychain_namespace.clone(),
            account_id,
            kind,
        }
    }

    /// How many commands started through [`work::run`] are still being worked on.
    pub fn commands_running(&self) -> usize {
        self.commands_running.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Stops the embedded sandbox (the store closes when dropped).
    pub async fn shutdown(self) {
        if let Some(s) = self.sandbox {
            s.server.stop().await;
        }
    }
}
