//! Opening a workbook's file safely: only a regular file is read, and at most [`MAX_FILE_BYTES`] + 1 bytes
//! of it (a FIFO, a device or a link to `/dev/zero` is that file's error).

use super::error::{Limit, ReadError};
use super::limits::MAX_FILE_BYTES;
use std::io::Read;
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_file(dir.path()).unwrap_err(), ReadError::IsFolder);
        assert_eq!(read_file(&dir.path().join("none.xlsx")).unwrap_err(), ReadError::NotFound);
        let file = dir.path().join("BAO CAO.XLSX");
        std::fs::write(&file, "Mã;Số liệu").unwrap();
        assert_eq!(read_file(&file).unwrap(), "Mã;Số liệu".as_bytes());
    }
}
