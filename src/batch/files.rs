//! Finding the workbooks to read. The paths given, checked: something given must exist, every file is counted once however
//! often it is reached, and a search that finds nothing is an error naming what was searched.

use crate::lang::Lang;
use anyhow::{Result, bail};
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

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

/// Extensions of the spreadsheets `plan` reads, compared without case.
const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// Files given, and the spreadsheets in folders given (recursively, sorted). Files named explicitly are
/// kept whatever their extension, so that each is accounted for; Excel's lock files (`~$…`) in folders are
/// skipped; a folder that cannot be read is kept as a file, so that it is accounted for as that file's
/// error. Each folder is searched once, however many links lead to it: a link back to a folder above it
/// (which would otherwise list its files again and again, or for ever) is walkdir's loop, another link to
/// a folder searched already is skipped by its identity.
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries =
            WalkDir::new(path).follow_links(true).sort_by_file_name().into_iter().filter_entry(|entry| {
                !entry.file_type().is_dir() || folder_identity(entry).is_none_or(|id| seen.insert(id))
            });
        for entry in entries {
            match entry {
                Ok(entry) if !entry.file_type().is_dir() && is_spreadsheet_name(entry.path()) => {
                    files.push(written_as_given(path, entry.path()));
                }
                Ok(_) => {}
                // A link to a folder above: its files are listed already.
                Err(error) if error.loop_ancestor().is_some() => {}
                // A folder that cannot be read, a broken link named as a workbook: its own error later.
                Err(error) => {
                    if let Some(failed) = error.path()
                        && (failed.is_dir() || is_spreadsheet_name(failed))
                    {
                        files.push(written_as_given(path, failed));
                    }
                }
            }
        }
    }
    files.dedup();
    files
}

/// What makes a folder the same folder whatever the path to it: its device and inode on Unix, its
/// canonical path elsewhere. `None` when that cannot be told (the folder is then searched).
#[cfg(unix)]
fn folder_identity(folder: &walkdir::DirEntry) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    folder.metadata().ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_identity(folder: &walkdir::DirEntry) -> Option<PathBuf> {
    std::fs::canonicalize(folder.path()).ok()
}

/// A path found under the folder `given`, with the separators the folder was given with (see
/// [`join_as_given`]).
fn written_as_given(given: &Path, found: &Path) -> PathBuf {
    match found.strip_prefix(given) {
        Ok(rest) => rest.iter().fold(given.to_path_buf(), |dir, name| join_as_given(&dir, name)),
        Err(_) => found.to_path_buf(),
    }
}

/// A folder's entry, written the way the folder was given: on Windows, where both `/` and `\` separate,
/// a folder typed `examples/2024` gives `examples/2024/x.xlsx` (not `examples/2024\x.xlsx`), so that the
/// paths printed, in report sheets and in JSON use one separator, the user's.
pub fn join_as_given(dir: &Path, name: &OsStr) -> PathBuf {
    if dir.as_os_str().is_empty() {
        return PathBuf::from(name);
    }
    match dir.to_str() {
        Some(text) if cfg!(windows) && last_separator(text) == Some('/') => {
            let mut joined = OsString::from(text);
            if !text.ends_with('/') {
                joined.push("/");
            }
            joined.push(name);
            PathBuf::from(joined)
        }
        _ => dir.join(name),
    }
}

/// The last path separator in a path as typed, on Windows (`/` or `\`).
fn last_separator(text: &str) -> Option<char> {
    text.chars().rev().find(|c| matches!(c, '/' | '\\'))
}

/// Whether a file name is a spreadsheet's `plan` reads (and not an Excel lock file `~$…`).
pub fn is_spreadsheet_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    !name.starts_with("~$") && EXTENSIONS.contains(&ext.as_str())
}

/// The name a file is reported under in a consolidated report: its path from the folder given, starting
/// with that folder's own name ("nop-2024/2024_18520_loc-yen_y-te.xlsx"), or its file name when it was
/// given itself; never the full path of the machine that ran it, so that the report is the same wherever
/// it runs.
pub fn shown_name(path: &Path, given: &[PathBuf]) -> String {
    let joined = |parts: Vec<String>| parts.join("/");
    let components = |p: &Path| -> Vec<String> {
        p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect()
    };
    // The deepest folder given that holds the file.
    let folder = given
        .iter()
        .filter(|g| path.starts_with(g) && path != g.as_path())
        .max_by_key(|g| g.components().count());
    match folder {
        Some(folder) => {
            let rest = path.strip_prefix(folder).map(components).unwrap_or_default();
            let own = folder.file_name().map(|n| n.to_string_lossy().into_owned()).or_else(|| {
                folder.canonicalize().ok()?.file_name().map(|n| n.to_string_lossy().into_owned())
            });
            joined(own.into_iter().chain(rest).collect())
        }
        None => {
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
    }

    #[test]
    fn folders_are_searched_in_name_order_for_spreadsheets_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["b.xlsx", "a/z.XLS", "a/~$lock.xlsx", "a/notes.txt", "a.ods", "c/d/e.xlsb"] {
            touch(&root.join(name));
        }
        let found: Vec<PathBuf> = collect(&[root.to_path_buf()]);
        let names: Vec<_> = found.iter().map(|p| p.strip_prefix(root).unwrap().to_path_buf()).collect();
        let expected: Vec<PathBuf> =
            ["a/z.XLS", "a.ods", "b.xlsx", "c/d/e.xlsb"].iter().map(PathBuf::from).collect();
        assert_eq!(names, expected);
        // A file given is kept whatever its name.
        assert_eq!(collect(&[root.join("a/notes.txt")]), vec![root.join("a/notes.txt")]);
    }

    // Regression: a link back to a parent folder listed its files again and again (or for ever), and a
    // second link to a folder listed it twice.
    #[cfg(unix)]
    #[test]
    fn each_folder_is_searched_once_however_many_links_lead_to_it() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("a/x.xlsx"));
        symlink(".", root.join("a/itself")).unwrap();
        symlink("..", root.join("a/parent")).unwrap();
        symlink("a", root.join("b")).unwrap();
        symlink("nowhere.xlsx", root.join("broken.xlsx")).unwrap();
        symlink("nowhere", root.join("broken.txt")).unwrap();
        let found = collect(&[root.to_path_buf(), root.join("a")]);
        assert_eq!(found, vec![root.join("a/x.xlsx"), root.join("broken.xlsx")]);
    }
}
