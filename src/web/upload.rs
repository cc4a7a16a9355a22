//! Files uploaded to the page: the name as the user knows it and the safe name it is stored under (any
//! system's rules, Windows' included), bounded sizes, files written readable by the user alone, and zip
//! archives unpacked entry by entry to disk (their spreadsheets only), each entry bounded by the bytes it
//! actually gives, not the size it declares.

use super::account::{Skipped, Why};
pub use super::limits::{MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_FILE_BYTES, MAX_ZIP_BYTES};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The most characters of one part of a stored name: with the session's folder, a batch's and a first
/// folder, a stored path stays under Windows' 260 characters for a usual %TEMP%.
const MAX_PART_CHARS: usize = 64;

/// The parts of a name as sent by the browser (`2024/x.xlsx`, `x.xlsx`, with `/` or `\`): no empty, `.` or
/// `..` part, no control character. Empty when nothing is left.
pub fn parts(name: &str) -> Vec<String> {
    name.split(['/', '\\'])
        .map(|part| part.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|part| !part.trim().is_empty() && part != "." && part != "..")
        .collect()
}

/// The name as the user knows it: its parts joined by `/`.
pub fn shown(parts: &[String]) -> String {
    parts.join("/")
}

/// Windows' reserved device names: a file named so (whatever its extension) cannot be made.
const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// Whether a part is one of Windows' device names (`CON.xlsx`, `nul.xlsx`, `com1.xls`, `LPT9`): its name
/// before the first dot, spaces at its end ignored, as Windows compares it.
fn reserved(part: &str) -> bool {
    let stem = part.split('.').next().unwrap_or_default().trim_end().to_ascii_uppercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            matches!(n, "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
        })
    };
    RESERVED.contains(&stem.as_str()) || numbered("COM") || numbered("LPT")
}

/// One part of a name made safe to store on any system: no character Windows forbids, no dot or space at
/// its end, not a device name (`_CON.xlsx`), at most [`MAX_PART_CHARS`] characters. A part cut short
/// keeps its extension and ends with a short hash of the whole, so that names that differ only past the
/// cut stay apart.
pub fn disk_part(part: &str) -> String {
    let clean: String = part
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*'))
        .collect();
    let clean = clean.trim_start().trim_end_matches(['.', ' ']);
    let clean = if clean.is_empty() { "_".to_string() } else { clean.to_string() };
    let clean = if reserved(&clean) { format!("_{clean}") } else { clean };
    if clean.chars().count() <= MAX_PART_CHARS {
        return clean;
    }
    let extension = match clean.rsplit_once('.') {
        Some((_, ext))
            if (1..=8).contains(&ext.chars().count()) && ext.chars().all(char::is_alphanumeric) =>
        {
            format!(".{ext}")
        }
        _ => String::new(),
    };
    use sha2::Digest;
    let hash = hex::encode(&sha2::Sha256::digest(part.as_bytes())[..3]);
    let keep = MAX_PART_CHARS - extension.chars().count() - hash.len() - 1;
    let stem: String = clean.chars().take(keep).collect();
    format!("{}~{hash}{extension}", stem.trim_end_matches(['.', ' ']))
}

/// Where a file of these parts is stored in a batch: its first folder (the folder the user dropped) and
/// its own name, each made safe ([`disk_part`]); the folders between are left out, however deep, as the
/// name the user knows keeps them. `None` for no part.
pub fn disk_relative(parts: &[String]) -> Option<PathBuf> {
    let (file, folders) = parts.split_last()?;
    let mut path = PathBuf::new();
    if let Some(first) = folders.first() {
        path.push(disk_part(first));
    }
    path.push(disk_part(file));
    Some(path)
}

