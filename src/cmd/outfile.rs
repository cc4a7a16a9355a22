//! Where a command may write, and the writing: a file of the right kind, not a folder, not an input; an
//! existing file only with `--force`, except a report `plan` itself wrote, which the same command replaces.

use anyhow::{Context, Result, bail};
use plan::lang::Lang;
use plan::output::write_atomic;
use std::path::{Path, PathBuf};

/// Whether a file is a report of this tool (its stamp says "plan-report").
pub fn is_report(path: &Path) -> bool {
    plan::submission::read_path(path)
        .is_ok_and(|raw| raw.stamp.get("kind").map(String::as_str) == Some(plan::report::REPORT_KIND))
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// What may be written at a path.
pub struct Target<'a> {
    /// The file to write.
    pub path: &'a Path,
    /// The extension it must have (lowercase, no dot), if any.
    pub extension: Option<&'a str>,
    /// The files read: never written over.
    pub inputs: &'a [PathBuf],
    /// `--force` was given.
    pub force: bool,
    /// A report `plan` wrote may be replaced without `--force`.
    pub replace_reports: bool,
}

/// Checks the target: an error saying what to do when it may not be written.
pub fn check(target: &Target, lang: Lang) -> Result<()> {
    let shown = target.path.display();
    if target.path.is_dir() {
        bail!(
            "«{shown}» {}",
            lang.pick(
                "là một thư mục: hãy cho tên tệp cần ghi (ví dụ -o bao-cao-2024.xlsx)",
                "is a folder: give the name of the file to write (e.g. -o report-2024.xlsx)"
            )
        );
    }
    if let Some(extension) = target.extension {
        let actual = target.path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !actual.eq_ignore_ascii_case(extension) {
            bail!(
                "«{shown}»: {} .{extension}",
                lang.pick(
                    "tệp ghi ra là bảng tính Excel, tên tệp cần có đuôi",
                    "the file written is an Excel workbook: its name needs"
                )
            );
        }
    }
    if target.inputs.iter().any(|input| same_file(input, target.path)) && !is_report(target.path) {
        bail!("{} «{shown}»", lang.pick("không ghi đè lên tệp đầu vào", "will not write over an input"));
    }
    if target.path.exists() && !target.force && !(target.replace_reports && is_report(target.path)) {
        bail!(
            "{} «{shown}» {}",
            lang.pick("đã có tệp", "already exists:"),
            lang.pick(
                "không do plan ghi (dùng --force để ghi đè, hoặc -o để chọn tên khác)",
                "and plan did not write it (use --force to overwrite, or -o for another name)"
            )
        );
    }
    Ok(())
}

/// Writes `bytes` to `path` when [`check`] allows it (any existing file only with `force`; `extension`
/// lowercase, no dot), atomically.
pub fn write(path: &Path, bytes: &[u8], force: bool, extension: Option<&str>, lang: Lang) -> Result<()> {
    let target = Target { path, extension, inputs: &[], force, replace_reports: false };
    check(&target, lang)?;
    write_atomic(path, bytes, force)
        .with_context(|| format!("{} {}", lang.pick("không ghi được tệp", "cannot write"), path.display()))
}
