//! Finding the workbooks to read and reading each one so that no file can stop the others.

use indicatif::{ProgressBar, ProgressStyle};
use plan::aggregate::Input;
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::rules::{Previous, check};
use plan::submission::{
    Container, RawWorkbook, ReadError, container_of, is_encrypted_compound, read_file, read_isolated,
    read_sheets, scan, sheets_from_bytes, streams,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::IsTerminal;
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

/// Reads one workbook and the SHA-256 of its bytes (empty when it cannot be read): Office Open XML in this
/// process (streamed, capped); other formats in a child process of this same program, so that a damaged file
/// that aborts the reader costs only that file.
pub fn read(path: &Path) -> (Result<RawWorkbook, ReadError>, String) {
    let bytes = match read_file(path) {
        Ok(bytes) => bytes,
        Err(error) => return (Err(error), String::new()),
    };
    let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let result = if streams(&bytes) {
        sheets_from_bytes(&bytes).map(|sheets| scan(&sheets))
    } else {
        match (container_of(&bytes), std::env::current_exe()) {
            (Container::Other, _) => Err(ReadError::NotSpreadsheet),
            (Container::Compound, _) if is_encrypted_compound(&bytes) => Err(ReadError::Encrypted),
            (_, Ok(exe)) => read_isolated(path, &exe, &[READ_SHEETS_COMMAND]).map(|sheets| scan(&sheets)),
            (_, Err(_)) => sheets_from_bytes(&bytes).map(|sheets| scan(&sheets)),
        }
    };
    (result, sha256)
}

/// Reads and checks every file in parallel, with a progress bar on a terminal for long runs. `keep_raw`
/// keeps what was read cell by cell (for annotated copies); otherwise it is dropped, with the cell positions
/// of values, to keep memory to the figures.
pub fn read_and_check(
    files: &[PathBuf],
    catalogue: &Catalogue,
    previous: Option<&Previous>,
    keep_raw: bool,
    lang: Lang,
) -> Vec<Input> {
    let bar = if std::io::stderr().is_terminal() && files.len() > 20 {
        let bar = ProgressBar::new(files.len() as u64);
        let template = format!("{{bar:40}} {{pos}}/{{len}} {} {{eta}}", lang.pick("tệp", "files"));
        bar.set_style(
            ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let inputs = files
        .par_iter()
        .map(|path| {
            let (read, sha256) = read(path);
            let mut checked = check(&path.display().to_string(), read, catalogue, previous);
            if !keep_raw {
                checked.raw = None;
                for value in &mut checked.submission.values {
                    value.at.sheet = String::new();
                }
                checked.submission.values.shrink_to_fit();
            }
            bar.inc(1);
            Input { checked, sha256 }
        })
        .collect();
    bar.finish_and_clear();
    inputs
}

/// The child side: reads a workbook's sheets and prints them as JSON.
pub fn read_sheets_child(path: &Path) -> anyhow::Result<std::process::ExitCode> {
    let result = read_sheets(path);
    super::print(&serde_json::to_string(&result)?)?;
    Ok(std::process::ExitCode::SUCCESS)
}
