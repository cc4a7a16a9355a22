//! Scanning one sheet for the stamp, the header fields, value tables and unit grids (see
//! [`crate::contract`]). Codes are recognised by their shape (lower-case ASCII, digits and underscores), so
//! reading needs no catalogue and a code the catalogue does not know is still reported.

use super::raw::{Field, Position, Raw, RawField, RawValue, RawWorkbook, Sheet};
use crate::contract;
use crate::text::fold;

/// Whether a cell's text has the shape of a data-element code (`tre_duoi_5`).
pub fn is_code(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A label compared loosely: folded, without a trailing colon.
fn label_key(text: &str) -> String {
    fold(text.trim().trim_end_matches(':').trim())
}

fn text_of(raw: &Raw) -> Option<&str> {
    match raw {
        Raw::Text(s) => Some(s.trim()),
        _ => None,
    }
}

/// An administrative code in a grid row: digits, typed as text or as a number.
fn unit_code(raw: &Raw) -> Option<String> {
    let code = match raw {
        Raw::Text(s) => s.trim().to_string(),
        Raw::Number(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1e15 => format!("{}", *f as u64),
        _ => return None,
    };
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

enum Block {
    None,
    Table { code_col: u32, value_col: u32, note_col: Option<u32> },
    Grid { unit_col: u32, columns: Vec<(u32, String)> },
}

const EMPTY: Raw = Raw::Empty;

/// The longest label or header text worth comparing, in bytes (with room for the clerk's extra spaces).
const LABEL_MAX_BYTES: usize = 48;

/// Reads one sheet into `out`.
pub fn scan_sheet(sheet: &Sheet, out: &mut RawWorkbook) {
    let at = |row: u32, col: u32| Position { sheet: sheet.name.clone(), row, col };
    let code_header = label_key(contract::HEADER_CODE);
    let value_header = label_key(contract::HEADER_VALUE);
    let note_header = label_key(contract::HEADER_NOTE);
    let unit_header = label_key(contract::HEADER_UNIT_CODE);
    let field_keys: Vec<(Field, String)> = Field::ALL.iter().map(|(f, l)| (*f, label_key(l))).collect();
    if sheet.name == contract::STAMP_SHEET {
        for cells in sheet.rows.values() {
            if let [(_, key), (_, value), ..] = cells.as_slice() {
                out.stamp.insert(key.display(), value.display());
            }
        }
        return;
    }
    let mut block = Block::None;
    let mut found_with_colon: Vec<Field> = Vec::new();
    for (&row, cells) in &sheet.rows {
        let cell = |col: u32| cells.iter().find(|(c, _)| *c == col).map_or(&EMPTY, |(_, raw)| raw);
        // Labels and headers are short: longer texts (element labels, headings) are not folded at all.
        let keys: Vec<(u32, String)> = cells
            .iter()
            .filter_map(|(col, raw)| {
                text_of(raw).filter(|t| t.len() <= LABEL_MAX_BYTES).map(|t| (*col, label_key(t)))
            })
            .collect();
        let find = |wanted: &str| keys.iter().find(|(_, k)| k == wanted).map(|(col, _)| *col);
        if let (Some(code_col), Some(value_col)) = (find(&code_header), find(&value_header)) {
            block = Block::Table { code_col, value_col, note_col: find(&note_header) };
            continue;
        }
        if let Some(unit_col) = find(&unit_header) {
            let columns = cells
                .iter()
                .filter_map(|(col, raw)| text_of(raw).filter(|t| is_code(t)).map(|t| (*col, t.to_string())))
                .collect();
            block = Block::Grid { unit_col, columns };
            continue;
        }
        for (col, key) in &keys {
            let Some((field, _)) = field_keys.iter().find(|(_, k)| k == key) else { continue };
            // The contract's labels end with a colon: such a label wins over a heading with the same words.
            let with_colon = text_of(cell(*col)).is_some_and(|t| t.ends_with(':'));
            if let Some(index) = out.fields.iter().position(|f| f.field == *field) {
                if !with_colon || found_with_colon.contains(field) {
                    continue;
                }
                out.fields.remove(index);
            }
            if with_colon {
                found_with_colon.push(*field);
            }
            let (value_col, raw) = match cells.iter().find(|(c, raw)| c > col && !raw.is_empty()) {
                Some((c, raw)) => (*c, raw.clone()),
                None => (col + 1, Raw::Empty),
            };
            out.fields.push(RawField { field: *field, raw, at: at(row, value_col) });
        }
        match &block {
            Block::None => {}
            Block::Table { code_col, value_col, note_col } => {
                if let Some(code) = text_of(cell(*code_col)).filter(|t| is_code(t)) {
                    // A note is text: a number or an error value (#SPILL!) in the column explains nothing.
                    let note = note_col
                        .and_then(|col| text_of(cell(col)))
                        .filter(|text| !text.is_empty())
                        .map(str::to_string);
                    out.values.push(RawValue {
                        code: code.to_string(),
                        unit: None,
                        unit_at: None,
                        raw: cell(*value_col).clone(),
                        at: at(row, *value_col),
                        note,
                    });
                }
            }
            Block::Grid { unit_col, columns } => {
                if let Some(unit) = unit_code(cell(*unit_col)) {
                    for (col, code) in columns {
                        out.values.push(RawValue {
                            code: code.clone(),
                            unit: Some(unit.clone()),
                            unit_at: Some(at(row, *unit_col)),
                            raw: cell(*col).clone(),
                            at: at(row, *col),
                            note: None,
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn sheet(name: &str, cells: &[(u32, u32, Raw)]) -> Sheet {
        let mut rows: BTreeMap<u32, Vec<(u32, Raw)>> = BTreeMap::new();
        for (r, c, raw) in cells {
            rows.entry(*r).or_default().push((*c, raw.clone()));
        }
        Sheet { name: name.into(), rows }
    }

    fn text(s: &str) -> Raw {
        Raw::Text(s.into())
    }

    #[test]
    fn finds_values_by_code_and_fields_by_label() {
        let data = sheet(
            "Báo cáo",
            &[
                (0, 0, text("ĐƠN VỊ BÁO CÁO")),
                (0, 3, text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
                (3, 1, text("Đơn vị báo cáo:")),
                (3, 2, text("Xã Lộc Yên (18520)")),
                (4, 1, text("nam bao cao")),
                (4, 2, Raw::Number(2024.0)),
                (6, 1, text("STT")),
                (6, 2, text("Mã")),
                (6, 5, text("Số liệu")),
                (6, 6, text("Ghi chú")),
                (7, 0, text("Chỉ tiêu 3. Giảm tỷ suất…")),
                (8, 2, text("tre_de_song")),
                (8, 5, Raw::Number(107.0)),
                (8, 6, text(" Năm nay có trạm y tế mới ")),
                (9, 2, text("tu_vong_so_sinh")),
                (9, 6, Raw::Error("#SPILL!".into())),
                (10, 2, text("3.1")),
                (10, 5, Raw::Number(18.7)),
            ],
        );
        let mut out = RawWorkbook::default();
        scan_sheet(&data, &mut out);
        assert_eq!(out.field(Field::Unit).unwrap().raw, text("Xã Lộc Yên (18520)"));
        assert_eq!(out.field(Field::Year).unwrap().raw, Raw::Number(2024.0));
        let values: Vec<(&str, &Raw, String)> =
            out.values.iter().map(|v| (v.code.as_str(), &v.raw, v.at.to_string())).collect();
        assert_eq!(
            values,
            [
                ("tre_de_song", &Raw::Number(107.0), "Báo cáo!F9".into()),
                ("tu_vong_so_sinh", &Raw::Empty, "Báo cáo!F10".into())
            ]
        );
        let notes: Vec<Option<&str>> = out.values.iter().map(|v| v.note.as_deref()).collect();
        assert_eq!(notes, [Some("Năm nay có trạm y tế mới"), None]);
    }

    #[test]
    fn reads_grids_by_unit_code() {
        let data = sheet(
            "Số liệu",
            &[
                (5, 1, text("Mã ĐVHC")),
                (5, 3, text("tre_em")),
                (5, 4, text("3.1")),
                (6, 1, text("18520")),
                (6, 3, Raw::Number(900.0)),
                (7, 1, Raw::Number(18523.0)),
                (8, 0, text("Cộng")),
                (8, 3, Raw::Number(900.0)),
            ],
        );
        let mut out = RawWorkbook::default();
        scan_sheet(&data, &mut out);
        let got: Vec<(Option<&str>, &str, &Raw)> =
            out.values.iter().map(|v| (v.unit.as_deref(), v.code.as_str(), &v.raw)).collect();
        assert_eq!(
            got,
            [(Some("18520"), "tre_em", &Raw::Number(900.0)), (Some("18523"), "tre_em", &Raw::Empty)]
        );
    }

    #[test]
    fn code_shapes() {
        assert!(is_code("tre_duoi_5") && is_code("a1"));
        assert!(!is_code("3.1") && !is_code("Mã") && !is_code("tre em") && !is_code(""));
    }
}
