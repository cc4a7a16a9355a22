//! Workbooks with the same bytes on every platform.
//!
//! The zip crate under rust_xlsxwriter records the system that wrote each archive entry in the high byte of
//! "version made by" in the central directory: 3 (Unix) on Linux and macOS, 0 (DOS) on Windows, with no
//! option for it in rust_xlsxwriter. The same workbook would then have another SHA-256 on a clerk's Windows
//! machine than on the district's Linux one. [`save`] writes every workbook through [`set_host_unix`], so the
//! bytes depend on the inputs only; the Word draft (docx-rs, over the same zip crate) goes through
//! [`set_host_unix`] as well. The central directory is covered by no checksum, and rust_xlsxwriter's
//! entries' attributes are the same either way (Unix permissions 0600, no DOS bits), so only this byte changes.

use rust_xlsxwriter::{Workbook, XlsxError};

/// The "version made by" host of every entry written: Unix, as the zip crate writes it on Linux.
pub const HOST_UNIX: u8 = 3;

const END_OF_CENTRAL_DIRECTORY: &[u8; 4] = b"PK\x05\x06";
const ZIP64_LOCATOR: &[u8; 4] = b"PK\x06\x07";
const ZIP64_END: &[u8; 4] = b"PK\x06\x06";
const CENTRAL_HEADER: &[u8; 4] = b"PK\x01\x02";

/// Saves a workbook to bytes that are the same on every platform.
pub fn save(workbook: &mut Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut bytes = workbook.save_to_buffer()?;
    set_host_unix(&mut bytes);
    Ok(bytes)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as u64)
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// Where the central directory starts and how many entries it has (zip64 included).
fn central_directory(bytes: &[u8]) -> Option<(usize, u64)> {
    // The end record is 22 bytes and its comment, which runs to the end of the file (and may itself hold
    // the record's signature).
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = (from..bytes.len().saturating_sub(21)).rev().find(|&at| {
        &bytes[at..at + 4] == END_OF_CENTRAL_DIRECTORY
            && u16_at(bytes, at + 20) == Some(bytes.len() - at - 22)
    })?;
    let (mut entries, mut offset) = (u16_at(bytes, end + 10)? as u64, u32_at(bytes, end + 16)?);
    if (entries == 0xFFFF || offset == 0xFFFF_FFFF)
        && bytes.get(end.checked_sub(20)?..end - 16)? == ZIP64_LOCATOR
    {
        let end64 = usize::try_from(u64_at(bytes, end - 20 + 8)?).ok()?;
        if bytes.get(end64..end64 + 4)? != ZIP64_END {
            return None;
        }
        entries = u64_at(bytes, end64 + 32)?;
        offset = u64_at(bytes, end64 + 48)?;
    }
    Some((usize::try_from(offset).ok()?, entries))
}

/// A copy of a zip archive with some parts rewritten: of the parts `wanted` names, `rewrite(name, content)`
/// gives a part's new content, or `None` to copy it as it is; a rewritten part keeps its time and
/// permissions, the others are copied byte for byte. `None` when no part changed or a wanted part cannot be
/// read.
pub fn rewrite(
    bytes: &[u8],
    wanted: impl Fn(&str) -> bool,
    rewrite: impl Fn(&str, &[u8]) -> Option<Vec<u8>>,
) -> Option<Vec<u8>> {
    use std::io::{Cursor, Read, Write};
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut changed: Vec<(usize, Vec<u8>)> = Vec::new();
    for index in 0..zip.len() {
        let mut part = zip.by_index(index).ok()?;
        let name = part.name().ok()?.into_owned();
        if !wanted(&name) {
            continue;
        }
        let mut content = Vec::new();
        part.read_to_end(&mut content).ok()?;
        if let Some(new) = rewrite(&name, &content) {
            changed.push((index, new));
        }
    }
    if changed.is_empty() {
        return None;
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for index in 0..zip.len() {
        let part = zip.by_index_raw(index).ok()?;
        match changed.iter().find(|(i, _)| *i == index) {
            Some((_, content)) => {
                let mut options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated);
                if let Some(time) = part.last_modified() {
                    options = options.last_modified_time(time);
                }
                if let Some(mode) = part.unix_mode() {
                    options = options.unix_permissions(mode);
                }
                let name = part.name().ok()?.into_owned();
                drop(part);
                out.start_file(name, options).ok()?;
                out.write_all(content).ok()?;
            }
            None => out.raw_copy_file(part).ok()?,
        }
    }
    Some(out.finish().ok()?.into_inner())
}

