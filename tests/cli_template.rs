//! End-to-end tests of `plan template`: the committed templates are current, every workbook reads back by
//! the reading contract, inputs are unlocked with drop-downs, and workbooks filled by another program
//! (openpyxl) read back the same values.

use calamine::{Xlsx, open_workbook};
use plan::catalogue::{Catalogue, ElementType, ReportItemType};
use plan::contract;
use plan::submission::{Field, Raw, RawWorkbook, read_path};
use plan::template::{self, Layout, Reporter, Scope, Spec};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

mod xml;

mod common;
use common::{plan, root};

fn blank_specs(catalogue: &Catalogue) -> Vec<Spec<'_>> {
    let mut scopes: Vec<Scope> = catalogue.reporting_offices().map(Scope::Office).collect();
    scopes.push(Scope::All);
    scopes.into_iter().map(|scope| Spec { scope, layout: Layout::Unit, reporter: None, year: None }).collect()
}

#[test]
fn committed_templates_are_current_and_deterministic() {
    let catalogue = Catalogue::embedded();
    let specs = blank_specs(&catalogue);
    assert_eq!(specs.len(), 7);
    for spec in &specs {
        let name = spec.file_name(&catalogue);
        let built = template::build(&catalogue, spec).unwrap();
        assert_eq!(built, template::build(&catalogue, spec).unwrap(), "{name} is not deterministic");
        let committed = std::fs::read(root().join("templates").join(&name)).unwrap_or_default();
        assert!(
            built == committed,
            "templates/{name} is out of date with the catalogue: run `plan template --all -o templates --force`"
        );
    }
}

fn sheet_xml(path: &Path, sheet_index: usize) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{sheet_index}.xml")).unwrap().read_to_string(&mut text).unwrap();
    text
}

fn expected_codes(catalogue: &Catalogue, spec: &Spec) -> BTreeSet<String> {
    spec.elements(catalogue)
        .iter()
        .map(|e| e.code.clone())
        .chain(catalogue.report_items.iter().map(|r| r.code.clone()))
        .collect()
}

/// Reads a written template back and checks the stamp, the codes, the fields, unlocked inputs and
/// the drop-downs.
fn check_single_unit_workbook(path: &Path, catalogue: &Catalogue, spec: &Spec) -> RawWorkbook {
    let read = read_path(path).unwrap();
    let name = path.display();
    assert_eq!(read.stamp[contract::STAMP_MARKER], contract::CONTRACT_VERSION, "{name}");
    assert_eq!(read.stamp["template_id"], spec.template_id(), "{name}");
    assert_eq!(read.stamp["layout"], "unit", "{name}");
    assert_eq!(read.stamp["catalogue_sha256"], catalogue.sha256, "{name}");
    assert_eq!(read.stamp["catalogue_version"], catalogue.version, "{name}");
    let codes: BTreeSet<String> = read.values.iter().map(|v| v.code.clone()).collect();
    assert_eq!(codes, expected_codes(catalogue, spec), "{name}");
    assert_eq!(codes.len(), read.values.len(), "{name}: a code appears twice");
    assert!(read.values.iter().all(|v| v.raw.is_empty() && v.unit.is_none()), "{name}: values must be blank");
    for field in [Field::Unit, Field::Year, Field::Date, Field::Preparer, Field::Phone] {
        assert!(read.field(field).is_some(), "{name}: field {field:?} missing");
    }
    // Every input cell is unlocked; the code next to it is locked.
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let styles = workbook.worksheet_style("Báo cáo").unwrap();
    let locked = |row: u32, col: u32| {
        styles.get((row, col)).and_then(|s| s.protection.as_ref()).map(|p| p.locked).unwrap_or(true)
    };
    for value in &read.values {
        assert!(!locked(value.at.row, value.at.col), "{name}: {} at {} is locked", value.code, value.at);
        assert!(
            locked(value.at.row, value.at.col - 3),
            "{name}: the code cell of {} is not locked",
            value.code
        );
    }
    let unit = read.field(Field::Unit).unwrap();
    assert!(!locked(unit.at.row, unit.at.col), "{name}: the unit field is locked");
    // Drop-downs and validations: the unit list, Có/Không for every yes/no answer, whole numbers ≥ 0.
    let xml = sheet_xml(path, 1);
    assert!(xml.contains("<sheetProtection"), "{name}: sheet not protected");
    assert!(!xml.contains("password"), "{name}: protection must have no password");
    let list = format!("<formula1>'{}'!$A$2:$A$", contract::LISTS_SHEET);
    assert!(xml.contains(&list), "{name}: no unit drop-down");
    let yes_no = spec.elements(catalogue).iter().filter(|e| e.kind == ElementType::YesNo).count();
    assert_eq!(xml.matches("<formula1>\"Có,Không\"</formula1>").count(), yes_no, "{name}");
    let counts = spec.elements(catalogue).iter().filter(|e| e.kind == ElementType::Count).count();
    assert_eq!(xml.matches("type=\"whole\" operator=\"greaterThanOrEqual\"").count(), counts, "{name}");
    let amounts = catalogue.report_items.iter().filter(|r| r.kind == ReportItemType::Amount).count();
    assert_eq!(xml.matches("type=\"decimal\"").count(), amounts, "{name}");
    assert!(xml.contains("type=\"date\""), "{name}: no date validation");
    assert!(xml.contains("fitToPage=\"1\"") && xml.contains("paperSize=\"9\""), "{name}: not A4 fitted");
    read
}

