//! `gallerist account add|list|remove|test`.
//!
//! Secrets are read from a hidden prompt, or from standard input with
//! `--secret-stdin` (one line: the secret key, then optionally the
//! production-interface key) — never from arguments, which other users of the
//! machine can read in the process list.

use anyhow::{anyhow, Context};
use clap::Subcommand;
use gallerist_api::account_edits::{self, AddAccount};
use gallerist_api::accounts::{self, AccountArg};
use gallerist_api::{boot, default_data_dir, BootOptions, Core};
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AccountCommand {
    /// Add an account; the secret key is asked for, not passed.
    Add {
        #[arg(long)]
        name: String,
        /// cn, intl, eu or custom.
        #[arg(long)]
        site: String,
        /// Required for custom; overrides the documented host otherwise.
        #[arg(long)]
        base_url: Option<String>,
        /// The access key id (public half of the pair).
        #[arg(long)]
        ak: String,
        /// Read the secret key (and optionally, on a second line, the production-interface key) from stdin.
        #[arg(long)]
        secret_stdin: bool,
    },
    /// List accounts and whether their keys are in the keychain.
    List,
    /// Remove an account, its orders and its keys.
    Remove { name: String },
    /// Make a real signed call with the account's keys and explain the outcome.
    Test { name: String },
}

pub async fn core() -> anyhow::Result<Core> {
    let data_dir = default_data_dir().map_err(|e| anyhow!(e.message))?;
    boot(BootOptions::for_app(data_dir, false))
        .await
        .map_err(|e| anyhow!(e.message))
}

fn secrets(from_stdin: bool) -> anyhow::Result<(String, Option<String>)> {
    if from_stdin {
        let mut lines = std::io::stdin().lock().lines();
        let sk = lines.next().context("no secret key on standard input")??;
        let production = lines.next().transpose()?.filter(|l| !l.trim().is_empty());
        return Ok((sk, production));
    }
    let sk = rpassword::prompt_password("Secret access key (SK): ")?;
    let production = rpassword::prompt_password("Production-interface key (Enter to skip): ")?;
    Ok((sk, Some(production).filter(|p| !p.trim().is_empty())))
}

fn id_of(core: &Core, name: &str) -> anyhow::Result<i64> {
    gallerist_store::accounts::find_by_name(&*core.store.conn()?, name)?
        .map(|a| a.id)
        .ok_or_else(|| anyhow!("there is no account named '{name}' (see `gallerist account list`)"))
}

pub async fn run(command: AccountCommand) -> anyhow::Result<ExitCode> {
    let core = core().await?;
    match command {
        AccountCommand::Add {
            name,
            site,
            base_url,
            ak,
            secret_stdin,
        } => {
            let (secret_key, production_key) = secrets(secret_stdin)?;
            let args = AddAccount {
                name,
                site,
                base_url,
                access_key_id: ak,
                secret_key,
                production_key,
            };
            let account = account_edits::add_account(&core, args).map_err(|e| anyhow!(e.message))?;
            println!(
                "Added {} ({}, {}); its keys are in the system keychain.",
                account.name,
                account.site.as_str(),
                account.base_url
            );
        }
        AccountCommand::List => {
            println!(
                "{:<20} {:<8} {:<40} {:<22} keys",
                "name", "site", "base URL", "access key id"
            );
            for a in accounts::list_accounts(&core).map_err(|e| anyhow!(e.message))? {
                let keys = if a.is_sandbox {
                    "in memory (sandbox)"
                } else if a.secret_key_stored {
                    "in keychain"
                } else {
                    "missing"
                };
                let ak = a.access_key_id.clone().unwrap_or_else(|| "-".into());
                println!(
                    "{:<20} {:<8} {:<40} {:<22} {keys}",
                    a.name,
                    a.site.as_str(),
                    a.base_url,
                    ak
                );
            }
        }
        AccountCommand::Remove { name } => {
            let id = id_of(&core, &name)?;
            account_edits::remove_account(&core, AccountArg { account_id: id }).map_err(|e| anyhow!(e.message))?;
            println!("Removed {name} and its keys.");
        }
        AccountCommand::Test { name } => {
            let id = id_of(&core, &name)?;
            let r = accounts::test_connection(&core, AccountArg { account_id: id })
                .await
                .map_err(|e| anyhow!(e.message))?;
            println!(
                "{} [{}] {}\n{}",
                if r.ok { "OK" } else { "FAILED" },
                r.code,
                r.message,
                r.next_step
            );
            return Ok(if r.ok { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
    }
    Ok(ExitCode::SUCCESS)
}
