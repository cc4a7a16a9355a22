//! Tests over every kind of workbook `plan template` writes: its formulas evaluate in the one pass that
//! writes them, and the cells the writers record are the cells a reader reads back.

use super::book::Book;
use super::*;
use crate::formula::Key;
use crate::submission::{Field, Raw, sheets_from_bytes};

/// Every kind of template: blank and prefilled forms of each office and the combined form, for no year
/// and for two years, and the grids of each office.
fn every_kind(catalogue: &Catalogue) -> Vec<Spec<'_>> {
    let mut specs = Vec::new();
    for year in [None, Some(2024), Some(2025)] {
        let scopes = every_scope(catalogue, Layout::Unit, false);
        let mut reporters = vec![None];
        reporters.extend(year.map(|y| every_reporter(catalogue, y)).unwrap_or_default());
        specs.extend(specs_for(catalogue, &scopes, &reporters, Layout::Unit, year));
        if year.is_some() {
            let scopes = every_scope(catalogue, Layout::Units, true);
            specs.extend(specs_for(catalogue, &scopes, &[None], Layout::Units, year));
        }
    }
    specs
}

/// Entries of every kind a clerk makes, in the fields and the values.
fn entries(catalogue: &Catalogue, spec: &Spec) -> Annotations {
    let mut notes = Annotations::default();
    notes.fields.insert(Field::Unit, Raw::Text("Xã Lộc Yên (18520)".into()));
    notes.fields.insert(Field::Year, Raw::Number(2024.0));
    notes.fields.insert(Field::Date, Raw::Number(45_590.0));
    notes.fields.insert(Field::Preparer, Raw::Text("  ".into()));
    notes.fields.insert(Field::Phone, Raw::Error("#N/A".into()));
    let kinds = [
        Raw::Number(12.0),
        Raw::Text("12 trẻ".into()),
        Raw::Date(45_000.0),
        Raw::Bool(true),
        Raw::Text("#DIV/0!".into()),
        Raw::FormulaWithoutResult("=1/0".into()),
        Raw::Empty,
    ];
    let unit = match spec.layout {
        Layout::Unit => None,
        Layout::Units => catalogue.units_in(spec.year.unwrap_or(2024)).next().map(|u| u.code.clone()),
    };
    for (element, raw) in spec.elements(catalogue).iter().zip(kinds.iter().cycle()) {
        notes.values.insert((unit.clone(), element.code.clone()), raw.clone());
    }
    notes
}

#[test]
fn every_formula_plan_writes_evaluates_when_it_is_written() {
    let catalogue = Catalogue::embedded();
    let specs = every_kind(&catalogue);
    assert!(specs.len() > 40, "{} kinds", specs.len());
    let mut count = 0;
    for spec in &specs {
        for notes in [None, Some(&entries(&catalogue, spec))] {
            let ctx = Context::new(&catalogue, spec, notes);
            let (_, record) = write_workbook(&ctx, None).unwrap();
            let results = record.cells.results();
            for (key, expr) in &record.cells.formulas {
                let id = spec.template_id();
                let expr = expr.as_ref().expect("plan's own formulas are trees");
                let text = expr.formula();
                assert!(record.cells.evaluate(key).is_some(), "{id} {key:?}: {text} does not evaluate");
                // It refers to no cell written after it: the result stored when written is the final one.
                assert_eq!(record.stored(key), results.get(key).map(String::as_str), "{id} {key:?}: {text}");
                // Read back from the file, it is the same formula (so a copy of a filled form keeps it).
                assert_eq!(crate::submission::formula::parse(&text).as_ref(), Some(expr), "{id} {key:?}");
                count += 1;
            }
        }
    }
    assert!(count > 1000, "{count} formulas");
}

/// The cells of `book` and of `read` on `sheet`, where they differ, leaving out `formulas`' cells (a cell
/// read as empty, such as one of blank text, is no cell).
fn differences(
    recorded: &Book,
    read: &Book,
    sheet: &str,
    formulas: &[Key],
) -> Vec<(Key, Option<Raw>, Option<Raw>)> {
    let mut keys: Vec<Key> = recorded.keys_of(sheet).chain(read.keys_of(sheet)).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|key| !formulas.contains(key))
        .filter(|key| recorded.get(key).unwrap_or(&Raw::Empty) != read.get(key).unwrap_or(&Raw::Empty))
        .map(|key| (key.clone(), recorded.get(&key).cloned(), read.get(&key).cloned()))
        .collect()
}

