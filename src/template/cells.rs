//! The cells of a workbook as written, so that every formula stores the result it gives on them, and an
//! annotated copy holds every cell of the original at its place.
//!
//! A workbook is written twice. The first pass records each formula ([`Formulas`]); its bytes are read
//! back ([`Book`]), the original's cells that differ are laid over them ([`patches`]), and each formula
//! is evaluated on the result ([`super::formula`]). The second pass writes the same workbook with those
//! results stored and the original's cells in place.

use super::formula::{self, Value};
use crate::submission::{Raw, Sheet, sheets_from_bytes};
use rust_xlsxwriter::{ColNum, Format, Formula, Note, RowNum, Workbook, Worksheet, XlsxError};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A cell: sheet name, 0-based row and column.
pub type Key = (String, RowNum, ColNum);

/// The formulas a pass writes, and the results it stores.
#[derive(Debug, Default)]
pub struct Formulas {
    written: RefCell<Vec<(Key, String)>>,
    results: HashMap<Key, String>,
}

impl Formulas {
    /// Writes `formula` with the result found for its cell (empty text in the first pass) and records it.
    pub fn write(
        &self,
        sheet: &mut Worksheet,
        row: RowNum,
        col: ColNum,
        formula: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let key = (sheet.name(), row, col);
        let result = self.results.get(&key).cloned().unwrap_or_default();
        // An empty result is the empty text a formula gives, not the writer's default of 0.
        sheet.set_formula_result_default("");
        sheet.write_formula_with_format(row, col, Formula::new(formula).set_result(result), format)?;
        self.written.borrow_mut().push((key, formula.to_string()));
        Ok(())
    }

    /// The formulas written, by cell.
    fn take(self) -> BTreeMap<Key, String> {
        self.written.into_inner().into_iter().collect()
    }
}

/// Every non-empty cell of a workbook as read back, by sheet.
#[derive(Debug, Default)]
pub struct Book {
    sheets: HashMap<String, BTreeMap<(RowNum, ColNum), Raw>>,
}

impl Book {
    /// The cells of `sheets`.
    pub fn of(sheets: &[Sheet]) -> Book {
        let mut book = Book::default();
        for sheet in sheets {
            let cells = book.sheets.entry(sheet.name.clone()).or_default();
            for (row, cols) in &sheet.rows {
                for (col, raw) in cols {
                    if let Ok(col) = ColNum::try_from(*col) {
                        cells.insert((*row, col), raw.clone());
                    }
                }
            }
        }
        book
    }

    fn get(&self, key: &Key) -> Option<&Raw> {
        self.sheets.get(&key.0)?.get(&(key.1, key.2))
    }

    fn set(&mut self, key: &Key, raw: &Raw) {
        let cells = self.sheets.entry(key.0.clone()).or_default();
        match raw {
            Raw::Empty => cells.remove(&(key.1, key.2)),
            raw => cells.insert((key.1, key.2), raw.clone()),
        };
    }
}

