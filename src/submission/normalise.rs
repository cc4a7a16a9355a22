//! Pre-passes that rewrite what real writers put in valid files, and calamine misreads, into what it reads
//! right — in our code rather than in a fork of calamine, because each is a few lines over bytes we already
//! hold, and the fixtures of `tests/hostile.rs` show the day calamine no longer needs them. Each returns
//! `None` when it has nothing to change (the usual case: the file is read as it is).
//!
//! - [`unique_count`]: `uniqueCount` of `sharedStrings.xml` larger than the part could hold (calamine
//!   reserves that many strings up front: `"4294967295"` asks for 103 GB) is renamed away.
//! - [`xlsx_new_errors`]: Excel 365's error values (`#SPILL!`, `#CALC!`, `#FIELD!`, `#BUSY!`…), which
//!   calamine refuses with the whole sheet, become the same text in a text cell, read as an error value.
//! - [`ods_whitespace`]: whitespace between the cells and rows of an OpenDocument sheet (Gnumeric, SheetJS),
//!   which calamine refuses, is removed.
//! - [`xls_format_ids`]: custom number formats numbered where built-in date formats are (Gnumeric numbers
//!   its own 50, 51…), which calamine takes for dates, are renumbered into the custom range.
//! - [`xlsb_short_cells`]: the short cell records of .xlsb (SheetJS writes them for a cell right of the
//!   previous one: no column), which calamine skips, are written out as full cell records.

use std::io::{Cursor, Read, Write};

/// Error values calamine's .xlsx reader knows; any other in a `t="e"` cell fails the sheet.
const CALAMINE_XLSX_ERRORS: [&str; 7] = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"];

/// Where the first start tag whose local name is `local` (any namespace prefix, as calamine matches it)
/// begins and ends (its `>`), in an XML text.
fn start_tag(xml: &str, local: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(open) = xml[from..].find('<').map(|i| from + i) {
        if xml[open..].starts_with("<!--") {
            from = xml[open..].find("-->").map_or(xml.len(), |i| open + i + 3);
            continue;
        }
        let name_end = xml[open + 1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(xml.len(), |i| open + 1 + i);
        let name = &xml[open + 1..name_end];
        if name.rsplit(':').next() == Some(local) {
            return xml[open..].find('>').map(|i| (open, open + i));
        }
        from = open + 1;
    }
    None
}

/// The value of `attribute="…"` in the first `<tag …>` (any prefix) of an XML text, and where the
/// attribute's name begins.
fn first_attribute<'a>(xml: &'a str, tag: &str, attribute: &str) -> Option<(usize, &'a str)> {
    let (start, end) = start_tag(xml, tag)?;
    let head = &xml[start..end];
    let name = format!("{attribute}=");
    let at = head
        .match_indices(&name)
        .map(|(i, _)| i)
        .find(|&i| head[..i].ends_with(|c: char| c.is_ascii_whitespace()))?;
    let quote_at = at + name.len();
    let quote = head[quote_at..].chars().next()?;
    let value_len = head[quote_at + 1..].find(quote)?;
    Some((start + at, &head[quote_at + 1..quote_at + 1 + value_len]))
}

/// A part's text up to the end of its first `<local …>` start tag (the whole part when there is none),
/// read in pieces: calamine reserves `uniqueCount` as soon as it meets that tag.
fn head_to_tag(part: impl Read, local: &str) -> Option<String> {
    let mut head = Vec::new();
    let mut part = part;
    let mut piece = [0u8; 4096];
    loop {
        let n = part.read(&mut piece).ok()?;
        head.extend_from_slice(&piece[..n]);
        let text = String::from_utf8_lossy(&head);
        if n == 0 || start_tag(&text, local).is_some() {
            return Some(text.into_owned());
        }
    }
}

