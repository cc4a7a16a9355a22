//! Reading the XML of a workbook `plan` wrote, for what calamine does not give: print titles, number
//! formats, merged cells, page breaks, footers. rust_xlsxwriter stores the n-th sheet as
//! `xl/worksheets/sheet{n}.xml`.
#![allow(dead_code)]

use std::io::Read;
use std::path::Path;

/// The text of one part of the package.
pub fn entry(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Names of the sheets, in order.
pub fn sheet_names(path: &Path) -> Vec<String> {
    let workbook = entry(path, "xl/workbook.xml");
    workbook.split("<sheet ").skip(1).map(|s| attribute(s, "name").unwrap()).collect()
}

/// The XML of a sheet.
pub fn sheet_xml(path: &Path, sheet: &str) -> String {
    let index =
        sheet_names(path).iter().position(|n| n == sheet).unwrap_or_else(|| panic!("no sheet {sheet}"));
    entry(path, &format!("xl/worksheets/sheet{}.xml", index + 1))
}

/// The print titles (rows and columns repeated on every page) of a sheet, e.g. `'Số liệu'!$A:$B,'Số liệu'!$1:$2`.
pub fn print_titles(path: &Path, sheet: &str) -> Option<String> {
    defined_name(path, sheet, "_xlnm.Print_Titles")
}

/// The print area of a sheet, e.g. `'Báo cáo'!$A$1:$E$52`.
pub fn print_area(path: &Path, sheet: &str) -> Option<String> {
    defined_name(path, sheet, "_xlnm.Print_Area")
}

/// A name the workbook defines for one sheet.
fn defined_name(path: &Path, sheet: &str, name: &str) -> Option<String> {
    let index = sheet_names(path).iter().position(|n| n == sheet)?;
    let workbook = entry(path, "xl/workbook.xml");
    let needle = format!("name=\"{name}\" localSheetId=\"{index}\">");
    let start = workbook.find(&needle)? + needle.len();
    let end = workbook[start..].find("</definedName>")? + start;
    Some(unescape(&workbook[start..end]))
}

/// The value of `name="…"` in a tag's text.
pub fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!("{name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The number format of a cell ("General" when it has none).
pub fn number_format(path: &Path, sheet: &str, cell: &str) -> String {
    let xml = sheet_xml(path, sheet);
    let needle = format!("<c r=\"{cell}\"");
    let start = xml.find(&needle).unwrap_or_else(|| panic!("no cell {cell} in {sheet}"));
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let style: usize = attribute(tag, "s").map_or(0, |s| s.parse().unwrap());
    let styles = entry(path, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id: u32 = attribute(xf, "numFmtId").unwrap().parse().unwrap();
    match id {
        0 => "General".into(),
        3 => "#,##0".into(),
        4 => "#,##0.00".into(),
        _ => styles
            .split("<numFmt ")
            .skip(1)
            .find(|f| attribute(f, "numFmtId").as_deref() == Some(&id.to_string()))
            .and_then(|f| attribute(f, "formatCode"))
            .unwrap(),
    }
}

/// The merged ranges of a sheet, e.g. `A2:B2`.
pub fn merged(path: &Path, sheet: &str) -> Vec<String> {
    sheet_xml(path, sheet).split("<mergeCell ").skip(1).filter_map(|m| attribute(m, "ref")).collect()
}

/// The A1 reference of a zero-based cell.
pub fn cell(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}
