//! `plan mo`: the four jobs of `plan` (templates, checking, the year's report, progress) on a page served
//! by `plan` itself, for people who never open a terminal.
//!
//! The server listens on 127.0.0.1 only and answers only requests that carry the session's random token and
//! come from the page itself ([`guard`]). Uploads are bounded ([`upload`]) and kept in a private temporary
//! folder removed when the server stops. The page calls the same library functions as the command line
//! ([`plan::batch`], [`plan::report`], [`plan::template`]), so the same inputs give the same bytes.
//!
//! The HTTP layer is axum on tokio (HTTP/1.1 only; [`serve`]), in axum's own terms ([`routes`]): a route
//! for each address, extractors for its parts, the guard as middleware ([`guard`]), uploads streamed to disk
//! within their bound ([`receive`]), the security headers in one layer ([`answer`]). The
//! synchronous route bodies (disk, workbooks) run on tokio's blocking pool; long jobs run on threads of
//! their own while the page polls their progress ([`jobs`]). The page is a front end like the terminal: it
//! lives in the binary, and the library builds without it (the `page` feature).

mod account;
mod answer;
mod guard;
mod jobs;
mod limits;
mod receive;
mod routes;
mod serve;
mod state;
mod templates;
mod upload;
mod views;

use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::submission::Reader;
use state::State;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port to listen on; 0 for a free one.
    pub port: u16,
    /// Stop after this long without a request.
    pub idle: Duration,
    /// The page's language when the address does not choose one.
    pub lang: Lang,
    /// How the jobs read workbooks.
    pub reader: Reader,
}

/// A server listening, not yet answering.
pub struct Server {
    listener: std::net::TcpListener,
    state: Arc<State>,
    idle: Duration,
}

impl Server {
    /// Binds 127.0.0.1 and makes the session's token and temporary folder.
    pub fn bind(options: &Options, catalogue: Catalogue) -> std::io::Result<Server> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", options.port))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let state = State::new(port, catalogue, options.lang, options.reader.clone())?;
        Ok(Server { listener, state: Arc::new(state), idle: options.idle })
    }

    /// The address to open: `http://127.0.0.1:PORT/?t=TOKEN` (and `&lang=en` for a server in English).
    pub fn url(&self) -> String {
        let lang = if self.state.lang == Lang::En { "&lang=en" } else { "" };
        format!("http://127.0.0.1:{}/?t={}{lang}", self.state.port, self.state.token)
    }

    /// A handle that stops the server from another thread (Ctrl+C).
    pub fn stopper(&self) -> Stopper {
        Stopper(Arc::clone(&self.state))
    }

    /// Answers requests until the page says stop or nothing came for the idle time; then removes the
    /// temporary folder. Returns why it stopped.
    pub fn run(self) -> Stopped {
        let stopped = serve::run(self.listener, Arc::clone(&self.state), self.idle);
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
