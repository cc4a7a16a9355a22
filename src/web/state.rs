//! What the server holds between requests: the token, the temporary folder, the uploaded batches and the
//! jobs run on them.

use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::submission::Reader;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// A set of uploaded files, in a folder of its own.
#[derive(Debug)]
pub struct Batch {
    /// Where its files are.
    pub dir: PathBuf,
    /// Files held.
    pub files: usize,
    /// Bytes held.
    pub bytes: u64,
    /// The names the user knows its files by, and the files left out.
    pub ledger: super::account::Ledger,
}

/// A job run in the background on a batch.
#[derive(Debug, Default)]
pub struct Job {
    /// Files done.
    pub done: AtomicUsize,
    /// Files to do.
    pub total: AtomicUsize,
    /// The result, when done: the page's view, or the sentence that says why it failed.
    pub outcome: Mutex<Option<Result<Value, String>>>,
    /// Files to download, by name.
    pub downloads: Mutex<Vec<(String, PathBuf)>>,
    /// Its own folder, for what it writes.
    pub dir: PathBuf,
}

/// The server's state.
pub struct State {
    /// The port listened on.
    pub port: u16,
    /// The session's token.
    pub token: String,
    /// The catalogue in use.
    pub catalogue: Catalogue,
    /// The default language.
    pub lang: Lang,
    /// How the jobs read workbooks.
    pub reader: Reader,
    /// Set when the page asks to stop.
    pub quit: AtomicBool,
    folder: Mutex<Option<tempfile::TempDir>>,
    root: PathBuf,
    batches: Mutex<HashMap<String, Batch>>,
    jobs: Mutex<HashMap<String, Arc<Job>>>,
    running: AtomicUsize,
    counter: AtomicU64,
    last_seen: Mutex<Instant>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl State {
    /// A new state with its token and temporary folder.
    pub fn new(port: u16, catalogue: Catalogue, lang: Lang, reader: Reader) -> std::io::Result<State> {
        sweep_stale(&std::env::temp_dir(), std::time::SystemTime::now());
        let mut builder = tempfile::Builder::new();
        builder.prefix(FOLDER_PREFIX);
        // Readable by the user alone: the uploads are other people's workbooks. On Windows the folder lies
        // in the per-user %TEMP% (C:\Users\NAME\AppData\Local\Temp), whose ACL gives no other account access,
        // and inherits it.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let folder = builder.tempdir()?;
        let root = folder.path().to_path_buf();
        // The process that owns the folder: the next session sweeps it as soon as this process is gone.
        std::io::Write::write_all(
            &mut super::upload::new_file(&root.join(PID_FILE))?,
            std::process::id().to_string().as_bytes(),
        )?;
        Ok(State {
            port,
            token: new_token()?,
            catalogue,
            lang,
            reader,
            quit: AtomicBool::new(false),
            folder: Mutex::new(Some(folder)),
            root,
            batches: Mutex::new(HashMap::new()),
            jobs: Mutex::new(HashMap::new()),
            running: AtomicUsize::new(0),
            counter: AtomicU64::new(0),
            last_seen: Mutex::new(Instant::now()),
        })
    }

    /// A new id, unique in the session.
    fn next_id(&self, prefix: &str) -> String {
        format!("{prefix}{}", self.counter.fetch_add(1, Ordering::SeqCst) + 1)
    }

    /// Notes that a request came.
    pub fn touch(&self) {
        *lock(&self.last_seen) = Instant::now();
    }

    /// How long since the last request.
    pub fn idle_for(&self) -> std::time::Duration {
        lock(&self.last_seen).elapsed()
    }

    /// Whether a job is running.
    pub fn busy(&self) -> bool {
        self.running.load(Ordering::SeqCst) > 0
    }

    /// A new, empty batch.
    pub fn new_batch(&self) -> std::io::Result<String> {
        let id = self.next_id("b");
        let dir = self.root.join(&id);
        super::upload::make_dir(&dir)?;
        lock(&self.batches).insert(id.clone(), Batch { dir, files: 0, bytes: 0, ledger: Default::default() });
        Ok(id)
    }

    /// A new file for an upload as it comes, readable by the user alone, outside every batch (removed when
    /// dropped).
    pub fn incoming(&self) -> std::io::Result<tempfile::NamedTempFile> {
        let dir = self.root.join("incoming");
        super::upload::make_dir(&dir)?;
        tempfile::Builder::new().prefix("upload-").tempfile_in(dir)
    }

    /// Runs `f` on a batch, if there is one of that id.
    pub fn with_batch<T>(&self, id: &str, f: impl FnOnce(&mut Batch) -> T) -> Option<T> {
        lock(&self.batches).get_mut(id).map(f)
    }

    /// Forgets a batch and removes its files: the inputs are not kept once a job has read them.
    pub fn drop_batch(&self, id: &str) {
        if let Some(batch) = lock(&self.batches).remove(id) {
            let _ = std::fs::remove_dir_all(&batch.dir);
        }
    }

    /// A new job, with its folder.
    pub fn new_job(&self) -> std::io::Result<(String, Arc<Job>)> {
        let id = self.next_id("j");
        let dir = self.root.join(&id);
        super::upload::make_dir(&dir)?;
        let job = Arc::new(Job { dir, ..Job::default() });
        lock(&self.jobs).insert(id.clone(), Arc::clone(&job));
        Ok((id, job))
    }

    /// A job by id.
    pub fn job(&self, id: &str) -> Option<Arc<Job>> {
        lock(&self.jobs).get(id).cloned()
    }

    /// Runs `work` for a job on a thread of its own; a panic is a failure of that job, not of the server.
    pub fn spawn(
        self: &Arc<Self>,
        job: Arc<Job>,
        work: impl FnOnce(&Job) -> Result<Value, String> + Send + 'static,
    ) {
        let state = Arc::clone(self);
        state.running.fetch_add(1, Ordering::SeqCst);
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&job)))
                .unwrap_or_else(|_| {
                    Err(state
                        .lang
                        .pick("Lỗi nội bộ của chương trình khi xử lý.", "Internal error while working.")
                        .to_string())
                });
            *lock(&job.outcome) = Some(outcome);
            state.running.fetch_sub(1, Ordering::SeqCst);
            state.touch();
        });
    }

    /// Removes the temporary folder.
    pub fn clean(&self) {
        if let Some(folder) = lock(&self.folder).take() {
            let _ = folder.close();
        }
    }
}