/// The shared-strings parts whose `uniqueCount` is not a count the part could hold (each string takes at
/// least `<si></si>`, 9 bytes), with that `uniqueCount` renamed away. `Err` when such a part cannot be
/// rewritten (calamine would still reserve it): the file is then refused.
pub fn unique_count(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(None) };
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .map(|n| n.into_owned())
        .collect();
    let mut implausible = Vec::new();
    for name in names {
        let Ok(part) = zip.by_name(&name) else { continue };
        let size = part.size();
        let Some(head) = head_to_tag(part, "sst") else { continue };
        if let Some((_, value)) = first_attribute(&head, "sst", "uniqueCount")
            && !value.trim().parse::<u64>().is_ok_and(|n| n <= size / 9)
        {
            implausible.push(name);
        }
    }
    if implausible.is_empty() {
        return Ok(None);
    }
    let wanted = |name: &str| implausible.iter().any(|n| n == name);
    crate::zip_bytes::rewrite(bytes, wanted, |_, content| {
        let text = String::from_utf8_lossy(content);
        let (at, _) = first_attribute(&text, "sst", "uniqueCount")?;
        // Same length, so nothing else moves: calamine ignores an attribute it does not know.
        let mut out = text.into_owned();
        out.replace_range(at..at + "uniqueCount".len(), "uniqueCounX");
        Some(out.into_bytes())
    })
    .map(Some)
    .ok_or_else(|| format!("sharedStrings.xml: uniqueCount {} không đọc được", implausible.join(", ")))
}

/// Cells of type `t="e"` holding an error value calamine does not know, retyped as text (`t="str"`).
pub fn xlsx_new_errors(bytes: &[u8]) -> Option<Vec<u8>> {
    let sheet = |name: &str| name.starts_with("xl/worksheets/") && name.ends_with(".xml");
    crate::zip_bytes::rewrite(bytes, sheet, |_, content| {
        let text = std::str::from_utf8(content).ok()?;
        retype_errors(text).map(String::into_bytes)
    })
}

