//! End-to-end tests of `plan template`: the committed templates are current, every workbook reads back by
//! the reading contract, inputs are unlocked with drop-downs, and workbooks filled by another program
//! (openpyxl) read back the same values.

use assert_cmd::Command;
use calamine::{Xlsx, open_workbook};
use plan::catalogue::{Catalogue, ElementType, ReportItemType};
use plan::contract;
use plan::submission::{Field, Raw, RawWorkbook, read_path};
use plan::template::{self, Layout, Reporter, Scope, Spec};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan() -> Command {
    let mut cmd = Command::cargo_bin("plan").unwrap();
    cmd.env_remove("PLAN_CATALOGUE").env_remove("PLAN_LANG");
    cmd
}

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
    let unit = catalogue.unit("18520", 2024).unwrap();
    let spec = Spec {
        scope: Scope::Office(catalogue.office("y-te").unwrap()),
        layout: Layout::Unit,
        reporter: Some(Reporter::Unit(unit)),
        year: Some(2024),
    };
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
