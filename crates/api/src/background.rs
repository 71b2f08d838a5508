//! Background sync for the app and web mode, under a watchdog.
//!
//! WHY a supervisor: a sync pass can hang on a half-open connection or panic on a
//! bug; the seller should never find changes "waiting" for hours because the drain
//! silently died. The worker beats a heartbeat as it makes progress; the supervisor
//! restarts it when it ends unexpectedly or stops beating for longer than `stall`.
//! A local change wakes the worker at once (`Core::sync_wake`), otherwise it runs
//! every `every`.

use crate::sync::{engine, run, speaks_seller_sync};
use crate::Core;
use gallerist_market::sync::Policy;
use gallerist_store::accounts;
use std::future::Future;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
// tokio's clock, so a test with paused time controls the watchdog too.
use tokio::time::Instant;

/// Milliseconds on a monotonic scale, for heartbeats.
fn tick(origin: Instant) -> i64 {
    origin.elapsed().as_millis() as i64
}

/// Runs `make_worker(heartbeat)` and restarts it whenever it ends or its heartbeat
/// is older than `stall`. Returns never; abort the task to stop. `restarts` counts.
pub async fn supervise<F, Fut>(make_worker: F, stall: Duration, restarts: Arc<AtomicU64>)
where
    F: Fn(Arc<dyn Fn() + Send + Sync>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let origin = Instant::now();
    loop {
        let last = Arc::new(AtomicI64::new(tick(origin)));
        let beat = {
            let last = last.clone();
            Arc::new(move || last.store(tick(origin), Ordering::Relaxed)) as Arc<dyn Fn() + Send + Sync>
        };
        let mut worker = tokio::spawn(make_worker(beat));
        let check = stall / 4;
        loop {
            tokio::select! {
                ended = &mut worker => {
                    if let Err(e) = ended {
                        log::error!("the sync worker stopped ({e}); restarting it");
                    }
                    break;
                }
                _ = tokio::time::sleep(check) => {
                    let idle = tick(origin) - last.load(Ordering::Relaxed);
                    if idle > stall.as_millis() as i64 {
                        log::error!("the sync worker made no progress for {idle} ms; restarting it");
                        worker.abort();
                        break;
                    }
                }
            }
        }
        restarts.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// One pass over every account whose server speaks the Seller Sync API.
pub async fn pass(core: &Core, beat: &(dyn Fn() + Send + Sync)) {
    let listed = core.store.conn().and_then(|c| accounts::list(&c));
    // An unreadable account list is retried on the next pass.
    let Ok(listed) = listed else { return };
    let ids = listed.into_iter().filter(|a| speaks_seller_sync(a.site)).map(|a| a.id);
    for id in ids {
        beat();
        // Errors are recorded in the account's sync status by the engine; the log gets
        // counts and words only (never a request, so never a key).
        match engine(core, id, None, Policy::default()) {
            Ok(engine) => {
                let started = std::time::Instant::now();
                match run(&engine, Some(started + Duration::from_secs(60)), false).await {
                    Ok(r) => log_pass(id, &r, started.elapsed()),
                    Err(e) => log::warn!("sync pass for account {id} failed: {}", e.message),
                }
            }
            Err(e) => log::warn!("sync for account {id} could not start: {}", e.message),
        }
        beat();
    }
}

/// One line per pass that did something or went wrong; quiet passes stay at debug.
fn log_pass(account: i64, r: &crate::sync::SyncRun, took: Duration) {
    let d = &r.drain;
    let changed = r.pull.as_ref().map_or(0, |p| p.changed);
    let line = format!(
        "sync pass for account {account} in {} ms: sent {}, done {}, retried {}, parked {}, conflicts {}, still queued {}, pulled {} changed",
        took.as_millis(),
        d.requests,
        d.done,
        d.retried,
        d.parked,
        d.conflicts,
        d.queued,
        changed
    );
    if let Some(e) = &r.pull_error {
        log::warn!("{line}; the pull failed: {e}");
    } else if d.needs_auth || d.parked > 0 {
        log::warn!(
            "{line}{}",
            if d.needs_auth {
                "; the server refused the account's keys"
            } else {
                ""
            }
        );
    } else if d.requests > 0 || changed > 0 {
        log::info!("{line}");
    } else {
        log::debug!("{line}");
    }
}

/// Starts background sync for the app or web mode; abort the handle to stop it.
pub fn spawn(core: Arc<Core>, every: Duration) -> tokio::task::JoinHandle<()> {
    spawn_after(core, Duration::ZERO, every)
}

/// Like [`spawn`], with the first pass held back by `first_after` unless a local
/// change wakes it sooner.
///
/// WHY: the desktop window paints its dashboard while WebKit is still starting its
/// processes; a pull of the whole catalogue at that moment takes the CPU and the
/// database's write lock from the first paint (`cargo xtask bench app`). Nothing is
/// lost by waiting a moment: a change the seller makes wakes the pass at once.
pub fn spawn_after(core: Arc<Core>, first_after: Duration, every: Duration) -> tokio::task::JoinHandle<()> {
    let restarts = Arc::new(AtomicU64::new(0));
    let first = Arc::new(std::sync::atomic::AtomicBool::new(true));
    tokio::spawn(supervise(
        move |beat| {
            let core = core.clone();
            // Only the very first worker waits; one restarted by the watchdog starts at once.
            let wait = if first.swap(false, Ordering::SeqCst) {
                first_after
            } else {
                Duration::ZERO
            };
            async move {
                hold(&core.sync_wake, wait).await;
                loop {
                    pass(&core, &*beat).await;
                    beat();
                    tokio::select! {
                        _ = core.sync_wake.notified() => {}
                        _ = tokio::time::sleep(every) => {}
                    }
                    beat();
                }
            }
        },
        // Longer than one pass can take (60 s drain + pulls bounded by the HTTP timeout).
        Duration::from_secs(180),
        restarts,
    ))
}

/// Waits `wait`, or less when `wake` is notified (a change made before the wait
/// counts: `Notify` keeps one permit).
async fn hold(wake: &tokio::sync::Notify, wait: Duration) {
    if wait.is_zero() {
        return;
    }
    tokio::select! {
        _ = wake.notified() => {}
        _ = tokio::time::sleep(wait) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_first_pass_waits_after_start_unless_the_seller_changes_something() {
        let wake = Arc::new(tokio::sync::Notify::new());
        let quiet = tokio::spawn({
            let wake = Arc::new(tokio::sync::Notify::new());
            async move { hold(&wake, Duration::from_secs(3)).await }
        });
        let woken = tokio::spawn({
            let wake = wake.clone();
            async move { hold(&wake, Duration::from_secs(3)).await }
        });
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert!(!quiet.is_finished(), "no pass before the hold is over");
        assert!(!woken.is_finished());
        wake.notify_one();
        tokio::time::sleep(Duration::from_millis(1)).await;
        assert!(woken.is_finished(), "a local change starts the pass at once");
        assert!(!quiet.is_finished());
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert!(quiet.is_finished(), "without a change the pass starts after the hold");

        let early = tokio::sync::Notify::new();
        early.notify_one();
        tokio::time::timeout(Duration::from_millis(1), hold(&early, Duration::from_secs(3)))
            .await
            .expect("a change made before the hold began still cuts it short");
    }

    #[tokio::test(start_paused = true)]
    async fn a_worker_that_panics_or_stalls_is_restarted() {
        let started = Arc::new(AtomicU64::new(0));
        let restarts = Arc::new(AtomicU64::new(0));
        let s = started.clone();
        let sup = tokio::spawn(supervise(
            move |beat| {
                let n = s.fetch_add(1, Ordering::SeqCst);
                async move {
                    match n {
                        0 => panic!("first worker dies"),
                        1 => std::future::pending::<()>().await, // hangs without beating
                        _ => loop {
                            beat();
                            tokio::time::sleep(Duration::from_secs(1)).await;
                        },
                    }
                }
            },
            Duration::from_secs(20),
            restarts.clone(),
        ));
        tokio::time::sleep(Duration::from_secs(120)).await;
        assert_eq!(
            started.load(Ordering::SeqCst),
            3,
            "a panicked and a stalled worker were each replaced"
        );
        assert_eq!(
            restarts.load(Ordering::SeqCst),
            2,
            "the healthy third worker keeps running"
        );
        sup.abort();
    }
}
