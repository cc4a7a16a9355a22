//! The child reader: a program started for one workbook, so that a damaged file that aborts the reader or
//! asks for gigabytes costs only that file. `program args… PATH` prints the JSON of
//! `Result<Vec<Sheet>, ReadError>` ([`answer`] makes it, from a read in that process); its memory is capped
//! ([`CHILD_MEMORY_BYTES`]), its time ([`CHILD_TIMEOUT`]) and its answer ([`MAX_ANSWER_BYTES`]) bounded. Which
//! program that is (the `plan` binary starts itself with a hidden command) is its caller's choice.

use super::error::{Crash, Limit, ReadError};
use super::in_process::read_sheets;
use super::limits::{CHILD_MEMORY_BYTES, CHILD_TIMEOUT, MAX_ANSWER_BYTES};
use super::raw::Sheet;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A program that reads one workbook and answers as [`answer`] does, started with its arguments and then
/// the workbook's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildReader {
    /// The program.
    pub program: PathBuf,
    /// Its arguments, before the workbook's path.
    pub args: Vec<OsString>,
}

/// The child's side: reads a workbook's sheets in this process and gives the answer to print, the JSON of
/// `Result<Vec<Sheet>, ReadError>`.
pub fn answer(path: &Path) -> serde_json::Result<String> {
    serde_json::to_string(&read_sheets(path))
}

impl ChildReader {
    /// `program` with `args`, before the workbook's path.
    pub fn new<A: Into<OsString>>(
        program: impl Into<PathBuf>,
        args: impl IntoIterator<Item = A>,
    ) -> ChildReader {
        ChildReader { program: program.into(), args: args.into_iter().map(Into::into).collect() }
    }

    /// Reads a workbook's sheets in a child process. The child's memory is capped where the system allows
    /// it; its death, its silence or an answer that cannot be understood is this file's error.
    pub fn read(&self, path: &Path) -> Result<Vec<Sheet>, ReadError> {
        read_in_child(&self.program, &self.args, path)
    }
}

fn read_in_child(program: &Path, args: &[OsString], path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let mut command = Command::new(program);
    command.args(args).arg(path).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
    limit_memory(&mut command);
    let mut child = command.spawn().map_err(|e| ReadError::Crashed(Crash::NotStarted(e.to_string())))?;
    // Windows: capped by a job, killed when the job is dropped (on the timeout or any return). Should the
    // system refuse the job, the child still holds its own heap to the same ceiling.
    #[cfg(windows)]
    let _job = super::job::Job::cap(&child, CHILD_MEMORY_BYTES).ok();
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // At most [`MAX_ANSWER_BYTES`] are kept; the rest is drained, so that the child is not blocked.
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        (&mut stdout).take(MAX_ANSWER_BYTES + 1).read_to_string(&mut text)?;
        std::io::copy(&mut stdout, &mut std::io::sink())?;
        Ok::<_, std::io::Error>(text)
    });
    let deadline = Instant::now() + CHILD_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ReadError::Crashed(Crash::Timeout));
            }
            Err(e) => return Err(ReadError::Crashed(Crash::NotStarted(e.to_string()))),
        }
    };
    let text = reader.join().ok().and_then(Result::ok).unwrap_or_default();
    if !status.success() {
        return Err(ReadError::Crashed(Crash::Stopped(status.to_string())));
    }
    if text.len() as u64 > MAX_ANSWER_BYTES {
        return Err(ReadError::TooLarge(Limit::Text));
    }
    serde_json::from_str::<Result<Vec<Sheet>, ReadError>>(&text)
        .map_err(|e| ReadError::Crashed(Crash::BadAnswer(e.to_string())))?
}

#[cfg(unix)]
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe and touches only the child between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: CHILD_MEMORY_BYTES as _, rlim_max: CHILD_MEMORY_BYTES as _ };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command) {
    // Windows: the cap is a job object the child is put in once started (`super::job`).
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::Raw;

    #[cfg(unix)]
    #[test]
    fn a_child_reader_that_dies_or_talks_nonsense_is_this_files_error() {
        let file = Path::new("bao-cao.xls");
        let sh = |script: &str| ChildReader::new("sh", ["-c", script, "sh"]);
        let killed = sh("kill -9 $$").read(file).unwrap_err();
        assert!(matches!(killed, ReadError::Crashed(Crash::Stopped(_))), "{killed:?}");
        let nonsense = sh("echo garbage").read(file).unwrap_err();
        assert!(matches!(nonsense, ReadError::Crashed(Crash::BadAnswer(_))), "{nonsense:?}");
        let answer = r#"{"Ok":[{"name":"S","rows":{"0":[[1,{"Number":5.0}]]}}]}"#;
        let sheets = sh(&format!("printf '%s' '{answer}'")).read(file).unwrap();
        assert_eq!(sheets[0].rows[&0], vec![(1, Raw::Number(5.0))]);
        let missing = ChildReader::new("/nonexistent/reader", [""; 0]).read(file).unwrap_err();
        assert!(matches!(missing, ReadError::Crashed(Crash::NotStarted(_))), "{missing:?}");
    }

    #[cfg(windows)]
    #[test]
    fn a_child_reader_that_fails_or_talks_nonsense_is_this_files_error() {
        // The Windows twin of the Unix test: `cmd /c type FILE` answers with the file's text, and fails
        // (exit code 1) on a missing file.
        let dir = tempfile::tempdir().unwrap();
        let text = |name: &str, content: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, content).unwrap();
            path
        };
        let cmd = ChildReader::new("cmd", ["/c", "type"]);
        let failed = cmd.read(&dir.path().join("không có.xls")).unwrap_err();
        assert!(matches!(failed, ReadError::Crashed(Crash::Stopped(_))), "{failed:?}");
        let nonsense = cmd.read(&text("garbage.xls", "garbage")).unwrap_err();
        assert!(matches!(nonsense, ReadError::Crashed(Crash::BadAnswer(_))), "{nonsense:?}");
        let answer = text("báo cáo.xls", r#"{"Ok":[{"name":"S","rows":{"0":[[1,{"Number":5.0}]]}}]}"#);
        let sheets = cmd.read(&answer).unwrap();
        assert_eq!(sheets[0].rows[&0], vec![(1, Raw::Number(5.0))]);
    }

    #[test]
    fn the_answer_of_a_read_is_understood() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("bao-cao.xlsx");
        std::fs::write(&text, "Mã;Số liệu").unwrap();
        let answered: Result<Vec<Sheet>, ReadError> = serde_json::from_str(&answer(&text).unwrap()).unwrap();
        assert_eq!(answered, Err(ReadError::NotSpreadsheet));
    }
}