#[test]
fn every_template_reads_back_by_the_contract() {
    let catalogue = Catalogue::embedded();
    for spec in blank_specs(&catalogue) {
        let path = root().join("templates").join(spec.file_name(&catalogue));
        check_single_unit_workbook(&path, &catalogue, &spec);
    }
}

#[test]
fn the_all_command_writes_every_template_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("Biểu mẫu năm 2024");
    let output = plan().args(["template", "--all", "-o"]).arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let names: BTreeSet<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let expected: BTreeSet<String> = ["ldtbxh", "tu-phap", "gd-dt", "y-te", "vh-tt", "cong-an", "chung"]
        .iter()
        .map(|o| format!("bao-cao-{o}.xlsx"))
        .collect();
    assert_eq!(names, expected);
    let before = std::fs::read(out.join("bao-cao-y-te.xlsx")).unwrap();
    std::fs::write(out.join("bao-cao-y-te.xlsx"), b"filled by a clerk").unwrap();
    let output = plan().args(["template", "--all", "-o"]).arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("đã có 7 tệp (dùng --force để ghi đè)"), "{stderr}");
    assert_eq!(std::fs::read(out.join("bao-cao-y-te.xlsx")).unwrap(), b"filled by a clerk");
    let output = plan().args(["template", "--all", "--force", "-o"]).arg(&out).output().unwrap();
    assert!(output.status.success());
    assert_eq!(std::fs::read(out.join("bao-cao-y-te.xlsx")).unwrap(), before);
}

