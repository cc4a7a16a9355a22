//! Telling a workbook's format by its content, not by its name (a renamed file, an upper-case extension):
//! the container its first bytes announce, then the part inside a zip that makes it a workbook.

use std::io::Cursor;

/// The part that makes an archive a workbook: Office Open XML (.xlsx, .xlsm), binary (.xlsb), OpenDocument.
pub const WORKBOOK_PARTS: [&str; 3] = ["xl/workbook.xml", "xl/workbook.bin", "content.xml"];

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

/// The format of a workbook's bytes, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (.xlsx, .xlsm), and any zip without another workbook part.
    Xlsx,
    /// Binary workbook (.xlsb).
    Xlsb,
    /// OpenDocument (.ods).
    Ods,
    /// Excel 97–2003 (.xls).
    Xls,
}

/// Tells the format: a compound file is .xls; a zip is .ods or .xlsb by its workbook part, else .xlsx.
pub fn format_of(bytes: &[u8]) -> Format {
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

/// Whether the bytes are Office Open XML (.xlsx, .xlsm), read by streaming in-process; other spreadsheets
/// (.xls, .ods, .xlsb) are read whole.
pub fn streams(bytes: &[u8]) -> bool {
    container_of(bytes) == Container::Zip && format_of(bytes) == Format::Xlsx
}
