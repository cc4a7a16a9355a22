//! Laying an annotated copy's cells over the workbook: each with the format the template gave the cell
//! (an input stays unlocked, with its number format), or else the format of what it is (a label, an input,
//! a result); problem cells red on top, with their notes.

use super::super::styles::{Styles, highlighted};
use super::patch::{Content, Patch};
use crate::formula::Key;
use crate::submission::Raw;
use rust_xlsxwriter::{Format, FormatAlign, Formula, Note, Workbook, XlsxError};
use std::collections::{BTreeSet, HashMap};

/// What a cell of a copy is, for its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A label, a value, a result in a table.
    Cell,
    /// A text alone at the end of its row (a title, a heading): not wrapped, it runs over the empty cells.
    Line,
    /// A cell the clerk fills.
    Input,
    /// A formula's result.
    Result,
}

/// The format of a cell of a copy by its content and role.
pub fn format_of(styles: &Styles, raw: &Raw, role: Role) -> Format {
    let line = styles.note.clone().unset_italic().set_font_size(12);
    let base = match role {
        Role::Input => &styles.input_text,
        Role::Line => &line,
        _ => &styles.cell,
    };
    match (raw, role) {
        (Raw::Date(_), _) => base.clone().set_num_format("dd/mm/yyyy"),
        // As typed: a year is 2024, not 2,024.
        (Raw::Number(_), Role::Input) => styles.input_text.clone().set_align(FormatAlign::Right),
        (_, Role::Result) => styles.result.clone().set_num_format("#,##0.00"),
        _ => base.clone(),
    }
}

/// Writes the patches over the workbook; `formats` holds the format the template gave each cell it wrote
/// (none for an original laid out otherwise).
pub fn apply(
    workbook: &mut Workbook,
    patches: &[Patch],
    results: &HashMap<Key, String>,
    (inputs, lines): (&BTreeSet<Key>, &BTreeSet<Key>),
    formats: &HashMap<Key, Format>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for patch in patches {
        let (name, row, col) = &patch.key;
        let Ok(sheet) = workbook.worksheet_from_name(name) else { continue };
        let role = match (inputs.contains(&patch.key), lines.contains(&patch.key)) {
            (true, _) => Role::Input,
            (false, true) => Role::Line,
            (false, false) => Role::Cell,
        };
        // The template's own format where it wrote the cell; a problem is red on top of it.
        let style = |raw: &Raw, role: Role| {
            let format = formats.get(&patch.key).cloned().unwrap_or_else(|| format_of(styles, raw, role));
            if patch.notes.is_some() { highlighted(&format) } else { format }
        };
        match &patch.content {
            Content::Value(raw) => {
                let format = style(raw, role);
                match raw {
                    Raw::Number(n) | Raw::Date(n) => {
                        sheet.write_number_with_format(*row, *col, *n, &format)?
                    }
                    Raw::Bool(b) => sheet.write_boolean_with_format(*row, *col, *b, &format)?,
                    Raw::Empty => sheet.write_blank(*row, *col, &format)?,
                    raw => sheet.write_string_with_format(*row, *col, raw.display(), &format)?,
                };
            }
            Content::Formula(text, stored) => {
                let format = style(stored, if role == Role::Cell { Role::Result } else { role });
                let result = results.get(&patch.key).cloned().unwrap_or_default();
                sheet.set_formula_result_default("");
                sheet.write_formula_with_format(
                    *row,
                    *col,
                    Formula::new(text).set_result(result),
                    &format,
                )?;
            }
        }
        if let Some(notes) = &patch.notes {
            let note = Note::new(notes.join("\n\n")).add_author_prefix(false).set_width(420).set_height(160);
            sheet.insert_note(*row, *col, &note)?;
        }
    }
    Ok(())
}
