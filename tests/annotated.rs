//! Annotated copies (`plan validate --annotate`) never lose a value: for every workbook of
//! `tests/fixtures/validate` (one-unit forms and the units grid), every non-empty cell of the original is
//! in the copy at the same sheet and cell (a value read with a warning, "1.234" typed as text, as the value
//! it was read as), each finding's cell in the copy holds the value it quotes and carries a note, and the
//! list sheet names the sheets of the red cells. Every input cell of every kind of template stays an input
//! in the copy, red or not: unlocked, with its number format and validation.

mod xlsx;
mod xml;

use plan::formula::cell;
use plan::submission::formula::formula_cells;
use plan::submission::{Raw, Sheet, read_sheets};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;
use common::{fixtures, plan};

type Cells = BTreeMap<(String, u32, u32), Raw>;

fn cells(sheets: &[Sheet]) -> Cells {
    let mut out = BTreeMap::new();
    for sheet in sheets {
        for (row, cols) in &sheet.rows {
            for (col, raw) in cols {
                out.insert((sheet.name.clone(), *row, *col), raw.clone());
            }
        }
    }
    out
}

fn address(row: u32, col: u32) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, col as u16)
}

/// The ways a cell's content is quoted in a finding.
fn quoted_forms(raw: &Raw) -> Vec<String> {
    let mut forms = vec![raw.display()];
    // A rule quotes the count as read ("1.234" typed as text is 1234).
    use plan::submission::parse::{Parsed, count};
    if let Parsed::Value(n) | Parsed::Reread(n, _) = count(raw) {
        forms.push(n.to_string());
    }
    if let Raw::Number(n) | Raw::Date(n) = raw {
        forms.push(format!("{n}").replace('.', ","));
    }
    if let Raw::Date(n) = raw {
        let date = plan::catalogue::Date::from_excel_serial(*n);
        if let Some(date) = date {
            forms.push(format!("{:02}/{:02}/{}", date.day, date.month, date.year));
        }
    }
    forms
}

/// Whether the copy's cell holds what the finding quotes: the value itself, its start ("120 > 100"), or
/// for a rule, each `code = value (ô CELL)` it lists.
fn holds_quote(copy: &Cells, sheet: &str, at: (u32, u32), found: &str) -> Result<(), String> {
    let get = |row: u32, col: u32| copy.get(&(sheet.to_string(), row, col)).cloned().unwrap_or(Raw::Empty);
    if found.contains("(ô ") {
        for piece in found.split("; ") {
            let (left, cell_text) = piece.rsplit_once(" (ô ").ok_or(piece.to_string())?;
            let value = left.rsplit_once(" = ").ok_or(piece.to_string())?.1;
            let (row, col) = cell(cell_text.trim_end_matches(')')).ok_or(piece.to_string())?;
            let raw = get(row, col as u32);
            if !quoted_forms(&raw).iter().any(|f| f == value) {
                return Err(format!("{piece}: the copy holds {raw:?}"));
            }
        }
        return Ok(());
    }
    let raw = get(at.0, at.1);
    let matches = quoted_forms(&raw).iter().any(|f| found == f || found.starts_with(&format!("{f} ")));
    if matches { Ok(()) } else { Err(format!("quotes «{found}», the copy holds {raw:?}")) }
}

/// The cells of values read with a warning ("1.234" typed as text), with the value the copy stores there
/// (the number 1234, «Có» for "x").
fn read_as(findings: &[Value]) -> BTreeMap<String, Raw> {
    let read = findings.iter().filter(|f| f["code"] == "value.read_as");
    read.filter_map(|f| {
        let expected = f["expected"].as_str()?;
        let raw = expected.parse::<f64>().map_or_else(|_| Raw::Text(expected.to_string()), Raw::Number);
        Some((f["cell"].as_str()?.to_string(), raw))
    })
    .collect()
}

