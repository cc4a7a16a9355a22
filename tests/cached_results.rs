//! Every formula `plan` writes stores the result it gives on the values written beside it, so that a
//! client that does not recalculate on load (LibreOffice by default, previews, Protected View) shows the
//! right figures. For every workbook kind (blank, prefilled and units-grid templates, the examples, the
//! annotated copies of every fixture, the consolidated report), each formula cell's stored `<v>` is
//! compared with the figure worked out here from the values the workbook holds, with the report's exact
//! arithmetic (sums of counts, `numerator × factor / denominator` rounded exactly), never by evaluating
//! the formula. A LibreOffice recalculation of `plan`'s workbooks, committed with its script, must agree.

mod xlsx;

use plan::aggregate::figures::round_ratio;
use plan::catalogue::{Catalogue, Part};
use plan::submission::{Field, Raw, RawWorkbook, Sheet, scan, sheets_from_bytes};
use plan::template::{self, Layout, Reporter, Scope, Spec};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xlsx::FormulaCell;

mod common;
use common::{plan, root};

/// What a formula cell must store.
#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Text(String),
    /// `numerator × factor / denominator`, exactly, for whole counts.
    Ratio(u128, u128),
    /// A sum or a ratio of numbers that are not all whole.
    Number(f64),
    /// An error value.
    Error(&'static str),
}

fn whole(values: &[f64]) -> Option<Vec<u128>> {
    values.iter().map(|v| (v.fract() == 0.0 && *v >= 0.0 && *v < 1e15).then_some(*v as u128)).collect()
}

/// A part's value from its elements' cells, as the live result must give it.
fn part_value(part: &Part, get: &dyn Fn(&str) -> Raw, missing: &str) -> Expected {
    let number = |code: &String| match get(code) {
        Raw::Number(n) | Raw::Date(n) => Some(n),
        _ => None,
    };
    let numerator: Option<Vec<f64>> = part.numerator.iter().map(number).collect();
    let denominator: Option<Vec<f64>> = part.denominator.iter().map(number).collect();
    let (Some(numerator), Some(denominator)) = (numerator, denominator) else {
        return Expected::Text(missing.to_string());
    };
    let (n, d): (f64, f64) = (numerator.iter().sum(), denominator.iter().sum());
    if part.denominator.is_empty() {
        return Expected::Number(n);
    }
    if d == 0.0 {
        return Expected::Text("Không phát sinh".to_string());
    }
    match (whole(&numerator), whole(&denominator)) {
        (Some(a), Some(b)) => Expected::Ratio(a.iter().sum::<u128>() * part.factor as u128, b.iter().sum()),
        _ => Expected::Number(n * part.factor as f64 / d),
    }
}

fn matches(cell: &FormulaCell, expected: &Expected) -> bool {
    let cached = cell.cached.clone().unwrap_or_default();
    match expected {
        Expected::Text(text) => cell.kind.as_deref() == Some("str") && &cached == text,
        Expected::Ratio(num, den) => {
            cell.kind.is_none()
                && cached.parse::<f64>().is_ok_and(|v| format!("{v:.9}") == round_ratio(*num, *den, 9))
        }
        Expected::Error(e) => cell.kind.as_deref() == Some("e") && cached == *e,
        Expected::Number(n) => {
            cell.kind.is_none()
                && cached.parse::<f64>().is_ok_and(|v| (v - n).abs() <= 1e-9 * n.abs().max(1.0))
        }
    }
}

type Grid = BTreeMap<(u32, u32), Raw>;

fn grid(sheet: &Sheet) -> Grid {
    sheet.rows.iter().flat_map(|(r, cols)| cols.iter().map(move |(c, raw)| ((*r, *c), raw.clone()))).collect()
}

fn text_at(grid: &Grid, row: u32, col: u32) -> String {
    grid.get(&(row, col)).map(Raw::display).unwrap_or_default()
}

