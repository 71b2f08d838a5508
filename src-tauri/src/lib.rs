//! The desktop shell: a window, the IPC handler, nothing else.
//!
//! All behaviour lives in `gallerist-api`; this crate boots the core once, keeps
//! the result (a boot failure is kept too, so the window can explain it instead of
//! crashing), and forwards each IPC command to the core's dispatcher.

mod commands;

use gallerist_api::{boot, default_data_dir, ApiError, BootOptions, Core};

/// The booted core, or why it could not boot.
pub struct Backend(pub Result<Core, ApiError>);

impl Backend {
    pub fn core(&self) -> Result<&Core, ApiError> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            use tauri::Manager;
            let booted = tauri::async_runtime::block_on(async {
                let data_dir = default_data_dir()?;
                boot(BootOptions::for_app(data_dir, true)).await
            });
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
