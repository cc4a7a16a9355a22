//! Reading a filled workbook into raw values with their cell positions, by the reading contract of
//! [`crate::contract`]: the stamp, the header fields, the `Mã | Số liệu` tables and the `Mã ĐVHC` grids.
//!
//! Values are kept as the spreadsheet stored them ([`Raw`]); turning them into counts and answers, and
//! judging them, is the job of the rules.
//!
//! A read goes: opening the file safely ([`read_file`], `open.rs`), telling its format by content
//! (`sniff.rs`), reading its sheets in this process with calamine (`in_process.rs`) or in a child program
//! (`child.rs`) as the program chooses ([`Reader`], `reader.rs`), each bounded (`limits.rs`, `budget.rs`)
//! and failing with that file's [`ReadError`] (`error.rs`); then the contract's scan (`scan.rs`).

mod budget;
mod child;
mod error;
pub mod formula;
mod in_process;
#[cfg(windows)]
mod job;
mod limits;
mod normalise;
mod open;
pub mod parse;
mod raw;
mod reader;
mod scan;
mod sniff;
mod typed;

pub use child::{ChildReader, answer};
pub use error::{Crash, Limit, ReadError};
pub use in_process::{inside_reader, read_sheets, sheets_from_bytes};
pub use limits::{
    CHILD_MEMORY_BYTES, CHILD_TIMEOUT, MAX_ANSWER_BYTES, MAX_CELLS_PER_SHEET, MAX_CELLS_PER_WORKBOOK,
    MAX_FILE_BYTES, MAX_SHEETS, MAX_TEXT_BYTES, MAX_UNCOMPRESSED_BYTES,
};
pub use open::read_file;
pub use raw::{Field, Position, Raw, RawField, RawValue, RawWorkbook, Sheet};
pub use reader::{BytesAndSheets, Reader};
pub use scan::{is_code, scan_sheet};
pub use sniff::{Container, container_of, is_encrypted_compound, streams};
pub use typed::{Data, Note, ReporterId, Submission, Value, yes_no_word};

use crate::contract;

/// Reads the stamp, fields and values from sheets.
pub fn scan(sheets: &[Sheet]) -> RawWorkbook {
    let mut out =
        RawWorkbook { sheets: sheets.iter().map(|s| s.name.clone()).collect(), ..RawWorkbook::default() };
    for sheet in sheets.iter().filter(|s| !contract::UNREAD_SHEETS.contains(&s.name.as_str())) {
        scan_sheet(sheet, &mut out);
    }
    out
}

/// Reads a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods, told by content) in this process.
pub fn read_path(path: &std::path::Path) -> Result<RawWorkbook, ReadError> {
    read_sheets(path).map(|sheets| scan(&sheets))
}
