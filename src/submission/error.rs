//! Why a workbook could not be read: the file's error, told to people in Vietnamese or English.

use super::limits::{
    CHILD_TIMEOUT, MAX_CELLS_PER_SHEET, MAX_CELLS_PER_WORKBOOK, MAX_FILE_BYTES, MAX_SHEETS, MAX_TEXT_BYTES,
    MAX_UNCOMPRESSED_BYTES,
};
use crate::lang::Bilingual;
use crate::text::quote;
use serde::{Deserialize, Serialize};

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

impl Bilingual for Crash {
    /// What happened, in Vietnamese (technical details kept as they are).
    fn vi(&self) -> String {
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
    fn en(&self) -> String {
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
    /// More cells in the workbook than [`MAX_CELLS_PER_WORKBOOK`].
    WorkbookCells,
    /// More bytes of text than [`MAX_TEXT_BYTES`] (a shared string counted each time used).
    Text,
}

impl Bilingual for Limit {
    /// What went over, in Vietnamese.
    fn vi(&self) -> String {
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
    fn en(&self) -> String {
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
