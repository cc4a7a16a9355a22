//! The cells where an annotated copy differs from the template filled with the clerk's entries: what the
//! original holds there.

use super::super::annotations::Original;
use super::super::book::Book;
use super::super::layout::{PROBLEMS_SHEET, RESULTS_SHEET};
use crate::formula::Key;
use crate::submission::Raw;
use rust_xlsxwriter::ColNum;
use std::collections::{BTreeMap, BTreeSet};

/// What a cell of the copy holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A value (empty: a blank cell).
    Value(Raw),
    /// A formula, and the result the original stored for it.
    Formula(String, Raw),
}

/// A cell of the copy that the original decides: its content, and what to fix there.
#[derive(Debug, Clone, PartialEq)]
pub struct Patch {
    /// The cell.
    pub key: Key,
    /// The original's content.
    pub content: Content,
    /// Notes on a problem cell.
    pub notes: Option<Vec<String>>,
}

/// The cells where the copy must differ from the template filled by key, so that it holds what the original
/// holds at every cell of the original's sheets: its values, its formulas (a template formula stays where
/// the original has the same one), blanks where the original has nothing, and every cell with notes.
/// An earlier copy's list of problems is not copied. On a `derived` sheet (one the template computes wholly
/// from the others: part II of the form) a template formula stays whatever the original holds at its cell: the original's formula there is the
/// same one, spelled otherwise by another program (`[$'Báo cáo'.E20]`), or one the reader cannot read back
/// (an .xls reference to another sheet), leaving only its stored result.
pub fn patches(
    template: &Book,
    formulas: &BTreeMap<Key, String>,
    original: &Original,
    notes: &BTreeMap<Key, Vec<String>>,
) -> Vec<Patch> {
    let (skip_sheet, derived) = (PROBLEMS_SHEET, [RESULTS_SHEET]);
    let mut keys: BTreeSet<Key> = notes.keys().cloned().collect();
    for sheet in original.sheets.iter().filter(|s| s.name != skip_sheet) {
        for (row, cols) in &sheet.rows {
            for (col, _) in cols {
                if let Ok(col) = ColNum::try_from(*col) {
                    keys.insert((sheet.name.clone(), *row, col));
                }
            }
        }
        keys.extend(template.keys_of(&sheet.name));
        let ours = formulas.keys().filter(|k| k.0 == sheet.name);
        keys.extend(ours.cloned());
    }
    keys.extend(original.formulas.keys().filter(|k| k.0 != skip_sheet).cloned());
    let of_original = Book::of(&original.sheets);
    let mut out = Vec::new();
    for key in keys {
        let found = of_original.get(&key).cloned().unwrap_or(Raw::Empty);
        let notes = notes.get(&key).cloned();
        if derived.contains(&key.0.as_str()) && formulas.contains_key(&key) && notes.is_none() {
            continue;
        }
        let content = match (original.formulas.get(&key), formulas.get(&key)) {
            // A formula typed in an input cell without a result is the problem noted there: kept as its
            // text ("=1/0"), which reads back as the same problem.
            (Some(_), _) if notes.is_some() && matches!(found, Raw::FormulaWithoutResult(_)) => {
                Content::Value(found)
            }
            (Some(theirs), Some(ours)) if theirs == ours && notes.is_none() => continue,
            (Some(theirs), _) => Content::Formula(theirs.clone(), found),
            // The original holds a value, or nothing, where the template has a formula.
            (None, Some(_)) => Content::Value(found),
            (None, None) if notes.is_none() && template.get(&key).unwrap_or(&Raw::Empty) == &found => {
                continue;
            }
            (None, None) => Content::Value(found),
        };
        out.push(Patch { key, content, notes });
    }
    out
}
