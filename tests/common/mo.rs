//! A running `plan mo --no-browser` for HTTP-level tests of the page's routes: its address and token, calls
//! that answer the status, the attachment's name and the body, and batches run as the page runs them.
//! Included by the test files of `plan mo` (`#[path = "common/mo.rs"] mod mo;`): it needs the `page` feature's
//! crates.

#![allow(dead_code)] // each test file uses its own part

use assert_cmd::cargo::cargo_bin;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `plan --lang LANG mo --no-browser` with its own temporary folder; killed when dropped.
pub struct Mo {
    child: Child,
    base: String,
    token: String,
    agent: ureq::Agent,
    _temp: tempfile::TempDir,
}

/// An answer: its status, the file name of its `Content-Disposition` (if any) and its body.
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The `filename*` of the attachment, decoded.
    pub file: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }
}

impl Mo {
    /// Starts the server in `lang` and reads its address from its first line.
    pub fn start(lang: &str) -> Mo {
        Mo::start_with(lang, None)
    }

    /// Starts the server in `lang` with the catalogue at `catalogue` (`plan --catalogue FILE mo`) when given.
    pub fn start_with(lang: &str, catalogue: Option<&Path>) -> Mo {
        let temp = tempfile::tempdir().unwrap();
        let mut command = Command::new(cargo_bin("plan"));
        if let Some(catalogue) = catalogue {
            command.arg("--catalogue").arg(catalogue);
        }
        let mut child = command
            .args(["--lang", lang, "mo", "--no-browser"])
            .env_remove("PLAN_CATALOGUE")
            .env_remove("PLAN_LANG")
            .envs(["TMPDIR", "TMP", "TEMP"].map(|name| (name, temp.path())))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        let (base, token) = line.trim().split_once("/?t=").unwrap_or_else(|| panic!("no address: {line}"));
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        Mo { base: base.to_string(), token: token.to_string(), child, agent, _temp: temp }
    }

    fn url(&self, path: &str) -> String {
        let join = if path.contains('?') { '&' } else { '?' };
        format!("{}{path}{join}t={}", self.base, self.token)
    }

    /// Sends a request (GET, POST or PUT with `body`).
    pub fn call(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        let url = self.url(path);
        let mut response = match method {
            "POST" => self.agent.post(&url).send(body),
            "PUT" => self.agent.put(&url).send(body),
            _ => self.agent.get(&url).call(),
        }
        .unwrap();
        let file = response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split("filename*=UTF-8''").nth(1))
            .map(|encoded| percent_decoded(encoded.trim()));
        let status = response.status().as_u16();
        let body = response.body_mut().with_config().limit(200 << 20).read_to_vec().unwrap();
        Answer { status, file, body }
    }

    /// A new batch with `files` (name as the page sends it, bytes) uploaded; its id.
    pub fn batch(&self, files: &[(&str, Vec<u8>)]) -> String {
        let answer = self.call("POST", "/api/batches", b"");
        assert_eq!(answer.status, 200);
        let id = answer.json()["id"].as_str().unwrap().to_string();
        for (name, bytes) in files {
            let answer =
                self.call("PUT", &format!("/api/batches/{id}/files?name={}", percent_encoded(name)), bytes);
            assert_eq!(answer.status, 200, "{name}: {}", String::from_utf8_lossy(&answer.body));
        }
        id
    }

    /// Starts a job on a batch and waits for its end; the job's final state.
    pub fn run(&self, batch: &str, kind: &str, query: &str) -> serde_json::Value {
        let started = self.call("POST", &format!("/api/batches/{batch}/{kind}?{query}"), b"");
        assert_eq!(started.status, 200, "{}", String::from_utf8_lossy(&started.body));
        let job = started.json()["job"].as_str().unwrap().to_string();
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            let state = self.call("GET", &format!("/api/jobs/{job}"), b"").json();
            if state["state"] != "running" {
                return state;
            }
            assert!(Instant::now() < deadline, "the job never ended");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Mo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A name as a query value: every byte but letters, digits, `-._~` and `/` percent-encoded.
pub fn percent_encoded(text: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');
    percent_encoding::utf8_percent_encode(text, KEEP).to_string()
}

/// `%XX` sequences back to bytes, read as UTF-8.
fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}
