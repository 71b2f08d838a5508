//! The desktop shell: a window (its size and place remembered), the IPC handler,
//! desktop notifications, the diagnostic log, signed updates and the native file
//! dialogs, nothing else.
//!
//! All behaviour lives in `gallerist-api`; this crate boots the core once, keeps
//! the result (a boot failure is kept too, so the window can explain it instead of
//! crashing), and forwards each IPC command to the core's dispatcher.
//!
//! WHY the core boots beside the window rather than before it: the first start
//! migrates a new database, starts the embedded sandbox and seeds a year of demo data,
//! while WebKit takes about as long to start its processes and load the page. Done one
//! after the other, the seller waited for both; now the window opens at once and each
//! command waits for the boot (`Backend::core`), so the dashboard fills as soon as both
//! are ready (`cargo xtask bench app` measures it).

mod commands;
mod exit_guard;
mod updates;

use gallerist_api::{boot, default_data_dir, ApiError, BootOptions, Core, ErrorCode};
use std::sync::Arc;

/// How often the app syncs when no local change wakes it sooner.
const BACKGROUND_SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(30);
/// The first pass waits this long after the boot (or for a local change), so it does
/// not compete with the window's first paint; see `background::spawn_after`.
const FIRST_SYNC_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// The booted core, or why it could not boot; `None` while the boot is still going.
pub struct Backend(tokio::sync::watch::Receiver<Option<Result<Arc<Core>, ApiError>>>);

impl Backend {
    /// The core, once booted (waiting for the boot if it is still going).
    pub async fn core(&self) -> Result<Arc<Core>, ApiError> {
        let mut booted = self.0.clone();
        let done = booted.wait_for(Option::is_some).await.map_err(|_| {
            ApiError::new(
                ErrorCode::Internal,
                "the data could not be opened: the start was interrupted",
            )
        })?;
        done.clone().expect("waited for Some")
    }
}

/// Deadline notices (invoices due within 24 h…) as OS notifications; the core decides
/// what to announce and when, the shell only shows it.
struct DesktopNotifier(tauri::AppHandle);

impl gallerist_api::Notifier for DesktopNotifier {
    fn show(&self, title: &str, body: &str) {
        use tauri_plugin_notification::NotificationExt;
        if let Err(e) = self.0.notification().builder().title(title).body(body).show() {
            log::warn!("a deadline notification could not be shown: {e}");
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

/// The window-state plugin writes its file when the app exits normally; a killed or
/// crashed app would forget the seller's layout. So the size and place are also saved a
/// moment after the seller stops moving or resizing the window.
fn remember_layout_as_it_changes(app: &tauri::App) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tauri::Manager;
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let handle = app.handle().clone();
    let generation = Arc::new(AtomicU64::new(0));
    window.on_window_event(move |event| {
        if !matches!(event, tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)) {
            return;
        }
        let mine = generation.fetch_add(1, Ordering::SeqCst) + 1;
        let (handle, generation) = (handle.clone(), generation.clone());
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            if generation.load(Ordering::SeqCst) == mine {
                if let Err(e) = handle.save_window_state(StateFlags::all()) {
                    log::warn!("the window's size and place could not be saved: {e}");
                }
            }
        });
    });
}

/// What runs once the core has booted: the diagnostic log in <data dir>/logs (this
/// process holds the folder now), desktop notifications, background sync.
fn start_services(app: &tauri::AppHandle, core: &Arc<Core>) {
    use tauri::Manager;
    match gallerist_api::log_file::start(core) {
        Ok(log) => {
            app.manage(log);
        }
        Err(e) => eprintln!("gallerist: {}", e.message),
    }
    let _ = core.notifier.set(Arc::new(DesktopNotifier(app.clone())));
    let core = core.clone();
    tauri::async_runtime::spawn(async move {
        // Runs for the life of the app; the watchdog inside restarts a stalled pass.
        let _ = gallerist_api::background::spawn_after(core, FIRST_SYNC_AFTER, BACKGROUND_SYNC_EVERY).await;
    });
}

pub fn run() {
    let mut context = tauri::generate_context!();
    updates::point_at_test_server(&mut context);
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(focus_running_window))
        .plugin(tauri_plugin_notification::init())
        // The window opens where and as large as the seller left it.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // Settings' "Check for updates": signed updates, then a restart into them.
        .plugin(updates::plugin())
        .plugin(tauri_plugin_process::init())
        // Native open/save dialogs for draft packs and console exports; the page gets
        // a path and hands it to the core, which reads or writes with its own limits.
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            use tauri::Manager;
            remember_layout_as_it_changes(app);
            let (done, booted) = tokio::sync::watch::channel(None);
            app.manage(Backend(booted));
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let booted = async {
                    let data_dir = default_data_dir()?;
                    boot(BootOptions::for_app(data_dir, true)).await.map(Arc::new)
                }
                .await;
                match &booted {
                    Ok(core) => start_services(&handle, core),
                    Err(e) => eprintln!(
                        "gallerist: the data could not be opened; the window explains: {}",
                        e.message
                    ),
                }
                let _ = done.send(Some(booted));
            });
            Ok(())
        })
        .invoke_handler(commands::handle)
        .build(context)
        .expect("the Gallerist window could not be started")
        .run(|_app, event| {
            // The last window closed (or the app was told to quit): the exit begins, and
            // it must end the process even if a clean-up hangs (exit_guard.rs).
            if let tauri::RunEvent::ExitRequested { .. } | tauri::RunEvent::Exit = event {
                exit_guard::arm();
            }
        });
}