#[test]
fn the_cells_recorded_are_the_cells_read_back() {
    let catalogue = Catalogue::embedded();
    for spec in every_kind(&catalogue).iter().step_by(3) {
        for notes in [None, Some(&entries(&catalogue, spec))] {
            let ctx = Context::new(&catalogue, spec, notes);
            let (mut workbook, record) = write_workbook(&ctx, None).unwrap();
            let sheets = sheets_from_bytes(&crate::zip_bytes::save(&mut workbook).unwrap()).unwrap();
            let read = Book::of(&sheets);
            let formulas: Vec<Key> = record.cells.formulas.keys().cloned().collect();
            for sheet in &sheets {
                let differ = differences(&record.cells.book, &read, &sheet.name, &formulas);
                assert!(differ.is_empty(), "{} {}: {differ:?}", spec.template_id(), sheet.name);
            }
        }
    }
}

/// The sheet `Báo cáo` of a workbook's bytes, as XML.
fn form_sheet_xml(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// What a formula cell of `xml` holds after its formula `text`, up to the end of the cell.
fn after_formula<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml.find(&format!("<f>{text}</f>")).unwrap_or_else(|| panic!("no {text}")) + text.len() + 7;
    &xml[at..at + xml[at..].find("</c>").unwrap()]
}

#[test]
fn a_clerks_formula_not_understood_stores_no_result_never_the_originals() {
    // Regression: an annotated copy stored the result the original held for a formula it could not
    // evaluate, which the copy's cells need not give.
    let catalogue = Catalogue::embedded();
    let spec = Spec {
        scope: Scope::Office(catalogue.office("y-te").unwrap()),
        layout: Layout::Unit,
        reporter: None,
        year: None,
    };
    let mut sheets = sheets_from_bytes(&build(&catalogue, &spec).unwrap()).unwrap();
    let code = spec.elements(&catalogue)[0].code.clone();
    let form = sheets.iter_mut().find(|s| s.name == layout::FORM_SHEET).unwrap();
    let (value_col, code_col) = (layout::VALUE_COL, layout::CODE_COL);
    let row = *form
        .rows
        .iter()
        .find(|(_, cols)| {
            cols.iter().any(|(c, raw)| *c == code_col as u32 && raw == &Raw::Text(code.clone()))
        })
        .unwrap()
        .0;
    let cells = form.rows.get_mut(&row).unwrap();
    // The value typed, and two formulas of the clerk's right of the code column.
    let (first, second) = (code_col + 1, code_col + 2);
    cells.retain(|(c, _)| *c < value_col as u32 || *c == code_col as u32);
    cells.extend([
        (value_col as u32, Raw::Number(12.0)),
        (first as u32, Raw::Number(7.0)),
        (second as u32, Raw::Number(99.0)),
    ]);
    cells.sort_by_key(|(c, _)| *c);
    let at = |col: u16| (layout::FORM_SHEET.to_string(), row, col);
    let value = format!("D{}", row + 1);
    let mut notes = Annotations::default();
    notes.values.insert((None, code), Raw::Number(12.0));
    notes.inputs.insert(at(value_col));
    for col in [first, second] {
        notes.notes.insert(at(col), vec!["Kiểm tra công thức".into()]);
    }
    let formulas = [(at(first), format!("=ROUND({value},0)")), (at(second), format!("={value}*2"))];
    notes.original = Some(Original { sheets, formulas: formulas.into_iter().collect() });
    let xml = form_sheet_xml(&build_annotated(&catalogue, &spec, &notes).unwrap());
    assert!(!after_formula(&xml, &format!("ROUND({value},0)")).contains('7'), "{xml}");
    assert_eq!(after_formula(&xml, &format!("{value}*2")), "<v>24</v>");
}
