//! End-to-end tests of `plan validate` on real workbooks (`tests/fixtures/validate/`, made by
//! `tests/fixtures/scripts/make_validate_fixtures.py`): every planted mistake gives its code and cell.

use serde_json::Value;
use std::collections::BTreeMap;

mod common;
use common::{fixtures, plan};

/// Runs `plan validate --format json` and returns the exit code and the report.
fn validate(args: &[&str]) -> (i32, Value) {
    let output = plan()
        .arg("validate")
        .args(args)
        .args(["--format", "json"])
        .current_dir(fixtures())
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code().unwrap(), json)
}

/// (code, cell) of every finding of one file, sorted.
fn findings(file: &Value) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_string(), f["cell"].as_str().unwrap_or("").to_string()))
        .collect();
    list.sort();
    list
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = list.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect();
    list.sort();
    list
}

#[test]
fn clean_workbooks_are_valid_in_every_format_and_name() {
    let files = ["clean.xlsx", "clean.xls", "clean.ods", "BÁO CÁO Y TẾ Lộc Yên.XLSX", "far-cell.xlsx"];
    let (code, json) = validate(&files);
    assert_eq!(code, 0, "{json:#}");
    for file in json["files"].as_array().unwrap() {
        assert_eq!(file["status"], "valid", "{file:#}");
        assert!(file["findings"].as_array().unwrap().is_empty(), "{file:#}");
        assert_eq!(file["unit"], "18520");
        assert_eq!(file["year"], 2024);
        assert_eq!(file["report_date"], "2024-10-20");
        assert_eq!(file["office"], "y-te");
    }
}

#[test]
fn every_planted_mistake_is_found_at_its_cell_in_every_format() {
    let common = [
        ("date.late", "Báo cáo!C12"),
        ("value.read_as", "Báo cáo!E19"),
        ("value.not_a_number", "Báo cáo!E22"),
        ("value.not_whole", "Báo cáo!E24"),
        ("value.read_as", "Báo cáo!E25"),
        ("value.negative", "Báo cáo!E26"),
        ("value.empty", "Báo cáo!E27"),
        ("value.date", "Báo cáo!E29"),
        ("consistency.numerator", "Báo cáo!E32"),
        ("rule.tu-vong-so-sinh-duoi-1", "Báo cáo!E20"),
        ("rule.tre-duoi-5-tre-de-song", "Báo cáo!E19"),
    ];
    // openpyxl stores "=1/0" without a result; LibreOffice computes it to #DIV/0!.
    for (file, formula) in [
        ("mistakes.xlsx", "value.formula_no_result"),
        ("mistakes.xls", "value.error"),
        ("mistakes.ods", "value.error"),
    ] {
        let (code, json) = validate(&[file]);
        assert_eq!(code, 1);
        let mut expected = common.to_vec();
        expected.push((formula, "Báo cáo!E28"));
        assert_eq!(findings(&json["files"][0]), pairs(&expected), "{file}");
        assert_eq!(json["files"][0]["errors"], 8, "{file}");
        assert_eq!(json["files"][0]["warnings"], 4, "{file}");
    }
}

#[test]
fn findings_carry_every_field_and_say_what_to_do() {
    let (_, json) = validate(&["mistakes.xlsx"]);
    let all = json["files"][0]["findings"].as_array().unwrap();
    let find = |code: &str| all.iter().find(|f| f["code"] == code).unwrap();
    let not_whole = find("value.not_whole");
    assert_eq!(not_whole["severity"], "error");
    assert_eq!(not_whole["file"], "mistakes.xlsx");
    assert_eq!(not_whole["element"], "can_do_nong_thon");
    assert_eq!(not_whole["found"], "4,5");
    assert_eq!(not_whole["expected"], "số nguyên ≥ 0");
    assert!(not_whole["message"].as_str().unwrap().contains("phải là số nguyên"));
    assert!(not_whole["message_en"].as_str().unwrap().contains("whole number"));
    let read_as = find("value.read_as");
    assert_eq!(read_as["severity"], "warning");
    assert_eq!(read_as["expected"], "1234");
    let rule = find("rule.tu-vong-so-sinh-duoi-1");
    assert_eq!(rule["unit"], "18520");
    // People read labels and cells; the codes are in `found`.
    assert!(
        rule["message"]
            .as_str()
            .unwrap()
            .contains("«Số trẻ sơ sinh tử vong (từ 0 đến dưới 28 ngày tuổi)» = 3 (ô E20)")
    );
    assert!(!rule["message"].as_str().unwrap().contains("tu_vong_so_sinh"));
    assert!(rule["found"].as_str().unwrap().contains("tu_vong_so_sinh = 3"));
    assert_eq!(json["totals"]["errors"], 8);
}

