//! The progress bar of long runs on a terminal, and the child side of the isolated reader.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use plan::lang::Lang;
use plan::submission::{CHILD_MEMORY_BYTES, read_sheets};
use std::io::IsTerminal;
use std::path::Path;

/// A progress bar on a terminal for runs of more than 20 files, hidden otherwise.
struct Bar {
    bar: ProgressBar,
    lang: Lang,
}

impl plan::batch::Progress for Bar {
    fn start(&self, files: usize) {
        if !std::io::stderr().is_terminal() || files <= 20 {
            return;
        }
        let template = format!("{{bar:40}} {{pos}}/{{len}} {} {{eta}}", self.lang.pick("tệp", "files"));
        let style = ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar());
        self.bar.set_style(style);
        self.bar.set_length(files as u64);
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn tick(&self) {
        self.bar.inc(1);
    }
}

/// Runs `work` with a progress bar, shown once the run says it reads more than 20 files, cleared at the
/// end.
pub fn with_bar<T>(lang: Lang, work: impl FnOnce(plan::batch::Tick) -> T) -> T {
    let bar = Bar { bar: ProgressBar::hidden(), lang };
    let result = work(&bar);
    bar.bar.finish_and_clear();
    result
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
