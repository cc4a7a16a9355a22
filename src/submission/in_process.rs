//! Reading a workbook's sheets in this process with calamine, panics caught.
//!
//! Office Open XML (.xlsx, .xlsm) is streamed cell by cell; every reader charges what it keeps to a
//! [`Budget`] (cells per sheet and per workbook, bytes of text counted each time a shared string or formula
//! is used), so what a read builds is bounded by design, not by the file's size. The other formats (.xls,
//! .ods, .xlsb) are read through calamine's whole-sheet ranges, which a damaged file can make panic or
//! allocate without bound before any cell reaches us: a program that must survive any file reads those in a
//! child process (`child.rs`), whose death is then that file's error. What real writers put in valid
//! files and calamine misreads is normalised first ([`super::normalise`]).

use super::budget::Budget;
use super::error::{Crash, Limit, ReadError};
use super::limits::{MAX_SHEETS, MAX_UNCOMPRESSED_BYTES};
use super::normalise;
use super::open::read_file;
use super::raw::{Raw, Sheet};
use super::sniff::{Container, Format, WORKBOOK_PARTS, container_of, format_of, is_encrypted_compound};
use calamine::{Data, DataRef, Ods, Reader, Sheets, Xls, Xlsb, Xlsx, XlsxFormulaMetadata};
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;

/// Reads every sheet's cells from a file, in-process, catching panics. Safe for Office Open XML (streamed
/// and capped); for other formats a program that must survive any file reads them in a child
/// ([`super::Reader::Child`]).
pub fn read_sheets(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    sheets_from_bytes(&read_file(path)?)
}

std::thread_local! {
    /// Whether this thread is inside the reader, where a panic is caught and becomes that file's error.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside the reader, where a panic is caught and becomes that file's error: a
/// program's panic hook may stay quiet for it (the reason is in that file's finding).
pub fn inside_reader() -> bool {
    READING.with(std::cell::Cell::get)
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

/// The sheets a read goes through: all but those the contract leaves unread, when there are not too many.
fn sheets_to_read(names: Vec<String>) -> Result<Vec<String>, ReadError> {
    if names.len() > MAX_SHEETS {
        return Err(ReadError::TooLarge(Limit::Sheets(names.len())));
    }
    Ok(names.into_iter().filter(|n| !crate::contract::UNREAD_SHEETS.contains(&n.as_str())).collect())
}

fn read_xlsx_streaming(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| classify(e.into()))?;
    let mut sheets = Vec::new();
    let mut budget = Budget::default();
    for name in sheets_to_read(workbook.sheet_names())? {
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
    let mut sheets = Vec::new();
    let mut budget = Budget::default();
    for name in sheets_to_read(workbook.sheet_names())? {
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

#[cfg(test)]
mod tests {
    use super::*;

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
