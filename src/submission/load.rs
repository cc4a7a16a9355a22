//! Opening a workbook safely.
//!
//! Only a regular file is read, and at most [`MAX_FILE_BYTES`] + 1 bytes of it (a FIFO, a device or a link
//! to `/dev/zero` is that file's error). The format is told by content, not by the name (a renamed file, an
//! upper-case extension). Office Open XML (.xlsx, .xlsm) is streamed cell by cell; every reader charges
//! what it keeps to a [`Budget`] (cells per sheet and per workbook, bytes of text counted each time a shared
//! string or formula is used), so what a read builds is bounded by design, not by the file's size. The
//! other formats (.xls, .ods, .xlsb) are read through calamine's whole-sheet ranges, which a damaged file
//! can make panic or allocate without bound before any cell reaches us: callers that must survive any file
//! run [`read_sheets`] in a child process ([`read_isolated`]), whose death is then that file's error. What
//! real writers put in valid files and calamine misreads is normalised first ([`super::normalise`]).

use super::budget::Budget;
use super::normalise;
use super::{Raw, Sheet};
use calamine::{Data, DataRef, Ods, Reader, Sheets, Xls, Xlsb, Xlsx, XlsxFormulaMetadata};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use super::budget::{MAX_CELLS_PER_WORKBOOK, MAX_TEXT_BYTES};
use crate::text::quote;

/// Most cells read from one sheet; templates hold a few hundred.
pub const MAX_CELLS_PER_SHEET: usize = 200_000;
/// Largest file read (reports are a few hundred kilobytes at most).
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Most bytes a workbook's archive may declare once decompressed. A template's parts come to about 100 KB
/// and a national units grid (the cell cap, 200,000 cells) to about 15 MB; a zip bomb declares hundreds of
/// megabytes or more. An archive that declares less than it holds is stopped by the zip reader itself
/// ("larger than its declared uncompressed size").
pub const MAX_UNCOMPRESSED_BYTES: u128 = 32 << 20;
/// The part that makes an archive a workbook: Office Open XML (.xlsx, .xlsm), binary (.xlsb), OpenDocument.
const WORKBOOK_PARTS: [&str; 3] = ["xl/workbook.xml", "xl/workbook.bin", "content.xml"];
/// Most sheets read from one workbook.
pub const MAX_SHEETS: usize = 64;
/// Memory allowed to a child reader: its address space on Unix, the memory it commits on Windows (a job
/// object).
pub const CHILD_MEMORY_BYTES: u64 = 2 << 30;
/// Most bytes of a child reader's answer: the JSON of the most a read may build ([`MAX_TEXT_BYTES`] of
/// text, escaped, and [`MAX_CELLS_PER_WORKBOOK`] cells).
pub const MAX_ANSWER_BYTES: u64 = 8 * MAX_TEXT_BYTES as u64;
/// Time allowed to a child reader.
pub const CHILD_TIMEOUT: Duration = Duration::from_secs(120);

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ReadError {
    /// No such file.
    #[error("no such file")]
    NotFound,
    /// A folder where a file was expected.
    #[error("a folder")]
    IsFolder,
    /// Not a regular file: a FIFO, a device, a socket (or a link to one).
    #[error("not a regular file")]
    NotRegular,
    /// Not a spreadsheet at all (a PDF, a text file…).
    #[error("not a spreadsheet")]
    NotSpreadsheet,
    /// A spreadsheet container that cannot be read, or damaged.
    #[error("unreadable: {0}")]
    Unreadable(String),
    /// Protected by a password.
    #[error("encrypted")]
    Encrypted,
    /// More bytes, sheets or cells than a report can hold.
    #[error("too large: {0:?}")]
    TooLarge(Limit),
    /// The reader failed abnormally (a panic, or a child reader that died).
    #[error("reader crashed: {0:?}")]
    Crashed(Crash),
}

/// How the reader failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Crash {
    /// A panic inside the reader, caught, with its message.
    Panic(String),
    /// The child reader could not be started.
    NotStarted(String),
    /// The child reader did not answer within [`CHILD_TIMEOUT`].
    Timeout,
    /// The child reader stopped abnormally (killed by the system, out of memory, aborted), with its status.
    Stopped(String),
    /// The child reader's answer could not be understood.
    BadAnswer(String),
}