#[test]
fn a_unit_and_year_are_prefilled() {
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let output = plan()
        .args(["template", "--all", "--unit", "Lộc Yên", "--year", "2024", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // Công an reports only district figures: no workbook for a commune.
    let names: BTreeSet<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let expected: BTreeSet<String> = ["ldtbxh", "tu-phap", "gd-dt", "y-te", "vh-tt", "chung"]
        .iter()
        .map(|o| format!("2024_18520_loc-yen_{o}.xlsx"))
        .collect();
    assert_eq!(names, expected);
    let spec = common::loc_yen_health_form(&catalogue);
    let read =
        check_single_unit_workbook(&dir.path().join("2024_18520_loc-yen_y-te.xlsx"), &catalogue, &spec);
    assert_eq!(read.stamp["unit_code"], "18520");
    assert_eq!(read.stamp["year"], "2024");
    assert_eq!(read.field(Field::Unit).unwrap().raw, Raw::Text("Xã Lộc Yên (18520)".into()));
    assert_eq!(read.field(Field::Year).unwrap().raw, Raw::Number(2024.0));
    // District-level figures are not asked of a commune.
    assert!(read.value("hiv_me_con").is_none());
}

#[test]
fn all_units_writes_one_workbook_per_office_and_unit_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let output = plan()
        .args(["template", "--all", "--all-units", "--year", "2025", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    // 5 offices with commune figures × 7 xã of 2025, and the district workbooks of y-te and cong-an.
    assert_eq!(names.len(), 5 * 7 + 2, "{names:?}");
    assert!(names.contains(&"2025_18550_huong-do_gd-dt.xlsx".to_string()));
    assert!(names.contains(&"2025_444_huyen-huong-khe_cong-an.xlsx".to_string()));
    assert!(!names.iter().any(|n| n.contains("_18520_")), "Lộc Yên no longer reports in 2025");
}

#[test]
fn ambiguous_or_unknown_units_and_missing_years_are_explained() {
    let output = plan().args(["template", "--office", "y-te", "--unit", "18550"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("Xã Hương Trà (2021–2024), Xã Hương Đô (2025–2030)"), "{stderr}");
    assert!(stderr.contains("--year"), "{stderr}");

    let output = plan()
        .args(["template", "--office", "y-te", "--unit", "Loc Yen", "--year", "2026"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    // A name the catalogue knows in other years: when it reported, and who took its area over.
    assert!(
        stderr.contains("Xã Lộc Yên (18520) chỉ báo cáo các năm 2021–2024, không báo cáo năm 2026; từ năm 2025 địa bàn thuộc Xã Hương Đô (18550)"),
        "{stderr}"
    );

    let output = plan().args(["template", "--office", "y-te", "--layout", "units"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("cần --year"));
}

// Regression (issue 23): `-o grid-y-te-2025.xlsx` printed "Đã ghi 1 biểu vào .." (the file's folder, not
// the file).
#[test]
fn one_workbook_written_to_a_file_name_is_reported_by_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("grid-y-te-2025.xlsx");
    let output = plan()
        .args(["template", "--office", "y-te", "--layout", "units", "--year", "2025", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(out, format!("Đã ghi 1 biểu: {}.\n", file.display()));
    assert!(file.is_file());
}

#[test]
fn the_units_layout_has_a_row_per_unit_of_the_year_and_the_district_row() {
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let output = plan()
        .args(["template", "--office", "y-te", "--layout", "units", "--year", "2024", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let path = dir.path().join("2024_y-te_theo-don-vi.xlsx");
    let read = read_path(&path).unwrap();
    assert_eq!(read.stamp["layout"], "units");
    assert_eq!(read.stamp["template_id"], "y-te/units");
    let units: BTreeSet<&str> = read.values.iter().filter_map(|v| v.unit.as_deref()).collect();
    let mut expected: BTreeSet<&str> = catalogue.units_in(2024).map(|u| u.code.as_str()).collect();
    expected.insert("444");
    assert_eq!(units, expected);
    let elements = catalogue.elements_of("y-te").count();
    assert_eq!(read.values.iter().filter(|v| v.unit.is_some()).count(), 22 * elements);
    // The spending and text sections are read from the notes sheet.
    let notes: BTreeSet<&str> =
        read.values.iter().filter(|v| v.unit.is_none()).map(|v| v.code.as_str()).collect();
    assert_eq!(notes.len(), catalogue.report_items.len());
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let styles = workbook.worksheet_style("Số liệu theo đơn vị").unwrap();
    let locked = |v: &plan::submission::RawValue| {
        styles.get((v.at.row, v.at.col)).and_then(|s| s.protection.as_ref()).is_none_or(|p| p.locked)
    };
    for value in read.values.iter().filter(|v| v.unit.is_some()) {
        let district_element =
            catalogue.element(&value.code).unwrap().level == plan::catalogue::ReportLevel::District;
        let district_row = value.unit.as_deref() == Some("444");
        assert_eq!(locked(value), district_element != district_row, "{} {}", value.code, value.at);
    }
}

#[test]
fn workbooks_filled_by_openpyxl_read_back_the_same_values() {
    let dir = root().join("tests/fixtures/filled");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();

    // Filled by openpyxl; then rows and a column inserted; then re-saved by LibreOffice as .xls and .ods.
    for name in ["y-te-openpyxl.xlsx", "y-te-careless.xlsx", "y-te-openpyxl.xls", "y-te-openpyxl.ods"] {
        let single = read_path(&dir.join(name)).unwrap();
        let want = expected[name].as_object().unwrap();
        assert_eq!(single.values.len(), want.len(), "{name}");
        for value in &single.values {
            let got = match &value.raw {
                Raw::Number(n) => serde_json::json!(n),
                Raw::Text(t) => serde_json::json!(t),
                other => panic!("{name} {}: unexpected {other:?}", value.code),
            };
            let want = &want[&value.code];
            assert!(got == *want || got.as_f64() == want.as_f64(), "{name} {}: {got} ≠ {want}", value.code);
        }
        assert_eq!(single.field(Field::Unit).unwrap().raw, Raw::Text("Xã Lộc Yên (18520)".into()), "{name}");
        assert_eq!(single.field(Field::Year).unwrap().raw, Raw::Number(2024.0), "{name}");
        assert!(matches!(single.field(Field::Date).unwrap().raw, Raw::Date(_)), "{name}");
        assert_eq!(single.stamp["template_id"], "y-te/unit", "{name}");
    }

    let grid = read_path(&dir.join("ldtbxh-grid-openpyxl.xlsx")).unwrap();
    let want = expected["ldtbxh-grid-openpyxl.xlsx"].as_object().unwrap();
    let filled: Vec<_> = grid.values.iter().filter(|v| v.unit.is_some()).collect();
    assert_eq!(filled.len(), want.len());
    for value in filled {
        let key = format!("{}/{}", value.unit.as_deref().unwrap(), value.code);
        let got = match &value.raw {
            Raw::Number(n) => serde_json::json!(*n as i64),
            Raw::Text(t) => serde_json::json!(t),
            other => panic!("{key}: unexpected {other:?}"),
        };
        assert_eq!(got, want[&key], "{key}");
    }
}

/// Writes the workbook of `spec` into `dir` and returns its path.
fn written(catalogue: &Catalogue, spec: &Spec, dir: &Path) -> PathBuf {
    let path = dir.join(spec.file_name(catalogue));
    std::fs::write(&path, template::build(catalogue, spec).unwrap()).unwrap();
    path
}

fn texts(path: &Path, sheet: &str) -> Vec<(u32, u32, String)> {
    use calamine::Reader;
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range.used_cells().map(|(r, c, d)| (r0 + r as u32, c0 + c as u32, d.to_string())).collect()
}

/// The height the XML sets on a row (zero-based), if any.
fn row_height(path: &Path, sheet: &str, row: u32) -> Option<f64> {
    let xml = xml::sheet_xml(path, sheet);
    let tag =
        xml.split("<row ").find(|t| xml::attribute(t, "r").as_deref() == Some(&(row + 1).to_string()))?;
    xml::attribute(&tag[..tag.find('>').unwrap()], "ht").map(|h| h.parse().unwrap())
}

#[test]
fn letterheads_name_the_reporting_body_and_the_place_line_its_place() {
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let unit = catalogue.unit("18520", 2024).unwrap();
    let commune = Spec {
        scope: Scope::Office(catalogue.office("y-te").unwrap()),
        layout: Layout::Unit,
        reporter: Some(Reporter::Unit(unit)),
        year: Some(2024),
    };
    let cells = texts(&written(&catalogue, &commune, dir.path()), "Báo cáo");
    assert!(cells.contains(&(0, 0, "UBND XÃ LỘC YÊN".into())), "{:?}", &cells[..3]);
    assert!(cells.iter().any(|(_, _, t)| t.starts_with("Lộc Yên, ngày")));
    assert!(!cells.iter().any(|(_, _, t)| t.starts_with("Hương Khê, ngày")));
    let police = Spec {
        scope: Scope::Office(catalogue.office("cong-an").unwrap()),
        reporter: Some(Reporter::District),
        ..commune
    };
    let cells = texts(&written(&catalogue, &police, dir.path()), "Báo cáo");
    assert!(cells.contains(&(0, 0, "CÔNG AN TỈNH HÀ TĨNH".into())));
    assert!(cells.contains(&(1, 0, "CÔNG AN HUYỆN HƯƠNG KHÊ".into())));
    assert!(!cells.iter().any(|(_, _, t)| t.contains("TOÀN HUYỆN")), "the agency, not the data scope");
    let office_grid = Spec { reporter: None, layout: Layout::Units, ..commune };
    let cells = texts(&written(&catalogue, &office_grid, dir.path()), "Số liệu theo đơn vị");
    assert!(cells.contains(&(0, 0, "UBND HUYỆN HƯƠNG KHÊ".into())));
    assert!(cells.contains(&(1, 0, "PHÒNG Y TẾ; TRUNG TÂM Y TẾ HUYỆN".into())));
}

#[test]
fn the_units_own_results_have_their_own_sheet_and_header_and_rows_are_tall_enough() {
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec { scope: Scope::All, layout: Layout::Unit, reporter: None, year: None };
    let path = written(&catalogue, &spec, dir.path());
    let results = "Kết quả chỉ tiêu";
    assert_eq!(xml::sheet_names(&path)[..2], ["Báo cáo", results]);
    // «Báo cáo» repeats the value table's header row and holds no part II; part II repeats its own.
    let cells = texts(&path, "Báo cáo");
    assert!(!cells.iter().any(|(_, _, t)| t.starts_with("II. KẾT QUẢ") || t == "Mục tiêu"));
    let (header, _, _) = cells.iter().find(|(_, c, t)| *c == 5 && t == "Mã").unwrap();
    assert_eq!(xml::print_titles(&path, "Báo cáo").unwrap(), format!("'Báo cáo'!${0}:${0}", header + 1));
    let cells = texts(&path, results);
    assert!(cells.iter().any(|(r, c, t)| (*r, *c) == (0, 0) && t.starts_with("II. KẾT QUẢ")));
    let (header, _, _) = cells.iter().find(|(_, c, t)| *c == 5 && t == "Mục tiêu").unwrap();
    assert_eq!(cells.iter().find(|(r, c, _)| r == header && *c == 4).unwrap().2, "Kết quả");
    assert_eq!(xml::print_titles(&path, results).unwrap(), format!("'{results}'!${0}:${0}", header + 1));
    // No break is needed on either sheet any more.
    for sheet in ["Báo cáo", results] {
        assert!(!xml::sheet_xml(&path, sheet).contains("<brk "), "{sheet}");
    }
    // 7.1 holds two levels in the column «Mục tiêu», each on one line of 12-point text.
    let (row, _, _) = cells.iter().find(|(r, c, t)| r > header && *c == 1 && t == "7.1").unwrap();
    let targets = &cells.iter().find(|(r, c, _)| r == row && *c == 5).unwrap().2;
    assert!(targets.contains("2025: ≥ 100% (hằng năm từ 2025)"), "{targets}");
    assert!(row_height(&path, results, *row).unwrap() >= 2.0 * 15.0, "{targets}");
    // Its formulas read the entries of «Báo cáo».
    let xml = xml::sheet_xml(&path, results);
    assert!(
        xml.matches("<f>IF(COUNT(&apos;Báo cáo&apos;!D").count()
            + xml.matches("<f>IF(COUNT('Báo cáo'!D").count()
            > 20
    );
}

#[test]
fn the_units_grid_repeats_the_unit_columns_and_keeps_its_header_on_the_first_page() {
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        scope: Scope::Office(catalogue.office("y-te").unwrap()),
        layout: Layout::Units,
        reporter: None,
        year: Some(2024),
    };
    let path = written(&catalogue, &spec, dir.path());
    let sheet = "Số liệu theo đơn vị";
    let titles = xml::print_titles(&path, sheet).unwrap();
    assert!(titles.starts_with("'Số liệu theo đơn vị'!$A:$C,"), "{titles}");
    let cells = texts(&path, sheet);
    let last_col = cells.iter().map(|(_, c, _)| *c).max().unwrap();
    // The title is off the repeated columns A:C and within the first page.
    let title_merge = xml::merged(&path, sheet).into_iter().find(|m| m.starts_with("D4:")).unwrap();
    let end = title_merge.trim_start_matches("D4:").trim_end_matches('4').to_string();
    let end_col = end.bytes().fold(0u32, |n, b| n * 26 + (b - b'A' + 1) as u32) - 1;
    assert!(last_col > 12, "the grid is wider than a page");
    assert!(
        end_col <= 12 && end_col < last_col,
        "title merged over {title_merge}, grid to column {last_col}"
    );
}

#[test]
fn codes_are_read_back_but_neither_printed_nor_in_the_clerks_way() {
    // Regression (issue 22): each data row showed its element code in a grey «Mã» column, printed.
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let unit = Spec { scope: Scope::All, layout: Layout::Unit, reporter: None, year: None };
    let grid = y_te_grid_2024(&catalogue);
    for (spec, sheet) in [(&unit, "Báo cáo"), (&grid, "Thuyết minh")] {
        let path = written(&catalogue, spec, dir.path());
        let cells = texts(&path, sheet);
        let (header, col, _) = cells.iter().find(|(_, _, t)| t == contract::HEADER_CODE).unwrap().clone();
        let codes = cells.iter().filter(|(r, c, t)| *r > header && *c == col && t.contains('_')).count();
        assert!(codes >= 5, "{sheet}: {codes} codes");
        // The column is hidden…
        let xml = xml::sheet_xml(&path, sheet);
        let hidden =
            xml::column_tag(&xml, col as usize).unwrap_or_else(|| panic!("{sheet}: no <col> for the codes"));
        assert_eq!(xml::attribute(hidden, "hidden").as_deref(), Some("1"), "{sheet}: {hidden}");
        // …and right of the print area, which holds every other column of the table.
        let area = xml::print_area(&path, sheet).unwrap_or_else(|| panic!("{sheet}: no print area"));
        let last = xml::cell(0, col as usize - 1).trim_end_matches('1').to_string();
        assert!(area.starts_with(&format!("'{sheet}'!$A$1:${last}$")), "{sheet}: {area}");
        // Nothing else is lost from the print: every other text of the table's header is inside it.
        let printed: Vec<u32> = cells.iter().filter(|(r, _, _)| *r == header).map(|(_, c, _)| *c).collect();
        assert!(printed.iter().all(|c| *c <= col), "{printed:?}");
    }
    // The blank form reads back: every element's code is found.
    let path = written(&catalogue, &unit, dir.path());
    let read = read_path(&path).unwrap();
    assert_eq!(read.values.len(), unit.elements(&catalogue).len() + catalogue.report_items.len());
}

#[test]
fn the_grid_prints_its_title_on_every_page_and_its_signatures_whole() {
    // Regression (issue 22): the grid's signature block printed cut ("NGƯỜI LẬ") on a continuation page,
    // its title off-centre on page 1 and not at all on the others.
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let spec = y_te_grid_2024(&catalogue);
    let path = written(&catalogue, &spec, dir.path());
    let sheet = "Số liệu theo đơn vị";
    let cells = texts(&path, sheet);
    let title = &catalogue.reporting.report_title;
    let title_row = cells.iter().find(|(_, _, t)| t == title).unwrap().0;
    let (codes_row, _, _) = cells.iter().find(|(_, _, t)| t == contract::HEADER_UNIT_CODE).unwrap().clone();
    // The title lines and the table's header repeat on every page, with the unit columns.
    let titles = xml::print_titles(&path, sheet).unwrap();
    assert_eq!(titles, format!("'{sheet}'!$A:$C,'{sheet}'!${}:${}", title_row + 1, codes_row + 1));
    // The pages' columns are fixed by breaks, and each page has its own copy of the title, off the repeated
    // unit columns.
    let xml = xml::sheet_xml(&path, sheet);
    let breaks: Vec<u32> = xml
        .split("<colBreaks")
        .nth(1)
        .unwrap()
        .split("<brk ")
        .skip(1)
        .map(|b| xml::attribute(b, "id").unwrap().parse().unwrap())
        .collect();
    assert!(!breaks.is_empty());
    let copies: Vec<u32> =
        cells.iter().filter(|(r, _, t)| *r == title_row && t == title).map(|c| c.1).collect();
    assert_eq!(copies.len(), breaks.len() + 1, "{copies:?} {breaks:?}");
    assert!(copies.iter().all(|c| *c >= 3) && copies[1..].iter().zip(&breaks).all(|(c, b)| c == b));
    // The row of codes under the labels is hidden.
    let codes_tag = xml.split("<row ").find(|r| xml::attribute(r, "r") == Some((codes_row + 1).to_string()));
    assert_eq!(codes_tag.and_then(|r| xml::attribute(r, "hidden")).as_deref(), Some("1"));
    // Each half of the signature block is one merged cell within the first page's columns.
    let merged = xml::merged(&path, sheet);
    for text in ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"]
    {
        let (row, col, _) = cells.iter().find(|(_, _, t)| t == text).unwrap().clone();
        let start = xml::cell(row as usize, col as usize);
        let range =
            merged.iter().find(|m| m.starts_with(&format!("{start}:"))).unwrap_or_else(|| panic!("{text}"));
        let end = range.split(':').nth(1).unwrap();
        let end_col = end.trim_end_matches(|c: char| c.is_ascii_digit());
        let end_index = end_col.bytes().fold(0u32, |n, b| n * 26 + (b - b'A' + 1) as u32) - 1;
        assert!(end_index < breaks[0], "{text}: {range}, first break {}", breaks[0]);
    }
}

#[test]
fn the_grid_prints_at_a_scale_with_its_letterhead_once_and_the_totals_never_alone() {
    // Regression (issue 22, looked at in LibreOffice): the grid was fitted to a number of pages, so both
    // programs ignored its column breaks (the education grid's second page began in the middle of its
    // title); the repeated unit columns printed the letterhead at the top left of every continuation page;
    // the health grid of 2024 printed «Cộng các đơn vị» alone at the top of page 2.
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let path = written(&catalogue, &y_te_grid_2024(&catalogue), dir.path());
    let sheet = "Số liệu theo đơn vị";
    let xml = xml::sheet_xml(&path, sheet);
    let setup = xml.split("<pageSetup ").nth(1).unwrap();
    let scale: u16 = xml::attribute(setup, "scale").unwrap().parse().unwrap();
    assert!((60..=90).contains(&scale), "{setup}");
    assert!(xml::attribute(setup, "fitToWidth").is_none() && !xml.contains("fitToPage=\"1\""), "{setup}");
    // One print range per page's columns: the first from the top (letterhead, fields, signatures), the
    // others from the title lines to the totals.
    let cells = texts(&path, sheet);
    let title_row = cells.iter().find(|(_, _, t)| t == &catalogue.reporting.report_title).unwrap().0;
    let totals_row = cells.iter().find(|(_, _, t)| t == "Cộng các đơn vị").unwrap().0;
    let area = xml::print_area(&path, sheet).unwrap();
    let ranges: Vec<&str> = area.split(',').map(|r| r.split('!').nth(1).unwrap()).collect();
    assert_eq!(ranges.len(), 3, "{area}");
    assert!(ranges[0].starts_with("$A$1:"), "{area}");
    for range in &ranges[1..] {
        let (top, bottom) = range.split_once(':').unwrap();
        let row = |cell: &str| cell.rsplit('$').next().unwrap().parse::<u32>().unwrap();
        assert_eq!((row(top), row(bottom)), (title_row + 1, totals_row + 1), "{area}");
    }
    // The last rows of units go with the totals onto their page.
    let breaks: Vec<u32> = xml
        .split("<rowBreaks")
        .nth(1)
        .map(|b| {
            b.split("<brk ").skip(1).map(|b| xml::attribute(b, "id").unwrap().parse().unwrap()).collect()
        })
        .unwrap_or_default();
    assert!(breaks.iter().all(|b| *b + 3 <= totals_row), "{breaks:?}, totals on row {totals_row}");
}

/// The health office's grid of 2024.
fn y_te_grid_2024(catalogue: &Catalogue) -> Spec<'_> {
    Spec {
        scope: Scope::Office(catalogue.office("y-te").unwrap()),
        layout: Layout::Units,
        reporter: None,
        year: Some(2024),
    }
}

#[test]
fn the_guide_prints_no_codes_nor_speaks_of_the_hidden_code_column() {
    // Regression (issue 22, looked at in LibreOffice): the guide's definitions began with a printed «Mã»
    // column of codes (tre_de_song…) and told the clerk not to edit the «Mã» column, which the data sheet
    // now hides.
    let catalogue = Catalogue::embedded();
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        scope: Scope::Office(catalogue.office("y-te").unwrap()),
        layout: Layout::Unit,
        reporter: None,
        year: None,
    };
    let path = written(&catalogue, &spec, dir.path());
    let sheet = "Hướng dẫn";
    let cells = texts(&path, sheet);
    assert!(!cells.iter().any(|(_, _, t)| t.contains("cột «Mã»")), "the guide speaks of the «Mã» column");
    let code = &spec.elements(&catalogue)[0].code;
    let (_, col, _) = cells.iter().find(|(_, _, t)| t == code).unwrap().clone();
    let xml = xml::sheet_xml(&path, sheet);
    let tag = xml::column_tag(&xml, col as usize).unwrap_or_else(|| panic!("no <col> for the codes"));
    assert_eq!(xml::attribute(tag, "hidden").as_deref(), Some("1"), "{tag}");
}
