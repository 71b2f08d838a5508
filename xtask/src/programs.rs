//! After setup: is every external program the test steps start really here?
//!
//! A machine that already had a package hides a missing install step (that is how
//! the keychain steps went red on a fresh machine while green on the developers').
//! Checking each program by name, after installing, catches a forgotten package on
//! the machine that forgot it, and names the package to add.

use crate::setup::{tauri_driver_path, which};
use std::process::Command;

/// One outside program a test step starts, and the Debian package that brings it.
struct Needed {
    program: &'static str,
    package: &'static str,
    step: &'static str,
}

const NEEDED: &[Needed] = &[
    Needed {
        program: "node",
        package: "nodejs (20.19 or newer)",
        step: "UI build, Vitest, browser and app e2e",
    },
    Needed {
        program: "npm",
        package: "npm",
        step: "UI build and npm packages",
    },
    Needed {
        program: "python3",
        package: "python3",
        step: "independent signing client (sandbox tests)",
    },
    Needed {
        program: "dbus-run-session",
        package: "dbus-daemon",
        step: "keychain steps, browser e2e",
    },
    Needed {
        program: "dbus-daemon",
        package: "dbus-daemon",
        step: "app e2e (single instance on a private session bus)",
    },
    Needed {
        program: "gnome-keyring-daemon",
        package: "gnome-keyring",
        step: "keychain steps, browser e2e",
    },
    Needed {
        program: "chromium",
        package: "chromium",
        step: "browser e2e",
    },
    Needed {
        program: "xvfb-run",
        package: "xvfb",
        step: "app e2e",
    },
    Needed {
        program: "xauth",
        package: "xauth",
        step: "app e2e (xvfb-run)",
    },
    Needed {
        program: "WebKitWebDriver",
        package: "webkit2gtk-driver",
        step: "app e2e",
    },
    Needed {
        program: "xdotool",
        package: "xdotool",
        step: "app e2e (answers the native save dialog)",
    },
    Needed {
        program: "dpkg-deb",
        package: "dpkg",
        step: "packaging (the .deb's payload recompressed with xz)",
    },
    Needed {
        program: "apt-get",
        package: "apt",
        step: "installed package (.deb install and removal)",
    },
    Needed {
        program: "fc-list",
        package: "fontconfig",
        step: "zh-CN screenshots (font check)",
    },
];

/// Programs under /usr/bin that are not always on a root PATH.
fn present(program: &str) -> bool {
    which(program) || std::path::Path::new("/usr/bin").join(program).is_file()
}

/// True when fontconfig knows a font that covers Chinese.
fn cjk_font() -> bool {
    Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .map(|o| o.status.success() && !o.stdout.is_empty())
        .unwrap_or(false)
}

/// Fails naming every missing program with its package (Linux only: elsewhere the
/// app-window and Secret Service steps do not run).
pub fn check() -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    let mut missing: Vec<String> = NEEDED
        .iter()
        .filter(|n| !present(n.program))
        .map(|n| format!("  {} (package {}) for {}", n.program, n.package, n.step))
        .collect();
    if tauri_driver_path().is_none() {
        missing.push("  tauri-driver (cargo install tauri-driver --locked) for app e2e".into());
    }
    if !crate::root().join("ui/node_modules/.bin/tauri").is_file() {
        missing.push(
            "  tauri (npm package @tauri-apps/cli in ui/package.json; npm ci in ui) for cargo xtask bundle".into(),
        );
    }
    if present("fc-list") && !cjk_font() {
        missing.push("  a CJK font (package fonts-noto-cjk) for the zh-CN screenshots".into());
    }
    if missing.is_empty() {
        println!("xtask: every program the tests start is present");
        return Ok(());
    }
    Err(format!(
        "setup finished but these programs are still missing:\n{}\nadd the package to xtask/src/setup.rs (TEST_PACKAGES) and run again",
        missing.join("\n")
    ))
}