impl Crash {
    /// What happened, in Vietnamese (technical details kept as they are).
    pub fn vi(&self) -> String {
        match self {
            Crash::Panic(why) => format!("lỗi trong trình đọc: {}", quote(why)),
            Crash::NotStarted(why) => format!("không khởi động được trình đọc: {why}"),
            Crash::Timeout => format!("trình đọc không trả lời sau {} giây", CHILD_TIMEOUT.as_secs()),
            Crash::Stopped(status) => {
                format!("trình đọc bị dừng, thường do tệp hỏng đòi quá nhiều bộ nhớ ({status})")
            }
            Crash::BadAnswer(why) => format!("trình đọc trả lời không hợp lệ: {}", quote(why)),
        }
    }

    /// What happened, in English.
    pub fn en(&self) -> String {
        match self {
            Crash::Panic(why) => format!("panic in the reader: {}", quote(why)),
            Crash::NotStarted(why) => format!("cannot start the reader: {why}"),
            Crash::Timeout => format!("no answer from the reader within {} s", CHILD_TIMEOUT.as_secs()),
            Crash::Stopped(status) => {
                format!("the reader stopped, usually a damaged file asking for too much memory ({status})")
            }
            Crash::BadAnswer(why) => format!("unreadable answer from the reader: {}", quote(why)),
        }
    }
}

/// The size limit a file went over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Limit {
    /// The file's size in bytes.
    FileBytes(u64),
    /// The bytes its archive declares once decompressed.
    Decompressed(u128),
    /// Its number of sheets.
    Sheets(usize),
    /// A sheet with more cells than [`MAX_CELLS_PER_SHEET`].
    Cells(String),
    /// More cells in the workbook than [`super::budget::MAX_CELLS_PER_WORKBOOK`].
    WorkbookCells,
    /// More bytes of text than [`super::budget::MAX_TEXT_BYTES`] (a shared string counted each time used).
    Text,
}

impl Limit {
    /// What went over, in Vietnamese.
    pub fn vi(&self) -> String {
        match self {
            Limit::FileBytes(n) => format!("{} MB, tối đa {} MB", n >> 20, MAX_FILE_BYTES >> 20),
            Limit::Decompressed(n) => {
                format!("{} MB khi giải nén, tối đa {} MB", n >> 20, MAX_UNCOMPRESSED_BYTES >> 20)
            }
            Limit::Sheets(n) => format!("{n} trang tính, tối đa {MAX_SHEETS}"),
            Limit::Cells(sheet) => {
                format!("trang «{}» có hơn {MAX_CELLS_PER_SHEET} ô có dữ liệu", quote(sheet))
            }
            Limit::WorkbookCells => format!("cả tệp có hơn {MAX_CELLS_PER_WORKBOOK} ô có dữ liệu"),
            Limit::Text => format!("chữ trong các ô vượt quá {} MB", MAX_TEXT_BYTES >> 20),
        }
    }

    /// What went over, in English.
    pub fn en(&self) -> String {
        match self {
            Limit::FileBytes(n) => format!("{} MB, at most {} MB", n >> 20, MAX_FILE_BYTES >> 20),
            Limit::Decompressed(n) => {
                format!("{} MB once decompressed, at most {} MB", n >> 20, MAX_UNCOMPRESSED_BYTES >> 20)
            }
            Limit::Sheets(n) => format!("{n} sheets, at most {MAX_SHEETS}"),
            Limit::Cells(sheet) => {
                format!("sheet «{}» has more than {MAX_CELLS_PER_SHEET} filled cells", quote(sheet))
            }
            Limit::WorkbookCells => {
                format!("more than {MAX_CELLS_PER_WORKBOOK} filled cells in the workbook")
            }
            Limit::Text => format!("more than {} MB of text in its cells", MAX_TEXT_BYTES >> 20),
        }
    }
}

/// The container a file's first bytes announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A ZIP archive: .xlsx, .xlsm, .xlsb or .ods.
    Zip,
    /// A compound file: .xls, or an encrypted Office Open XML file.
    Compound,
    /// Anything else.
    Other,
}

/// Tells the container from the first bytes.
pub fn container_of(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") {
        Container::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Compound
    } else {
        Container::Other
    }
}