#[test]
fn identity_problems_point_at_the_header_fields() {
    let cases: BTreeMap<&str, Vec<(&str, &str)>> = [
        ("unit-unknown.xlsx", vec![("unit.unknown", "Báo cáo!C10"), ("date.missing", "Báo cáo!C12")]),
        ("unit-not-in-year.xlsx", vec![("unit.not_in_year", "Báo cáo!C10")]),
        ("year-out-of-span.xlsx", vec![("year.out_of_span", "Báo cáo!C11")]),
    ]
    .into_iter()
    .collect();
    for (file, expected) in cases {
        let (code, json) = validate(&[file]);
        assert_eq!(code, 1, "{file}");
        assert_eq!(findings(&json["files"][0]), pairs(&expected), "{file}");
    }
    let (_, json) = validate(&["unit-unknown.xlsx"]);
    let unknown = &json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "unit.unknown")
        .unwrap();
    assert!(unknown["message"].as_str().unwrap().contains("Có phải «Xã Lộc Yên (18520)»?"), "{unknown}");
    let (_, json) = validate(&["unit-not-in-year.xlsx"]);
    let message = json["files"][0]["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("từ năm 2025 địa bàn thuộc Xã Hương Đô (18550)"), "{message}");
}

#[test]
fn an_unknown_office_is_refused_and_implausible_mortality_is_a_warning() {
    let (code, json) = validate(&["unknown-office.xlsx", "high-mortality.xlsx"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&json["files"][0]), pairs(&[("file.unknown_office", "")]));
    assert_eq!(findings(&json["files"][1]), pairs(&[("rule.tu-vong-duoi-5-cao", "Báo cáo!E22")]));
    assert_eq!(json["files"][1]["status"], "valid");
    assert_eq!(json["files"][1]["findings"][0]["severity"], "warning");
}

#[test]
fn yes_no_answers_are_read_or_refused() {
    let (code, json) = validate(&["yes-no-x.xlsx", "yes-no-bad.xlsx"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&json["files"][0]), pairs(&[("value.read_as", "Báo cáo!E19")]));
    assert_eq!(json["files"][0]["status"], "valid");
    assert_eq!(findings(&json["files"][1]), pairs(&[("value.not_yes_no", "Báo cáo!E19")]));
}

#[test]
fn a_grid_reports_unknown_units_and_empty_rows() {
    let (code, json) = validate(&["grid.xlsx"]);
    assert_eq!(code, 1);
    let file = &json["files"][0];
    assert_eq!(file["layout"], "units");
    assert_eq!(
        findings(file),
        pairs(&[("unit.no_data", "Số liệu theo đơn vị!D24"), ("unit.unknown", "Số liệu theo đơn vị!B32")])
    );
}

#[test]
fn broken_files_are_findings_and_never_stop_the_others() {
    let files = [
        "empty.xlsx",
        "truncated.xlsx",
        "renamed-text.xls",
        "encrypted.xlsx",
        "not-plan.xlsx",
        "incompatible-version.xlsx",
        "missing.xlsx",
        "clean.xlsx",
    ];
    let (code, json) = validate(&files);
    assert_eq!(code, 1);
    let codes: Vec<String> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["code"].as_str().unwrap())
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    assert_eq!(
        codes,
        [
            "file.unreadable",
            "file.unreadable",
            "file.unreadable",
            "file.encrypted",
            "file.not_plan",
            "file.incompatible_version",
            "file.unreadable",
            ""
        ]
    );
    assert_eq!(json["files"][7]["status"], "valid");
    let encrypted = json["files"][3]["findings"][0]["message"].as_str().unwrap();
    assert!(encrypted.starts_with("Tệp được đặt mật khẩu"), "{encrypted}");
}

#[test]
fn another_catalogue_version_with_the_same_codes_is_read_with_a_warning() {
    let (code, json) = validate(&["other-version.xlsx"]);
    assert_eq!(code, 0);
    assert_eq!(findings(&json["files"][0]), pairs(&[("file.other_version", "")]));
    assert!(json["files"][0]["findings"][0]["message"].as_str().unwrap().contains("80/KH-UBND-2020.9"));
}

