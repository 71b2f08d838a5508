//! `gallerist api METHOD PATH-OR-URL`: one signed call, the answer as JSON.
//!
//! Keys come from `GALLERIST_AK`/`GALLERIST_SK` (never from arguments, which other
//! users can read in the process list). The base URL comes from `--base-url`, the
//! named `--account`, or the `--site`'s documented host.

use anyhow::{anyhow, bail, Context};
use clap::Args;
use gallerist_domain::codes::{explain, Locale};
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
    /// Use this account's base URL (from Gallerist's database).
    #[arg(long)]
    account: Option<String>,
    /// Base URL, e.g. a sandbox's http://127.0.0.1:PORT.
    #[arg(long)]
    base_url: Option<String>,
    /// Site whose documented host to use: cn, intl or eu.
    #[arg(long, default_value = "cn")]
    site: String,
}

fn base_url(args: &ApiArgs) -> anyhow::Result<String> {
    if let Some(url) = &args.base_url {
        return Ok(url.clone());
    }
    if let Some(name) = &args.account {
        let dir = gallerist_api::default_data_dir().map_err(|e| anyhow!(e.message))?;
        let (store, _) = gallerist_store::Store::open(&dir.join(gallerist_api::DATABASE_FILE), chrono_now())?;
        let account = gallerist_store::accounts::find_by_name(&*store.conn()?, name)?
            .ok_or_else(|| anyhow!("there is no account named '{name}' (see Settings → Accounts)"))?;
        if account.is_sandbox {
            bail!("the Sandbox account's keys exist only inside the running app; start `gallerist sandbox` and use --base-url");
        }
        return Ok(account.base_url);
    }
    let site = Site::parse(&args.site).ok_or_else(|| anyhow!("unknown site '{}'; use cn, intl or eu", args.site))?;
    site.default_base_url()
        .map(str::to_string)
        .ok_or_else(|| anyhow!("the {} site needs --base-url", args.site))
}

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    use gallerist_domain::Clock;
    SystemClock.now()
}

pub async fn run(args: ApiArgs) -> anyhow::Result<ExitCode> {
    let creds = Credentials {
        access_key: std::env::var("GALLERIST_AK").context("set GALLERIST_AK to the access key id")?,
        secret_key: std::env::var("GALLERIST_SK").context("set GALLERIST_SK to the secret access key")?,
    };
    let method = reqwest::Method::from_bytes(args.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| anyhow!("'{}' is not an HTTP method", args.method))?;
    let body = match &args.data {
        Some(text) => Some(serde_json::from_str(text).context("--data is not valid JSON")?),
        None => None,
    };
    let api = OpenApi::new(http_client(), &base_url(&args)?, creds, Arc::new(SystemClock))?;
    let raw = api.call(method, &args.path, body.as_ref()).await?;
    println!("{}", serde_json::to_string_pretty(&raw.body)?);
    match refusal(&raw) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if raw.status < 400 && e.code() == "decode" => Ok(ExitCode::SUCCESS),
        Err(e) => {
            let locale = Locale::from_tag(&gallerist_api::os_locale());
            let why = explain(e.code(), locale);
            eprintln!("HTTP {} {}: {}\n{}", raw.status, e.code(), why.what, why.next_step);
            if let Some(offset) = raw.clock_offset_seconds.filter(|o| o.abs() > 60) {
                eprintln!("The server's clock differs from this computer's by {offset} seconds.");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
