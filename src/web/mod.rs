//! `plan mo`: the four jobs of `plan` (templates, checking, the year's report, progress) on a page served
//! by `plan` itself, for people who never open a terminal.
//!
//! The server listens on 127.0.0.1 only and answers only requests that carry the session's random token and
//! come from the page itself ([`guard`]). Uploads are bounded ([`upload`]) and kept in a private temporary
//! folder removed when the server stops. The page calls the same library functions as the command line
//! ([`crate::batch`], [`crate::report`], [`crate::template`]), so the same inputs give the same bytes.
//!
//! A small synchronous server (tiny_http) is enough for one person on their own machine: each request is
//! answered on a thread of its own, and long jobs run in the background while the page polls their progress.

pub mod guard;
mod http;
mod jobs;
mod routes;
mod state;
mod templates;
pub mod upload;
mod views;

use crate::catalogue::Catalogue;
use crate::lang::Lang;
use state::State;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port to listen on; 0 for a free one.
    pub port: u16,
    /// Stop after this long without a request.
    pub idle: Duration,
    /// The page's language when the address does not choose one.
    pub lang: Lang,
}

/// A server listening, not yet answering.
pub struct Server {
    http: tiny_http::Server,
    state: Arc<State>,
    idle: Duration,
}

impl Server {
    /// Binds 127.0.0.1 and makes the session's token and temporary folder.
    pub fn bind(options: &Options, catalogue: Catalogue) -> std::io::Result<Server> {
        let http = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(std::io::Error::other)?;
        let port = http.server_addr().to_ip().map(|a| a.port()).unwrap_or(options.port);
        let state = State::new(port, catalogue, options.lang)?;
        Ok(Server { http, state: Arc::new(state), idle: options.idle })
    }

    /// The address to open: `http://127.0.0.1:PORT/?t=TOKEN`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?t={}", self.state.port, self.state.token)
    }

    /// A handle that stops the server from another thread (Ctrl+C).
    pub fn stopper(&self) -> Stopper {
        Stopper(Arc::clone(&self.state))
    }

    /// The temporary folder of this session (removed when [`Server::run`] returns).
    pub fn folder(&self) -> &std::path::Path {
        self.state.root()
    }

    /// Answers requests until the page says stop or nothing came for the idle time; then removes the
    /// temporary folder. Returns why it stopped.
    pub fn run(self) -> Stopped {
        let stopped = loop {
            if self.state.quit.load(Ordering::SeqCst) {
                break Stopped::Asked;
            }
            if self.state.idle_for() >= self.idle && !self.state.busy() {
                break Stopped::Idle;
            }
            match self.http.recv_timeout(Duration::from_millis(250)) {
                Ok(Some(request)) => {
                    self.state.touch();
                    let state = Arc::clone(&self.state);
                    std::thread::spawn(move || routes::answer(&state, request));
                }
                Ok(None) => {}
                Err(_) => break Stopped::Failed,
            }
        };
        // Let the answer to «Đóng chương trình» leave before the folder goes.
        let deadline = Instant::now() + Duration::from_secs(2);
        while self.state.answering.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(self.http);
        self.state.clean();
        stopped
    }
}

/// Stops a running server (see [`Server::stopper`]).
pub struct Stopper(Arc<State>);

impl Stopper {
    /// Asks the server to stop, as the page's «Đóng chương trình» does.
    pub fn stop(&self) {
        self.0.quit.store(true, Ordering::SeqCst);
    }
}

/// Why the server stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// The page asked.
    Asked,
    /// Nothing came for the idle time.
    Idle,
    /// The listening socket failed.
    Failed,
}