/// What an annotated copy keeps of the original file.
#[derive(Debug, Default, Clone)]
pub struct Original {
    /// Every sheet as read.
    pub sheets: Vec<Sheet>,
    /// The cells that hold a formula, with its text (`=…`, spreadsheet syntax).
    pub formulas: HashMap<Key, String>,
}

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
/// On a `derived` sheet (one the template computes wholly from the others, such as part II of the form)
/// a template formula stays whatever the original holds at its cell: the original's formula there is the
/// same one, spelled otherwise by another program (`[$'Báo cáo'.E20]`), or one the reader cannot read back
/// (an .xls reference to another sheet), leaving only its stored result.
pub fn patches(
    template: &Book,
    formulas: &BTreeMap<Key, String>,
    original: &Original,
    notes: &BTreeMap<Key, Vec<String>>,
    skip_sheet: &str,
    derived: &[&str],
) -> Vec<Patch> {
    let mut keys: BTreeSet<Key> = notes.keys().cloned().collect();
    for sheet in original.sheets.iter().filter(|s| s.name != skip_sheet) {
        for (row, cols) in &sheet.rows {
            for (col, _) in cols {
                if let Ok(col) = ColNum::try_from(*col) {
                    keys.insert((sheet.name.clone(), *row, col));
                }
            }
        }
        if let Some(cells) = template.sheets.get(&sheet.name) {
            keys.extend(cells.keys().map(|(row, col)| (sheet.name.clone(), *row, *col)));
        }
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

/// A formula as calamine reads it, in the syntax of an .xlsx: `=` first; OpenDocument's `of:=IF([.E20];…)`
/// (`[$'Báo cáo'.E20]` on another sheet) and the legacy reader's `User(_xlfn.IFERROR,…)` rewritten.
fn normalized(formula: &str) -> String {
    let Some(odf) = formula.strip_prefix("of:=") else {
        let text = formula.strip_prefix('=').unwrap_or(formula).replace("User(_xlfn.IFERROR,", "IFERROR(");
        return format!("={text}");
    };
    let mut out = String::from("=");
    let mut in_text = false;
    let mut chars = odf.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_text = !in_text;
                out.push(c);
            }
            ';' if !in_text => out.push(','),
            '[' if !in_text => {
                if chars.peek() == Some(&'$') {
                    chars.next();
                }
                match chars.peek() {
                    Some('.') => {
                        chars.next();
                    }
                    // Another sheet: 'Báo cáo'.E20 becomes 'Báo cáo'!E20.
                    Some('\'') => {
                        out.push(chars.next().unwrap_or('\''));
                        while let Some(c) = chars.next() {
                            out.push(c);
                            if c == '\'' {
                                if chars.peek() == Some(&'\'') {
                                    out.push(chars.next().unwrap_or('\''));
                                    continue;
                                }
                                break;
                            }
                        }
                        if chars.next_if_eq(&'.').is_some() {
                            out.push('!');
                        }
                    }
                    _ => {
                        let mut name = String::new();
                        while let Some(c) = chars.next_if(|c| c.is_alphanumeric() || *c == '_') {
                            name.push(c);
                        }
                        if chars.next_if_eq(&'.').is_some() && !name.is_empty() {
                            out.push_str(&name);
                            out.push('!');
                        } else {
                            // A reference on the own sheet with no dot: the letters are the cell's.
                            out.push_str(&name);
                        }
                    }
                }
            }
            ']' if !in_text => {}
            '.' if !in_text && out.ends_with(':') => {}
            c => out.push(c),
        }
    }
    out
}

fn value(raw: &Raw) -> Value {
    match raw {
        Raw::Empty => Value::Empty,
        Raw::Number(n) | Raw::Date(n) => Value::Number(*n),
        Raw::Text(t) => Value::Text(t.clone()),
        Raw::Bool(b) => Value::Bool(*b),
        Raw::Error(e) => Value::Error(match e.as_str() {
            "#DIV/0!" => "#DIV/0!",
            "#N/A" => "#N/A",
            "#NAME?" => "#NAME?",
            "#NUM!" => "#NUM!",
            "#REF!" => "#REF!",
            "#NULL!" => "#NULL!",
            _ => "#VALUE!",
        }),
        // Written as its text ("=1/0") in the copy.
        Raw::FormulaWithoutResult(_) => Value::Text(raw.display()),
    }
}

/// The result of every formula on the cells of `book`: what the second pass stores. A formula of a shape
/// the evaluator does not know keeps the result the original stored (`fallback`), or stores empty text.
fn results(
    book: &Book,
    formulas: &BTreeMap<Key, String>,
    fallback: &HashMap<Key, Raw>,
) -> HashMap<Key, String> {
    fn eval(book: &Book, formulas: &BTreeMap<Key, String>, key: &Key, depth: u8) -> Option<Value> {
        let formula = formulas.get(key)?;
        let cell = |sheet: Option<&str>, row: RowNum, col: ColNum| {
            let at = (sheet.unwrap_or(&key.0).to_string(), row, col);
            match formulas.contains_key(&at) && depth < 8 {
                true => eval(book, formulas, &at, depth + 1).unwrap_or(Value::Error("#VALUE!")),
                false => book.get(&at).map_or(Value::Empty, value),
            }
        };
        formula::evaluate(formula, &cell)
    }
    let stored = |key: &Key| fallback.get(key).map(|raw| value(raw).cached());
    formulas
        .keys()
        .filter_map(|key| {
            Some((key.clone(), eval(book, formulas, key, 0).map(|v| v.cached()).or(stored(key))?))
        })
        .collect()
}

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
    /// A cell with a problem.
    Problem,
}

/// The format of a cell of a copy by its content and role.
pub type Style<'a> = &'a dyn Fn(&Raw, Role) -> Format;

