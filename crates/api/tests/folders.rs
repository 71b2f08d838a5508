//! "Open data folder" and "Open log folder": the window names a folder, never a path,
//! and learns where it is even when no file manager can show it.

mod common;

use common::{refused, sandbox_core};
use gallerist_api::{app, ErrorCode};

#[tokio::test]
async fn the_two_folders_are_named_and_anything_else_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 3, "en").await;
    let info = app::app_info(&core).unwrap();
    assert_eq!(info.log_dir, dir.path().join("logs").display().to_string());

    assert_eq!(app::folder(&core, "data").unwrap(), dir.path());
    let logs = app::folder(&core, "logs").unwrap();
    assert!(
        logs.is_dir(),
        "the log folder is made when asked for before anything was logged"
    );

    for which in ["../etc", "/tmp", "assets"] {
        let e = refused(&core, "open_folder", serde_json::json!({ "which": which })).await;
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.message.contains("use data or logs"), "{}", e.message);
    }
    core.shutdown().await;
}
