//! The progress bar of long runs on a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use plan::lang::Lang;
use std::io::IsTerminal;

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
