//! Scanning one sheet for the stamp, the header fields, value tables and unit grids.

use super::{Field, Position, Raw, RawField, RawValue, RawWorkbook};
use crate::catalogue::Catalogue;
use crate::contract;
use crate::text::fold;
use calamine::{Data, Range};
use std::collections::HashSet;

/// Every code a workbook may hold: data elements and report items.
pub fn known_codes(catalogue: &Catalogue) -> HashSet<String> {
    catalogue
        .elements
        .iter()
        .map(|e| e.code.clone())
        .chain(catalogue.report_items.iter().map(|r| r.code.clone()))
        .collect()
}

/// A label compared loosely: folded, without a trailing colon.
fn label_key(text: &str) -> String {
    fold(text.trim().trim_end_matches(':').trim())
}

fn text_of(data: &Data) -> Option<&str> {
    match data {
        Data::String(s) => Some(s.trim()),
        _ => None,
    }
}

/// An administrative code in a grid row: digits, typed as text or as a number.
fn unit_code(data: &Data) -> Option<String> {
    let code = match data {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && *f >= 0.0 => format!("{}", *f as u64),
        _ => return None,
    };
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

enum Block {
    None,
    Table { code_col: u32, value_col: u32 },
    Grid { unit_col: u32, columns: Vec<(u32, String)> },
}

/// Reads one sheet into `out`.
pub fn scan_sheet(name: &str, range: &Range<Data>, codes: &HashSet<String>, out: &mut RawWorkbook) {
    let Some((first_row, first_col)) = range.start() else { return };
    let at = |row: u32, col: u32| Position { sheet: name.to_string(), row, col };
    let code_header = label_key(contract::HEADER_CODE);
    let value_header = label_key(contract::HEADER_VALUE);
    let unit_header = label_key(contract::HEADER_UNIT_CODE);
    let field_keys: Vec<(Field, String)> = Field::ALL.iter().map(|(f, l)| (*f, label_key(l))).collect();
    let is_stamp = name == contract::STAMP_SHEET;
    let mut block = Block::None;
    let mut found_with_colon: Vec<Field> = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let row = first_row + i as u32;
        let col_of = |j: usize| first_col + j as u32;
        if is_stamp {
            let mut texts = cells.iter().filter(|c| !matches!(c, Data::Empty));
            if let (Some(key), Some(value)) = (texts.next(), texts.next()) {
                out.stamp.insert(Raw::from_data(key).display(), Raw::from_data(value).display());
            }
            continue;
        }
        let keys: Vec<Option<String>> = cells.iter().map(|c| text_of(c).map(label_key)).collect();
        let find = |wanted: &str| keys.iter().position(|k| k.as_deref() == Some(wanted));
        if let (Some(code), Some(value)) = (find(&code_header), find(&value_header)) {
            block = Block::Table { code_col: col_of(code), value_col: col_of(value) };
            continue;
        }
        if let Some(unit) = find(&unit_header) {
            let columns = cells
                .iter()
                .enumerate()
                .filter_map(|(j, c)| {
                    text_of(c).filter(|t| codes.contains(*t)).map(|t| (col_of(j), t.to_string()))
                })
                .collect();
            block = Block::Grid { unit_col: col_of(unit), columns };
            continue;
        }
        for (j, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            let Some((field, _)) = field_keys.iter().find(|(_, k)| k == key) else { continue };
            // The contract's labels end with a colon: such a label wins over a heading with the same words.
            let with_colon = text_of(&cells[j]).is_some_and(|t| t.ends_with(':'));
            if let Some(index) = out.fields.iter().position(|f| f.field == *field) {
                if !with_colon || found_with_colon.contains(field) {
                    continue;
                }
                out.fields.remove(index);
            }
            if with_colon {
                found_with_colon.push(*field);
            }
            let found = cells.iter().enumerate().skip(j + 1).find(|(_, c)| !matches!(c, Data::Empty));
            let (col, raw) = match found {
                Some((k, data)) => (col_of(k), Raw::from_data(data)),
                None => (col_of(j + 1), Raw::Empty),
            };
            out.fields.push(RawField { field: *field, raw, at: at(row, col) });
        }
        let cell = |col: u32| cells.get((col - first_col) as usize).unwrap_or(&Data::Empty);
        match &block {
            Block::None => {}
            Block::Table { code_col, value_col } => {
                if let Some(code) = text_of(cell(*code_col)).filter(|t| codes.contains(*t)) {
                    out.values.push(RawValue {
                        code: code.to_string(),
                        unit: None,
                        raw: Raw::from_data(cell(*value_col)),
                        at: at(row, *value_col),
                    });
                }
            }
            Block::Grid { unit_col, columns } => {
                if let Some(unit) = unit_code(cell(*unit_col)) {
                    for (col, code) in columns {
                        out.values.push(RawValue {
                            code: code.clone(),
                            unit: Some(unit.clone()),
                            raw: Raw::from_data(cell(*col)),
                            at: at(row, *col),
                        });
                    }
                }
            }
        }
    }
}
