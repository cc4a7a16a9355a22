//! Finding the workbooks to read and reading each one so that no file can stop the others.

use plan::submission::{RawWorkbook, ReadError, read_isolated, read_sheets, scan, streams};
use std::path::{Path, PathBuf};

/// Extensions of the spreadsheets `plan` reads, compared without case.
const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// The name of the hidden command a child reader runs.
pub const READ_SHEETS_COMMAND: &str = "__read-sheets";

/// Files given, and the spreadsheets in folders given (recursively, sorted). Files named explicitly are
/// kept whatever their extension, so that each is accounted for; Excel's lock files (`~$…`) in folders are
/// skipped.
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    files.dedup();
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        files.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files);
        } else if is_spreadsheet_name(&path) {
            files.push(path);
        }
    }
}

fn is_spreadsheet_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    !name.starts_with("~$") && EXTENSIONS.contains(&ext.as_str())
}

/// Reads one workbook: Office Open XML in this process (streamed, capped); other formats in a child
/// process of this same program, so that a damaged file that aborts the reader costs only that file.
pub fn read(path: &Path) -> Result<RawWorkbook, ReadError> {
    if path.is_dir() {
        return Err(ReadError::IsFolder);
    }
    if !path.exists() {
        return Err(ReadError::NotFound);
    }
    if streams(path) {
        return read_sheets(path).map(|sheets| scan(&sheets));
    }
    match std::env::current_exe() {
        Ok(exe) => read_isolated(path, &exe, &[READ_SHEETS_COMMAND]).map(|sheets| scan(&sheets)),
        Err(_) => read_sheets(path).map(|sheets| scan(&sheets)),
    }
}

/// The child side: reads a workbook's sheets and prints them as JSON.
pub fn read_sheets_child(path: &Path) -> anyhow::Result<std::process::ExitCode> {
    let result = read_sheets(path);
    super::print(&serde_json::to_string(&result)?)?;
    Ok(std::process::ExitCode::SUCCESS)
}
