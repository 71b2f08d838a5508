//! Updates: Tauri's updater plugin, driven from Settings ("Check for updates").
//!
//! WHY no update address in the repository: an updater is only as honest as its key. The
//! release workflow writes the maintainer's public key and the release's `latest.json`
//! address into the bundle's configuration (`--config`, docs/RELEASING.md), so a release
//! build trusts exactly the key whose private half signs its update artifacts as a CI
//! secret. A build from a checkout has neither, and Settings says so instead of pretending
//! to look.
//!
//! The test suite serves a newer signed version (and a badly signed one) from a local
//! server: in debug builds only, `GALLERIST_UPDATE_ENDPOINT` and `GALLERIST_UPDATE_PUBKEY`
//! point the plugin at that server and at the test's own key. A release build ignores
//! them, so nobody can swap the trusted key through the environment.

use tauri::{Context, Runtime};

/// The updater plugin; what it trusts comes from the configuration (see above).
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new().build()
}

/// In a debug build, points the updater at the test suite's server and key when asked.
pub fn point_at_test_server<R: Runtime>(context: &mut Context<R>) {
    if !cfg!(debug_assertions) {
        return;
    }
    let (Ok(endpoint), Ok(pubkey)) = (
        std::env::var("GALLERIST_UPDATE_ENDPOINT"),
        std::env::var("GALLERIST_UPDATE_PUBKEY"),
    ) else {
        return;
    };
    context.config_mut().plugins.0.insert(
        "updater".into(),
        serde_json::json!({
            "endpoints": [endpoint],
            "pubkey": pubkey,
            // The test server is plain HTTP on loopback.
            "dangerousInsecureTransportProtocol": true,
        }),
    );
}