/// An annotated copy to lay over a template: the original, the notes by cell, the input cells.
#[derive(Clone, Copy)]
pub struct Copy<'a> {
    /// The original's cells.
    pub original: &'a Original,
    /// What to fix, by cell.
    pub notes: &'a BTreeMap<Key, Vec<String>>,
    /// The cells the clerk filled (values and header fields).
    pub inputs: &'a BTreeSet<Key>,
    /// A sheet of the original not to copy (an earlier list of problems).
    pub skip: &'a str,
    /// Sheets the template computes wholly from the others: their formulas are the template's.
    pub derived: &'a [&'a str],
    /// The template's column widths of a sheet, by its name.
    pub widths: &'a dyn Fn(&str) -> Option<Vec<f64>>,
}

/// Writes the sheets of the original in place of the template's own, when they are laid out otherwise.
pub type Plain<'a> = &'a dyn Fn(&mut Workbook) -> Result<(), XlsxError>;

/// Writes the whole workbook: the template's sheets with these formulas' results, or the original's
/// sheets ([`Plain`]) and the template's other sheets.
pub type Write<'a> = &'a dyn Fn(&Formulas, Option<Plain>) -> Result<Workbook, XlsxError>;

/// Writes a workbook with `write` twice: the second time with every formula's result. With a copy, the
/// original's cells are laid over the template when the original is laid out as the template (its cells
/// differ only in the clerk's inputs and the problem cells), and otherwise the original's sheets are
/// written as they are, cell by cell, in place of the template's (`write` gets them as [`Plain`]).
pub fn two_passes(copy: Option<Copy>, write: Write, style: Style) -> Result<Vec<u8>, XlsxError> {
    let first = Formulas::default();
    let bytes = write(&first, None)?.save_to_buffer()?;
    let sheets = sheets_from_bytes(&bytes)
        .map_err(|e| XlsxError::ParameterError(format!("reading back the workbook written: {e}")))?;
    let mut book = Book::of(&sheets);
    let mut formulas = first.take();
    let Some(copy) = copy else {
        let second = Formulas { results: results(&book, &formulas, &HashMap::new()), ..Formulas::default() };
        return crate::zip_bytes::save(&mut write(&second, None)?);
    };
    let patches = patches(&book, &formulas, copy.original, copy.notes, copy.skip, copy.derived);
    // The hidden stamp may differ (another catalogue version): the original's is kept either way.
    let fits = patches.iter().filter(|p| p.key.0 != crate::contract::STAMP_SHEET).all(|p| {
        p.notes.is_some() || (copy.inputs.contains(&p.key) && matches!(p.content, Content::Value(_)))
    });
    if !fits {
        return plain_copy(copy, write, style);
    }
    let mut fallback = HashMap::new();
    for patch in &patches {
        match &patch.content {
            Content::Value(raw) => {
                book.set(&patch.key, raw);
                formulas.remove(&patch.key);
            }
            Content::Formula(text, stored) => {
                formulas.insert(patch.key.clone(), text.clone());
                fallback.insert(patch.key.clone(), stored.clone());
            }
        }
    }
    let results = results(&book, &formulas, &fallback);
    let second = Formulas { results: results.clone(), ..Formulas::default() };
    let mut workbook = write(&second, None)?;
    apply(&mut workbook, &patches, &results, copy.inputs, &BTreeSet::new(), style)?;
    crate::zip_bytes::save(&mut workbook)
}

