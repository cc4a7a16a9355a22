//! How a program reads workbooks: Office Open XML always in this process (streamed and capped); the formats
//! calamine reads whole (.xls, .ods, .xlsb) in this process too, or in a child program when the program
//! gives one, so that a damaged file that aborts the reader costs only that file.

use super::child::ChildReader;
use super::error::ReadError;
use super::in_process::sheets_from_bytes;
use super::open::read_file;
use super::raw::Sheet;
use super::sniff::{Container, container_of, is_encrypted_compound, streams};
use std::path::Path;

/// Where the formats calamine reads whole are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Reader {
    /// In this process, panics caught: what a bench, a test or a fuzz target needs. An allocation without
    /// bound or an abort in calamine ends the process.
    #[default]
    InProcess,
    /// In a child program, one a workbook, whose death is that file's error (the `plan` binary: itself).
    Child(ChildReader),
}

/// A workbook's bytes, and its sheets cell by cell or why they cannot be read.
pub type BytesAndSheets = (Vec<u8>, Result<Vec<Sheet>, ReadError>);

impl Reader {
    /// Reads one workbook's bytes and its sheets cell by cell; `Err` when the file itself cannot be read.
    pub fn read(&self, path: &Path) -> Result<BytesAndSheets, ReadError> {
        let bytes = read_file(path)?;
        let sheets = match (self, container_of(&bytes)) {
            _ if streams(&bytes) => sheets_from_bytes(&bytes),
            (_, Container::Other) => Err(ReadError::NotSpreadsheet),
            (_, Container::Compound) if is_encrypted_compound(&bytes) => Err(ReadError::Encrypted),
            (Reader::Child(child), _) => child.read(path),
            (Reader::InProcess, _) => sheets_from_bytes(&bytes),
        };
        Ok((bytes, sheets))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_what_calamine_reads_whole_goes_to_the_child() {
        // A child that always fails: any file it is given is its `Stopped` error.
        let failing = Reader::Child(ChildReader::new("false", [""; 0]));
        let dir = tempfile::tempdir().unwrap();
        let ods = dir.path().join("bao-cao.ods");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::fs::write(&ods, zip.finish().unwrap().into_inner()).unwrap();
        let (_, sheets) = failing.read(&ods).unwrap();
        assert!(matches!(sheets, Err(ReadError::Crashed(_))), "{sheets:?}");
        let text = dir.path().join("bao-cao.xls");
        std::fs::write(&text, "Mã;Số liệu").unwrap();
        assert_eq!(failing.read(&text).unwrap().1, Err(ReadError::NotSpreadsheet));
        let (_, in_process) = Reader::InProcess.read(&ods).unwrap();
        assert!(matches!(in_process, Err(ReadError::Unreadable(_))), "{in_process:?}");
    }
}
