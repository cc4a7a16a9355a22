//! Finding the workbooks to read and reading each one so that no file can stop the others.

use indicatif::{ProgressBar, ProgressStyle};
use plan::aggregate::{Aggregator, Folded, Input, fold};
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::rules::{Previous, check};
use plan::submission::{
    CHILD_MEMORY_BYTES, Container, RawWorkbook, ReadError, Sheet, container_of, is_encrypted_compound,
    read_file, read_isolated, read_sheets, scan, sheets_from_bytes, streams,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Extensions of the spreadsheets `plan` reads, compared without case.
const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// The name of the hidden command a child reader runs.
pub const READ_SHEETS_COMMAND: &str = "__read-sheets";

/// Files given, and the spreadsheets in folders given (recursively, sorted). Files named explicitly are
/// kept whatever their extension, so that each is accounted for; Excel's lock files (`~$…`) in folders are
/// skipped. Each folder is searched once, however many links lead to it (a link to a parent folder would
/// otherwise list its files again and again, or for ever).
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut seen);
        } else {
            files.push(path.clone());
        }
    }
    files.dedup();
    files
}

/// What makes a folder the same folder whatever the path to it: its device and inode on Unix, its
/// canonical path elsewhere. `None` when that cannot be told (the folder is then searched).
#[cfg(unix)]
fn folder_identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_identity(dir: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(dir).ok()
}

#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

fn walk(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut HashSet<FolderId>) {
    if let Some(identity) = folder_identity(dir)
        && !seen.insert(identity)
    {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        files.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| join_as_given(dir, &e.file_name()))).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files, seen);
        } else if is_spreadsheet_name(&path) {
            files.push(path);
        }
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

fn is_spreadsheet_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    !name.starts_with("~$") && EXTENSIONS.contains(&ext.as_str())
}

/// Reads one workbook and the SHA-256 of its bytes (empty when it cannot be read): Office Open XML in this
/// process (streamed, capped); other formats in a child process of this same program, so that a damaged file
/// that aborts the reader costs only that file.
pub fn read(path: &Path) -> (Result<RawWorkbook, ReadError>, String) {
    match read_bytes_and_sheets(path) {
        Ok((bytes, sheets)) => {
            let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            (sheets.map(|sheets| scan(&sheets)), sha256)
        }
        Err(error) => (Err(error), String::new()),
    }
}

/// A workbook's bytes, and its sheets cell by cell or why they cannot be read.
pub type BytesAndSheets = (Vec<u8>, Result<Vec<Sheet>, ReadError>);

/// Reads one workbook's bytes and, as [`read`] does, its sheets cell by cell.
pub fn read_bytes_and_sheets(path: &Path) -> Result<BytesAndSheets, ReadError> {
    let bytes = read_file(path)?;
    let sheets = if streams(&bytes) {
        sheets_from_bytes(&bytes)
    } else {
        match (container_of(&bytes), std::env::current_exe()) {
            (Container::Other, _) => Err(ReadError::NotSpreadsheet),
            (Container::Compound, _) if is_encrypted_compound(&bytes) => Err(ReadError::Encrypted),
            (_, Ok(exe)) => read_isolated(path, &exe, &[READ_SHEETS_COMMAND]),
            (_, Err(_)) => sheets_from_bytes(&bytes),
        }
    };
    Ok((bytes, sheets))
}

/// A progress bar on a terminal for long runs, hidden otherwise.
fn progress_bar(count: usize, lang: Lang) -> ProgressBar {
    if !std::io::stderr().is_terminal() || count <= 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(count as u64);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {} {{eta}}", lang.pick("tệp", "files"));
    bar.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar
}

/// Reads and checks one file. `keep_raw` keeps what was read cell by cell (for annotated copies);
/// otherwise it is dropped, with the cell positions of values, to keep memory to the figures.
fn read_one(path: &Path, catalogue: &Catalogue, previous: Option<&Previous>, keep_raw: bool) -> Input {
    read_named(path, &path.display().to_string(), catalogue, previous, keep_raw)
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

fn read_named(
    path: &Path,
    name: &str,
    catalogue: &Catalogue,
    previous: Option<&Previous>,
    keep_raw: bool,
) -> Input {
    let (read, sha256) = read(path);
    let mut checked = check(name, read, catalogue, previous);
    if !keep_raw {
        checked.raw = None;
        for value in &mut checked.submission.values {
            value.at.sheet = String::new();
        }
    }
    Input { checked, sha256 }
}

/// Reads and checks every file in parallel, with a progress bar on a terminal for long runs.
pub fn read_and_check(
    files: &[PathBuf],
    catalogue: &Catalogue,
    previous: Option<&Previous>,
    keep_raw: bool,
    lang: Lang,
) -> Vec<Input> {
    let bar = progress_bar(files.len(), lang);
    let inputs = files
        .par_iter()
        .map(|path| {
            let input = read_one(path, catalogue, previous, keep_raw);
            bar.inc(1);
            input
        })
        .collect();
    bar.finish_and_clear();
    inputs
}

/// Reads, checks and folds every file into `state` in parallel, as each is read: a file's cells and values
/// are dropped once folded, so memory holds the figures, not the workbooks. Files are indexed by name first,
/// so the result does not depend on the order they were found or read in.
fn fold_all<S: Send>(
    files: &[PathBuf],
    given: &[PathBuf],
    catalogue: &Catalogue,
    include_with_errors: bool,
    lang: Lang,
    state: S,
    add: impl Fn(&mut S, usize, Folded) + Sync,
) -> S {
    let mut files: Vec<(String, &PathBuf)> = files.iter().map(|f| (shown_name(f, given), f)).collect();
    files.sort();
    let state = Mutex::new(state);
    let bar = progress_bar(files.len(), lang);
    files.par_iter().enumerate().for_each(|(index, (name, path))| {
        let input = read_named(path, name, catalogue, None, false);
        let folded = fold(index, input, catalogue, include_with_errors);
        add(&mut state.lock().unwrap_or_else(PoisonError::into_inner), index, folded);
        bar.inc(1);
    });
    bar.finish_and_clear();
    state.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// Reads, checks and folds every file into one aggregation; files are named from the paths `given`
/// ([`shown_name`]).
pub fn read_and_fold<'c>(
    files: &[PathBuf],
    given: &[PathBuf],
    catalogue: &'c Catalogue,
    include_with_errors: bool,
    lang: Lang,
) -> Aggregator<'c> {
    let aggregator = Aggregator::new(catalogue, include_with_errors);
    fold_all(files, given, catalogue, include_with_errors, lang, aggregator, |aggregator, index, folded| {
        aggregator.add_folded(index, folded)
    })
}

/// Reads, checks and folds every file into the aggregation of the year it reports for (files that give no
/// year are left out); files are named from the paths `given` ([`shown_name`]).
pub fn read_and_fold_by_year<'c>(
    files: &[PathBuf],
    given: &[PathBuf],
    catalogue: &'c Catalogue,
    lang: Lang,
) -> BTreeMap<u16, Aggregator<'c>> {
    fold_all(files, given, catalogue, false, lang, BTreeMap::new(), |by_year, index, folded| {
        if let Some(year) = folded.year() {
            by_year
                .entry(year)
                .or_insert_with(|| Aggregator::new(catalogue, false))
                .add_folded(index, folded);
        }
    })
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
