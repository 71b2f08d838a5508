//! Web mode: the built UI and the commands over HTTP, on loopback only.
//!
//! Lets the real UI run in a plain browser against the real Rust core, which is how
//! the browser end-to-end tests drive it. `POST /api/<command>` with a JSON body
//! calls `gallerist_api::dispatch`; errors come back as `{code, message}` with a
//! matching status. Two guards keep other web pages out: the `Host` header must
//! be the loopback address we bound (no DNS rebinding), and command calls must be
//! `application/json` (which a cross-site form cannot send without a preflight
//! that is never answered).

use anyhow::{bail, Context};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use gallerist_api::{boot, default_data_dir, dispatch, BootOptions, Core};
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
        // Attachments arrive base64-encoded in the JSON body: room for the core's own
        // 50 MB limit, which then refuses larger files with a message in words.
        .route("/api/{command}", post(command).layer(DefaultBodyLimit::max(BODY_LIMIT)))
        .fallback_service(static_files)
        .layer(middleware::from_fn_with_state(web.clone(), loopback_host_only))
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

async fn loopback_host_only(State(web): State<Arc<Web>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let localhost = web.host.replace("127.0.0.1", "localhost");
    if host != web.host && host != localhost {
        return (StatusCode::FORBIDDEN, "web mode answers only on its loopback address").into_response();
    }
    next.run(request).await
}

/// Attachments and console exports arrive base64-encoded in the JSON body: room for
/// the core's own 50 MB limits, which then refuse larger files with a message in words.
const BODY_LIMIT: usize = gallerist_api::assets::MAX_FILE_BYTES / 3 * 4 + 64 * 1024;

async fn command(State(web): State<Arc<Web>>, Path(name): Path<String>, request: Request) -> Response {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        let body = serde_json::json!({"code": "invalid_input", "message": "commands take a JSON body (Content-Type: application/json)"});
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, Json(body)).into_response();
    }
    let bytes = match axum::body::to_bytes(request.into_body(), BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                Json(serde_json::json!({"code": "invalid_input", "message": "the request body is too large"})),
            )
                .into_response()
        }
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
        Ok(core) => dispatch(core, &name, args).await,
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
