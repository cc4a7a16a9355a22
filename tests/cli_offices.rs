//! End-to-end tests of offices that change over time (issue 23): the forms, the register and `status` of
//! a year name the body of that year; a workbook of an office that a catalogue ends is read for the years
//! it existed and refused afterwards, naming the office that took its portfolio over.

use serde_json::Value;
use std::path::Path;

mod common;
use common::{plan, root, xml_of};

/// Writes the form of `office` for `year` (the district's own when `district`) and returns its texts.
fn form_text(office: &str, year: u16, district: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let year = year.to_string();
    let mut args = vec!["template", "--office", office, "--year", &year, "-o"];
    let out = dir.path().display().to_string();
    args.push(&out);
    if district {
        args.extend(["--unit", "444"]);
    }
    plan().args(&args).assert().success();
    let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    xml_of(&std::fs::read(&file).unwrap())
}

#[test]
fn a_2025_form_names_the_body_of_2025_and_a_2024_form_the_district_office() {
    // Regression: Hương Khê's 2025 forms said "Lĩnh vực: Phòng Lao động - Thương binh và Xã hội", an office
    // dissolved on 1/3/2025.
    let form_2025 = form_text("ldtbxh", 2025, false);
    assert!(form_2025.contains("Lĩnh vực: Sở Y tế (lĩnh vực trẻ em)"), "2025 form");
    assert!(!form_2025.contains("Thương binh"), "the 2025 form names the dissolved office");
    let form_2024 = form_text("ldtbxh", 2024, false);
    assert!(form_2024.contains("Lĩnh vực: Phòng Lao động - Thương binh và Xã hội"), "2024 form");
    // The police's district form carries the letterhead of its year.
    let police_2025 = form_text("cong-an", 2025, true);
    assert!(police_2025.contains("BỘ CÔNG AN") && police_2025.contains("Lĩnh vực: Công an tỉnh Hà Tĩnh"));
    assert!(!police_2025.contains("CÔNG AN HUYỆN"));
    let police_2024 = form_text("cong-an", 2024, true);
    assert!(police_2024.contains("CÔNG AN HUYỆN HƯƠNG KHÊ"));
}

/// Hương Khê's catalogue in which the labour office ends in 2024 and the health office takes its portfolio
/// over, as a province's copy would say it.
fn catalogue_ending_labour_office(dir: &Path) -> String {
    let text = std::fs::read_to_string(root().join("indicators.toml")).unwrap();
    let labour =
        "reports = true\n\n[[offices.names]]\nfrom = 2025\nto = 2030\nname = \"Sở Y tế (lĩnh vực trẻ em)\"";
    assert!(text.contains(labour), "the labour office's 2025 name in indicators.toml");
    let ended = "reports = true\nto = 2024\nsuccessor = \"y-te\"\n\n[[offices.names]]\nfrom = 2021\nto = 2024\nname = \"Phòng Lao động - Thương binh và Xã hội huyện Hương Khê\"";
    let path = dir.join("ended.toml");
    std::fs::write(&path, text.replacen(labour, ended, 1)).unwrap();
    path.display().to_string()
}

fn validate(catalogue: &str, file: &Path) -> (i32, Value) {
    let output = plan()
        .args(["--catalogue", catalogue, "validate", &file.display().to_string(), "--format", "json"])
        .output()
        .unwrap();
    (output.status.code().unwrap(), serde_json::from_slice(&output.stdout).unwrap())
}

#[test]
fn a_workbook_of_an_office_that_ended_is_read_for_its_years_and_refused_after_naming_the_successor() {
    // Regression: a catalogue that changes its offices refused older workbooks ("Biểu mẫu của cơ quan
    // «ldtbxh», không có trong danh mục chỉ tiêu đang dùng").
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_ending_labour_office(dir.path());
    let examples = root().join("examples");
    let (code, json) = validate(&catalogue, &examples.join("2024/2024_18496_huong-khe_ldtbxh.xlsx"));
    assert_eq!((code, &json["files"][0]["status"]), (0, &Value::from("valid")), "{json:#}");

    let (code, json) = validate(&catalogue, &examples.join("2025/2025_18496_huong-khe_ldtbxh.xlsx"));
    assert_eq!(code, 1, "{json:#}");
    let finding = &json["files"][0]["findings"][0];
    assert_eq!(finding["code"], "file.office_not_in_year", "{json:#}");
    assert_eq!(finding["expected"], "y-te");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("từ năm 2025 lĩnh vực này do Sở Y tế; Trung tâm Y tế khu vực Hương Khê báo cáo: hãy dùng biểu mẫu năm 2025"),
        "{message}"
    );
    // No 2025 form is made for the office that ended; the error names the one that took it over.
    let output = plan()
        .args(["--catalogue", &catalogue, "template", "--office", "ldtbxh", "--year", "2025", "-o"])
        .arg(dir.path().join("forms"))
        .output()
        .unwrap();
    let error = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{error}");
    assert!(error.contains("«ldtbxh» chỉ có các năm 2021–2024: từ năm 2025 lĩnh vực này do"), "{error}");
}

#[test]
fn the_register_and_status_of_2025_name_the_bodies_of_2025() {
    let dir = tempfile::tempdir().unwrap();
    let output = plan()
        .env("COLUMNS", "200")
        .env("NO_COLOR", "1")
        .current_dir(dir.path())
        .args(["status", &root().join("examples/2025").display().to_string()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    for body in ["Sở Y tế (trẻ em)", "Sở GD&ĐT", "Sở Tư pháp", "Sở VH-TT-DL"] {
        assert!(out.contains(body), "status does not name {body}:\n{out}");
    }
    assert!(!out.contains("LĐ-TB&XH"), "{out}");
    // The register of the consolidated report («Tiến độ nộp») and its other sheets.
    plan()
        .current_dir(dir.path())
        .args(["aggregate", &root().join("examples/2025").display().to_string(), "-o", "bao-cao.xlsx"])
        .args(["--docx", "bao-cao.docx"])
        .output()
        .unwrap();
    let report = xml_of(&std::fs::read(dir.path().join("bao-cao.xlsx")).unwrap());
    assert!(
        report.contains("Sở Y tế (trẻ em)") && report.contains("Sở GD&amp;ĐT"),
        "the 2025 report names the 2025 bodies"
    );
    assert!(!report.contains("LĐ-TB&amp;XH"), "the 2025 report names the dissolved office");
    let draft = xml_of(&std::fs::read(dir.path().join("bao-cao.docx")).unwrap());
    assert!(draft.contains("Sở Giáo dục và Đào tạo"), "the 2025 draft names the 2025 bodies");
    assert!(!draft.contains("Phòng Giáo dục"), "the 2025 draft names a district office");
}
