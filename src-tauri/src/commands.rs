//! The IPC handler: every command goes to the core's one dispatcher.
//!
//! WHY one handler instead of one adapter per command: the web mode and the CLI
//! already call `gallerist_api::dispatch(name, args)`; routing the window through the
//! same function means a command behaves identically everywhere and a new command
//! needs no shell code at all. Tauri still checks each call against the capability
//! (one `allow-<command>` permission per name in `commands.in`) before it gets here.

use crate::Backend;
use gallerist_api::{ApiError, ErrorCode, COMMANDS};
use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::{Manager, Runtime};

fn refusal(error: ApiError) -> InvokeError {
    InvokeError(serde_json::to_value(error).expect("errors serialize"))
}

/// Answers one invoke; returns `false` for names that are not Gallerist commands,
/// which Tauri then rejects itself.
pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let name = invoke.message.command().to_string();
    if !COMMANDS.contains(&name.as_str()) {
        return false;
    }
    let args = match invoke.message.payload() {
        InvokeBody::Json(value) => Ok(value.clone()),
        InvokeBody::Raw(_) => Err(ApiError::invalid(format!("{name}: arguments must be JSON"))),
    };
    let app = invoke.message.webview().app_handle().clone();
    invoke.resolver.respond_async(async move {
        let args = args.map_err(refusal)?;
        let core = app.state::<Backend>().core().await.map_err(refusal)?;
        // Off the async workers: a long import preview must not stall the window.
        gallerist_api::work::run(core, name.clone(), args).await.map_err(|e| {
            if e.code == ErrorCode::Internal {
                log::warn!("{name} failed: {}", e.message);
            }
            refusal(e)
        })
    });
    true
}

#[cfg(test)]
mod tests {
    /// The desktop plugins' permissions the window holds besides Gallerist's own commands,
    /// each for one thing a seller does: check for, download and install a signed update and
    /// restart into it (Settings); choose where a draft pack or an export goes, or which pack
    /// to import (native dialogs). Nothing else of any plugin.
    const PLUGIN_PERMISSIONS: &[&str] = &[
        "updater:default",
        "process:allow-restart",
        "dialog:allow-open",
        "dialog:allow-save",
    ];

    #[test]
    fn the_window_may_call_exactly_the_core_commands_and_the_named_plugin_permissions() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("capability file is JSON");
        let allowed: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let expected: Vec<String> = gallerist_api::COMMANDS
            .iter()
            .map(|n| format!("allow-{}", n.replace('_', "-")))
            .chain(PLUGIN_PERMISSIONS.iter().map(|p| p.to_string()))
            .collect();
        assert_eq!(
            allowed, expected,
            "the window may call exactly the commands the core dispatches and the plugin permissions named here, nothing more"
        );
    }
}