/// The header formulas of a one-unit form: unit letterhead (A1), period (A6), receiver (A8).
fn header_value(catalogue: &Catalogue, read: &RawWorkbook, row: u32, formula: &str) -> Option<Expected> {
    let letterhead = if formula.contains("\"UBND \"&") { "UBND " } else { "" };
    let field = |f: Field| read.field(f).map(|f| f.raw.clone()).unwrap_or(Raw::Empty);
    let year = match field(Field::Year) {
        Raw::Number(y) if y.fract() == 0.0 && (0.0..65536.0).contains(&y) => Some(y as u16),
        Raw::Empty => None,
        _ => return None,
    };
    let text = match row {
        0 => match field(Field::Unit) {
            Raw::Empty => "…………………………".to_string(),
            // Today's letterhead is "UBND XÃ LỘC YÊN"; earlier forms wrote "XÃ LỘC YÊN".
            Raw::Text(t) => format!("{letterhead}{}", t.split(" (").next().unwrap_or(&t).to_uppercase()),
            _ => return None,
        },
        5 => match year {
            None => "Kỳ báo cáo: Năm ……… (chọn năm báo cáo bên dưới)".to_string(),
            Some(y) => {
                let (from, to) = catalogue.reporting.period.for_year(y);
                format!(
                    "Kỳ báo cáo: Năm {y} (số liệu từ ngày {} đến ngày {})",
                    from.vietnamese(),
                    to.vietnamese()
                )
            }
        },
        7 => match year.and_then(|y| catalogue.receiver(y)) {
            None => "Kính gửi: …………………… (theo năm báo cáo)".to_string(),
            Some(r) => match &r.via {
                Some(via) => format!("Kính gửi: {} (qua {via})", r.name),
                None => format!("Kính gửi: {}", r.name),
            },
        },
        _ => return None,
    };
    Some(Expected::Text(text))
}

/// The sheet of part II of a one-unit form (its formulas read «Báo cáo»).
const RESULTS_SHEET: &str = "Kết quả chỉ tiêu";

/// Part II's line under its title: "Đơn vị: Xã Lộc Yên (18520) · Năm báo cáo: 2024", dots for what is
/// not filled.
fn identity_value(read: &RawWorkbook) -> Option<Expected> {
    let field = |f: Field| read.field(f).map(|f| f.raw.clone()).unwrap_or(Raw::Empty);
    let unit = match field(Field::Unit) {
        Raw::Empty => "……………………".to_string(),
        Raw::Text(t) => t,
        _ => return None,
    };
    let year = match field(Field::Year) {
        Raw::Empty => "………".to_string(),
        Raw::Number(y) if y.fract() == 0.0 => format!("{}", y as i64),
        Raw::Text(t) => t,
        _ => return None,
    };
    Some(Expected::Text(format!("Đơn vị: {unit} · Năm báo cáo: {year}")))
}

/// The place and date line: "Lộc Yên, ngày 05 tháng 01 năm 2025" from the report date (day under 10 and
/// months 1 and 2 with a leading 0), dots while there is no date. The place is the formula's own text.
fn date_line_value(read: &RawWorkbook, formula: &str) -> Option<Expected> {
    let place = formula.split("=0,\"").nth(1)?.split(", ngày").next()?;
    let date = match read.field(Field::Date).map(|f| f.raw.clone()) {
        Some(Raw::Date(n) | Raw::Number(n)) => plan::catalogue::Date::from_excel_serial(n),
        _ => None,
    };
    Some(Expected::Text(match date {
        Some(d) => {
            let month = if d.month < 3 { format!("{:02}", d.month) } else { d.month.to_string() };
            format!("{place}, ngày {:02} tháng {month} năm {}", d.day, d.year)
        }
        None => format!("{place}, ngày …… tháng …… năm ………"),
    }))
}

