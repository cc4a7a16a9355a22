//! The HTTP layer: axum on a small tokio runtime. Each request passes the guard first (its body unread),
//! then its body is read up to the largest upload, then the synchronous routes answer it on tokio's
//! blocking pool. The server stops when the page asks, on Ctrl+C, or after the idle time.

use super::Stopped;
use super::guard::Seen;
use super::http::{self, Answer};
use super::routes::{self, Asked, BodyError, MAX_BODY_BYTES, Method};
use super::state::State;
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http_body_util::BodyExt;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Serves until stopped; returns why.
pub fn run(listener: std::net::TcpListener, state: Arc<State>, idle: Duration) -> Stopped {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(_) => return Stopped::Failed,
    };
    let stopped = runtime.block_on(async move {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return Stopped::Failed };
        let app = axum::Router::new().fallback(handle).with_state(Arc::clone(&state));
        let (stop, mut stopping) = tokio::sync::watch::channel(false);
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopping.wait_for(|stop| *stop).await;
                })
                .await
        });
        let stopped = loop {
            if state.quit.load(Ordering::SeqCst) {
                break Stopped::Asked;
            }
            if state.idle_for() >= idle && !state.busy() {
                break Stopped::Idle;
            }
            if server.is_finished() {
                break Stopped::Failed;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        let _ = stop.send(true);
        // The answers under way (the page's «Đóng chương trình» among them) leave before the folder goes.
        let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
        stopped
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    stopped
}

/// Reads a body up to `cap` bytes.
async fn read_body(mut body: Body, cap: u64) -> Result<Vec<u8>, BodyError> {
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| BodyError::Cut)?;
        if let Some(data) = frame.data_ref() {
            if (bytes.len() + data.len()) as u64 > cap {
                return Err(BodyError::TooLarge);
            }
            bytes.extend_from_slice(data);
        }
    }
    Ok(bytes)
}

async fn handle(axum::extract::State(state): axum::extract::State<Arc<State>>, request: Request) -> Response {
    state.touch();
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_string();
    let query = http::query(parts.uri.query().unwrap_or(""));
    let lang = routes::lang_of(&state, &query);
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let seen = Seen {
        host: header("host"),
        origin: header("origin"),
        fetch_site: header("sec-fetch-site"),
        token: header("x-plan-token"),
    };
    if let Some(refused) = routes::refused(&state, &path, &query, lang, seen) {
        return refused.into_response();
    }
    let declared = header("content-length").and_then(|v| v.parse::<u64>().ok());
    let method = match parts.method {
        axum::http::Method::GET | axum::http::Method::HEAD => Method::Get,
        axum::http::Method::POST => Method::Post,
        axum::http::Method::PUT => Method::Put,
        _ => Method::Other,
    };
    let body = if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        Err(BodyError::TooLarge)
    } else {
        read_body(body, MAX_BODY_BYTES).await
    };
    let asked = Asked { method, path, query, lang, declared, body };
    let answered = Arc::clone(&state);
    let answer = tokio::task::spawn_blocking(move || routes::route(&answered, asked)).await;
    state.touch();
    answer.unwrap_or_else(|_| internal(lang)).into_response()
}

fn internal(lang: crate::lang::Lang) -> Answer {
    http::error(500, lang.pick("Lỗi nội bộ của chương trình khi trả lời.", "Internal error while answering."))
}
