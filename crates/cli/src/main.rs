//! `gallerist`: the command line for everything the app does without a window.
//!
//! The same core as the desktop app: `sandbox` runs the marketplace stand-in,
//! `api` makes one signed Open API call (like `gh api`), `serve` runs web mode so the
//! UI can be used and tested in a plain browser against the real Rust core.

mod account;
mod api_call;
mod draft;
mod produce;
mod serve;
mod sync;
mod validate;

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gallerist",
    version,
    about = "Gallerist — a desktop companion for KooGallery sellers"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the KooGallery sandbox marketplace on loopback.
    Sandbox {
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: SocketAddr,
        /// Access key the sandbox accepts.
        #[arg(long, env = "GALLERIST_SANDBOX_AK")]
        ak: String,
        /// Secret key the sandbox verifies with (a test key, not a real one).
        #[arg(long, env = "GALLERIST_SANDBOX_SK", hide_env_values = true)]
        sk: String,
        /// SQLite file for the sandbox's state (in memory when absent).
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Manage marketplace accounts; keys live in the system keychain.
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// Local listing drafts: list, export to and import from pack folders.
    #[command(subcommand)]
    Draft(draft::DraftCommand),
    /// Send queued changes to the Seller Sync API server and pull what changed.
    Sync(sync::SyncArgs),
    /// Check listing draft packs against KooGallery's listing standards (non-zero exit on errors).
    Validate(validate::ValidateArgs),
    /// Make one signed Open API call and print the JSON answer.
    Api(api_call::ApiArgs),
    /// Test your own production interface the way KooGallery calls it (exit 1 on a failing check).
    #[command(subcommand)]
    Produce(produce::ProduceCommand),
    /// Serve the UI and the commands over HTTP on loopback (web mode).
    Serve {
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: SocketAddr,
        /// The built UI (ui/dist).
        #[arg(long, default_value = "ui/dist")]
        ui: PathBuf,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Sandbox { listen, ak, sk, data } => run_sandbox(listen, ak, sk, data).await,
        Command::Api(args) => api_call::run(args).await,
        Command::Produce(command) => produce::run(command).await,
        Command::Account(command) => account::run(command).await,
        Command::Validate(args) => validate::run(args),
        Command::Draft(command) => draft::run(command).await,
        Command::Sync(args) => sync::run_sync(args).await,
        Command::Serve { listen, ui } => serve::run(listen, ui).await,
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gallerist: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run_sandbox(listen: SocketAddr, ak: String, sk: String, data: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let config = gallerist_sandbox::SandboxConfig {
        listen,
        access_key: ak,
        secret_key: sk,
        data,
        clock: std::sync::Arc::new(gallerist_domain::SystemClock),
    };
    let sandbox = gallerist_sandbox::Sandbox::start(config).await?;
    println!("Gallerist sandbox listening on {}", sandbox.url());
    println!("Try: GALLERIST_AK=… GALLERIST_SK=… gallerist api GET '/api/mkp-openapi-public/global/v1/order/query?orderId=MOCKPERIODYEARNEW' --base-url {}", sandbox.url());
    tokio::signal::ctrl_c().await?;
    sandbox.stop().await;
    Ok(ExitCode::SUCCESS)
}