/// Checks every formula cell of a workbook; returns what is wrong, and counts the cells checked.
fn check(catalogue: &Catalogue, name: &str, bytes: &[u8], checked: &mut usize) -> Vec<String> {
    // The examples hold a corrupt file on purpose.
    let Ok(sheets) = sheets_from_bytes(bytes) else {
        assert!(name.contains("hong"), "{name} cannot be read");
        return Vec::new();
    };
    let read = scan(&sheets);
    let mut problems = Vec::new();
    for ((sheet_name, address), cell) in xlsx::formula_cells(bytes) {
        let (row, col) = plan::formula::cell(&address).unwrap();
        let (row, col) = (row, col as u32);
        let sheet = sheets.iter().find(|s| s.name == sheet_name).map(grid).unwrap_or_default();
        let expected = if cell.formula.contains(", ngày \"&IF(DAY(") {
            // The place and date line above the signatures.
            date_line_value(&read, &cell.formula)
        } else if cell.formula.starts_with("SUM(") {
            // A column total: the sum of the numbers above it, down to the header.
            let (from, to) =
                cell.formula.trim_start_matches("SUM(").trim_end_matches(')').split_once(':').unwrap();
            let (first, _) = plan::formula::cell(from).unwrap();
            let (last, _) = plan::formula::cell(to).unwrap();
            let numbers: Vec<f64> = (first..=last)
                .filter_map(|r| match sheet.get(&(r, col)) {
                    Some(Raw::Number(n)) => Some(*n),
                    _ => None,
                })
                .collect();
            match whole(&numbers) {
                Some(w) => Some(Expected::Ratio(w.iter().sum(), 1)),
                None => Some(Expected::Number(numbers.iter().sum())),
            }
        } else if let Some(part) = catalogue.part(&text_at(&sheet, row, 1)).filter(|_| col == 4) {
            // A one-unit form's live result: the part's id in column B, the value in E.
            let get = |code: &str| read.value(code).map(|v| v.raw.clone()).unwrap_or(Raw::Empty);
            Some(part_value(part, &get, "Chưa đủ số liệu"))
        } else if let Some(codes_row) = (0..row).rev().find(|r| text_at(&sheet, *r, 1) == "Mã ĐVHC") {
            // A grid row's live result: the part's id heads the column, the unit's code is in column B.
            let unit = text_at(&sheet, row, 1);
            let column_of = |code: &str| (3..200).find(|c| text_at(&sheet, codes_row, *c) == code);
            let get = |code: &str| {
                column_of(code).and_then(|c| sheet.get(&(row, c)).cloned()).unwrap_or(Raw::Empty)
            };
            catalogue
                .part(&text_at(&sheet, codes_row, col))
                .filter(|_| !unit.is_empty())
                .map(|p| part_value(p, &get, ""))
        } else if let Some((other, at)) = cell
            .formula
            .strip_prefix('\'')
            .and_then(|f| f.split_once("'!"))
            .filter(|(_, at)| plan::formula::cell(at).is_some())
        {
            // The report's hidden totals: a reference to a total of «Số liệu», whose own stored value it repeats.
            let (r, c) = plan::formula::cell(at).unwrap();
            let target = sheets.iter().find(|s| s.name == other).map(grid).unwrap_or_default();
            match target.get(&(r, c as u32)) {
                Some(Raw::Number(n)) => Some(Expected::Number(*n)),
                _ => None,
            }
        } else if cell.formula == "1/0" {
            // The formula a clerk typed into an input, planted in the fixtures.
            Some(Expected::Error("#DIV/0!"))
        } else if sheet_name == RESULTS_SHEET && (row, col) == (1, 0) {
            // Part II's line naming the unit and the year of «Báo cáo».
            identity_value(&read)
        } else if col == 0 {
            header_value(catalogue, &read, row, &cell.formula)
        } else {
            None
        };
        *checked += 1;
        match expected {
            Some(expected) if matches(&cell, &expected) => {}
            Some(expected) => {
                problems.push(format!("{name} {sheet_name}!{address}: stores {cell:?}, gives {expected:?}"))
            }
            None => problems.push(format!(
                "{name} {sheet_name}!{address}: a formula not accounted for: {}",
                cell.formula
            )),
        }
    }
    problems
}

