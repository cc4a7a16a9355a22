//! End-to-end tests of `plan progress` and `plan export` on `examples/` (2021–2025).

use serde_json::Value;
use std::collections::HashMap;

mod xml;

mod common;
use common::plan_at_root as plan;

fn json(args: &[&str]) -> Value {
    let out = plan().args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every exported value: (unit, year, element) → value.
fn exported() -> HashMap<(String, u64, String), String> {
    json(&["export", "examples", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                (
                    r["unit_code"].as_str().unwrap().into(),
                    r["year"].as_u64().unwrap(),
                    r["element"].as_str().unwrap().into(),
                ),
                r["value"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn progress_covers_every_year_and_part() {
    let trend = json(&["progress", "examples", "--format", "json"]);
    assert_eq!(trend["years"], serde_json::json!([2021, 2022, 2023, 2024, 2025]));
    let parts = trend["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 35);
    let part = |id: &str| parts.iter().find(|p| p["part"] == id).unwrap();
    // 8.1 fell from 1,97 % to 1,51 % against "dưới 1,5%" in 2025: compound rates, R ≈ 0,98.
    let special = part("8.1");
    assert_eq!(special["progress"]["assessment"], "on_track");
    assert_eq!(special["progress"]["method"], "compound");
    let values = special["values"].as_array().unwrap();
    let (first, last) = (values[0][1].as_f64().unwrap(), values[4][1].as_f64().unwrap());
    let observed = (last / first).powf(0.25) - 1.0;
    let required = (1.5 / first).powf(0.25) - 1.0;
    let ratio = special["progress"]["ratio"].as_f64().unwrap();
    // Lower is better: R = −1 × observed / |required|.
    assert!((ratio + observed / required.abs()).abs() < 1e-9, "{ratio}");
    // 13.2 counts cases towards zero: linear rates.
    assert_eq!(part("13.2")["progress"]["method"], "linear");
    // 21.1 reached 100 % in 2024 and kept it.
    assert_eq!(part("21.1")["progress"]["assessment"], "achieved");
}

#[test]
fn unit_series_follow_the_merged_xa_back_to_their_old_units() {
    let trend = json(&["progress", "examples", "--format", "json"]);
    let values = exported();
    let series = trend["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit"] == "18550" && s["part"] == "3.1")
        .unwrap();
    // Hương Đô (2025) covers Lộc Yên, Hương Trà and Hương Đô (old): its 2023 neonatal mortality is the ratio
    // of their summed deaths and births.
    let get = |unit: &str, element: &str| {
        values[&(unit.to_string(), 2023, element.to_string())].parse::<f64>().unwrap()
    };
    let old = ["18520", "18550", "18538"];
    let deaths: f64 = old.iter().map(|u| get(u, "tu_vong_so_sinh")).sum();
    let births: f64 = old.iter().map(|u| get(u, "tre_de_song")).sum();
    let in_2023 =
        series["values"].as_array().unwrap().iter().find(|v| v[0] == 2023).unwrap()[1].as_f64().unwrap();
    assert!((in_2023 - deaths * 1000.0 / births).abs() < 1e-9);
}

#[test]
fn the_progress_workbook_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiến độ.xlsx");
    let out = plan().args(["progress", "examples", "-o"]).arg(&path).output().unwrap();
    assert!(out.status.success());
    let read = plan::submission::read_path(&path).unwrap();
    assert_eq!(read.sheets, ["Tiến độ", "Mục tiêu theo năm", "Theo đơn vị", "Biểu đồ"]);
    // Printed: a title and the period over the table, its header on every page, "R" explained.
    let xml = xml::sheet_xml(&path, "Tiến độ");
    let strings = xml::entry(&path, "xl/sharedStrings.xml");
    assert!(strings.contains("TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH SỐ 80/KH-UBND"));
    assert!(strings.contains("Các năm báo cáo 2021–2025 (số liệu từ ngày 01/10/2020 đến ngày 30/09/2025)"));
    assert!(strings.contains("R (tỷ số tiến độ) = tốc độ thay đổi bình quân"));
    assert_eq!(xml::print_titles(&path, "Tiến độ").unwrap(), "'Tiến độ'!$4:$4");
    assert_eq!(xml::print_titles(&path, "Mục tiêu theo năm").unwrap(), "'Mục tiêu theo năm'!$1:$1");
    for sheet in ["Tiến độ", "Mục tiêu theo năm", "Theo đơn vị", "Biểu đồ"] {
        let xml = xml::sheet_xml(&path, sheet);
        assert!(xml.contains("<oddFooter>") && xml.contains("<pageSetup paperSize=\"9\""), "{sheet}");
    }
    assert!(xml.contains("<pageSetup"));
    // The levels sheet names each part.
    assert!(strings.contains("Tỷ suất tử vong trẻ sơ sinh"));
    // Charts are 14 rows tall, three to a row: a page break every three rows of charts (42 rows) keeps
    // each chart on one page.
    let charts = xml::sheet_xml(&path, "Biểu đồ");
    let breaks: Vec<String> = charts.split("<brk ").skip(1).filter_map(|b| xml::attribute(b, "id")).collect();
    assert_eq!(breaks, ["42", "84", "126"]);
}

#[test]
fn csv_opens_with_a_csv_reader_and_holds_the_same_values() {
    let out = plan().args(["export", "examples/2024"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with("\u{feff}".as_bytes()), "UTF-8 byte-order mark for Excel");
    let mut reader = csv::Reader::from_reader(&out.stdout[3..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["unit_code", "unit_name", "year", "element", "element_label", "value", "source"]
    );
    let values = exported();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let key = (record[0].to_string(), record[2].parse::<u64>().unwrap(), record[3].to_string());
        assert_eq!(values[&key], &record[5]);
        assert!(!record[4].is_empty() && record[4] != record[3], "the label beside the code: {record:?}");
        rows += 1;
    }
    // 21 units × 50 unit-level elements, the two district figures, less Phú Phong's 15 education figures
    // (missing workbook) and the conflicting answer of Hương Long.
    assert_eq!(rows, 21 * 50 + 2 - 15 - 1);
}

#[test]
fn dhis2_data_value_sets_have_the_published_shape() {
    let set = json(&["export", "examples/2025", "--format", "dhis2"]);
    let values = set["dataValues"].as_array().unwrap();
    assert!(!values.is_empty());
    for value in values {
        let object = value.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, ["dataElement", "period", "orgUnit", "value"]);
        assert!(object.values().all(Value::is_string), "DHIS2 takes every field as a string: {value}");
        // The report of 2025 covers 01/10/2024–30/09/2025: DHIS2's financial year from October 2024.
        assert_eq!(value["period"], "2024Oct");
    }
    assert!(values.iter().any(|v| v["dataElement"] == "hiv_me_con" && v["orgUnit"] == "444"));
    assert!(values.iter().any(|v| v["value"] == "true" || v["value"] == "false"));
    // Hương Đô reuses Hương Trà's code 18550: its own organisation unit.
    assert!(values.iter().any(|v| v["orgUnit"] == "18550-2025"));
    assert!(!values.iter().any(|v| v["orgUnit"] == "18550"));
}

/// The built-in catalogue with a change, written to a folder that lives as long as the returned guard.
fn catalogue_copy(change: impl Fn(&str) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("danh-muc.toml");
    std::fs::write(&path, change(plan::catalogue::DEFAULT_TOML)).unwrap();
    (dir, path)
}

// Regression (issue 23): the DHIS2 period was always the calendar year, whatever the catalogue's period.
#[test]
fn the_catalogue_may_choose_the_calendar_year_as_the_dhis2_period() {
    let (_dir, path) = catalogue_copy(|text| {
        text.replacen("coordinator = \"ldtbxh\"", "coordinator = \"ldtbxh\"\ndhis2_period = \"calendar\"", 1)
    });
    let catalogue = path.to_str().unwrap();
    let set = json(&["--catalogue", catalogue, "export", "examples/2025", "--format", "dhis2"]);
    let values = set["dataValues"].as_array().unwrap();
    assert!(!values.is_empty() && values.iter().all(|v| v["period"] == "2025"));
}

// Regression (issue 23): a code reused after the merger (18550: Hương Trà until 2024, Hương Đô from 2025)
// sent both units' values to one DHIS2 organisation unit without a word.
#[test]
fn the_dhis2_export_refuses_units_that_share_an_organisation_unit() {
    let (_dir, path) = catalogue_copy(|text| {
        text.lines().filter(|l| !l.starts_with("dhis2_id = ")).collect::<Vec<_>>().join("\n")
    });
    let out = plan()
        .arg("--catalogue")
        .arg(&path)
        .args(["export", "examples/2025", "--format", "dhis2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("không ghi tệp DHIS2"), "{stderr}");
    assert!(
        stderr.contains("Xã Hương Trà (18550, 2021–2024) và Xã Hương Đô (18550, 2025–2030) đều gửi vào đơn vị tổ chức DHIS2 «18550»"),
        "{stderr}"
    );
    // The other formats and commands still use the catalogue; `catalogue check` refuses it.
    let csv = plan().arg("--catalogue").arg(&path).args(["export", "examples/2025"]).output().unwrap();
    assert!(csv.status.success(), "{}", String::from_utf8_lossy(&csv.stderr));
    let check = plan().args(["catalogue", "check"]).arg(&path).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let text = String::from_utf8(check.stdout).unwrap();
    let line = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| *l == "code = \"18550\"")
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!("danh-muc.toml:{line}: lỗi [units[18550].dhis2_id]: Xã Hương Trà")),
        "{text}"
    );
    assert!(text.contains("Danh mục có 7 lỗi") && text.contains("chỉ chặn việc xuất DHIS2"), "{text}");
}

/// Issue 22: the terminal printed 19.1 in 2024 (42 of 64 = 65,625 %) as 65,62 while the workbooks and the
/// draft show 65,63, and the cases of 6.1 and 13.2 as "0,00 · 1,00". One rounding, half away from zero.
#[test]
fn the_terminal_rounds_as_the_workbooks_and_prints_cases_whole() {
    let out = plan().args(["progress", "examples"]).env("COLUMNS", "60").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let after = |id: &str| {
        let start = text.find(&format!("{id} ")).unwrap_or_else(|| panic!("{id}: {text}"));
        text[start..].lines().take(3).collect::<Vec<_>>().join("\n")
    };
    assert!(after("19.1").contains("2024: 65,63"), "{}", after("19.1"));
    assert!(after("6.1").contains("2021: 0 · 2022: 1 ·"), "{}", after("6.1"));
    assert!(after("13.2").contains("2021: 5 · 2022: 3 ·"), "{}", after("13.2"));
    assert!(!text.contains("65,62"));
}

/// Issue 22: the charts auto-scaled (16.1 spanned 99,86–100,02), drew the level before it applied, did
/// not say which way is better, and kept the legend at the side; «Mục tiêu theo năm» gave bare numbers
/// and «Dự báo 2025» repeated the observed 2025 value under the name of a projection.
#[test]
fn charts_set_their_axis_say_which_way_is_better_and_levels_carry_the_comparator() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.xlsx");
    let out = plan().args(["progress", "examples", "-o"]).arg(&path).output().unwrap();
    assert!(out.status.success());
    let charts: Vec<String> =
        (1..=35).map(|n| xml::entry(&path, &format!("xl/charts/chart{n}.xml"))).collect();
    let chart = |id: &str| {
        charts.iter().find(|c| c.contains(&format!("<a:t>{id} "))).unwrap_or_else(|| panic!("{id}")).clone()
    };
    let c161 = chart("16.1");
    assert!(c161.contains("càng cao càng tốt"), "{c161}");
    let min: f64 =
        c161.split("<c:min val=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().parse().unwrap();
    let max: f64 =
        c161.split("<c:max val=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().parse().unwrap();
    assert!(max <= 100.0 && max - min >= 10.0, "{min}–{max}");
    assert!(c161.contains("<c:legendPos val=\"b\"/>"), "legend below");
    assert!(chart("3.1").contains("càng thấp càng tốt"));
    // 5.2 has only a 2030 level: no level in 2021–2025.
    let read = calamine_levels(&path);
    let p52 = read.iter().find(|r| r[0] == "5.2").unwrap();
    assert!(p52[3..].iter().all(String::is_empty), "{p52:?}");
    let p11 = read.iter().find(|r| r[0] == "1.1").unwrap();
    assert_eq!(p11.last().unwrap(), "90");
    let strings = xml::entry(&path, "xl/styles.xml");
    assert!(strings.contains("formatCode=\"&quot;≥ &quot;0.00\""), "the comparator in the number format");
    let shared = xml::entry(&path, "xl/sharedStrings.xml");
    assert!(shared.contains("Kết quả 2025 (thực tế)") && shared.contains("Dự báo 2030"));
}

fn calamine_levels(path: &std::path::Path) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range("Mục tiêu theo năm").unwrap();
    range.rows().map(|r| r.iter().map(|d| d.to_string()).collect()).collect()
}
