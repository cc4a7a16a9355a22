//! The bounds a read keeps to, whatever the file: its size, its archive's declared size, its sheets and
//! cells and bytes of text, and the memory, time and answer of a child reader. [`super::Limit`] names the
//! one a file went over.

use std::time::Duration;

/// Largest file read (reports are a few hundred kilobytes at most).
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Most bytes a workbook's archive may declare once decompressed. A template's parts come to about 100 KB
/// and a national units grid (the cell cap, 200,000 cells) to about 15 MB; a zip bomb declares hundreds of
/// megabytes or more. An archive that declares less than it holds is stopped by the zip reader itself
/// ("larger than its declared uncompressed size").
pub const MAX_UNCOMPRESSED_BYTES: u128 = 32 << 20;
/// Most sheets read from one workbook.
pub const MAX_SHEETS: usize = 64;
/// Most cells read from one sheet; templates hold a few hundred.
pub const MAX_CELLS_PER_SHEET: usize = 200_000;
/// Most cells kept from a whole workbook (a template has one or two data sheets).
pub const MAX_CELLS_PER_WORKBOOK: usize = 2 * MAX_CELLS_PER_SHEET;
/// Most bytes of text (cell texts, formulas, counted each time they are used) kept from a workbook: as much
/// as the largest archive read ([`MAX_UNCOMPRESSED_BYTES`]) can hold written out.
pub const MAX_TEXT_BYTES: usize = 32 << 20;
/// Memory allowed to a child reader: its address space on Unix, the memory it commits on Windows (a job
/// object).
pub const CHILD_MEMORY_BYTES: u64 = 2 << 30;
/// Most bytes of a child reader's answer: the JSON of the most a read may build ([`MAX_TEXT_BYTES`] of
/// text, escaped, and [`MAX_CELLS_PER_WORKBOOK`] cells).
pub const MAX_ANSWER_BYTES: u64 = 8 * MAX_TEXT_BYTES as u64;
/// Time allowed to a child reader.
pub const CHILD_TIMEOUT: Duration = Duration::from_secs(120);
