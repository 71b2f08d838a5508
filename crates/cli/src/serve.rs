//! Web mode: the built UI and the commands over HTTP, on loopback only.
//!
//! Lets the real UI run in a plain browser against the real Rust core, which is how
//! the browser end-to-end tests drive it. `POST /api/<command>` with a JSON body
//! calls `gallerist_api::dispatch` (through `work::run`, off the async workers); errors come back as `{code, message}` with a
//! matching status. Three guards keep other web pages out: the `Host` header must
//! be the loopback address we bound (no DNS rebinding), an `Origin`, when a browser
//! sends one, must be that same address (defence in depth should a browser or
//! proxy let a foreign page's request through), and command calls must be
//! `application/json` (which a cross-site form cannot send without a preflight
//! that is never answered). Bodies are bounded before they are read: a declared
//! length over the limit is refused from the header, and the refusal names the
//! file limit in MB, since a too-large file is the only honest way to get there.

use anyhow::{bail, Context};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use gallerist_api::{boot, default_data_dir, BootOptions, Core};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// How often web mode syncs when nothing wakes it sooner.
const BACKGROUND_SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

struct Web {
    /// A boot failure is kept and served as every command's answer, so the UI can
    /// show the seller what went wrong instead of a dead page.
    core: Result<Arc<Core>, gallerist_api::ApiError>,
    host: String,
}

pub async fn run(listen: SocketAddr, ui: PathBuf) -> anyhow::Result<ExitCode> {
    if !listen.ip().is_loopback() {
        bail!("web mode only listens on loopback (127.0.0.1 or [::1]), not {listen}");
    }
    if !ui.join("index.html").is_file() {
        bail!(
            "the built UI was not found at {} (run `npm run build` in ui/, or pass --ui)",
            ui.display()
        );
    }
    let data_dir = default_data_dir().map_err(|e| anyhow::anyhow!(e.message))?;
    let core = boot(BootOptions::for_app(data_dir, true)).await.map(Arc::new);
    // The diagnostic log in <data dir>/logs, once this process holds the folder.
    let _log = core.as_ref().ok().and_then(|c| {
        gallerist_api::log_file::start(c)
            .map_err(|e| eprintln!("gallerist: {}", e.message))
            .ok()
    });
    let background = core
        .as_ref()
        .ok()
        .map(|c| gallerist_api::background::spawn(c.clone(), BACKGROUND_SYNC_EVERY));
    if let Err(e) = &core {
        eprintln!(
            "gallerist: the data could not be opened; the UI will explain: {}",
            e.message
        );
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr()?;
    let web = Arc::new(Web {
        core,
        host: addr.to_string(),
    });
    let static_files = ServeDir::new(&ui).fallback(ServeFile::new(ui.join("index.html")));
    let app = Router::new()
        .route("/api/{command}", post(command))
        .fallback_service(static_files)
        .layer(middleware::from_fn_with_state(web.clone(), own_origin_only))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(web.clone());
    println!("Gallerist web mode listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    if let Some(task) = background {
        task.abort();
        let _ = task.await;
    }
    if let Ok(Web { core: Ok(core), .. }) = Arc::try_unwrap(web) {
        if let Ok(core) = Arc::try_unwrap(core) {
            core.shutdown().await;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The `Host` must be our own loopback address and an `Origin`, when sent, our own
/// `http://` origin (`127.0.0.1` or `localhost`); absent `Origin` is a same-origin
/// navigation or a script outside a browser, both fine.
async fn own_origin_only(State(web): State<Arc<Web>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let localhost = web.host.replace("127.0.0.1", "localhost");
    if host != web.host && host != localhost {
        return refuse(
            StatusCode::FORBIDDEN,
            "web mode answers only on its loopback address".into(),
        );
    }
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let ours = [format!("http://{}", web.host), format!("http://{localhost}")];
        let text = origin.to_str().unwrap_or("(not readable text)");
        if !ours.iter().any(|o| o == text) {
            let shown: String = text.chars().take(200).collect();
            return refuse(
                StatusCode::FORBIDDEN,
                format!(
                    "web mode answers only pages of its own origin ({}), not the origin {shown}",
                    ours[0]
                ),
            );
        }
    }
    next.run(request).await
}

fn refuse(status: StatusCode, message: String) -> Response {
    let body = serde_json::json!({"code": "invalid_input", "message": message});
    (status, Json(body)).into_response()
}

const MB: usize = 1024 * 1024;

/// The largest file a command takes: attachments and console exports, 50 MB each
/// (the core refuses larger ones in words when they fit in a body at all).
const FILE_LIMIT: usize = {
    let (asset, import) = (
        gallerist_api::assets::MAX_FILE_BYTES,
        gallerist_api::settlement::import::MAX_IMPORT_BYTES,
    );
    if asset > import {
        asset
    } else {
        import
    }
};

/// Files arrive base64-encoded in the JSON body: 4/3 of the file plus room for the JSON.
const BODY_LIMIT: usize = FILE_LIMIT / 3 * 4 + 64 * 1024;

fn too_large() -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the request is more than {} MB; a file sent to Gallerist can be at most {} MB",
            BODY_LIMIT.div_ceil(MB),
            FILE_LIMIT / MB
        ),
    )
}

async fn command(State(web): State<Arc<Web>>, Path(name): Path<String>, request: Request) -> Response {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "commands take a JSON body (Content-Type: application/json)".into(),
        );
    }
    // A declared length over the limit is refused before a byte of the body is read.
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return too_large();
    }
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), BODY_LIMIT).await else {
        return too_large();
    };
    let args: Value = if bytes.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(e) => {
                let body =
                    serde_json::json!({"code": "invalid_input", "message": format!("the body is not valid JSON: {e}")});
                return (StatusCode::BAD_REQUEST, Json(body)).into_response();
            }
        }
    };
    let result = match &web.core {
        // Off the async workers; a client that leaves drops this future, which cancels
        // the command's ticket (long previews stop early).
        Ok(core) => gallerist_api::work::run(core.clone(), name, args).await,
        Err(boot_error) => Err(boot_error.clone()),
    };
    match result {
        Ok(value) => Json(value).into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(e)).into_response()
        }
    }
}
