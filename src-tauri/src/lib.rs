//! The desktop shell: a window, the IPC handler, desktop notifications, nothing else.
//!
//! All behaviour lives in `gallerist-api`; this crate boots the core once, keeps
//! the result (a boot failure is kept too, so the window can explain it instead of
//! crashing), and forwards each IPC command to the core's dispatcher.

mod commands;

use gallerist_api::{boot, default_data_dir, ApiError, BootOptions, Core};
use std::sync::Arc;

/// How often the app syncs when no local change wakes it sooner.
const BACKGROUND_SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// The booted core, or why it could not boot.
pub struct Backend(pub Result<Arc<Core>, ApiError>);

/// Deadline notices (invoices due within 24 h…) as OS notifications; the core decides
/// what to announce and when, the shell only shows it.
struct DesktopNotifier(tauri::AppHandle);

impl gallerist_api::Notifier for DesktopNotifier {
    fn show(&self, title: &str, body: &str) {
        use tauri_plugin_notification::NotificationExt;
        if let Err(e) = self.0.notification().builder().title(title).body(body).show() {
            eprintln!("gallerist: a deadline notification could not be shown: {e}");
        }
    }
}

/// A second launch hands over to the running window instead of opening the same
/// data folder twice (the core's folder lock would refuse it anyway, with words; this
/// is the friendlier half). Registered first, as the plugin requires.
fn focus_running_window(app: &tauri::AppHandle, _args: Vec<String>, _cwd: String) {
    use tauri::Manager;
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(focus_running_window))
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            use tauri::Manager;
            let booted = tauri::async_runtime::block_on(async {
                let data_dir = default_data_dir()?;
                boot(BootOptions::for_app(data_dir, true)).await.map(Arc::new)
            });
            if let Ok(core) = &booted {
                let _ = core.notifier.set(Arc::new(DesktopNotifier(app.handle().clone())));
                let core = core.clone();
                tauri::async_runtime::spawn(async move {
                    // Runs for the life of the app; the watchdog inside restarts a stalled pass.
                    let _ = gallerist_api::background::spawn(core, BACKGROUND_SYNC_EVERY).await;
                });
            }
            if let Err(e) = &booted {
                eprintln!(
                    "gallerist: the data could not be opened; the window explains: {}",
                    e.message
                );
            }
            app.manage(Backend(booted));
            Ok(())
        })
        .invoke_handler(commands::handle)
        .run(tauri::generate_context!())
        .expect("the Gallerist window could not be started");
}
