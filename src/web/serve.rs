//! The server's run: axum on a small tokio runtime (HTTP/1.1), answering with the router of [`super::routes`]
//! until the page asks to stop, Ctrl+C, or the idle time; then the answers under way are let finish.

use super::Stopped;
use super::routes;
use super::state::State;
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
        let app = routes::router(Arc::clone(&state));
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