#[test]
fn folders_are_read_recursively_and_the_table_has_one_line_per_file() {
    let output = plan().args(["validate", ".", "--all"]).current_dir(fixtures()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let files = std::fs::read_dir(fixtures()).unwrap().count();
    let verdicts = text.lines().filter(|l| l.starts_with("→ ") || l.ends_with(" → Hợp lệ"));
    assert_eq!(verdicts.count(), files, "{text}");
    assert!(text.contains(" → Hợp lệ\n"));
    assert!(text.contains("→ 8 lỗi, 4 cảnh báo\n"));
    assert!(text.contains("có lỗi; tổng "), "{text}");
    let english = plan()
        .args(["validate", "clean.xlsx", "mistakes.xlsx", "--lang", "en", "--all"])
        .current_dir(fixtures())
        .output()
        .unwrap();
    let text = String::from_utf8(english.stdout).unwrap();
    assert!(text.contains(" → Valid\n") && text.contains("→ 8 errors, 4 warnings\n"), "{text}");
}

#[test]
fn a_large_change_from_last_year_is_a_warning() {
    let (code, json) = validate(&["clean.xlsx", "--previous", "previous-2023.xlsx"]);
    assert_eq!(code, 0);
    let file = &json["files"][0];
    assert_eq!(findings(file), pairs(&[("previous.change", "Báo cáo!E26")]));
    let message = file["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("4.1") && message.contains("6,67%") && message.contains("năm 2023 là 1,67%"),
        "{message}"
    );
    // Without --previous the same file is clean.
    let (_, json) = validate(&["clean.xlsx"]);
    assert!(json["files"][0]["findings"].as_array().unwrap().is_empty());
    assert_eq!(file["findings"][0]["explained"], Value::Null);
}

#[test]
fn a_note_beside_a_value_explains_the_warnings_about_it() {
    // The note beside the children weighed (F24), the denominator of 4.1, explains 4.1's move; the note
    // beside 7 deaths under 5 (F22) explains the high-mortality rule's warning.
    let (code, json) = validate(&["clean-with-note.xlsx", "--previous", "previous-2023.xlsx"]);
    assert_eq!(code, 0);
    let explained: Vec<(&str, &str)> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["explained"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        explained,
        [
            ("rule.tu-vong-duoi-5-cao", "7 trẻ tử vong trong một vụ tai nạn giao thông"),
            (
                "previous.change",
                "Năm 2024 cân đo bổ sung ở các thôn vùng sâu, nên số trẻ suy dinh dưỡng tăng"
            ),
        ]
    );
}

#[test]
fn annotated_copies_carry_the_entries_the_notes_and_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let output = plan()
        .args(["validate", "mistakes.xlsx", "clean.xlsx", "empty.xlsx", "--annotate"])
        .arg(dir.path())
        .current_dir(fixtures())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("mistakes_can-sua.xlsx"), "{text}");
    assert!(text.contains("Không tạo được bản chú thích cho: empty.xlsx"), "{text}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["mistakes_can-sua.xlsx"], "a clean file needs no copy");
    let copy = dir.path().join("mistakes_can-sua.xlsx");
    // The copy holds the clerk's entries: checked again, it shows the same problems at the same cells,
    // but for the values read with a warning ("1.234" typed as text), stored as what they were read as.
    let (_, original) = validate(&["mistakes.xlsx"]);
    let again = plan().args(["validate", "--format", "json"]).arg(&copy).output().unwrap();
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    let mut expected = findings(&original["files"][0]);
    expected.retain(|(code, _)| code != "value.read_as");
    assert!(expected.len() < findings(&original["files"][0]).len(), "no value read as in mistakes.xlsx");
    assert_eq!(findings(&again["files"][0]), expected);
    // A note on each problem cell, and the list sheet.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&copy).unwrap()).unwrap();
    let mut comments = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/comments1.xml").unwrap(), &mut comments).unwrap();
    assert!(comments.contains("phải là số nguyên"), "{comments}");
    let read = plan::submission::read_path(&copy).unwrap();
    assert!(read.sheets.contains(&"Lỗi cần sửa".to_string()));
}

#[test]
fn english_messages_hold_no_vietnamese_of_the_rules() {
    let output =
        plan().args(["validate", "--format", "json"]).arg(fixtures().join("mistakes.xlsx")).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let message = |code: &str| {
        findings.iter().find(|f| f["code"] == code).unwrap()["message_en"].as_str().unwrap().to_string()
    };
    let late = message("date.late");
    assert!(late.contains("before 30 October each year"), "{late}");
    assert!(!late.contains("trước"), "{late}");
    let above = findings
        .iter()
        .find(|f| f["message_en"].as_str().unwrap().contains("part 5.1"))
        .unwrap()["message_en"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(above.contains("«Children under 1» (100, cell E31)"), "{above}");
    assert!(!above.contains("tre_duoi_1"), "element codes are not words: {above}");
}

#[test]
fn inputs_of_one_name_in_two_folders_get_two_annotated_copies() {
    // Regression (718e99c): the second folder's annotated copy overwrote the first's (one name, one copy).
    let dir = tempfile::tempdir().unwrap();
    for folder in ["Lộc Yên", "Hương Long"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::copy(fixtures().join("mistakes.xlsx"), dir.path().join(folder).join("y-te.xlsx")).unwrap();
    }
    let out = dir.path().join("can-sua");
    plan()
        .current_dir(dir.path())
        .args(["validate", "Lộc Yên", "Hương Long", "--annotate", "can-sua"])
        .assert()
        .code(1);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["y-te-2_can-sua.xlsx", "y-te_can-sua.xlsx"]);
}
