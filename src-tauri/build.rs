//! Generates the Tauri context and one `allow-<command>` permission per app
//! command, so the capability file can list exactly the commands the UI uses.

fn main() {
    let commands = &[
        "app_info",
        "set_locale",
        "list_accounts",
        "dashboard",
        "list_orders",
        "test_connection",
        "add_account",
        "update_account",
        "remove_account",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
