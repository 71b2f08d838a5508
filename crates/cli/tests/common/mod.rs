//! What the CLI tests share: starting a `gallerist` server subprocess (sandbox or web
//! mode) on a free loopback port and killing it when the test ends, however it ends.
#![allow(dead_code)] // each test file uses some of these

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_gallerist");

/// A child that is killed when the test ends, however it ends.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `gallerist ARGS` on `data_dir` and returns it with the URL it printed
/// ("… listening on URL").
pub fn start(args: &[&str], data_dir: &std::path::Path) -> (Running, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("GALLERIST_DATA_DIR", data_dir)
        .env("GALLERIST_LOCALE", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = tx.send(url.trim().to_string());
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server prints its URL");
    (Running(child), url)
}

/// A folder holding a minimal built UI, for `gallerist serve --ui`.
pub fn tiny_ui() -> tempfile::TempDir {
    let ui = tempfile::tempdir().unwrap();
    std::fs::write(ui.path().join("index.html"), "<!doctype html><title>Gallerist</title>").unwrap();
    ui
}
