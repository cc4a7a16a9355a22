//! What belongs to the `plan` process, not to the library: how it reads workbooks (itself again, with a
//! hidden command, as the child reader), the child's side of that, and the process-wide hooks (the panic
//! hook; the allocator's ceiling and, on Windows, the crash dialogs of a child).

use plan::submission::{CHILD_MEMORY_BYTES, ChildReader, Reader};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The hidden command a child reader runs: `plan __read-sheets FILE`.
pub const READ_SHEETS_COMMAND: &str = "__read-sheets";

/// How `plan` reads workbooks: those calamine reads whole in a child, this same program with
/// [`READ_SHEETS_COMMAND`]; in this process when the program cannot tell where it is.
pub fn reader() -> Reader {
    match std::env::current_exe() {
        Ok(exe) => Reader::Child(ChildReader::new(exe, [READ_SHEETS_COMMAND])),
        Err(_) => Reader::InProcess,
    }
}

/// Keeps the panic hook quiet for panics the reader catches (they become that file's error, with the
/// reason in its finding); any other panic still prints as usual. Called once, first thing.
pub fn quiet_reader_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !plan::submission::inside_reader() {
            previous(info);
        }
    }));
}

/// The child side: reads a workbook's sheets and prints them as JSON on standard output, as it is (the
/// parent parses it; no text of it is for a terminal).
pub fn answer_as_child(path: &Path) -> anyhow::Result<ExitCode> {
    // The parent's cap may not be enforced (Wine ignores a job's memory limit): the child holds itself to
    // it too, and an allocation past it aborts the child.
    crate::ALLOCATOR.set_ceiling(usize::try_from(CHILD_MEMORY_BYTES).unwrap_or(usize::MAX));
    #[cfg(windows)]
    quiet_crash_dialogs();
    let answer = plan::submission::answer(path)?;
    let mut out = std::io::stdout().lock();
    out.write_all(answer.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Keeps Windows from showing a dialog when this process crashes or a drive is not ready ("plan.exe has
/// stopped working", "insert a disk"): the child reader sets it, and its death is that file's error.
#[cfg(windows)]
fn quiet_crash_dialogs() {
    use windows_sys::Win32::System::Diagnostics::Debug::{
        SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX, SEM_NOOPENFILEERRORBOX, SetErrorMode,
    };
    // SAFETY: sets this process's error mode, nothing else.
    unsafe {
        SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    }
}