/// Whether a compound file is an encrypted Office document (it holds an `EncryptionInfo` stream).
pub fn is_encrypted_compound(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn is_password_error(error: &calamine::Error) -> bool {
    use calamine::{OdsError, XlsError, XlsxError};
    matches!(
        error,
        calamine::Error::Xlsx(XlsxError::Password)
            | calamine::Error::Xls(XlsError::Password)
            | calamine::Error::Ods(OdsError::Password)
    )
}

fn classify(error: calamine::Error) -> ReadError {
    use calamine::OdsError;
    match error {
        _ if is_password_error(&error) => ReadError::Encrypted,
        calamine::Error::Ods(OdsError::CellLimitExceeded { .. }) => ReadError::TooLarge(Limit::WorkbookCells),
        _ => ReadError::Unreadable(error.to_string()),
    }
}

/// Whether the bytes are Office Open XML (.xlsx, .xlsm), read by streaming in-process; other spreadsheets
/// (.xls, .ods, .xlsb) are read whole.
pub fn streams(bytes: &[u8]) -> bool {
    container_of(bytes) == Container::Zip && format_of(bytes) == Format::Xlsx
}

/// Reads a file's bytes: a folder, a missing file, anything but a regular file (a FIFO would block for
/// ever, `/dev/zero` never ends: its size says 0) or a file over [`MAX_FILE_BYTES`] is an error. The file is
/// opened without waiting (a FIFO put in its place after the check does not block either) and read to at
/// most the cap + 1 bytes.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let metadata = std::fs::metadata(path).map_err(|_| ReadError::NotFound)?;
    if metadata.is_dir() {
        return Err(ReadError::IsFolder);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(Limit::FileBytes(metadata.len())));
    }
    let file = open_without_waiting(path).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(Limit::FileBytes(bytes.len() as u64)));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    // Windows: named pipes live outside the folders read; opening a file does not block.
    std::fs::File::open(path)
}

/// Reads every sheet's cells from a file, in-process, catching panics. Safe for Office Open XML (streamed
/// and capped); for other formats prefer [`read_isolated`].
pub fn read_sheets(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    sheets_from_bytes(&read_file(path)?)
}

std::thread_local! {
    /// Whether this thread is inside the reader, where a panic is caught and becomes that file's error.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the panic hook quiet for panics the reader catches (they become that file's error, with the
/// reason in its finding); any other panic still prints as usual. Called once by the program.
pub fn quiet_reader_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !READING.with(std::cell::Cell::get) {
            previous(info);
        }
    }));
}

/// Reads every sheet's cells from a file's bytes, in-process, catching panics.
pub fn sheets_from_bytes(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    match container_of(bytes) {
        Container::Other => return Err(ReadError::NotSpreadsheet),
        Container::Compound if is_encrypted_compound(bytes) => return Err(ReadError::Encrypted),
        _ => {}
    }
    if container_of(bytes) == Container::Zip
        && let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes))
    {
        if let Some(size) = zip.decompressed_size()
            && size > MAX_UNCOMPRESSED_BYTES
        {
            return Err(ReadError::TooLarge(Limit::Decompressed(size)));
        }
        // A Word document or any archive renamed .xlsx: no workbook part at all.
        if !WORKBOOK_PARTS.iter().any(|part| zip.index_for_name(part).is_some()) {
            return Err(ReadError::NotSpreadsheet);
        }
    }
    READING.with(|reading| reading.set(true));
    let result = std::panic::catch_unwind(|| read_normalised(bytes));
    READING.with(|reading| reading.set(false));
    result.unwrap_or_else(|panic| {
        let text = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(ReadError::Crashed(Crash::Panic(text)))
    })
}

/// The format of a workbook's bytes, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Xlsb,
    Ods,
    Xls,
}

fn format_of(bytes: &[u8]) -> Format {
    match container_of(bytes) {
        Container::Compound => Format::Xls,
        _ => {
            let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok();
            let has = |name: &str| zip.as_ref().is_some_and(|z| z.index_for_name(name).is_some());
            if has("content.xml") {
                Format::Ods
            } else if has("xl/workbook.bin") {
                Format::Xlsb
            } else {
                Format::Xlsx
            }
        }
    }
}

/// Reads the bytes after the pre-passes that must come first (a `uniqueCount` would be reserved on
/// opening, a misnumbered format silently gives dates), and once more after the pre-pass for what made
/// the read fail, when there is one.
fn read_normalised(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let format = format_of(bytes);
    let before = match format {
        Format::Xlsx => normalise::unique_count(bytes).map_err(ReadError::Unreadable)?,
        Format::Xls => normalise::xls_format_ids(bytes),
        Format::Xlsb => normalise::xlsb_short_cells(bytes),
        Format::Ods => None,
    };
    let bytes = before.as_deref().unwrap_or(bytes);
    let result = read_format(bytes, format);
    let after = match (&result, format) {
        (Err(ReadError::Unreadable(_)), Format::Xlsx) => normalise::xlsx_new_errors(bytes),
        (Err(ReadError::Unreadable(_)), Format::Ods) => normalise::ods_whitespace(bytes),
        _ => None,
    };
    match after {
        Some(repaired) => read_format(&repaired, format),
        None => result,
    }
}

