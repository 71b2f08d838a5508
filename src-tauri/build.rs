//! Generates the Tauri context and one `allow-<command>` permission per app
//! command, so the capability file can list exactly the commands the UI uses.

fn main() {
    let commands: &[&str] = include!("../crates/api/src/commands.in");
    println!("cargo:rerun-if-changed=../crates/api/src/commands.in");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