/// Whether a name is a zip archive's.
pub fn is_zip_name(name: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Whether a name is a spreadsheet's `plan` reads (dots and spaces at its end ignored, as Windows
/// ignores them: `x.xlsx.` is `x.xlsx`).
pub fn is_spreadsheet_name(name: &str) -> bool {
    plan::batch::files::is_spreadsheet_name(Path::new(name.trim_end_matches(['.', ' '])))
}

/// A folder readable by the user alone (0700 on Unix; on Windows the per-user %TEMP% it lies in is
/// private already), its parents made as needed.
pub fn make_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// A new file readable by the user alone (0600 on Unix), never one that exists.
pub fn new_file(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// A free place for `relative` under `root`, and the file made there: the name itself, or "name
/// (2).xlsx", "name (3).xlsx"… when a file of that name was sent already; its folder likewise when a
/// file holds the folder's name. Returns the place relative to `root`.
pub fn place(root: &Path, relative: &Path) -> std::io::Result<(PathBuf, File)> {
    let numbered = |name: &Path, n: usize| -> PathBuf {
        if n == 1 {
            return name.to_path_buf();
        }
        let stem = name.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = name.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
        PathBuf::from(format!("{stem} ({n}){ext}"))
    };
    let file_name = Path::new(relative.file_name().unwrap_or(relative.as_os_str()));
    let folder = match relative.parent().filter(|p| !p.as_os_str().is_empty()) {
        None => PathBuf::new(),
        Some(folder) => {
            let found = (1..=MAX_BATCH_FILES + 1)
                .map(|n| numbered(folder, n))
                .find(|f| !root.join(f).exists() || root.join(f).is_dir())
                .ok_or_else(|| std::io::Error::other("no free folder"))?;
            make_dir(&root.join(&found))?;
            found
        }
    };
    for n in 1..=MAX_BATCH_FILES + 1 {
        let candidate = folder.join(numbered(file_name, n));
        match new_file(&root.join(&candidate)) {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free name"))
}

/// What unpacking a zip kept and left out.
#[derive(Debug, Default)]
pub struct Unpacked {
    /// Stored entries: where (relative to the batch), the name the user knows, and their bytes.
    pub kept: Vec<(PathBuf, String, u64)>,
    /// Entries left out, and why.
    pub skipped: Vec<Skipped>,
}

/// Why a zip archive is not unpacked at all.
#[derive(Debug)]
pub enum ZipError {
    /// Not a zip archive that can be read.
    Unreadable,
    /// The disk said no.
    Disk(std::io::Error),
}

/// The room a batch has left, asked for again before each entry: other uploads fill it at the same time.
pub trait Room {
    /// Takes `bytes` of the batch's room for one more file: false when it does not fit.
    fn take(&mut self, bytes: u64) -> bool;
    /// The bytes left.
    fn left(&self) -> u64;
}

/// Unpacks the spreadsheets of the zip at `zip` (the user knows it as `shown`, sent in the folder
/// `first_folder` if any) into `root`: each entry streamed to disk and counted as it comes, one over
/// [`MAX_FILE_BYTES`] or past the batch's room removed and named among the skipped, the others kept.
pub fn unzip(
    zip: &Path,
    shown: &str,
    first_folder: Option<&str>,
    root: &Path,
    room: &mut dyn Room,
) -> Result<Unpacked, ZipError> {
    let file = File::open(zip).map_err(ZipError::Disk)?;
    let mut archive =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|_| ZipError::Unreadable)?;
    let mut out = Unpacked::default();
    for index in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(index) else {
            out.skipped.push(Skipped::new(format!("{shown} › #{}", index + 1), Why::Damaged));
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        let inner = parts(&name);
        let known = format!("{shown} › {}", shown_or(&inner, &name));
        let mut where_parts: Vec<String> = first_folder.map(str::to_string).into_iter().collect();
        where_parts.extend(inner.iter().cloned());
        let Some(relative) = disk_relative(&where_parts).filter(|_| !inner.is_empty()) else {
            out.skipped.push(Skipped::new(known, Why::Unnamed));
            continue;
        };
        if !is_spreadsheet_name(&name) {
            out.skipped.push(Skipped::new(known, Why::NotSpreadsheet));
            continue;
        }
        let cap = MAX_FILE_BYTES.min(room.left());
        let (stored, mut target) = place(root, &relative).map_err(ZipError::Disk)?;
        let copied = std::io::copy(&mut (&mut entry).take(cap + 1), &mut target)
            .and_then(|n| target.flush().map(|_| n));
        drop(target);
        let why = match copied {
            Ok(n) if n > MAX_FILE_BYTES => Some(Why::EntryTooLarge),
            Ok(n) if n > cap || !room.take(n) => Some(Why::BatchFull),
            Ok(n) => {
                out.kept.push((stored.clone(), known.clone(), n));
                None
            }
            // A write that failed is the disk's; a read that failed is the archive's.
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => return Err(ZipError::Disk(e)),
            Err(_) => Some(Why::Damaged),
        };
        if let Some(why) = why {
            let _ = std::fs::remove_file(root.join(&stored));
            out.skipped.push(Skipped::new(known, why));
        }
    }
    Ok(out)
}

/// The parts joined, or the raw name when no part is left.
fn shown_or(parts: &[String], raw: &str) -> String {
    if parts.is_empty() { raw.to_string() } else { shown(parts) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(name: &str) -> Option<String> {
        disk_relative(&parts(name)).map(|p| p.to_string_lossy().replace('\\', "/"))
    }

    #[test]
    fn names_stay_inside_the_batch() {
        assert_eq!(
            stored("2024/2024_18520_loc-yen_y-te.xlsx").as_deref(),
            Some("2024/2024_18520_loc-yen_y-te.xlsx")
        );
        assert_eq!(stored("../../etc/passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(stored("C:\\Windows\\x.xlsx").as_deref(), Some("C/x.xlsx"));
        assert_eq!(stored("/abs/BÁO CÁO Y TẾ.xlsx").as_deref(), Some("abs/BÁO CÁO Y TẾ.xlsx"));
        assert_eq!(stored("a/./b/../c.xlsx").as_deref(), Some("a/c.xlsx"));
        assert_eq!(stored("nul?.xlsx").as_deref(), Some("_nul.xlsx"));
        assert_eq!(stored(".."), None);
        assert_eq!(stored(""), None);
        assert_eq!(shown(&parts("a\\b/../c.xlsx")), "a/b/c.xlsx");
    }

    // Regression (issue 21): a folder nested more than 8 levels failed the whole run ("Thiếu tên tệp").
    #[test]
    fn depth_never_fails_a_name() {
        let deep = format!("{}x.xlsx", "l/".repeat(40));
        assert_eq!(stored(&deep).as_deref(), Some("l/x.xlsx"));
        assert_eq!(shown(&parts(&deep)), deep);
    }

    // Regression (issue 21): each part was cut to 120 characters, so a long name lost its extension and
    // its file was skipped without a word.
    #[test]
    fn a_long_name_keeps_its_extension_and_stays_apart() {
        let long = "Báo cáo kết quả thực hiện kế hoạch hành động vì trẻ em năm 2024 của Phòng Giáo dục và Đào tạo gửi UBND huyện Hương Khê (bản chính thức)";
        let a = disk_part(&format!("{long}.xlsx"));
        let b = disk_part(&format!("{long} - bản 2.xlsx"));
        assert!(a.ends_with(".xlsx") && b.ends_with(".xlsx"), "{a} {b}");
        assert!(a.chars().count() <= MAX_PART_CHARS, "{a}");
        assert_ne!(a, b);
        assert!(is_spreadsheet_name(&a));
        assert_eq!(disk_part("short.xlsx"), "short.xlsx");
    }

    #[test]
    fn windows_device_names_and_trailing_dots_are_stored_otherwise() {
        for (name, safe) in [
            ("CON.xlsx", "_CON.xlsx"),
            ("nul.xlsx", "_nul.xlsx"),
            ("com1.xls", "_com1.xls"),
            ("LPT9", "_LPT9"),
            ("aux .tar.xlsx", "_aux .tar.xlsx"),
            ("báo cáo.xlsx.", "báo cáo.xlsx"),
            ("báo cáo.xlsx ", "báo cáo.xlsx"),
            ("folder. . ", "folder"),
            ("a<b>c:d\"e|f?g*.xlsx", "abcdefg.xlsx"),
            ("...", "_"),
            ("console.xlsx", "console.xlsx"),
            ("com10.xlsx", "com10.xlsx"),
        ] {
            assert_eq!(disk_part(name), safe, "{name}");
        }
    }

    struct Plenty(u64);

    impl Room for Plenty {
        fn take(&mut self, bytes: u64) -> bool {
            self.0 = self.0.saturating_sub(bytes);
            true
        }
        fn left(&self) -> u64 {
            self.0
        }
    }

    #[test]
    fn a_zip_gives_its_spreadsheets_and_names_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let zip_path = dir.path().join("in.zip");
        {
            let mut zip = zip::ZipWriter::new(File::create(&zip_path).unwrap());
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file("nop/a.xlsx", options).unwrap();
            zip.write_all(&[1u8; 1000]).unwrap();
            zip.start_file("nop/readme.txt", options).unwrap();
            zip.write_all(b"hello").unwrap();
            zip.start_file("../b.XLS", options).unwrap();
            zip.write_all(&[2u8; 10]).unwrap();
            zip.finish().unwrap();
        }
        let root = dir.path().join("batch");
        make_dir(&root).unwrap();
        let out = unzip(&zip_path, "x.zip", None, &root, &mut Plenty(1 << 20)).ok().unwrap();
        let kept: Vec<(String, &str, u64)> = out
            .kept
            .iter()
            .map(|(p, s, n)| (p.to_string_lossy().replace('\\', "/"), s.as_str(), *n))
            .collect();
        assert_eq!(
            kept,
            [("nop/a.xlsx".into(), "x.zip › nop/a.xlsx", 1000), ("b.XLS".into(), "x.zip › b.XLS", 10)]
        );
        assert_eq!(out.skipped, [Skipped::new("x.zip › nop/readme.txt".into(), Why::NotSpreadsheet)]);
        // No room: the entries are named, not kept.
        let out = unzip(&zip_path, "x.zip", None, &root, &mut Plenty(500)).ok().unwrap();
        assert_eq!(out.kept.len(), 1, "{out:?}");
        assert!(out.skipped.contains(&Skipped::new("x.zip › nop/a.xlsx".into(), Why::BatchFull)));
        std::fs::write(&zip_path, b"not a zip").unwrap();
        assert!(matches!(
            unzip(&zip_path, "x.zip", None, &root, &mut Plenty(1 << 20)),
            Err(ZipError::Unreadable)
        ));
    }

    // Regression (issue 21): `x.xlsx` then `x.xlsx/y.xlsx` failed with "File exists (os error 17)".
    #[test]
    fn a_folder_named_as_a_file_goes_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _) = place(dir.path(), Path::new("x.xlsx")).unwrap();
        let (second, _) = place(dir.path(), Path::new("x.xlsx/y.xlsx")).unwrap();
        let (third, _) = place(dir.path(), Path::new("x.xlsx")).unwrap();
        assert_eq!(first, Path::new("x.xlsx"));
        assert_eq!(second, Path::new("x (2).xlsx/y.xlsx"));
        assert_eq!(third, Path::new("x (3).xlsx"));
    }

    #[cfg(unix)]
    #[test]
    fn folders_and_files_are_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (file, _) = place(dir.path(), Path::new("a/b.xlsx")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join(file)), 0o600);
    }
}