fn read_format(bytes: &[u8], format: Format) -> Result<Vec<Sheet>, ReadError> {
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsx => read_xlsx_streaming(bytes),
        Format::Xlsb => read_ranges(Sheets::Xlsb(Xlsb::new(cursor).map_err(|e| classify(e.into()))?)),
        Format::Ods => read_ranges(Sheets::Ods(Ods::new(cursor).map_err(|e| classify(e.into()))?)),
        Format::Xls => read_ranges(Sheets::Xls(Xls::new(cursor).map_err(|e| classify(e.into()))?)),
    }
}

/// The bytes of text a cell brings (a shared string counted at each use).
fn text_bytes(value: &DataRef<'_>) -> usize {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        _ => 0,
    }
}

fn read_xlsx_streaming(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| classify(e.into()))?;
    let names = workbook.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(ReadError::TooLarge(Limit::Sheets(names.len())));
    }
    let mut sheets = Vec::new();
    let mut budget = Budget::default();
    for name in names.into_iter().filter(|n| !crate::contract::UNREAD_SHEETS.contains(&n.as_str())) {
        budget.start_sheet(&name);
        let mut reader = workbook.worksheet_cells_reader(&name).map_err(|e| classify(e.into()))?;
        let mut rows: BTreeMap<u32, Vec<(u32, Raw)>> = BTreeMap::new();
        // Formulas as the file stores them: a shared formula is not expanded per cell (a 1 MB formula
        // shared over 190,000 cells would be built 190,000 times); a cell of the group without a stored
        // result quotes the group's formula as written in its first cell.
        let mut shared: HashMap<usize, String> = HashMap::new();
        while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(|e| classify(e.into()))? {
            let formula = match &cell.formula {
                Some(XlsxFormulaMetadata::Normal { formula }) => Some(formula.as_str()),
                Some(XlsxFormulaMetadata::Shared { shared_index, formula, .. }) => {
                    shared.insert(*shared_index, formula.clone());
                    Some(formula.as_str())
                }
                Some(XlsxFormulaMetadata::SharedDerived { shared_index }) => {
                    shared.get(shared_index).map(String::as_str)
                }
                _ => None,
            };
            if matches!(cell.value, DataRef::Empty) && formula.is_none_or(str::is_empty) {
                continue;
            }
            let formula = formula.filter(|_| matches!(cell.value, DataRef::Empty));
            let text = text_bytes(&cell.value) + formula.map_or(0, str::len);
            budget.charge(text).map_err(ReadError::TooLarge)?;
            let raw = match (&cell.value, formula) {
                (DataRef::Empty, Some(formula)) => Raw::FormulaWithoutResult(formula.to_string()),
                (value, _) => Raw::from_data(&Data::from(value.clone())),
            };
            rows.entry(cell.pos.0).or_default().push((cell.pos.1, raw));
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn read_ranges<RS: std::io::Read + std::io::Seek>(mut workbook: Sheets<RS>) -> Result<Vec<Sheet>, ReadError> {
    let names = workbook.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(ReadError::TooLarge(Limit::Sheets(names.len())));
    }
    let mut sheets = Vec::new();
    let mut budget = Budget::default();
    for name in names.into_iter().filter(|n| !crate::contract::UNREAD_SHEETS.contains(&n.as_str())) {
        budget.start_sheet(&name);
        let range = workbook.worksheet_range(&name).map_err(classify)?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let mut rows: BTreeMap<u32, Vec<(u32, Raw)>> = BTreeMap::new();
        for (r, c, data) in range.used_cells() {
            let raw = Raw::from_data(data);
            if raw.is_empty() {
                continue;
            }
            budget.charge(raw.text_len()).map_err(ReadError::TooLarge)?;
            rows.entry(first_row + r as u32).or_default().push((first_col + c as u32, raw));
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// Reads a workbook's sheets in a child process: `program args… PATH` must print the JSON of
/// `Result<Vec<Sheet>, ReadError>` (the `plan` binary does, with its hidden `__read-sheets` command). The
/// child's memory is capped where the system allows it; its death or silence is this file's error.
pub fn read_isolated(path: &Path, program: &Path, args: &[&str]) -> Result<Vec<Sheet>, ReadError> {
    let mut command = Command::new(program);
    command.args(args).arg(path).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
    limit_memory(&mut command);
    let mut child = command.spawn().map_err(|e| ReadError::Crashed(Crash::NotStarted(e.to_string())))?;
    // Windows: capped by a job, killed when the job is dropped (on the timeout or any return). Should the
    // system refuse the job, the child still holds its own heap to the same ceiling.
    #[cfg(windows)]
    let _job = super::job::Job::cap(&child, CHILD_MEMORY_BYTES).ok();
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // At most [`MAX_ANSWER_BYTES`] are kept; the rest is drained, so that the child is not blocked.
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        (&mut stdout).take(MAX_ANSWER_BYTES + 1).read_to_string(&mut text)?;
        std::io::copy(&mut stdout, &mut std::io::sink())?;
        Ok::<_, std::io::Error>(text)
    });
    let deadline = Instant::now() + CHILD_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ReadError::Crashed(Crash::Timeout));
            }
            Err(e) => return Err(ReadError::Crashed(Crash::NotStarted(e.to_string()))),
        }
    };
    let text = reader.join().ok().and_then(Result::ok).unwrap_or_default();
    if !status.success() {
        return Err(ReadError::Crashed(Crash::Stopped(status.to_string())));
    }
    if text.len() as u64 > MAX_ANSWER_BYTES {
        return Err(ReadError::TooLarge(Limit::Text));
    }
    serde_json::from_str::<Result<Vec<Sheet>, ReadError>>(&text)
        .map_err(|e| ReadError::Crashed(Crash::BadAnswer(e.to_string())))?
}

