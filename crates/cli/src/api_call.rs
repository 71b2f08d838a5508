//! `gallerist api METHOD PATH-OR-URL`: one signed call, the answer as JSON.
//!
//! Keys come from `GALLERIST_AK`/`GALLERIST_SK` or, with `--account`, from the OS
//! keychain — never from arguments, which other users can read in the process list.
//! The base URL comes from `--base-url`, the named `--account`, or the `--site`'s
//! documented host.

use anyhow::{anyhow, bail, Context};
use clap::Args;
use gallerist_domain::codes::{explain_status, Locale};
use gallerist_domain::{Site, SystemClock};
use gallerist_market::{http_client, refusal, Credentials, OpenApi};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args)]
pub struct ApiArgs {
    /// HTTP method, e.g. GET or POST.
    method: String,
    /// An API path such as /api/mkp-openapi-public/global/v1/order/query?orderId=… or a full URL.
    path: String,
    /// JSON body for POST/PUT.
    #[arg(long)]
    data: Option<String>,
    /// Use this saved account: its base URL, and its keys from the OS keychain.
    #[arg(long)]
    account: Option<String>,
    /// Base URL, e.g. a sandbox's http://127.0.0.1:PORT.
    #[arg(long)]
    base_url: Option<String>,
    /// Site whose documented host to use: cn, intl or eu.
    #[arg(long, default_value = "cn")]
    site: String,
}

/// Base URL and keys: `--account` takes both from Gallerist (keys from the OS
/// keychain) unless GALLERIST_AK/GALLERIST_SK are set; otherwise `--base-url` or
/// the `--site`'s documented host with keys from the environment.
async fn target(args: &ApiArgs) -> anyhow::Result<(String, Credentials)> {
    let from_env = match (std::env::var("GALLERIST_AK"), std::env::var("GALLERIST_SK")) {
        (Ok(access_key), Ok(secret_key)) => Some(Credentials { access_key, secret_key }),
        _ => None,
    };
    if let Some(name) = &args.account {
        let core = crate::account::core().await?;
        let account = gallerist_store::accounts::find_by_name(&*core.store.conn()?, name)?
            .ok_or_else(|| anyhow!("there is no account named '{name}' (see `gallerist account list`)"))?;
        if account.is_sandbox {
            bail!("the Sandbox account's keys exist only inside the running app; start `gallerist sandbox` and use --base-url");
        }
        let creds = match from_env {
            Some(c) => c,
            None => gallerist_api::accounts::credentials(&core, &account)?
                .ok_or_else(|| anyhow!("no keys are stored for '{name}'; add them with `gallerist account add`"))?,
        };
        let base = args.base_url.clone().unwrap_or(account.base_url);
        return Ok((base, creds));
    }
    let creds = from_env.context("set GALLERIST_AK and GALLERIST_SK, or name a saved account with --account")?;
    if let Some(url) = &args.base_url {
        return Ok((url.clone(), creds));
    }
    let site = Site::parse(&args.site).ok_or_else(|| anyhow!("unknown site '{}'; use cn, intl or eu", args.site))?;
    let base = site
        .default_base_url()
        .ok_or_else(|| anyhow!("the {} site needs --base-url", args.site))?;
    Ok((base.to_string(), creds))
}

pub async fn run(args: ApiArgs) -> anyhow::Result<ExitCode> {
    let method = reqwest::Method::from_bytes(args.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| anyhow!("'{}' is not an HTTP method", args.method))?;
    let body = match &args.data {
        Some(text) => Some(serde_json::from_str(text).context("--data is not valid JSON")?),
        None => None,
    };
    let (base, creds) = target(&args).await?;
    let api = OpenApi::new(http_client(), &base, creds, Arc::new(SystemClock))?;
    let raw = api.call(method, &args.path, body.as_ref()).await?;
    println!("{}", serde_json::to_string_pretty(&raw.body)?);
    match refusal(&raw) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if raw.status < 400 && e.code() == "decode" => Ok(ExitCode::SUCCESS),
        Err(e) => {
            let locale = Locale::from_tag(&gallerist_api::os_locale());
            let why = explain_status(e.code(), Some(raw.status), locale);
            eprintln!("HTTP {} {}: {}\n{}", raw.status, e.code(), why.what, why.next_step);
            if let Some(offset) = raw.clock_offset_seconds.filter(|o| o.abs() > 60) {
                eprintln!("The server's clock differs from this computer's by {offset} seconds.");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