fn retype_errors(xml: &str) -> Option<String> {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut changed = false;
    while let Some(start) = rest.find("<c ") {
        let Some(tag_len) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + tag_len];
        let cell_end = rest[start..].find("</c>").map_or(rest.len(), |e| start + e);
        let body = &rest[start + tag_len..cell_end];
        let value =
            body.find("<v>").and_then(|v| body[v + 3..].find("</v>").map(|e| &body[v + 3..v + 3 + e]));
        let typed_error = tag.find(" t=\"e\"").or_else(|| tag.find(" t='e'"));
        match (typed_error, value) {
            (Some(at), Some(value)) if !CALAMINE_XLSX_ERRORS.contains(&value.trim()) => {
                out.push_str(&rest[..start + at]);
                out.push_str(" t=\"str\"");
                out.push_str(&rest[start + at + 6..start + tag_len]);
                changed = true;
            }
            _ => out.push_str(&rest[..start + tag_len]),
        }
        rest = &rest[start + tag_len..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Whitespace between the elements of an OpenDocument table (before `<table:…>`, `</table:…>` and a
/// paragraph `<text:p>`) removed; text inside paragraphs is kept as it is.
pub fn ods_whitespace(bytes: &[u8]) -> Option<Vec<u8>> {
    crate::zip_bytes::rewrite(
        bytes,
        |name| name == "content.xml",
        |_, content| strip_table_whitespace(content),
    )
}

fn strip_table_whitespace(xml: &[u8]) -> Option<Vec<u8>> {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let droppable = |next: &[u8]| {
        next.starts_with(b"<table:")
            || next.starts_with(b"</table:")
            || (next.starts_with(b"<text:p") && matches!(next.get(7), Some(b' ' | b'>' | b'/')))
    };
    let mut out = Vec::with_capacity(xml.len());
    let mut changed = false;
    let mut i = 0;
    while i < xml.len() {
        let b = xml[i];
        out.push(b);
        i += 1;
        if b == b'>' {
            let run = xml[i..].iter().take_while(|b| is_space(**b)).count();
            if run > 0 && droppable(&xml[i + run..]) {
                i += run;
                changed = true;
            }
        }
    }
    changed.then_some(out)
}

/// The short cell records of an .xlsb's sheets (BrtShortBlank … BrtShortIsst: the cell one column right of
/// the previous one in its row) rewritten as the full records (BrtCellBlank … BrtCellIsst) with the column.
pub fn xlsb_short_cells(bytes: &[u8]) -> Option<Vec<u8>> {
    let sheet = |name: &str| name.starts_with("xl/worksheets/") && name.ends_with(".bin");
    crate::zip_bytes::rewrite(bytes, sheet, |_, content| full_cells(content))
}

/// A record's type or length, as .xlsb writes them (7 bits a byte, low first): the value and its size.
fn varint(bytes: &[u8], at: usize, most: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for i in 0..most {
        let byte = *bytes.get(at + i)?;
        value |= u32::from(byte & 0x7F) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    Some((value, most))
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn full_cells(sheet: &[u8]) -> Option<Vec<u8>> {
    const ROW_HEADER: u32 = 0x0000;
    const FULL_CELLS: std::ops::RangeInclusive<u32> = 0x0001..=0x000B;
    const SHORT_CELLS: std::ops::RangeInclusive<u32> = 0x000C..=0x0012;
    let mut out = Vec::with_capacity(sheet.len() + sheet.len() / 4);
    let mut at = 0;
    let mut next_col: u32 = 0;
    let mut changed = false;
    while at < sheet.len() {
        let (kind, kind_len) = varint(sheet, at, 2)?;
        let (len, len_len) = varint(sheet, at + kind_len, 4)?;
        let data_at = at + kind_len + len_len;
        let data = sheet.get(data_at..data_at + len as usize)?;
        if SHORT_CELLS.contains(&kind) {
            push_varint(&mut out, kind - 0x000B);
            push_varint(&mut out, len + 4);
            out.extend(next_col.to_le_bytes());
            out.extend(data);
            next_col += 1;
            changed = true;
        } else {
            if kind == ROW_HEADER {
                next_col = 0;
            } else if FULL_CELLS.contains(&kind) && data.len() >= 4 {
                next_col = u32::from_le_bytes([data[0], data[1], data[2], data[3]]).saturating_add(1);
            }
            out.extend(&sheet[at..data_at + len as usize]);
        }
        at = data_at + len as usize;
    }
    changed.then_some(out)
}

/// Custom number formats (FORMAT records) of an .xls numbered in calamine's built-in date range
/// (14–22, 27–36, 45, 47, 50–58), and the cell styles (XF records) that use them, renumbered to free ids
/// of the custom range (382 down), so that calamine judges them by their format text.
pub fn xls_format_ids(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let stream = ["Workbook", "Book"].into_iter().find(|s| file.is_stream(s))?;
    let mut workbook = Vec::new();
    file.open_stream(stream).ok()?.read_to_end(&mut workbook).ok()?;
    if !renumber_formats(&mut workbook) {
        return None;
    }
    // Written in place (same length) in a copy of the file.
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes.to_vec())).ok()?;
    let mut out = file.open_stream(stream).ok()?;
    out.write_all(&workbook).ok()?;
    out.flush().ok()?;
    drop(out);
    Some(file.into_inner().into_inner())
}

/// Whether calamine takes a format id for a built-in date when the file defines it (it reads FORMAT records
/// only for the ids it expects a file to define).
fn misread_id(id: u16) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45 | 47 | 50..=58)
}

/// Renumbers, in the workbook globals (up to the first EOF record), the FORMAT records with a misread id
/// and the XF records that use them. Records keep their lengths.
fn renumber_formats(stream: &mut [u8]) -> bool {
    const FORMAT: u16 = 0x041E;
    const XF: u16 = 0x00E0;
    const EOF: u16 = 0x000A;
    let records = |stream: &[u8]| {
        let mut found = Vec::new();
        let mut at = 0;
        while at + 4 <= stream.len() {
            let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
            let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
            if at + 4 + len > stream.len() {
                break;
            }
            found.push((kind, at + 4, len));
            if kind == EOF {
                break;
            }
            at += 4 + len;
        }
        found
    };
    let list = records(stream);
    let id_at = |stream: &[u8], at: usize| u16::from_le_bytes([stream[at], stream[at + 1]]);
    let defined: Vec<u16> = list
        .iter()
        .filter(|(kind, _, len)| *kind == FORMAT && *len >= 2)
        .map(|(_, data, _)| id_at(stream, *data))
        .collect();
    let mut free = (164..=382u16).rev().filter(|id| !defined.contains(id));
    let mut renumbered: Vec<(u16, u16)> = Vec::new();
    for &(kind, data, len) in &list {
        if kind == FORMAT && len >= 2 {
            let id = id_at(stream, data);
            if misread_id(id) {
                let Some(new) = free.next() else { break };
                renumbered.push((id, new));
                stream[data..data + 2].copy_from_slice(&new.to_le_bytes());
            }
        }
    }
    for &(kind, data, len) in &list {
        if kind == XF && len >= 4 {
            let id = id_at(stream, data + 2);
            if let Some((_, new)) = renumbered.iter().find(|(old, _)| *old == id) {
                stream[data + 2..data + 4].copy_from_slice(&new.to_le_bytes());
            }
        }
    }
    !renumbered.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_error_values_are_retyped_as_text_and_known_ones_kept() {
        let xml = r#"<row><c r="A1" t="e"><f>A2#</f><v>#SPILL!</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" s="2" t="e"><v>#CALC!</v></c></row>"#;
        let out = retype_errors(xml).unwrap();
        assert_eq!(
            out,
            r#"<row><c r="A1" t="str"><f>A2#</f><v>#SPILL!</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" s="2" t="str"><v>#CALC!</v></c></row>"#
        );
        assert_eq!(retype_errors(r#"<c r="B1" t="e"><v>#N/A</v></c>"#), None);
    }

    #[test]
    fn whitespace_between_cells_goes_and_text_in_paragraphs_stays() {
        let xml = b"<table:table-row>\n  <table:table-cell office:value-type=\"string\">\n <text:p> a  b </text:p>\n </table:table-cell>\n</table:table-row>";
        let out = strip_table_whitespace(xml).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p> a  b </text:p></table:table-cell></table:table-row>"
        );
    }

    #[test]
    fn format_ids_in_the_date_range_are_renumbered_with_their_styles() {
        let record = |kind: u16, data: &[u8]| {
            let mut r = kind.to_le_bytes().to_vec();
            r.extend((data.len() as u16).to_le_bytes());
            r.extend(data);
            r
        };
        let mut stream = [
            record(0x041E, &[50, 0, 1, 0, 0, b'0']),
            record(0x041E, &[164, 0, 1, 0, 0, b'0']),
            record(0x00E0, &[0, 0, 50, 0]),
            record(0x00E0, &[0, 0, 14, 0]),
            record(0x000A, &[]),
            record(0x041E, &[51, 0]),
        ]
        .concat();
        assert!(renumber_formats(&mut stream));
        assert_eq!(&stream[4..6], &382u16.to_le_bytes(), "FORMAT 50 → 382");
        assert_eq!(&stream[14..16], &[164, 0], "a custom id stays");
        assert_eq!(&stream[26..28], &382u16.to_le_bytes(), "its style follows");
        assert_eq!(&stream[34..36], &[14, 0], "a built-in date the file does not define stays a date");
        assert_eq!(&stream[stream.len() - 2..], &[51, 0], "past the globals nothing changes");
    }

    #[test]
    fn short_cell_records_get_the_column_after_the_previous_cell() {
        // BrtRowHdr, BrtCellSt at column 3 ("a"), BrtShortSt ("b"), BrtShortRk (2).
        let sheet = [
            vec![0x00, 0x04, 1, 0, 0, 0],
            vec![0x06, 14, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, b'a', 0],
            vec![0x11, 10, 0, 0, 0, 0, 1, 0, 0, 0, b'b', 0],
            vec![0x0D, 8, 0, 0, 0, 0, 0x0A, 0, 0, 0],
        ]
        .concat();
        let out = full_cells(&sheet).unwrap();
        let expected = [
            vec![0x00, 0x04, 1, 0, 0, 0],
            vec![0x06, 14, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, b'a', 0],
            vec![0x06, 14, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, b'b', 0],
            vec![0x02, 12, 5, 0, 0, 0, 0, 0, 0, 0, 0x0A, 0, 0, 0],
        ]
        .concat();
        assert_eq!(out, expected);
    }

    #[test]
    fn the_attribute_is_found_in_the_first_tag_whatever_its_prefix() {
        let prefixed = r#"<?xml version="1.0"?><!-- <sst uniqueCount="1"> --><x:sst uniqueCount="5">"#;
        assert_eq!(first_attribute(prefixed, "sst", "uniqueCount").map(|(_, v)| v), Some("5"));
        assert_eq!(first_attribute("<sstx uniqueCount=\"5\">", "sst", "uniqueCount"), None);
        let xml = "<?xml version=\"1.0\"?><sst xmlns=\"x\" count=\"3\"\n uniqueCount='1e11'><si>";
        let (at, value) = first_attribute(xml, "sst", "uniqueCount").unwrap();
        assert_eq!(value, "1e11");
        assert!(xml[at..].starts_with("uniqueCount="));
    }
}
