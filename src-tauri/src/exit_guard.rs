//! The process ends when its window has gone, within a bounded time.
//!
//! WHY: once, in three runs of the app's WebDriver tests, the process outlived its closed
//! window. For a seller that is worse than a crash: the invisible process keeps the data
//! folder's lock, so the next launch is refused, and the single-instance plugin hands the
//! next launch to it, so nothing appears at all. The cause was not found; this makes the
//! outcome impossible instead. Tauri's exit path runs plugin clean-ups (window state, the
//! log) and then exits the process; if that has not finished `GRACE` after the exit was
//! asked for, the process ends itself. Nothing is lost by it: every write is an SQLite
//! transaction (WAL), so an unfinished clean-up loses no seller data.

use std::time::Duration;

/// Ample time for the normal exit (saving the window's place, flushing the log).
const GRACE: Duration = Duration::from_secs(5);

/// Arms the guard once the app has been asked to exit; the normal exit ends the
/// process long before the guard fires.
pub fn arm() {
    static ARMED: std::sync::Once = std::sync::Once::new();
    ARMED.call_once(|| {
        let spawned = std::thread::Builder::new().name("exit-guard".into()).spawn(|| {
            std::thread::sleep(GRACE);
            log::warn!("the exit did not finish within {GRACE:?}; ending the process");
            end_now();
        });
        if let Err(e) = spawned {
            log::warn!("the exit guard could not start: {e}");
        }
    });
}

/// Ends the process without running exit handlers again: the normal exit may be stuck
/// inside them, and C's `exit` must not run twice at once. On Unix the process sends
/// itself SIGKILL (no handler, no core file, unlike `abort`); `abort` remains if even
/// that is refused.
fn end_now() -> ! {
    #[cfg(unix)]
    {
        use nix::sys::signal::{kill, Signal};
        let _ = kill(nix::unistd::Pid::this(), Signal::SIGKILL);
        std::process::abort()
    }
    #[cfg(not(unix))]
    std::process::exit(0)
}
