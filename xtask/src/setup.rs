//! Installing what the app and the tests need, once, idempotently.

use crate::root;
use std::path::Path;
use std::process::Command;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
}

/// Tauri's Linux build dependencies (Debian/Ubuntu names).
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "librsvg2-dev",
    "pkg-config",
    "libdbus-1-dev",
];

/// What the test suites add: a virtual display, Debian's Chromium, the WebKit
/// WebDriver, python3 for the independent signing client, a private D-Bus session
/// with GNOME Keyring as the real Secret Service, a CJK font so the zh-CN
/// screenshots show Chinese instead of empty boxes, and xdotool to answer the app's
/// native save dialog from the keyboard (WebDriver cannot reach it). Every program the steps start
/// is also listed in `programs::NEEDED`, which checks them after installing.
pub const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "chromium",
    "webkit2gtk-driver",
    "python3",
    "imagemagick",
    "dbus-daemon",
    "gnome-keyring",
    "fontconfig",
    "fonts-noto-cjk",
    "xdotool",
];

pub fn everything(purpose: Purpose) -> Result<(), String> {
    system_packages(purpose)?;
    node()?;
    npm_ci(&root().join("ui"))?;
    if purpose == Purpose::Test {
        npm_ci(&root().join("tests/e2e"))?;
        tauri_driver()?;
        crate::programs::check()?;
    }
    Ok(())
}

fn installed(pkg: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

pub fn status(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let st = cmd.status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({st})"))
    }
}

fn system_packages(purpose: Purpose) -> Result<(), String> {
    let mut wanted: Vec<&str> = Vec::new();
    if cfg!(target_os = "linux") {
        wanted.extend(BUILD_PACKAGES);
        if purpose == Purpose::Test {
            wanted.extend(TEST_PACKAGES);
        }
    } else {
        if cfg!(target_os = "macos")
            && Command::new("xcode-select")
                .arg("-p")
                .output()
                .map(|o| !o.status.success())
                .unwrap_or(true)
        {
            return Err("install the Xcode command line tools first: xcode-select --install".into());
        }
        // Windows: WebView2 ships with Windows 10/11; MSVC build tools come with rustup.
        return Ok(());
    }
    let debian = Path::new("/etc/debian_version").exists() && which("apt-get");
    if !debian {
        let missing = wanted.join(" ");
        return Err(format!(
            "this is not a Debian/Ubuntu system, so xtask cannot install packages itself. Install the equivalents of:\n  {missing}\n(Fedora: sudo dnf install webkit2gtk4.1-devel openssl-devel curl wget file libxdo-devel librsvg2-devel; Arch: sudo pacman -S webkit2gtk-4.1 base-devel curl wget file openssl xdotool librsvg) and run again"
        ));
    }
    packages(&wanted)
}

/// Installs the Debian packages of `wanted` that are missing (nothing elsewhere).
pub fn packages(wanted: &[&str]) -> Result<(), String> {
    if !(Path::new("/etc/debian_version").exists() && which("apt-get")) {
        return Ok(());
    }
    let missing: Vec<&str> = wanted.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("xtask: installing system packages: {}", missing.join(" "));
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut c = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    status(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(&missing);
    status(&mut install)
}

pub fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

fn node() -> Result<(), String> {
    let version = Command::new("node").arg("--version").output().map_err(|_| {
        "Node.js 20.19 or newer is needed for the UI build: install it from your package manager or nodejs.org, then run again".to_string()
    })?;
    let text = String::from_utf8_lossy(&version.stdout);
    let major: u32 = text
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!(
            "Node.js {} is too old; the UI build needs 20.19 or newer",
            text.trim()
        ));
    }
    Ok(())
}

pub fn npm() -> Command {
    Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" })
}

/// `npm ci` when node_modules is missing or older than the lock file.
fn npm_ci(dir: &Path) -> Result<(), String> {
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&lock), modified(&marker)), (Some(l), Some(m)) if m >= l);
    if fresh && every_direct_package_present(dir) {
        return Ok(());
    }
    println!("xtask: installing npm packages in {}", dir.display());
    status(npm().args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))
}

/// A package removed by hand leaves npm's marker fresh; look for each direct one.
fn every_direct_package_present(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join("package.json")) else {
        return false;
    };
    let Ok(manifest) = serde_json::from_str::<serde_json::Value>(&text) else {
        return false;
    };
    ["dependencies", "devDependencies"]
        .iter()
        .filter_map(|k| manifest[*k].as_object())
        .flat_map(|deps| deps.keys())
        .all(|name| dir.join("node_modules").join(name).join("package.json").is_file())
}

fn cargo_bin(name: &str) -> std::path::PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

/// The WebDriver proxy for the real app window (Linux and Windows only).
pub fn tauri_driver_path() -> Option<std::path::PathBuf> {
    let installed = cargo_bin("tauri-driver");
    installed.is_file().then_some(installed)
}

fn tauri_driver() -> Result<(), String> {
    if !cfg!(target_os = "linux") || tauri_driver_path().is_some() {
        return Ok(());
    }
    println!("xtask: installing tauri-driver");
    status(Command::new("cargo").args(["install", "tauri-driver", "--locked"]))
}

/// cargo-fuzz, for `cargo xtask fuzz` (installed on first use, not by `setup`).
pub fn cargo_fuzz() -> Result<(), String> {
    if cargo_bin("cargo-fuzz").is_file() || which("cargo-fuzz") {
        return Ok(());
    }
    println!("xtask: installing cargo-fuzz");
    status(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))
}
