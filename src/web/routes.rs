//! Which request does what: axum's router over the contract's addresses (docs/web.md), the small routes
//! themselves (the page, its choices, a new batch, stop), and the layers every request passes: the headers
//! of every answer, the guard, then the idle clock (a request the guard refuses does not keep the server
//! alive).

use super::answer::{self, blocking, bytes, disk_error, json, not_found};
use super::receive::receive;
use super::state::State;
use super::{guard, jobs, templates};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Extension, Router, extract};
use plan::lang::Lang;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// The page: one HTML file, its styles and scripts inline.
const PAGE: &str = include_str!("page.html");

/// The application: every route, with its layers. An address or a method the contract does not name is
/// 404 with a sentence, behind the guard like any other.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/info", get(info))
        .route("/api/templates", get(templates::answer))
        .route("/api/batches", post(new_batch))
        .route("/api/batches/{id}/files", put(receive).post(jobs::unknown))
        .route("/api/batches/{id}/{kind}", post(jobs::start))
        .route("/api/jobs/{id}", get(jobs::status))
        .route("/api/downloads/{job}/{name}", get(jobs::download))
        .route("/api/quit", post(quit))
        .fallback(nothing)
        .method_not_allowed_fallback(nothing)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), touch))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), guard::guard))
        .layer(middleware::map_response(answer::secure))
        .with_state(state)
}

/// Notes each request as it comes and as it is answered: the server stops after the idle time.
async fn touch(extract::State(state): extract::State<Arc<State>>, request: Request, next: Next) -> Response {
    state.touch();
    let response = next.run(request).await;
    state.touch();
    response
}

/// `GET /`: the page.
async fn page() -> Response {
    bytes(StatusCode::OK, "text/html; charset=utf-8", PAGE.as_bytes().to_vec())
}

/// `GET /api/info`: what the page's choices are made of.
async fn info(
    extract::State(state): extract::State<Arc<State>>,
    Extension(lang): Extension<Lang>,
) -> Response {
    json(StatusCode::OK, &super::views::info(&state.catalogue, lang))
}

/// `POST /api/batches`: a new, empty batch.
async fn new_batch(
    extract::State(state): extract::State<Arc<State>>,
    Extension(lang): Extension<Lang>,
) -> Response {
    blocking(lang, move || match state.new_batch() {
        Ok(id) => json(StatusCode::OK, &json!({ "id": id })),
        Err(e) => disk_error(&e, lang),
    })
    .await
}

/// `POST /api/quit`: the server stops once it has answered.
async fn quit(extract::State(state): extract::State<Arc<State>>) -> Response {
    state.quit.store(true, Ordering::SeqCst);
    json(StatusCode::OK, &json!({ "ok": true }))
}

/// Any other address or method.
async fn nothing(Extension(lang): Extension<Lang>) -> Response {
    not_found(lang)
}