fn check_copy(original: &Path, copy: &Path, findings: &[Value]) -> Vec<String> {
    let mut problems = Vec::new();
    let read = read_as(findings);
    let name = original.file_name().unwrap().to_string_lossy().to_string();
    let before = cells(&read_sheets(original).unwrap());
    let after = cells(&read_sheets(copy).unwrap());
    let copy_bytes = std::fs::read(copy).unwrap();
    let formulas_before = formula_cells(&std::fs::read(original).unwrap());
    let formulas_after = xlsx::formula_cells(&copy_bytes);
    for ((sheet, row, col), raw) in &before {
        let at = address(*row, *col);
        if formulas_before.contains_key(&(sheet.clone(), *row, *col as u16)) {
            // The original's formula: the copy holds a formula there too (its result recalculated), or,
            // for a formula without a result typed in an input, its text, which reads back the same.
            let as_text = Raw::Text(raw.display());
            let kept_as_text = matches!(raw, Raw::FormulaWithoutResult(_))
                && after.get(&(sheet.clone(), *row, *col)) == Some(&as_text);
            if !kept_as_text && !formulas_after.contains_key(&(sheet.clone(), at.clone())) {
                problems.push(format!("{name}: {sheet}!{at}: the formula is gone"));
            }
            continue;
        }
        let raw = read.get(&format!("{sheet}!{at}")).unwrap_or(raw);
        match after.get(&(sheet.clone(), *row, *col)) {
            Some(copied) if copied == raw => {}
            other => problems.push(format!("{name}: {sheet}!{at}: {raw:?} became {other:?}")),
        }
    }
    let noted = xlsx::noted_cells(&copy_bytes);
    let mut red_sheets: Vec<String> = Vec::new();
    for finding in findings {
        let Some(place) = finding["cell"].as_str() else { continue };
        let (sheet, address_text) = place.rsplit_once('!').unwrap();
        let (row, col) = cell(address_text).unwrap();
        if !noted.contains(&(sheet.to_string(), address_text.to_string())) {
            problems.push(format!("{name}: {place}: no note on the problem cell"));
        }
        if !red_sheets.contains(&sheet.to_string()) {
            red_sheets.push(sheet.to_string());
        }
        if let Some(found) = finding["found"].as_str()
            && !read.contains_key(place)
            && let Err(why) = holds_quote(&after, sheet, (row, col as u32), found)
        {
            problems.push(format!("{name}: {place} ({}): {why}", finding["code"]));
        }
    }
    // The list sheet's title names the sheets with red cells, and only those.
    let title = after.get(&("Lỗi cần sửa".to_string(), 0, 0)).map(Raw::display).unwrap_or_default();
    for sheet in ["Báo cáo", "Số liệu theo đơn vị", "Thuyết minh"] {
        if title.contains(&format!("«{sheet}»")) != red_sheets.iter().any(|s| s == sheet) {
            problems.push(format!("{name}: the list's title «{title}» and the red sheets {red_sheets:?}"));
        }
    }
    problems
}

