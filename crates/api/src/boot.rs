//! Starting Gallerist: data folder, database, embedded sandbox, demo data.
//!
//! The same boot serves the desktop app, web mode and the tests. It never deletes
//! or rewrites a database it does not understand: store errors come back as
//! `boot` errors that name the file and the way out.

use crate::{ApiError, Core, EmbeddedSandbox, ErrorCode};
use chrono::{DateTime, Utc};
use gallerist_domain::{demo::demo_orders, mock_orders::mock_orders, Clock, Currency, Order};
use gallerist_market::{http_client, Credentials};
use gallerist_sandbox::{Sandbox, SandboxConfig};
use gallerist_store::{accounts, orders, settings, Store};
use rand::{distributions::Alphanumeric, rngs::StdRng, Rng, SeedableRng};
use std::path::PathBuf;
use std::sync::Arc;

pub const DATABASE_FILE: &str = "gallerist.sqlite3";
/// Attached files, content-addressed, beside the database.
pub const ASSETS_DIR: &str = "assets";
pub const SANDBOX_FILE: &str = "sandbox.sqlite3";
const DEMO_SEED: &str = "demo_seed";
const DEMO_MONTHS: u32 = 12;

pub struct BootOptions {
    pub data_dir: PathBuf,
    pub clock: Arc<dyn Clock>,
    /// Seeds the sandbox keys and, on first start, the demo data.
    pub seed: u64,
    /// The OS locale tag (e.g. `zh-CN`), used until the seller picks a language.
    pub os_locale: String,
    pub embedded_sandbox: bool,
    pub vault: Arc<dyn crate::vault::Vault>,
}

impl BootOptions {
    /// How the desktop app, web mode and the CLI start: the system clock, a fresh
    /// random seed, the OS locale, the OS keychain.
    pub fn for_app(data_dir: PathBuf, embedded_sandbox: bool) -> Self {
        BootOptions {
            data_dir,
            clock: Arc::new(gallerist_domain::SystemClock),
            seed: rand::random(),
            os_locale: os_locale(),
            embedded_sandbox,
            vault: Arc::new(crate::vault::Keychain::for_this_build()),
        }
    }
}

/// `GALLERIST_DATA_DIR` when set, else the OS's per-user app-data folder.
pub fn default_data_dir() -> Result<PathBuf, ApiError> {
    if let Some(dir) = std::env::var_os("GALLERIST_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("com", "Gallerist", "Gallerist")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::Boot,
                "No home folder was found for Gallerist's data. Set GALLERIST_DATA_DIR to a folder.",
            )
        })
}

pub async fn boot(opts: BootOptions) -> Result<Core, ApiError> {
    let now = opts.clock.now();
    // Before anything is opened: a second process must not touch the folder at all.
    let folder_lock = crate::folder_lock::take(&opts.data_dir, &now.to_rfc3339())?;
    let (store, _report) = Store::open(&opts.data_dir.join(DATABASE_FILE), now).map_err(ApiError::boot)?;
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let keychain_namespace = keychain_namespace(&store, &mut rng)?;
    let sandbox = if opts.embedded_sandbox {
        Some(start_sandbox(&store, &opts, &mut rng, now).await?)
    } else {
        None
    };
    Ok(Core {
        store,
        clock: opts.clock,
        http: http_client(),
        data_dir: opts.data_dir.clone(),
        os_locale: opts.os_locale,
        sandbox,
        vault: opts.vault,
        keychain_namespace,
        pack: Arc::new(gallerist_domain::listing::Pack::embedded()),
        assets: gallerist_store::assets::AssetFiles::new(opts.data_dir.join(ASSETS_DIR)),
        rng: std::sync::Mutex::new(StdRng::seed_from_u64(rng.gen())),
        sync_wake: tokio::sync::Notify::new(),
        kept_preview: Default::default(),
        produce_progress: Default::default(),
        notifier: std::sync::OnceLock::new(),
        commands_running: Default::default(),
        _folder_lock: folder_lock,
    })
}

/// The random id that keeps this database's keychain entries apart from any other's.
fn keychain_namespace(store: &Store, rng: &mut StdRng) -> Result<String, ApiError> {
    const KEY: &str = "keychain_namespace";
    if let Some(ns) = settings::get(&*store.conn()?, KEY)? {
        return Ok(ns);
    }
    let ns = key(rng, 16).to_ascii_lowercase();
    store.write(|tx| settings::set(tx, KEY, &ns))?;
    Ok(ns)
}

