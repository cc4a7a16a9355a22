//! The progress bar of long runs on a terminal, and the child side of the isolated reader.

use indicatif::{ProgressBar, ProgressStyle};
use plan::lang::Lang;
use plan::submission::{CHILD_MEMORY_BYTES, read_sheets};
use std::io::IsTerminal;
use std::path::Path;

/// A progress bar on a terminal for runs of more than 20 files, hidden otherwise; `tick` it once a file.
pub fn progress_bar(count: usize, lang: Lang) -> ProgressBar {
    if !std::io::stderr().is_terminal() || count <= 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(count as u64);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {} {{eta}}", lang.pick("tệp", "files"));
    bar.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar
}

/// Runs `work` with a progress bar of `count` files, cleared at the end.
pub fn with_bar<T>(count: usize, lang: Lang, work: impl FnOnce(&(dyn Fn() + Sync)) -> T) -> T {
    let bar = progress_bar(count, lang);
    let result = work(&|| bar.inc(1));
    bar.finish_and_clear();
    result
}

/// The files a set of paths holds, for the length of the progress bar (0 when they cannot be listed).
pub fn count_files(paths: &[std::path::PathBuf]) -> usize {
    plan::batch::collect(paths).len()
}

/// The child side: reads a workbook's sheets and prints them as JSON.
pub fn read_sheets_child(path: &Path) -> anyhow::Result<std::process::ExitCode> {
    // The parent's cap may not be enforced (Wine ignores a job's memory limit): the child holds itself to
    // it too, and an allocation past it aborts the child.
    crate::ALLOCATOR.set_ceiling(usize::try_from(CHILD_MEMORY_BYTES).unwrap_or(usize::MAX));
    #[cfg(windows)]
    plan::submission::quiet_crash_dialogs();
    let result = read_sheets(path);
    super::print(&serde_json::to_string(&result)?)?;
    Ok(std::process::ExitCode::SUCCESS)
}
