//! The paths given on the command line, checked: something given must exist, every file is counted once however
//! often it is reached, and a search that finds nothing is an error naming what was searched.

use super::inputs::collect;
use anyhow::{Result, bail};
use plan::lang::Lang;
use std::collections::HashSet;
use std::path::PathBuf;

/// The spreadsheets under `paths` (see [`collect`]), each once; an error when none of the paths exists
/// or nothing is found.
pub fn gather(paths: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>> {
    // Nothing given exists: a mistyped folder or name, not an empty result. A missing file beside others
    // is accounted for as that file's error.
    if let Some(path) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err())
        && paths.iter().all(|p| std::fs::symlink_metadata(p).is_err())
    {
        bail!("{} «{}»", lang.pick("không có thư mục hoặc tệp", "no such folder or file"), path.display());
    }
    let mut seen = HashSet::new();
    let files: Vec<PathBuf> = collect(paths)
        .into_iter()
        .filter(|file| seen.insert(file.canonicalize().unwrap_or_else(|_| file.clone())))
        .collect();
    if files.is_empty() {
        let given: Vec<String> = paths.iter().map(|p| format!("«{}»", p.display())).collect();
        bail!(
            "{} {}",
            lang.pick("không tìm thấy tệp bảng tính nào trong", "no spreadsheet found in"),
            given.join(", ")
        );
    }
    Ok(files)
}