/// The copy of an original laid out otherwise than the template: its sheets cell by cell, formulas with
/// the results they give on its cells, then the template's other sheets.
fn plain_copy(copy: Copy, write: Write, style: Style) -> Result<Vec<u8>, XlsxError> {
    let original = copy.original;
    let book = Book::of(&original.sheets);
    let mut patches = Vec::new();
    let mut keys: BTreeSet<Key> = copy.notes.keys().cloned().collect();
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
    let mut fallback = HashMap::new();
    for key in keys.into_iter().filter(|k| k.0 != copy.skip && names.contains(k.0.as_str())) {
        let found = book.get(&key).cloned().unwrap_or(Raw::Empty);
        let notes = copy.notes.get(&key).cloned();
        let content = match original.formulas.get(&key) {
            Some(_) if notes.is_some() && matches!(found, Raw::FormulaWithoutResult(_)) => {
                Content::Value(found)
            }
            Some(text) => {
                formulas.insert(key.clone(), text.clone());
                fallback.insert(key.clone(), found.clone());
                Content::Formula(text.clone(), found)
            }
            None => Content::Value(found),
        };
        patches.push(Patch { key, content, notes });
    }
    let results = results(&book, &formulas, &fallback);
    let sheets: Vec<&Sheet> = original.sheets.iter().filter(|s| s.name != copy.skip).collect();
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
            set_widths(added, sheet, (copy.widths)(&sheet.name), &lines, &original.formulas)?;
            let wide =
                sheet.rows.values().filter_map(|cols| cols.last()).map(|(c, _)| *c).max().unwrap_or(0) > 7;
            super::common::print_setup(added, wide, 1, None)?;
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
            let known = (copy.widths)(name).unwrap_or_default();
            let width: f64 = (*col..=end).map(|c| known.get(c as usize).copied().unwrap_or(15.0)).sum();
            let lines = super::styles::lines_needed(&text.unwrap_or_default(), width);
            if lines > 1 {
                sheet.set_row_height(*row, super::styles::height_for(lines))?;
            }
        }
        apply(workbook, &patches, &results, copy.inputs, &lines, style)
    };
    crate::zip_bytes::save(&mut write(&Formulas::default(), Some(&lay))?)
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
            .filter_map(|(col, raw)| Some(super::styles::lines_needed(&raw.display(), *widths.get(col)?)))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            sheet.set_row_height(*row, super::styles::height_for(lines))?;
        }
    }
    Ok(())
}

/// Writes the patches over the workbook.
fn apply(
    workbook: &mut Workbook,
    patches: &[Patch],
    results: &HashMap<Key, String>,
    inputs: &BTreeSet<Key>,
    lines: &BTreeSet<Key>,
    style: Style,
) -> Result<(), XlsxError> {
    for patch in patches {
        let (name, row, col) = &patch.key;
        let Ok(sheet) = workbook.worksheet_from_name(name) else { continue };
        let role = match (&patch.notes, inputs.contains(&patch.key), lines.contains(&patch.key)) {
            (Some(_), _, _) => Role::Problem,
            (None, true, _) => Role::Input,
            (None, false, true) => Role::Line,
            (None, false, false) => Role::Cell,
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

/// Whether a formula refers to another sheet (`'Báo cáo'!E20`): a `!` outside quoted text.
fn refers_to_another_sheet(formula: &str) -> bool {
    let mut in_text = false;
    formula.chars().any(|c| {
        if c == '"' {
            in_text = !in_text;
        }
        c == '!' && !in_text
    })
}

/// The cells of a workbook's bytes that hold a formula, with its text (none when the formulas cannot be
/// read). calamine 0.38 misreads an .xls formula's reference to another sheet (its column comes out four
/// times too far, with `$` signs of its own): such a formula is left out, and its cell keeps the result
/// the file stored, as a value.
pub fn formula_cells(bytes: &[u8]) -> HashMap<Key, String> {
    use calamine::Reader;
    let read = || -> Option<HashMap<Key, String>> {
        let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).ok()?;
        let legacy = matches!(workbook, calamine::Sheets::Xls(_));
        let mut out = HashMap::new();
        for name in workbook.sheet_names() {
            let Ok(range) = workbook.worksheet_formula(&name) else { continue };
            let (row0, col0) = range.start().unwrap_or_default();
            for (row, col, formula) in range.used_cells() {
                if let Ok(col) = ColNum::try_from(col0 as usize + col)
                    && !formula.is_empty()
                    && !(legacy && refers_to_another_sheet(formula))
                {
                    out.insert((name.clone(), row0 + row as RowNum, col), normalized(formula));
                }
            }
        }
        Some(out)
    };
    std::panic::catch_unwind(read).ok().flatten().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_read_from_other_programs_take_the_xlsx_spelling() {
        let ods = "of:=IF(COUNT([$'Báo cáo'.E20];['Báo cáo'.$E$21])<2;\"a.b\";SUM([$'It''s'.D2:.D4])+[.E20])";
        assert_eq!(
            normalized(ods),
            "=IF(COUNT('Báo cáo'!E20,'Báo cáo'!$E$21)<2,\"a.b\",SUM('It''s'!D2:D4)+E20)"
        );
        assert_eq!(normalized("of:=[$Sheet2.A1]*2"), "=Sheet2!A1*2");
        assert_eq!(normalized("User(_xlfn.IFERROR,A1,0)"), "=IFERROR(A1,0)");
        assert!(refers_to_another_sheet("Báo cáo!$Q$20"));
        assert!(!refers_to_another_sheet("IF(A1=\"\",\"Hay!\",A1)"));
    }
}