fn key(rng: &mut StdRng, len: usize) -> String {
    rng.sample_iter(&Alphanumeric).take(len).map(char::from).collect()
}

async fn start_sandbox(
    store: &Store,
    opts: &BootOptions,
    rng: &mut StdRng,
    now: DateTime<Utc>,
) -> Result<EmbeddedSandbox, ApiError> {
    let credentials = Credentials {
        access_key: key(rng, 20).to_ascii_uppercase(),
        secret_key: key(rng, 40),
    };
    let data = opts.data_dir.join(SANDBOX_FILE);
    let fresh_sandbox = !data.exists();
    let server = Sandbox::start(SandboxConfig {
        listen: "127.0.0.1:0".parse().expect("loopback address"),
        access_key: credentials.access_key.clone(),
        secret_key: credentials.secret_key.clone(),
        data: Some(data),
        clock: opts.clock.clone(),
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Boot, format!("The built-in sandbox could not start: {e}")))?;
    // A few listed products, so the Listings and sync screens have something to show.
    server.seed_demo_products(3).map_err(|e| {
        ApiError::new(
            ErrorCode::Boot,
            format!("The built-in sandbox could not list its demo products: {e}"),
        )
    })?;
    // Supervision cases, invoice requests and a seller profile for the worklist.
    server.seed_demo_settlement().map_err(|e| {
        ApiError::new(
            ErrorCode::Boot,
            format!("The built-in sandbox could not run its demo bill runs: {e}"),
        )
    })?;
    server.seed_demo_worklist().map_err(|e| {
        ApiError::new(
            ErrorCode::Boot,
            format!("The built-in sandbox could not create its demo worklist: {e}"),
        )
    })?;
    let account = store.write(|tx| accounts::upsert_sandbox(tx, &server.url(), now))?;
    let demo = seed_demo(store, account.id, rng.gen(), now)?;
    if fresh_sandbox || demo.newly_written {
        server.add_orders(&demo.orders).map_err(|e| {
            ApiError::new(
                ErrorCode::Boot,
                format!("The built-in sandbox could not store its orders: {e}"),
            )
        })?;
    }
    Ok(EmbeddedSandbox {
        server,
        credentials,
        account_id: account.id,
    })
}

struct Demo {
    orders: Vec<Order>,
    newly_written: bool,
}

/// Writes the demo orders once; later starts regenerate the same orders from the
/// recorded seed and time (the generator is deterministic) without rewriting them.
fn seed_demo(store: &Store, account_id: i64, seed: u64, now: DateTime<Utc>) -> Result<Demo, ApiError> {
    let conn = store.conn()?;
    let recorded = settings::get(&conn, DEMO_SEED)?.zip(settings::get(&conn, settings::DEMO_SEEDED_AT)?);
    drop(conn);
    let parsed = recorded
        .as_ref()
        .and_then(|(s, at)| Some((s.parse::<u64>().ok()?, DateTime::parse_from_rfc3339(at).ok()?)));
    let (seed, at, newly_written) = match parsed {
        Some((s, at)) => (s, at.with_timezone(&Utc), false),
        None => (seed, now, true),
    };
    let mut all = mock_orders(Currency::Cny);
    all.extend(demo_orders(
        &mut StdRng::seed_from_u64(seed),
        at,
        DEMO_MONTHS,
        Currency::Cny,
    ));
    if newly_written {
        store.write(|tx| {
            for order in &all {
                orders::upsert(tx, account_id, order, now)?;
            }
            settings::set(tx, DEMO_SEED, &seed.to_string())?;
            settings::set(tx, settings::DEMO_SEEDED_AT, &now.to_rfc3339())
        })?;
    }
    Ok(Demo {
        orders: all,
        newly_written,
    })
}

/// The language the OS asks for (`GALLERIST_LOCALE` overrides, for tests and kiosks).
pub fn os_locale() -> String {
    std::env::var("GALLERIST_LOCALE")
        .ok()
        .filter(|l| !l.is_empty())
        .or_else(sys_locale::get_locale)
        .unwrap_or_else(|| "en".to_string())
}
