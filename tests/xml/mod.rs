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

/// The `<col …>` tag of a sheet's XML whose span holds the zero-based column `col`, e.g. to read its
/// `width` or `hidden`.
pub fn column_tag(sheet_xml: &str, col: usize) -> Option<&str> {
    sheet_xml.split("<col ").skip(1).find(|tag| {
        let bound = |name| attribute(tag, name).and_then(|n| n.parse::<usize>().ok());
        matches!((bound("min"), bound("max")), (Some(min), Some(max)) if (min..=max).contains(&(col + 1)))
    })
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

/// What a cell's style says: its number format ("General" when it has none) and whether it is locked
/// on a protected sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct CellStyle {
    /// The number format's code.
    pub number_format: String,
    /// Locked (the default), or unlocked for typing in.
    pub locked: bool,
}

/// The styles of the workbook's cell formats, by index.
fn cell_xfs(path: &Path) -> Vec<CellStyle> {
    let styles = entry(path, "xl/styles.xml");
    let start = styles.find("<cellXfs").unwrap();
    let end = styles[start..].find("</cellXfs>").map_or(styles.len(), |e| start + e);
    let format_code = |id: u32| match id {
        0 => "General".to_string(),
        3 => "#,##0".into(),
        4 => "#,##0.00".into(),
        14 => "mm-dd-yy".into(),
        _ => styles
            .split("<numFmt ")
            .skip(1)
            .find(|f| attribute(f, "numFmtId").as_deref() == Some(&id.to_string()))
            .and_then(|f| attribute(f, "formatCode"))
            .unwrap(),
    };
    styles[start..end]
        .split("<xf ")
        .skip(1)
        .map(|xf| CellStyle {
            number_format: format_code(attribute(xf, "numFmtId").unwrap().parse().unwrap()),
            locked: !xf.contains("locked=\"0\""),
        })
        .collect()
}

/// The style of every cell of a sheet that has one (or a value), by address.
pub fn cell_styles(path: &Path, sheet: &str) -> std::collections::BTreeMap<String, CellStyle> {
    let xfs = cell_xfs(path);
    let xml = sheet_xml(path, sheet);
    xml.split("<c ")
        .skip(1)
        .map(|c| {
            let tag = &c[..c.find('>').unwrap()];
            let style: usize = attribute(tag, "s").map_or(0, |s| s.parse().unwrap());
            (attribute(tag, "r").unwrap(), xfs[style].clone())
        })
        .collect()
}

/// The number format of a cell ("General" when it has none).
pub fn number_format(path: &Path, sheet: &str, cell: &str) -> String {
    let styles = cell_styles(path, sheet);
    styles.get(cell).unwrap_or_else(|| panic!("no cell {cell} in {sheet}")).number_format.clone()
}

/// A range of cells: its first and last, zero-based (row, column).
pub type Range = ((u32, u16), (u32, u16));

/// A data validation: its type (`whole`, `list`, `date`…) and the ranges it covers.
pub type Validation = (String, Vec<Range>);

/// The data validations of a sheet.
pub fn validations(path: &Path, sheet: &str) -> Vec<Validation> {
    let xml = sheet_xml(path, sheet);
    let at = |a: &str| plan::formula::cell(a).unwrap_or_else(|| panic!("{a}"));
    xml.split("<dataValidation ")
        .skip(1)
        .map(|v| {
            let tag = &v[..v.find('>').unwrap()];
            let ranges = attribute(tag, "sqref").unwrap_or_default();
            let ranges = ranges
                .split(' ')
                .map(|r| match r.split_once(':') {
                    Some((first, last)) => (at(first), at(last)),
                    None => (at(r), at(r)),
                })
                .collect();
            (attribute(tag, "type").unwrap_or_else(|| "none".into()), ranges)
        })
        .collect()
}

/// The type of the validation covering `cell` (`E20`), if any.
pub fn validation_at(validations: &[Validation], cell: &str) -> Option<String> {
    let (row, col) = plan::formula::cell(cell)?;
    let inside = |((r0, c0), (r1, c1)): &Range| (*r0..=*r1).contains(&row) && (*c0..=*c1).contains(&col);
    validations.iter().find(|(_, ranges)| ranges.iter().any(inside)).map(|(kind, _)| kind.clone())
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