#[test]
fn annotated_copies_keep_every_cell_of_the_original_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let output = plan()
        .args(["validate", "--format", "json", "--annotate"])
        .arg(dir.path())
        .args(&files)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    let stem = |p: &Path| p.file_stem().unwrap().to_string_lossy().to_lowercase();
    for file in json["files"].as_array().unwrap() {
        let original = PathBuf::from(file["file"].as_str().unwrap());
        let mut name = original.file_stem().unwrap().to_string_lossy().to_string();
        // Inputs that share a stem are told apart by their extension.
        if files.iter().filter(|f| stem(f) == stem(&original)).count() > 1 {
            name = format!("{name}-{}", original.extension().unwrap().to_string_lossy().to_lowercase());
        }
        let copy = dir.path().join(format!("{name}_can-sua.xlsx"));
        if !copy.exists() {
            continue;
        }
        problems.extend(check_copy(&original, &copy, file["findings"].as_array().unwrap()));
        checked.push(original.file_name().unwrap().to_string_lossy().to_string());
    }
    // Both layouts and all three formats are among them.
    for name in [
        "grid.xlsx",
        "mistakes.xlsx",
        "mistakes.xls",
        "mistakes.ods",
        "unit-unknown.xlsx",
        // Today's form, part II on its own sheet.
        "today-mistakes.xlsx",
        "today-mistakes.xls",
        "today-mistakes.ods",
    ] {
        assert!(checked.iter().any(|c| c == name), "no copy of {name}: {checked:?}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_grid_row_with_an_unknown_unit_code_is_kept_red_with_its_values() {
    let dir = tempfile::tempdir().unwrap();
    plan()
        .args(["validate", "grid.xlsx", "--annotate"])
        .arg(dir.path())
        .current_dir(fixtures())
        .assert()
        .code(1);
    let copy = dir.path().join("grid_can-sua.xlsx");
    let after = cells(&read_sheets(&copy).unwrap());
    let sheet = "Số liệu theo đơn vị".to_string();
    let row: Vec<Raw> =
        (1..=20).map(|col| after.get(&(sheet.clone(), 31, col)).cloned().unwrap_or(Raw::Empty)).collect();
    assert_eq!(row[0], Raw::Text("18599".into()), "{row:?}");
    for value in [Raw::Text("Có".into()), Raw::Number(2000.0), Raw::Number(1000.0), Raw::Number(800.0)] {
        assert!(row.contains(&value), "{value:?} lost: {row:?}");
    }
    // No row of the template's own 18559 replaced it.
    assert!(!after.values().any(|raw| raw == &Raw::Text("18559".into())));
    let bytes = std::fs::read(&copy).unwrap();
    assert!(xlsx::noted_cells(&bytes).contains(&(sheet, "B32".to_string())));
    // Laid over today's grid (an older catalogue's stamp does not change that): the validations are there.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("<dataValidation "), "the copy is not laid over the template");
}

/// `plan validate --format json --lang LANG --annotate OUT ORIGINAL`: the JSON of the file.
fn annotate(original: &Path, out: &Path, lang: &str) -> Value {
    let output = plan()
        .args(["validate", "--format", "json", "--lang", lang, "--annotate"])
        .arg(out)
        .arg(original)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["files"][0].clone()
}

/// A health workbook of today's template for Lộc Yên, filled as a clerk would, with two mistakes.
fn filled_health_workbook(path: &Path) {
    use plan::catalogue::Catalogue;
    use plan::submission::Field;
    use plan::template::Annotations;
    let catalogue = Catalogue::embedded();
    let spec = common::loc_yen_health_form(&catalogue);
    let mut notes = Annotations::default();
    notes.fields.insert(Field::Year, Raw::Number(2024.0));
    notes.fields.insert(Field::Date, Raw::Date(45580.0));
    notes.fields.insert(Field::Preparer, Raw::Text("Nguyễn Thị Hoa".into()));
    for (i, element) in spec.elements(&catalogue).iter().enumerate() {
        let value = match element.code.as_str() {
            "tre_duoi_1" => Raw::Number(100.0),
            "tre_duoi_1_tcdd" => Raw::Number(120.0),
            "tre_duoi_5" => Raw::Number(640.0),
            "tre_duoi_5_tcdd" => Raw::Number(620.0),
            _ if i == 3 => Raw::Text("12 trẻ".into()),
            _ => Raw::Number(10.0 + i as f64),
        };
        notes.values.insert((None, element.code.clone()), value);
    }
    std::fs::write(path, plan::template::build_annotated(&catalogue, &spec, &notes).unwrap()).unwrap();
}

#[test]
fn a_copy_of_todays_form_keeps_its_layout_its_values_and_its_rates() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("y-te Lộc Yên.xlsx");
    filled_health_workbook(&original);
    let out = dir.path().join("can-sua");
    let file = annotate(&original, &out, "vi");
    let findings = file["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"value.not_a_number") && codes.contains(&"consistency.numerator"), "{codes:?}");
    let copy = out.join("y-te Lộc Yên_can-sua.xlsx");
    let problems = check_copy(&original, &copy, findings);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let bytes = std::fs::read(&copy).unwrap();
    // Laid over the template: the drop-downs and validations are still there.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(sheet.contains("<dataValidation "), "the copy is not laid over the template");
    // 5.1: 120 vaccinated among 100 children under one is 120 %; 5.2 is 620 of 640, 96.875 %: part II, on
    // its own sheet, reads «Báo cáo».
    let stored: Vec<String> = xlsx::formula_cells(&bytes)
        .iter()
        .filter(|((sheet, _), c)| sheet == "Kết quả chỉ tiêu" && c.formula.contains("'Báo cáo'!D"))
        .filter_map(|(_, c)| c.cached.clone())
        .collect();
    assert!(stored.contains(&"120".to_string()) && stored.contains(&"96.875".to_string()), "{stored:?}");
}

/// A workbook of `spec` filled as a clerk would, with mistakes in input cells: a count typed as text
/// ("2.601" for the children under one, read as 2601), a negative count, a count with words, and, on a
/// form without a prefilled unit, the unit chosen from the list. On a grid, the mistakes are in the first
/// unit's row.
fn filled_with_mistakes(catalogue: &plan::catalogue::Catalogue, spec: &plan::template::Spec) -> Vec<u8> {
    use plan::catalogue::{ElementType, ReportLevel};
    use plan::submission::Field;
    use plan::template::{Annotations, Layout};
    let mut notes = Annotations::default();
    let lộc_yên = catalogue.unit("18520", 2024).unwrap();
    if spec.layout == Layout::Unit && spec.reporter.is_none() {
        notes.fields.insert(Field::Unit, Raw::Text(format!("{} ({})", lộc_yên.full_name(), lộc_yên.code)));
    }
    if spec.year.is_none() {
        notes.fields.insert(Field::Year, Raw::Number(2024.0));
    }
    notes.fields.insert(Field::Date, Raw::Date(45580.0));
    notes.fields.insert(Field::Preparer, Raw::Text("Nguyễn Thị Hoa".into()));
    let elements = spec.elements(catalogue);
    let counts: Vec<&str> =
        elements.iter().filter(|e| e.kind == ElementType::Count).map(|e| e.code.as_str()).collect();
    let rows: Vec<Option<String>> = match spec.layout {
        Layout::Unit => vec![None],
        Layout::Units => catalogue.units_in(2024).map(|u| Some(u.code.clone())).collect(),
    };
    for (n, unit) in rows.iter().enumerate() {
        for (i, element) in elements.iter().enumerate() {
            let district = element.level == ReportLevel::District;
            if spec.layout == Layout::Units && district {
                continue;
            }
            let code = element.code.as_str();
            let value = match (element.kind, code) {
                (ElementType::YesNo, _) => Raw::Text("Có".into()),
                _ if n > 0 => Raw::Number(10.0 + i as f64),
                (_, "tre_duoi_1") => Raw::Text("2.601".into()),
                (_, "tre_duoi_1_tcdd") => Raw::Number(2500.0),
                _ if Some(&code) == counts.last() => Raw::Number(-3.0),
                _ if counts.len() > 1 && Some(&code) == counts.get(counts.len() - 2) => {
                    Raw::Text("12 trẻ".into())
                }
                _ => Raw::Number(10.0 + i as f64),
            };
            notes.values.insert((unit.clone(), element.code.clone()), value);
        }
    }
    plan::template::build_annotated(catalogue, spec, &notes).unwrap()
}

/// Whether a formula's text refers to the cell `address` (`E20`, not `E200`).
fn refers_to(formula: &str, address: &str) -> bool {
    formula.match_indices(address).any(|(at, _)| {
        let before = formula[..at].chars().next_back();
        let after = formula[at + address.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Regression for issue 22: the red cells of an annotated copy were locked on the protected sheet (the
/// clerk could not type the correction into it) and lost their number format; «Lỗi cần sửa» showed rule
/// codes; a count typed as text ("2.601") stayed text in the copy, so the results sheet could not compute.
#[test]
fn every_input_of_every_kind_of_template_stays_an_input_in_the_copy_red_or_not() {
    use plan::catalogue::Catalogue;
    use plan::template::{Layout, Scope, Spec};
    let catalogue = Catalogue::embedded();
    let health = Scope::Office(catalogue.office("y-te").unwrap());
    let unit_form = common::loc_yen_health_form(&catalogue);
    let kinds = [
        ("office-form", Spec { scope: health, layout: Layout::Unit, reporter: None, year: None }, "vi"),
        ("combined-form", Spec { scope: Scope::All, layout: Layout::Unit, reporter: None, year: None }, "vi"),
        ("unit-form", unit_form, "vi"),
        ("units-grid", Spec { scope: health, layout: Layout::Units, reporter: None, year: Some(2024) }, "vi"),
        ("english", unit_form, "en"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, spec, lang) in kinds {
        let blank = dir.path().join(format!("{name}-blank.xlsx"));
        std::fs::write(&blank, plan::template::build(&catalogue, &spec).unwrap()).unwrap();
        let original = dir.path().join(format!("{name}.xlsx"));
        std::fs::write(&original, filled_with_mistakes(&catalogue, &spec)).unwrap();
        let out = dir.path().join(format!("{name}-copies"));
        let file = annotate(&original, &out, lang);
        let findings = file["findings"].as_array().unwrap();
        let copy = out.join(format!("{name}_{}.xlsx", if lang == "en" { "to-fix" } else { "can-sua" }));
        let bytes = std::fs::read(&copy).unwrap_or_else(|e| panic!("{name}: {e}"));
        let noted = xlsx::noted_cells(&bytes);
        let (mut red_inputs, mut validated) = (0, 0);
        for sheet in xml::sheet_names(&blank) {
            let (before, after) = (xml::cell_styles(&blank, &sheet), xml::cell_styles(&copy, &sheet));
            let (checks_before, checks_after) =
                (xml::validations(&blank, &sheet), xml::validations(&copy, &sheet));
            for (cell, style) in before.iter().filter(|(_, s)| !s.locked) {
                let red = noted.contains(&(sheet.clone(), cell.clone()));
                red_inputs += usize::from(red);
                let kept = after.get(cell);
                assert_eq!(kept, Some(style), "{name}: {sheet}!{cell} (red: {red}) in the copy");
                let check = xml::validation_at(&checks_before, cell);
                validated += usize::from(check.is_some());
                assert_eq!(
                    xml::validation_at(&checks_after, cell),
                    check,
                    "{name}: {sheet}!{cell}'s validation"
                );
            }
        }
        // The unit or year field, the text, the negative and the words: red inputs among them.
        assert!(red_inputs >= 3, "{name}: only {red_inputs} red inputs");
        assert!(validated > 10, "{name}: only {validated} inputs with a validation");
        // The list says the level and the problem in words, never a rule's code.
        let sheets = read_sheets(&copy).unwrap();
        let list = sheets.iter().find(|s| s.name == "Lỗi cần sửa").unwrap();
        let texts: Vec<String> = list.rows.values().flatten().map(|(_, raw)| raw.display()).collect();
        for finding in findings {
            let code = finding["code"].as_str().unwrap();
            assert!(!texts.iter().any(|t| t.contains(code)), "{name}: «{code}» in the list: {texts:?}");
        }
        let level = if lang == "en" { "Error" } else { "Lỗi" };
        assert!(texts.iter().any(|t| t == level), "{name}: no «{level}» in the list");
        // "2.601" typed as text is stored as the number it was read as, and the copy says so.
        let place =
            read_as(findings).into_keys().next().unwrap_or_else(|| panic!("{name}: no value read as"));
        let (sheet, address) = place.rsplit_once('!').unwrap();
        let (row, col) = cell(address).unwrap();
        let at = cells(&sheets).get(&(sheet.to_string(), row, col as u32)).cloned();
        assert_eq!(at, Some(Raw::Number(2601.0)), "{name}: {place}");
        let said = if lang == "en" {
            "This copy stores the number 2601"
        } else {
            "đã ghi lại ô này thành số 2601"
        };
        assert!(texts.iter().any(|t| t.contains(said)), "{name}: the list does not say «{said}»");
        // The formulas that read it compute on it.
        let formulas = xlsx::formula_cells(&bytes);
        let computed: Vec<_> = formulas
            .iter()
            .filter(|((at, _), c)| {
                (at == sheet && refers_to(&c.formula, address))
                    || refers_to(&c.formula, &format!("'{sheet}'!{address}"))
            })
            .map(|(_, c)| c.cached.clone().unwrap_or_default())
            .collect();
        assert!(computed.iter().any(|v| v.parse::<f64>().is_ok()), "{name}: {place} read by {computed:?}");
    }
}
