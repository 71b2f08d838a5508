//! One process per data folder, as a seller meets it: `gallerist serve` is running and
//! `gallerist sync` is started on the same folder (issue 14, finding 5).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_gallerist");

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `gallerist serve` on `data`, once it listens (its folder lock is taken by then).
fn serve(data: &std::path::Path, ui: &std::path::Path) -> Running {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--ui"])
        .arg(ui)
        .env("GALLERIST_DATA_DIR", data)
        .env("GALLERIST_LOCALE", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let running = Running(child);
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
            .expect("serve prints where it listens");
        if line.contains("http://127.0.0.1:") {
            return running;
        }
    }
}

#[test]
fn sync_on_a_folder_held_by_serve_names_the_holder() {
    let data = tempfile::tempdir().unwrap();
    let ui = tempfile::tempdir().unwrap();
    std::fs::write(ui.path().join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let server = serve(data.path(), ui.path());

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
