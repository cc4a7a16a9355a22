//! Several years read at once (`plan progress`, `plan export`): one aggregation per year with a progress
//! bar, and what was left out of them, for people.

use super::term;
use anyhow::Result;
use plan::aggregate::{Aggregation, Use};
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use std::path::PathBuf;

/// One aggregation per year (or only `only`) with a progress bar, and the files no year holds.
pub fn aggregate_years(
    paths: &[PathBuf],
    catalogue: &Catalogue,
    lang: Lang,
    only: Option<u16>,
) -> Result<(Vec<Aggregation>, Vec<String>)> {
    super::bar::with_bar(lang, |tick| {
        plan::batch::aggregate_years(paths, &crate::process::reader(), catalogue, lang, only, tick)
    })
}

/// What was left out of the years read, for people: files not used (with why) and conflicting values.
pub fn left_out(without_year: &[String], aggregations: &[Aggregation], lang: Lang) -> String {
    let mut files: Vec<String> = without_year
        .iter()
        .map(|f| {
            format!(
                "{f}: {}",
                lang.pick("không đọc được hoặc không ghi năm báo cáo", "unreadable, or gives no year")
            )
        })
        .collect();
    let mut conflicts = 0;
    for aggregation in aggregations {
        conflicts += aggregation.conflicts();
        for source in &aggregation.sources {
            if matches!(source.usage, Use::Unreadable | Use::ExcludedErrors | Use::NotSubmission) {
                let why = source.usage.label(&aggregation.sources, lang);
                files.push(format!("{}: {why}", source.file));
            }
        }
    }
    let mut text = String::new();
    if !files.is_empty() {
        let title = term::count(files.len(), "tệp bị bỏ qua", "file skipped", "files skipped", lang);
        text.push_str(&format!("{title}:\n{}", term::capped(&files, 10, "", lang)));
    }
    if conflicts > 0 {
        text.push_str(&match lang {
            Lang::Vi => format!(
                "{conflicts} số liệu xung đột (hai tệp cùng ngày, giá trị khác nhau) không được tính\n"
            ),
            Lang::En => format!(
                "{} (two files of the same date, different values) left out\n",
                term::en(conflicts, "conflicting value", "conflicting values")
            ),
        });
    }
    text
}
