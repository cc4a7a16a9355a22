//! `plan aggregate` on checks that only the merged values can make: a catalogue rule over two offices'
//! workbooks of one unit (`tre_duoi_5 <= tre_em`: children under 5 from the health office, children under
//! 16 from the labour office). Each value is named by its file and cell, on the terminal, in the JSON and
//! in the report's «Kiểm tra» sheet.

use calamine::{Data, Reader, Xlsx, open_workbook};
use plan::catalogue::Catalogue;
use serde_json::Value;
use std::path::Path;

mod common;
use common::plan;

/// Two workbooks of Lộc Yên in `dir/nop`: 130 children under 5 (health), 120 under 16 (labour).
fn two_offices(dir: &Path) -> (String, String) {
    let catalogue = Catalogue::embedded();
    let folder = dir.join("nop");
    std::fs::create_dir_all(&folder).unwrap();
    let write = |office: &str, code: &str, value: f64| {
        let (name, bytes) = common::loc_yen_filled(&catalogue, office, code, value);
        std::fs::write(folder.join(&name), bytes).unwrap();
        name
    };
    (write("y-te", "tre_duoi_5", 130.0), write("ldtbxh", "tre_em", 120.0))
}

/// The number in `file`'s cell `cell` ("Báo cáo!D25").
fn number_at(file: &Path, cell: &str) -> Option<f64> {
    let (sheet, address) = cell.rsplit_once('!')?;
    let mut workbook: Xlsx<_> = open_workbook(file).ok()?;
    let range = workbook.worksheet_range(sheet).ok()?;
    let (row, col) = plan::formula::cell(address)?;
    match range.get_value((row, u32::from(col)))? {
        Data::Float(n) => Some(*n),
        Data::Int(n) => Some(*n as f64),
        _ => None,
    }
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = plan()
        .current_dir(dir)
        .arg("aggregate")
        .arg("nop")
        .args(["--year", "2024"])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code(), text)
}

#[test]
fn a_rule_across_two_offices_names_each_value_s_file_and_cell_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (health, labour) = two_offices(dir.path());
    let (health_path, labour_path) = (format!("nop/{health}"), format!("nop/{labour}"));

    // JSON: the finding, with each value's file and cell, and those cells hold the values compared.
    let (code, out) = run(dir.path(), &["--format", "json"]);
    assert_eq!(code, Some(1), "{out}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let rule: Vec<&Value> = findings.iter().filter(|f| f["code"] == "rule.tre-duoi-5-tre-em").collect();
    assert_eq!(rule.len(), 1, "{findings:#?}");
    let rule = rule[0];
    assert_eq!(rule["unit"], "18520");
    let places = rule["places"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> =
        places.iter().map(|p| (p["file"].as_str().unwrap(), p["element"].as_str().unwrap())).collect();
    assert_eq!(pairs, [(health_path.as_str(), "tre_duoi_5"), (labour_path.as_str(), "tre_em")]);
    let cells: Vec<&str> = places.iter().map(|p| p["cell"].as_str().unwrap()).collect();
    assert!(cells.iter().all(|c| c.starts_with("Báo cáo!")), "{cells:?}");
    assert_eq!(number_at(&dir.path().join(&health_path), cells[0]), Some(130.0), "{}", cells[0]);
    assert_eq!(number_at(&dir.path().join(&labour_path), cells[1]), Some(120.0), "{}", cells[1]);
    assert_eq!((rule["file"].as_str(), rule["cell"].as_str()), (Some(health_path.as_str()), Some(cells[0])));
    let message = rule["message"].as_str().unwrap();
    let expected = format!(
        "Xã Lộc Yên (18520): Số trẻ em dưới 5 tuổi không được lớn hơn tổng số trẻ em dưới 16 tuổi. [«Số trẻ em dưới 5 tuổi» = 130 (tệp {health_path}, ô {}); «Tổng số trẻ em (dưới 16 tuổi) trên địa bàn» = 120 (tệp {labour_path}, ô {})]",
        cells[0], cells[1]
    );
    assert_eq!(message, expected);
    // Regression (issue 23): such a finding cited "(ô A1)" for both values, in a file "(tổng hợp)".
    for finding in findings {
        let text = serde_json::to_string(finding).unwrap();
        assert!(
            !text.contains("ô A1") && !text.contains("(tổng hợp)") && !text.contains("cell A1"),
            "{text}"
        );
    }

    // The terminal: the finding whole, with both files and cells, in Vietnamese and in English.
    let (code, text) = run(dir.path(), &["-o", "bao-cao.xlsx"]);
    assert_eq!(code, Some(1));
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Số liệu của các biểu khác nhau không khớp nhau (1):"), "{text}");
    assert!(words.contains(&format!("Lỗi: {expected}")), "{text}");
    let (_, english) = run(dir.path(), &["-o", "report-en.xlsx", "--lang", "en"]);
    let english = english.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(english.contains("Figures of different workbooks that do not agree (1):"), "{english}");
    for expected in [
        format!("«Children under 5» = 130 (file {health_path}, cell {})", cells[0]),
        format!("«Children under 16» = 120 (file {labour_path}, cell {})", cells[1]),
    ] {
        assert!(english.contains(&expected), "{expected} in {english}");
    }

    // «Kiểm tra»: both files in the file column, both cells in the cell column, the message.
    let mut report: Xlsx<_> = open_workbook(dir.path().join("bao-cao.xlsx")).unwrap();
    let checks = report.worksheet_range("Kiểm tra").unwrap();
    let row: Vec<String> = checks
        .rows()
        .find(|r| r.get(4).is_some_and(|d| d.to_string() == expected))
        .unwrap_or_else(|| panic!("no row with {expected}"))
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(row[0], format!("{health_path}\n{labour_path}"));
    assert_eq!(row[1], "Lỗi");
    assert_eq!(row[2], format!("{}\n{}", cells[0], cells[1]));
    assert_eq!(row[3], "Xã Lộc Yên (18520)");
    let every_cell: Vec<String> = checks.rows().flat_map(|r| r.iter().map(|d| d.to_string())).collect();
    assert!(every_cell.iter().all(|c| !c.contains("(tổng hợp)") && !c.contains("ô A1")), "{every_cell:?}");
}
