//! The server's run: the router of [`super::routes`] on a small tokio runtime, over hyper's HTTP/1.1
//! connections, until the page asks to stop, Ctrl+C, or the idle time; then the answers under way are let
//! finish. Unlike `axum::serve`, a client must send its request's headers within [`HEADER_TIMEOUT`] (a
//! stalled body is the upload route's to give up), and at most [`MAX_CONNECTIONS`] are open at once: the
//! others wait in the system's queue until one closes.

use super::Stopped;
use super::routes;
use super::state::State;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::{Semaphore, watch};

/// How long a client may take to send a request's headers, or to start its next one on a kept
/// connection; a browser on the same machine needs a few milliseconds. Longer than HTTP clients keep an
/// idle connection for reuse (ureq: 15 s), so that none reuses one the server has just closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(20);

/// The most connections open at once: a browser opens six to a server.
pub const MAX_CONNECTIONS: usize = 64;

/// Serves until stopped; returns why.
pub fn run(listener: std::net::TcpListener, state: Arc<State>, idle: Duration) -> Stopped {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(_) => return Stopped::Failed,
    };
    let stopped = runtime.block_on(async move {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return Stopped::Failed };
        let app = routes::router(Arc::clone(&state));
        let (stop, stopping) = watch::channel(false);
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let server = tokio::spawn(accept(listener, app, Arc::clone(&slots), stopping));
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
        // The answers under way (the page's «Đóng chương trình» among them) leave before the folder goes:
        // every connection gives its slot back when it ends.
        let all = u32::try_from(MAX_CONNECTIONS).unwrap_or(u32::MAX);
        let _ = tokio::time::timeout(Duration::from_secs(3), slots.acquire_many(all)).await;
        stopped
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    stopped
}

/// Accepts connections while there is a free slot, each served on a task of its own, until told to stop.
async fn accept(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    slots: Arc<Semaphore>,
    mut stopping: watch::Receiver<bool>,
) {
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = stopped(&mut stopping) => return,
        };
        let Ok(slot) = slot else { return };
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            () = stopped(&mut stopping) => return,
        };
        let stream = match stream {
            Ok((stream, _)) => stream,
            // Out of file descriptors, a connection reset before it was taken: try again shortly.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = stopped(&mut stopping) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
}

/// Waits until told to stop (or the sender is gone).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}
