//! Files uploaded to the page: safe names inside a batch's folder, bounded sizes, and zip archives unpacked
//! (their spreadsheets only).

use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file accepted: the largest workbook `plan` reads (a larger one could not be read anyway).
pub const MAX_FILE_BYTES: u64 = plan::submission::MAX_FILE_BYTES;
/// The largest zip archive accepted.
pub const MAX_ZIP_BYTES: u64 = 512 << 20;
/// The most bytes one batch may hold.
pub const MAX_BATCH_BYTES: u64 = 2 << 30;
/// The most files one batch may hold.
pub const MAX_BATCH_FILES: usize = 5000;

/// A path as sent by the browser (`2024/x.xlsx`, `x.xlsx`, with `/` or `\`), as a relative path made only of
/// plain names: no `..`, no root, no drive, no characters Windows forbids; `None` when nothing is left.
pub fn safe_relative(name: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for part in name.split(['/', '\\']) {
        let clean: String = part
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
            .collect();
        let clean = clean.trim().trim_end_matches('.').trim();
        if clean.is_empty() || clean == "." || clean == ".." {
            continue;
        }
        let clean: String = clean.chars().take(120).collect();
        path.push(clean);
    }
    let depth = path.components().count();
    (depth > 0 && depth <= 8).then_some(path)
}

/// Whether a name is a zip archive's.
pub fn is_zip_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// A free place for `relative` under `root`: the name itself, or "name (2).xlsx", "name (3).xlsx"… when a
/// file of that name was sent already.
pub fn free_place(root: &Path, relative: &Path) -> PathBuf {
    let wanted = root.join(relative);
    if !wanted.exists() {
        return wanted;
    }
    let stem = relative.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = relative.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..).map(|n| wanted.with_file_name(format!("{stem} ({n}){ext}"))).find(|p| !p.exists()).unwrap_or(wanted)
}

/// Why an upload is refused.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// Larger than allowed.
    #[error("too large")]
    TooLarge,
    /// The batch holds as many files as allowed.
    #[error("too many files")]
    TooManyFiles,
    /// Not a zip archive that can be read.
    #[error("bad zip: {0}")]
    BadZip(String),
    /// The disk said no.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The entries of a zip archive that are spreadsheets, with safe relative names and their bytes; at most
/// `room` bytes and `files` files in all.
pub fn unzip(bytes: &[u8], room: u64, files: usize) -> Result<Vec<(PathBuf, Vec<u8>)>, UploadError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| UploadError::BadZip(e.to_string()))?;
    let mut out = Vec::new();
    let mut used = 0u64;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| UploadError::BadZip(e.to_string()))?;
        if !entry.is_file() {
            continue;
        }
        let Some(name) = entry.name().ok().and_then(|n| safe_relative(&n)) else { continue };
        if !plan::batch::files::is_spreadsheet_name(&name) {
            continue;
        }
        if out.len() >= files {
            return Err(UploadError::TooManyFiles);
        }
        let cap = MAX_FILE_BYTES.min(room.saturating_sub(used));
        let mut data = Vec::new();
        (&mut entry).take(cap + 1).read_to_end(&mut data).map_err(|e| UploadError::BadZip(e.to_string()))?;
        if data.len() as u64 > cap {
            return Err(UploadError::TooLarge);
        }
        used += data.len() as u64;
        out.push((name, data));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_batch() {
        let p = |s: &str| safe_relative(s).map(|p| p.to_string_lossy().replace('\\', "/"));
        assert_eq!(
            p("2024/2024_18520_loc-yen_y-te.xlsx").as_deref(),
            Some("2024/2024_18520_loc-yen_y-te.xlsx")
        );
        assert_eq!(p("../../etc/passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(p("C:\\Windows\\x.xlsx").as_deref(), Some("C/Windows/x.xlsx"));
        assert_eq!(p("/abs/BÁO CÁO Y TẾ.xlsx").as_deref(), Some("abs/BÁO CÁO Y TẾ.xlsx"));
        assert_eq!(p("a/./b/../c.xlsx").as_deref(), Some("a/b/c.xlsx"));
        assert_eq!(p("con?.xlsx").as_deref(), Some("con.xlsx"));
        assert_eq!(p(".."), None);
        assert_eq!(p(""), None);
        assert_eq!(p("a/b/c/d/e/f/g/h/i.xlsx"), None);
    }

    #[test]
    fn a_zip_gives_its_spreadsheets_only_and_is_bounded() {
        use std::io::Write;
        let mut buffer = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file("nop/a.xlsx", options).unwrap();
            zip.write_all(&[1u8; 1000]).unwrap();
            zip.start_file("nop/readme.txt", options).unwrap();
            zip.write_all(b"hello").unwrap();
            zip.start_file("../b.XLS", options).unwrap();
            zip.write_all(&[2u8; 10]).unwrap();
            zip.finish().unwrap();
        }
        let bytes = buffer.into_inner();
        let files = unzip(&bytes, 1 << 20, 100).unwrap();
        let names: Vec<String> = files.iter().map(|(n, _)| n.to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(names, ["nop/a.xlsx", "b.XLS"]);
        assert_eq!(files[0].1.len(), 1000);
        assert!(matches!(unzip(&bytes, 500, 100), Err(UploadError::TooLarge)));
        assert!(matches!(unzip(&bytes, 1 << 20, 1), Err(UploadError::TooManyFiles)));
        assert!(matches!(unzip(b"not a zip", 1 << 20, 100), Err(UploadError::BadZip(_))));
    }
}