#[cfg(unix)]
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe and touches only the child between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: CHILD_MEMORY_BYTES as _, rlim_max: CHILD_MEMORY_BYTES as _ };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command) {
    // Windows: the cap is a job object the child is put in once started (`super::job`).
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_child_reader_that_dies_or_talks_nonsense_is_this_files_error() {
        let file = Path::new("bao-cao.xls");
        let killed = read_isolated(file, Path::new("sh"), &["-c", "kill -9 $$", "sh"]).unwrap_err();
        assert!(matches!(killed, ReadError::Crashed(Crash::Stopped(_))), "{killed:?}");
        let nonsense = read_isolated(file, Path::new("sh"), &["-c", "echo garbage", "sh"]).unwrap_err();
        assert!(matches!(nonsense, ReadError::Crashed(Crash::BadAnswer(_))), "{nonsense:?}");
        let answer = r#"{"Ok":[{"name":"S","rows":{"0":[[1,{"Number":5.0}]]}}]}"#;
        let sheets =
            read_isolated(file, Path::new("sh"), &["-c", &format!("printf '%s' '{answer}'"), "sh"]).unwrap();
        assert_eq!(sheets[0].rows[&0], vec![(1, Raw::Number(5.0))]);
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_opened() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..40 {
            zip.write_all(&block).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 100 << 10, "{} bytes", bytes.len());
        let error = sheets_from_bytes(&bytes).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge(Limit::Decompressed(_))), "{error:?}");
    }

    #[test]
    fn a_reader_panic_found_by_fuzzing_is_this_files_error() {
        // cargo fuzz found a cell reference that overflows calamine's column arithmetic (a panic with
        // overflow checks on). The panic never leaves the reader.
        let bytes = include_bytes!("../../tests/fixtures/fuzz/calamine-cell-reference-overflow.xlsx");
        match sheets_from_bytes(bytes) {
            Err(ReadError::Crashed(Crash::Panic(why))) => assert!(why.contains("overflow"), "{why}"),
            Err(other) => panic!("unexpected {other:?}"),
            Ok(_) => {} // without overflow checks the arithmetic wraps and the file reads
        }
    }

    #[test]
    fn a_unique_count_found_by_fuzzing_is_not_reserved() {
        // cargo fuzz (target read) mutated a workbook into uniqueCount="4294967295": calamine reserved 103 GB
        // and aborted the whole run. The count is renamed away before calamine opens the file: it reads.
        let bytes = include_bytes!("../../tests/fixtures/fuzz/calamine-unique-count-103-gb.xlsx");
        let sheets = sheets_from_bytes(bytes).unwrap();
        assert!(
            sheets.iter().any(|s| s.name == "Báo cáo"),
            "{:?}",
            sheets.iter().map(|s| &s.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_container_is_told_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("BAO CAO.XLSX");
        std::fs::write(&text, "Mã;Số liệu").unwrap();
        assert_eq!(read_sheets(&text).unwrap_err(), ReadError::NotSpreadsheet);
        assert_eq!(read_sheets(dir.path()).unwrap_err(), ReadError::IsFolder);
        assert_eq!(read_sheets(&dir.path().join("none.xlsx")).unwrap_err(), ReadError::NotFound);
    }
}