/// A new token: 128 random bits from the operating system, in hexadecimal.
fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(hex::encode(bytes))
}

/// Removes the temporary folders of earlier sessions that could not clean up (the process was killed, the
/// machine switched off): at once when the process named in its [`PID_FILE`] is gone, else (no such file)
/// when untouched for a day. A folder of another account's is not ours to remove, and its process is
/// alive as far as we can tell.
fn sweep_stale(temp: &Path, now: std::time::SystemTime) {
    let day = std::time::Duration::from_secs(24 * 3600);
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(FOLDER_PREFIX) || !entry.path().is_dir() {
            continue;
        }
        let owner = std::fs::read_to_string(entry.path().join(PID_FILE))
            .ok()
            .and_then(|t| t.trim().parse::<u32>().ok());
        let stale = match owner {
            Some(pid) => pid != std::process::id() && !alive(pid),
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > day)),
        };
        if stale {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The file in a session's folder that names its process.
const PID_FILE: &str = "pid";

/// Whether a process of that id runs (or may run: one of another account's counts as running).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    // 0 and negative ids signal process groups: never a session's.
    let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 sends nothing; it only asks whether the process exists.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Whether a process of that id runs (or may run: one we may not open counts as running).
#[cfg(windows)]
fn alive(pid: u32) -> bool {
    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_INVALID_PARAMETER, GetLastError};
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    /// The exit code of a process still running.
    const STILL_ACTIVE: u32 = 259;
    // SAFETY: plain calls on a process handle we open and close here.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            return GetLastError() != ERROR_INVALID_PARAMETER;
        }
        let mut code = 0u32;
        let known = GetExitCodeProcess(handle, &mut code) != 0;
        CloseHandle(handle);
        !known || code == STILL_ACTIVE
    }
}

/// Elsewhere: as if alive (the day's sweep applies).
#[cfg(not(any(unix, windows)))]
fn alive(_pid: u32) -> bool {
    true
}

/// How the session's temporary folder is named.
const FOLDER_PREFIX: &str = "plan-mo-";

impl Job {
    /// Adds a file to download.
    pub fn offer(&self, name: &str, path: PathBuf) {
        lock(&self.downloads).push((name.to_string(), path));
    }

    /// The file to download of that name.
    pub fn download(&self, name: &str) -> Option<PathBuf> {
        lock(&self.downloads).iter().find(|(n, _)| n == name).map(|(_, p)| p.clone())
    }

    /// The outcome, if done.
    pub fn outcome(&self) -> Option<Result<Value, String>> {
        lock(&self.outcome).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_new_each_time() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[test]
    fn only_the_folders_of_sessions_gone_for_a_day_are_swept() {
        let temp = tempfile::tempdir().unwrap();
        for name in ["plan-mo-old", "other"] {
            std::fs::create_dir(temp.path().join(name)).unwrap();
            std::fs::write(temp.path().join(name).join("x.xlsx"), b"x").unwrap();
        }
        std::fs::write(temp.path().join("plan-mo-file"), b"x").unwrap();
        sweep_stale(temp.path(), std::time::SystemTime::now());
        assert!(temp.path().join("plan-mo-old").exists(), "a folder of today is kept");
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2 * 24 * 3600);
        sweep_stale(temp.path(), later);
        assert!(!temp.path().join("plan-mo-old").exists());
        assert!(temp.path().join("other/x.xlsx").exists(), "other folders are not touched");
        assert!(temp.path().join("plan-mo-file").exists(), "nor files");
    }

    // Regression (issue 21): a killed session's folder, workbooks included, stayed for a day.
    #[test]
    fn a_dead_sessions_folder_is_swept_at_once() {
        let temp = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let dead = child.id();
        child.wait().unwrap();
        for (name, pid) in [("plan-mo-dead", dead), ("plan-mo-live", std::process::id())] {
            std::fs::create_dir(temp.path().join(name)).unwrap();
            std::fs::write(temp.path().join(name).join(PID_FILE), pid.to_string()).unwrap();
        }
        sweep_stale(temp.path(), std::time::SystemTime::now());
        assert!(!temp.path().join("plan-mo-dead").exists());
        assert!(temp.path().join("plan-mo-live").exists());
    }
}