/// The archive `bytes` with `from` replaced by `to` (once) in its entry `name`, every host Unix
/// ([`set_host_unix`]): for what rust_xlsxwriter cannot write, such as a print area of several ranges.
/// The bytes as they are when the text is not there.
pub fn replace_text(bytes: &[u8], name: &str, from: &str, to: &str) -> Vec<u8> {
    let replaced = |_: &str, content: &[u8]| {
        let text = std::str::from_utf8(content).ok()?;
        text.contains(from).then(|| text.replacen(from, to, 1).into_bytes())
    };
    match rewrite(bytes, |part| part == name, replaced) {
        Some(mut out) => {
            set_host_unix(&mut out);
            out
        }
        None => bytes.to_vec(),
    }
}

/// Sets the host of every central directory entry to Unix. Bytes that are not a well-formed zip archive
/// are left as they are; returns how many entries were set.
pub fn set_host_unix(bytes: &mut [u8]) -> usize {
    let Some((mut at, entries)) = central_directory(bytes) else { return 0 };
    let mut headers = Vec::new();
    for _ in 0..entries {
        if bytes.get(at..at + 4) != Some(CENTRAL_HEADER) {
            return 0;
        }
        let lengths = [28, 30, 32].map(|field| u16_at(bytes, at + field));
        let [Some(name), Some(extra), Some(comment)] = lengths else { return 0 };
        headers.push(at);
        at += 46 + name + extra + comment;
    }
    for &header in &headers {
        bytes[header + 5] = HOST_UNIX;
    }
    headers.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read, Write};
    use zip::write::SimpleFileOptions;

    /// An archive written as Windows writes it (host DOS), with an archive comment.
    fn dos_archive() -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().system(zip::System::Dos).unix_permissions(0o600);
        for name in ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/Báo cáo.xml"] {
            zip.start_file(name, options).unwrap();
            zip.write_all(name.repeat(50).as_bytes()).unwrap();
        }
        zip.set_comment("PK\x05\x06 in a comment").unwrap();
        zip.finish().unwrap().into_inner()
    }

    fn hosts(bytes: &[u8]) -> Vec<u8> {
        let (mut at, entries) = central_directory(bytes).unwrap();
        (0..entries)
            .map(|_| {
                let host = bytes[at + 5];
                at += 46 + [28, 30, 32].map(|f| u16_at(bytes, at + f).unwrap()).iter().sum::<usize>();
                host
            })
            .collect()
    }

    #[test]
    fn every_entry_of_a_windows_archive_becomes_unix_and_the_archive_still_reads() {
        let mut bytes = dos_archive();
        assert_eq!(hosts(&bytes), [0, 0, 0]);
        let before = bytes.clone();
        assert_eq!(set_host_unix(&mut bytes), 3);
        assert_eq!(hosts(&bytes), [HOST_UNIX; 3]);
        let changed: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] != before[i]).collect();
        assert_eq!(changed.len(), 3, "only the host bytes change");
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        let mut text = String::new();
        zip.by_name("xl/worksheets/Báo cáo.xml").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "xl/worksheets/Báo cáo.xml".repeat(50));
        assert_eq!(zip.by_index(0).unwrap().unix_mode().map(|m| m & 0o777), Some(0o600));
    }

    #[test]
    fn bytes_that_are_not_a_zip_archive_are_left_alone() {
        for mut bytes in [Vec::new(), b"PK\x05\x06".to_vec(), dos_archive()[..200].to_vec()] {
            let before = bytes.clone();
            assert_eq!(set_host_unix(&mut bytes), 0);
            assert_eq!(bytes, before);
        }
    }

    #[test]
    fn a_saved_workbook_is_unix_on_every_platform() {
        let mut workbook = Workbook::new();
        workbook.add_worksheet().write_string(0, 0, "Hương Khê").unwrap();
        let bytes = save(&mut workbook).unwrap();
        let hosts = hosts(&bytes);
        assert!(hosts.len() > 5, "{hosts:?}");
        assert!(hosts.iter().all(|&h| h == HOST_UNIX), "{hosts:?}");
    }
}
