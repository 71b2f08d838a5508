//! `gallerist sync`: the app's sync engine, headless.
//!
//! WHY: sellers and CI can push queued changes and pull decisions without a window,
//! and the crash test kills this very process at random points to prove nothing is
//! lost or applied twice. Keys come from the keychain; `GALLERIST_AK`/`GALLERIST_SK`
//! override them for scripts (as with `gallerist api`).

use crate::account::core;
use anyhow::{anyhow, bail};
use clap::Args;
use gallerist_api::sync::{engine, run, sync_status, AccountArg};
use gallerist_market::sync::{Backoff, Policy};
use gallerist_market::Credentials;
use gallerist_store::accounts;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct SyncArgs {
    /// The account to sync (by name); every account that speaks the Seller Sync API when absent.
    #[arg(long)]
    account: Option<String>,
    /// Keep retrying until nothing is queued (or --timeout passes).
    #[arg(long)]
    until_idle: bool,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// First retry delay in milliseconds (doubles per attempt, with jitter).
    #[arg(long, default_value_t = 500)]
    backoff_ms: u64,
}

pub async fn run_sync(args: SyncArgs) -> anyhow::Result<ExitCode> {
    let core = core().await?;
    let fail = |e: gallerist_api::ApiError| anyhow!(e.message);
    let all =
        accounts::list(&*core.store.conn().map_err(|e| anyhow!(e.to_string()))?).map_err(|e| anyhow!(e.to_string()))?;
    let chosen: Vec<_> = match &args.account {
        Some(name) => match all.into_iter().find(|a| &a.name == name) {
            Some(a) => vec![a],
            None => bail!("there is no account named '{name}' (see `gallerist account list`)"),
        },
        None => all
            .into_iter()
            .filter(|a| gallerist_api::sync::speaks_seller_sync(a.site))
            .collect(),
    };
    let env_creds = match (std::env::var("GALLERIST_AK"), std::env::var("GALLERIST_SK")) {
        (Ok(access_key), Ok(secret_key)) => Some(Credentials { access_key, secret_key }),
        _ => None,
    };
    let policy = Policy {
        concurrency: args.concurrency.max(1),
        backoff: Backoff {
            base: Duration::from_millis(args.backoff_ms),
            ..Backoff::default()
        },
    };
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    let mut code = ExitCode::SUCCESS;
    for account in chosen {
        let engine = engine(&core, account.id, env_creds.clone(), policy).map_err(fail)?;
        let outcome = run(&engine, Some(deadline), args.until_idle).await.map_err(fail)?;
        let status = sync_status(&core, AccountArg { account_id: account.id }).map_err(fail)?;
        let d = &outcome.drain;
        println!(
            "{}: sent {} requests — {} applied, {} retried, {} parked, {} conflicts; {} still queued, {} waiting for you",
            account.name, d.requests, d.done, d.retried, d.parked, d.conflicts, status.queued, status.parked + status.conflicts
        );
        if let Some(p) = &outcome.pull {
            println!(
                "{}: pulled {} changes ({} review decisions)",
                account.name, p.changed, p.decided
            );
        }
        if let Some(e) = &outcome.pull_error {
            println!("{}: could not pull: {e}", account.name);
        }
        if d.needs_auth {
            eprintln!(
                "{}: the server refused the keys; fix them with `gallerist account`",
                account.name
            );
            code = ExitCode::from(2);
        } else if status.queued > 0 && args.until_idle {
            code = ExitCode::from(3);
        }
    }
    core.shutdown().await;
    Ok(code)
}
