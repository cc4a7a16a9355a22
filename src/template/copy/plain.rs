//! The annotated copy of an original laid out otherwise than the template (rows moved, a sheet renamed):
//! the original's sheets cell by cell, sized from their text, then the template's other sheets.

use super::super::annotations::{Annotations, Original};
use super::super::book::{Book, Cells};
use super::super::layout::{CODE_COL, PROBLEMS_SHEET, widths_of};
use super::super::page::print_setup;
use super::super::sheet::Record;
use super::super::styles::{SIZE, Styles};
use super::apply::{Role, apply, format_of};
use super::patch::{Content, Patch};
use crate::formula::Key;
use crate::submission::formula::parse;
use crate::submission::{Raw, Sheet};
use rust_xlsxwriter::{ColNum, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Writes the original's sheets in place of the template's own, when they are laid out otherwise.
pub type Plain<'a> = &'a dyn Fn(&mut Workbook) -> Result<(), XlsxError>;

/// Writes the whole workbook: the template's sheets, or the original's sheets ([`Plain`]) and the
/// template's other sheets; returns it with the record of what the template's writers wrote.
pub type Write<'a> = &'a dyn Fn(Option<Plain>) -> Result<(Workbook, Record), XlsxError>;

/// The copy of an original laid out otherwise than the template: its sheets cell by cell, formulas with
/// the results they give on its cells, then the template's other sheets.
pub fn copy(
    annotations: &Annotations,
    original: &Original,
    styles: &Styles,
    write: Write,
) -> Result<Vec<u8>, XlsxError> {
    let style = |raw: &Raw, role: Role| format_of(styles, raw, role);
    let mut cells = Cells { book: Book::of(&original.sheets), ..Cells::default() };
    let book = &cells.book;
    let mut patches = Vec::new();
    let mut keys: BTreeSet<Key> = annotations.notes.keys().cloned().collect();
    keys.extend(original.formulas.keys().cloned());
    for sheet in &original.sheets {
        for (row, cols) in &sheet.rows {
            keys.extend(
                cols.iter().filter_map(|(c, _)| Some((sheet.name.clone(), *row, ColNum::try_from(*c).ok()?))),
            );
        }
    }
    let names: BTreeSet<&str> = original.sheets.iter().map(|s| s.name.as_str()).collect();
    let mut formulas = BTreeMap::new();
    for key in keys.into_iter().filter(|k| k.0 != PROBLEMS_SHEET && names.contains(k.0.as_str())) {
        let found = book.get(&key).cloned().unwrap_or(Raw::Empty);
        let notes = annotations.notes.get(&key).cloned();
        let content = match original.formulas.get(&key) {
            Some(_) if notes.is_some() && matches!(found, Raw::FormulaWithoutResult(_)) => {
                Content::Value(found)
            }
            Some(text) => {
                formulas.insert(key.clone(), parse(text));
                Content::Formula(text.clone(), found)
            }
            None => Content::Value(found),
        };
        patches.push(Patch { key, content, notes });
    }
    cells.formulas = formulas;
    let results = cells.results();
    let book = &cells.book;
    let sheets: Vec<&Sheet> = original.sheets.iter().filter(|s| s.name != PROBLEMS_SHEET).collect();
    // Texts with nothing to their right run over the empty cells, as titles do.
    let lines: BTreeSet<Key> = patches
        .iter()
        .filter(|p| {
            let text = match &p.content {
                Content::Value(raw) => matches!(raw, Raw::Text(_)),
                Content::Formula(..) => true,
            };
            let (name, row, col) = &p.key;
            let right = (name.clone(), *row, col + 1);
            let left = (0..*col).filter(|c| book.get(&(name.clone(), *row, *c)).is_some()).count();
            text && *col <= 3
                && left <= 1
                && book.get(&right).is_none()
                && !original.formulas.contains_key(&right)
        })
        .map(|p| p.key.clone())
        .collect();
    let lay = |workbook: &mut Workbook| -> Result<(), XlsxError> {
        for sheet in &sheets {
            let added = workbook.add_worksheet();
            added.set_name(&sheet.name)?;
            if sheet.name == crate::contract::STAMP_SHEET {
                added.set_hidden(true);
            }
            let known = widths_of(&sheet.name).filter(|_| codes_where_the_template_has_them(sheet));
            set_widths(added, sheet, known, &lines, &original.formulas)?;
            let wide =
                sheet.rows.values().filter_map(|cols| cols.last()).map(|(c, _)| *c).max().unwrap_or(0) > 7;
            print_setup(added, wide, 1, None)?;
        }
        // A text with nothing to its right spans the empty cells up to the next one, wrapped.
        for (name, row, col) in &lines {
            let Some(of) = sheets.iter().find(|s| &s.name == name) else { continue };
            let last = of.rows.values().filter_map(|cols| cols.last()).map(|(c, _)| *c).max().unwrap_or(0);
            let cols = of.rows.get(row).map(|c| c.as_slice()).unwrap_or(&[]);
            let next = cols.iter().map(|(c, _)| *c).find(|c| *c > *col as u32).map_or(last, |c| c - 1);
            let end = ColNum::try_from(next.max(*col as u32)).unwrap_or(*col);
            let sheet = workbook.worksheet_from_name(name)?;
            if end > *col {
                sheet.merge_range(*row, *col, *row, end, "", &style(&Raw::Empty, Role::Line))?;
            }
            let text = cols.iter().find(|(c, _)| *c == *col as u32).map(|(_, raw)| raw.display());
            let of_template = codes_where_the_template_has_them(of);
            let known = widths_of(name).filter(|_| of_template).unwrap_or_default();
            let width: f64 = (*col..=end).map(|c| known.get(c as usize).copied().unwrap_or(15.0)).sum();
            let lines = SIZE.lines(&text.unwrap_or_default(), width);
            if lines > 1 {
                sheet.set_row_height(*row, SIZE.height(lines))?;
            }
        }
        // Laid out otherwise than the template: no format of the template's fits its cells.
        apply(workbook, &patches, &results, (&annotations.inputs, &lines), &HashMap::new(), styles)
    };
    crate::zip_bytes::save(&mut write(Some(&lay))?.0)
}

/// Whether a sheet's value table, if it has one, keeps its codes where today's template does: a form of an
/// older template (`STT | Mã | Nội dung …`) gets widths from its text, not today's.
fn codes_where_the_template_has_them(sheet: &Sheet) -> bool {
    let header = |raw: &Raw| matches!(raw, Raw::Text(t) if t.trim() == crate::contract::HEADER_CODE);
    sheet.rows.values().flatten().filter(|(_, raw)| header(raw)).all(|(col, _)| *col == CODE_COL as u32)
}

/// Column widths: the template's for a sheet it has, otherwise from the text in each column (a text
/// alone at the end of its row runs over and does not count); row heights from the lines wrapped text
/// needs.
fn set_widths(
    sheet: &mut Worksheet,
    of: &Sheet,
    known: Option<Vec<f64>>,
    lines: &BTreeSet<Key>,
    formulas: &HashMap<Key, String>,
) -> Result<(), XlsxError> {
    let mut widths: BTreeMap<u32, f64> = BTreeMap::new();
    for cols in of.rows.values() {
        for (i, (col, raw)) in cols.iter().enumerate() {
            let chars = raw.display().lines().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
            if *col > 3 || i + 1 < cols.len() || !matches!(raw, Raw::Text(_)) {
                let width = widths.entry(*col).or_insert(6.0);
                *width = width.max((chars * 0.9 + 2.0).min(40.0));
            }
        }
    }
    if let Some(known) = known {
        let last = known.last().copied().unwrap_or(15.0);
        for (col, width) in widths.iter_mut() {
            *width = known.get(*col as usize).copied().unwrap_or(last);
        }
    }
    for (col, width) in &widths {
        if let Ok(col) = ColNum::try_from(*col) {
            sheet.set_column_width(col, *width)?;
        }
    }
    for (row, cols) in &of.rows {
        let wrapped = cols.iter().filter(|(col, raw)| {
            let key = ColNum::try_from(*col).map(|c| (of.name.clone(), *row, c));
            key.is_ok_and(|k| !lines.contains(&k) && !formulas.contains_key(&k))
                && !matches!(raw, Raw::FormulaWithoutResult(_))
        });
        let lines = wrapped
            .filter_map(|(col, raw)| Some(SIZE.lines(&raw.display(), *widths.get(col)?)))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            sheet.set_row_height(*row, SIZE.height(lines))?;
        }
    }
    Ok(())
}
