//! Commands run on tokio's blocking pool, each with a ticket that says when to stop.
//!
//! WHY: commands are async functions, but most of their time is synchronous work —
//! SQLite, reading and parsing files, building exports. On the async workers (two on
//! a 2-core machine) one long import preview stalled web mode and two froze it
//! (issue 14). [`run`] moves the whole command to a blocking-pool thread, where it
//! may take as long as it needs while the workers keep answering; the awaits inside
//! (network calls) are driven from that thread with `Handle::block_on`, so no command
//! needs rewriting. A panic comes back as an `internal` error instead of a silent
//! dropped request.
//!
//! A caller that goes away (a browser tab closed, a web client that gave up) drops
//! the future returned by [`run`]; that marks the command's [`Ticket`] cancelled.
//! Long loops ask [`keep_going`] now and then and stop early; the answer nobody
//! will read is discarded.

use crate::{dispatch, ApiError, Core, ErrorCode};
use serde_json::Value;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One command's right to keep running.
#[derive(Debug)]
pub struct Ticket {
    cancelled: AtomicBool,
    started: Instant,
}

impl Ticket {
    fn new() -> Self {
        Ticket {
            cancelled: AtomicBool::new(false),
            started: Instant::now(),
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Ticket>>> = const { RefCell::new(None) };
}

/// Marks the ticket cancelled when the caller's future is dropped before the answer.
struct CancelOnDrop(Option<Arc<Ticket>>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(t) = self.0.take() {
            t.cancelled.store(true, Ordering::Relaxed);
        }
    }
}

/// Why a long piece of work stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The caller went away.
    Cancelled,
    /// The work ran past its time budget.
    OverBudget(Duration),
}

impl Stop {
    pub fn into_error(self, what: &str) -> ApiError {
        match self {
            Stop::Cancelled => ApiError::new(ErrorCode::InvalidInput, format!("{what} was cancelled")),
            Stop::OverBudget(limit) => ApiError::invalid(format!(
                "{what} took longer than {} s and was stopped; try a shorter period or a smaller file",
                limit.as_secs()
            )),
        }
    }
}

/// `Ok` while the current command may go on: its caller is still there and `budget`
/// (counted from the command's start) has not run out. Outside [`run`] (the CLI or a
/// test calling a command directly, with nobody to leave) it is always `Ok`.
pub fn keep_going(budget: Option<Duration>) -> Result<(), Stop> {
    CURRENT.with(|c| {
        let slot = c.borrow();
        let Some(ticket) = slot.as_ref() else {
            return Ok(());
        };
        if ticket.cancelled.load(Ordering::Relaxed) {
            return Err(Stop::Cancelled);
        }
        match budget {
            Some(limit) if ticket.started.elapsed() > limit => Err(Stop::OverBudget(limit)),
            _ => Ok(()),
        }
    })
}

/// Counts a command in [`Core::commands_running`] for as long as its thread works on
/// it, panics included.
struct Running<'a>(&'a Core);

impl<'a> Running<'a> {
    fn start(core: &'a Core) -> Self {
        core.commands_running.fetch_add(1, Ordering::Relaxed);
        Running(core)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.commands_running.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Runs one command off the async workers. Dropping the returned future cancels it.
pub async fn run(core: Arc<Core>, name: String, args: Value) -> Result<Value, ApiError> {
    let ticket = Arc::new(Ticket::new());
    let mut guard = CancelOnDrop(Some(ticket.clone()));
    let handle = tokio::runtime::Handle::current();
    let shown = name.clone();
    let joined = tokio::task::spawn_blocking(move || {
        let _counted = Running::start(&core);
        CURRENT.with(|c| *c.borrow_mut() = Some(ticket));
        let answer = handle.block_on(dispatch(&core, &name, args));
        CURRENT.with(|c| c.borrow_mut().take());
        answer
    })
    .await;
    guard.0 = None; // answered: nothing to cancel
    joined.unwrap_or_else(|e| {
        let why = if e.is_panic() {
            "failed unexpectedly"
        } else {
            "was stopped"
        };
        Err(ApiError::new(
            ErrorCode::Internal,
            format!("the command {shown} {why}; nothing was half-saved (each write is one transaction)"),
        ))
    })
}
