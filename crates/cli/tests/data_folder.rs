//! One process per data folder, as a seller meets it: `gallerist serve` is running and
//! `gallerist sync` is started on the same folder (issue 14, finding 5).

mod common;

use common::{start, tiny_ui, BIN};
use std::process::Command;

#[test]
fn sync_on_a_folder_held_by_serve_names_the_holder() {
    let data = tempfile::tempdir().unwrap();
    let ui = tiny_ui();
    let (server, _url) = start(
        &["serve", "--listen", "127.0.0.1:0", "--ui", ui.path().to_str().unwrap()],
        data.path(),
    );

    let out = Command::new(BIN)
        .args(["sync", "--timeout", "5"])
        .env("GALLERIST_DATA_DIR", data.path())
        .env("GALLERIST_LOCALE", "en")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a held folder is refused");
    assert!(err.contains("Another Gallerist process"), "{err}");
    assert!(err.contains("gallerist serve"), "says which command holds it: {err}");
    assert!(
        err.contains(&format!("process {}", server.0.id())),
        "and its process id: {err}"
    );

    drop(server);
    let out = Command::new(BIN)
        .args(["sync", "--timeout", "5"])
        .env("GALLERIST_DATA_DIR", data.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("Another Gallerist process"),
        "free once serve is gone: {err}"
    );
}