fn every_template(catalogue: &Catalogue) -> Vec<(String, Vec<u8>)> {
    let mut specs = Vec::new();
    let mut scopes: Vec<Scope> = catalogue.reporting_offices().map(Scope::Office).collect();
    scopes.push(Scope::All);
    let unit = catalogue.unit("18520", 2024).unwrap();
    for scope in scopes {
        specs.push(Spec { scope, layout: Layout::Unit, reporter: None, year: None });
        specs.push(Spec {
            scope,
            layout: Layout::Unit,
            reporter: Some(Reporter::Unit(unit)),
            year: Some(2024),
        });
        specs.push(Spec {
            scope,
            layout: Layout::Unit,
            reporter: Some(Reporter::District),
            year: Some(2025),
        });
        specs.push(Spec { scope, layout: Layout::Unit, reporter: None, year: Some(2026) });
        if let Scope::Office(_) = scope {
            specs.push(Spec { scope, layout: Layout::Units, reporter: None, year: Some(2024) });
            specs.push(Spec { scope, layout: Layout::Units, reporter: None, year: Some(2025) });
        }
    }
    specs.iter().map(|s| (s.file_name(catalogue), template::build(catalogue, s).unwrap())).collect()
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn templates_and_examples_store_the_results_of_their_values() {
    let catalogue = Catalogue::embedded();
    let mut workbooks = every_template(&catalogue);
    workbooks.extend(files_in(&root().join("templates")));
    for year in ["2021", "2024", "2025"] {
        workbooks.extend(files_in(&root().join("examples").join(year)));
    }
    let mut checked = 0;
    let problems: Vec<String> =
        workbooks.iter().flat_map(|(name, bytes)| check(&catalogue, name, bytes, &mut checked)).collect();
    assert!(problems.is_empty(), "{} of {checked}:\n{}", problems.len(), problems.join("\n"));
    assert!(checked > 2000, "{checked} formula cells");
    let on_results: usize = workbooks
        .iter()
        // The examples hold a corrupt file on purpose.
        .filter(|(name, _)| !name.contains("hong"))
        .map(|(_, bytes)| xlsx::formula_cells(bytes).keys().filter(|(s, _)| s == RESULTS_SHEET).count())
        .sum();
    assert!(on_results > 500, "{on_results} formula cells of part II");
}

#[test]
fn annotated_copies_and_the_report_store_the_results_of_their_values() {
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/validate");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&fixtures).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    plan().args(["validate", "--annotate"]).arg(dir.path()).args(&inputs).assert().code(1);
    let report = dir.path().join("bao-cao-2024.xlsx");
    plan()
        .args(["aggregate", "examples/2024", "--year", "2024", "-o"])
        .arg(&report)
        .current_dir(root())
        .assert()
        .code(1);
    let workbooks = files_in(dir.path());
    assert!(workbooks.len() >= 12, "{}", workbooks.len());
    let mut checked = 0;
    let problems: Vec<String> =
        workbooks.iter().flat_map(|(name, bytes)| check(&catalogue, name, bytes, &mut checked)).collect();
    assert!(problems.is_empty(), "{} of {checked}:\n{}", problems.len(), problems.join("\n"));
    // The copies of the health workbooks show their rates: 5.1 of 120 vaccinated among 100 is 120 %.
    let copy = std::fs::read(dir.path().join("mistakes-xlsx_can-sua.xlsx")).unwrap();
    let cells = xlsx::formula_cells(&copy);
    let five_one = cells.values().find(|c| c.formula.contains("(E32)*100/(E31)")).unwrap();
    assert_eq!(five_one.cached.as_deref(), Some("120"));
    // The grid copy: Lộc Yên's 2.1 is 800 of 1,000 children; the total of the 20 rows filled with 2,000 is 40,000.
    let grid = std::fs::read(dir.path().join("grid_can-sua.xlsx")).unwrap();
    let stored: Vec<String> = xlsx::formula_cells(&grid).values().filter_map(|c| c.cached.clone()).collect();
    assert!(stored.iter().any(|v| v == "80") && stored.iter().any(|v| v == "40000"), "{stored:?}");
}

/// A stored result as text: numbers compared as numbers, no `<v>` as empty text.
fn same_result(ours: &FormulaCell, theirs: &FormulaCell) -> bool {
    let (a, b) = (ours.cached.clone().unwrap_or_default(), theirs.cached.clone().unwrap_or_default());
    // LibreOffice marks numbers `t="n"` and writes 15 significant digits.
    let kind = |c: &FormulaCell| c.kind.clone().filter(|k| k != "n");
    match (kind(ours).as_deref(), kind(theirs).as_deref()) {
        (None, None) => match (a.parse::<f64>(), b.parse::<f64>()) {
            (Ok(x), Ok(y)) => (x - y).abs() <= 1e-12 * x.abs().max(1.0),
            _ => false,
        },
        (Some("str"), Some("str")) => a == b,
        (Some("e"), Some("e")) => a == b,
        _ => false,
    }
}

#[test]
fn libreoffice_recalculating_plans_workbooks_finds_the_results_plan_stored() {
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/validate");
    plan()
        .args(["validate", "--annotate"])
        .arg(dir.path())
        .args([fixtures.join("grid.xlsx"), fixtures.join("mistakes.xlsx")])
        .assert()
        .code(1);
    let office = |id: &str| Scope::Office(catalogue.office(id).unwrap());
    let unit = catalogue.unit("18520", 2024).unwrap();
    let prefilled = Spec {
        scope: office("y-te"),
        layout: Layout::Unit,
        reporter: Some(Reporter::Unit(unit)),
        year: Some(2024),
    };
    let grid = Spec { scope: office("ldtbxh"), layout: Layout::Units, reporter: None, year: Some(2024) };
    let read = |path: PathBuf| std::fs::read(path).unwrap();
    let ours: Vec<(&str, Vec<u8>)> = vec![
        ("form-filled", read(root().join("examples/2024/2024_18520_loc-yen_ldtbxh.xlsx"))),
        ("grid-filled", read(root().join("examples/2024/2024_y-te_theo-don-vi.xlsx"))),
        ("form-blank", read(root().join("templates/bao-cao-y-te.xlsx"))),
        ("form-prefilled", template::build(&catalogue, &prefilled).unwrap()),
        ("grid-blank", template::build(&catalogue, &grid).unwrap()),
        ("grid-annotated", read(dir.path().join("grid_can-sua.xlsx"))),
        ("form-annotated", read(dir.path().join("mistakes_can-sua.xlsx"))),
    ];
    let recalculated = root().join("tests/fixtures/recalculated");
    let mut compared = 0;
    let mut on_results = 0;
    let mut problems = Vec::new();
    for (name, bytes) in ours {
        let poisoned = xlsx::formula_cells(&read(recalculated.join(format!("{name}.poisoned.xlsx"))));
        let theirs = xlsx::formula_cells(&read(recalculated.join(format!("{name}.libreoffice.xlsx"))));
        let ours = xlsx::formula_cells(&bytes);
        // LibreOffice was given every result replaced by 7777777: none is left, so it recalculated.
        let stale = "the fixture is of another version of the workbook: run \
            `python3 tests/fixtures/scripts/recalculate_with_libreoffice.py target/debug/plan .`";
        let formulas = |cells: &BTreeMap<(String, String), FormulaCell>| -> Vec<(String, String, String)> {
            cells.iter().map(|((s, a), c)| (s.clone(), a.clone(), c.formula.clone())).collect()
        };
        assert_eq!(formulas(&poisoned), formulas(&ours), "{name}: {stale}");
        assert!(poisoned.values().all(|c| c.cached.as_deref() == Some("7777777")), "{name}");
        assert!(theirs.values().all(|c| c.cached.as_deref() != Some("7777777")), "{name}");
        for (at, cell) in &ours {
            compared += 1;
            on_results += usize::from(at.0 == RESULTS_SHEET);
            match theirs.get(at) {
                Some(other) if same_result(cell, other) => {}
                other => {
                    problems.push(format!("{name} {}!{}: plan {cell:?}, LibreOffice {other:?}", at.0, at.1))
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} of {compared}:\n{}", problems.len(), problems.join("\n"));
    assert!(compared > 600, "{compared}");
    // Part II on its own sheet, its references to «Báo cáo» recalculated by LibreOffice too.
    assert!(on_results > 20, "{on_results} results of part II");
}
