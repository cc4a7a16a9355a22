//! End-to-end tests of `plan catalogue` and `plan catalogue check`, running the binary.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

mod common;
use common::plan;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/catalogue").join(name)
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn catalogue_json(extra: &[&str]) -> Value {
    let text = stdout_of(plan().args(["catalogue", "--format", "json"]).args(extra));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn table_lists_every_part_with_its_milestone_levels() {
    let text = stdout_of(plan().env("COLUMNS", "80").arg("catalogue"));
    // Piped, the width is 80 columns: a list, two lines a part.
    for needle in
        ["2025: ", "2030: < 2,8‰", "3.1  Tỷ suất tử vong trẻ sơ sinh", "≤ 4,5%", "> 95%", "2030: không có"]
    {
        assert!(text.contains(needle), "missing {needle}");
    }
    let parts = text.lines().filter(|l| l.starts_with(char::is_numeric));
    assert!(parts.count() >= 35);
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    // A wide terminal gets the table.
    let wide = stdout_of(plan().env("COLUMNS", "160").arg("catalogue"));
    let rows =
        wide.lines().filter(|l| l.starts_with("│ ") && l[4..].trim_start().starts_with(char::is_numeric));
    assert!(rows.count() >= 35, "{wide}");
}

#[test]
fn table_filters_by_office_and_group() {
    let text = stdout_of(plan().env("COLUMNS", "160").args(["catalogue", "--office", "tu-phap"]));
    for id in ["13.1", "13.2", "14.1"] {
        assert!(text.contains(&format!("│ {id}")), "missing {id}");
    }
    assert!(!text.contains("│ 3.1"));
    let text = stdout_of(plan().env("COLUMNS", "80").args(["catalogue", "--group", "4", "--lang", "en"]));
    assert!(
        text.contains("2025: ") && text.contains("22.1") && !text.lines().any(|l| l.starts_with("21.1")),
        "{text}"
    );
}

#[test]
fn unknown_office_is_an_error_listing_the_known_ones() {
    let output = plan().args(["catalogue", "--office", "so-y-te"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("plan: không có cơ quan «so-y-te»"), "{stderr}");
    assert!(stderr.contains("ldtbxh, tu-phap, gd-dt, y-te, vh-tt, cong-an, tc-kh"), "{stderr}");
}

#[test]
fn json_holds_the_whole_plan_in_the_documented_shape() {
    let json = catalogue_json(&[]);
    assert_eq!(json["format"], "plan-catalogue");
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(json["plan"]["number"], "80/KH-UBND");
    assert_eq!(json["plan"]["date"], "2021-05-28");
    assert_eq!(json["plan"]["milestones"], serde_json::json!([2025, 2030]));
    assert_eq!(json["reporting"]["deadline"]["month"], 10);
    assert_eq!(json["reporting"]["deadline"]["day"], 30);
    assert_eq!(json["reporting"]["deadline"]["inclusive"], false);
    let offices = json["offices"].as_array().unwrap();
    assert_eq!(offices.len(), 7);
    assert_eq!(offices.iter().filter(|o| o["reports"] == true).count(), 6);
    let units = json["units"].as_array().unwrap();
    assert_eq!(units.len(), 28);
    let new_units = units.iter().filter(|u| u["from"] == 2025).count();
    assert_eq!(new_units, 7);
    let targets = json["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 24);
    let parts: Vec<&Value> = targets.iter().flat_map(|t| t["parts"].as_array().unwrap()).collect();
    assert_eq!(parts.len(), 35);
    let elements: Vec<&str> =
        json["elements"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    for part in &parts {
        let id = part["id"].as_str().unwrap();
        for key in ["id", "unit", "numerator", "denominator", "factor", "offices", "targets"] {
            assert!(part.get(key).is_some(), "part {id} lacks {key}");
        }
        let numerator = part["numerator"].as_array().unwrap();
        assert!(!numerator.is_empty(), "{id}");
        for code in numerator.iter().chain(part["denominator"].as_array().unwrap()) {
            assert!(elements.contains(&code.as_str().unwrap()), "{id}: {code}");
        }
        for level in part["targets"].as_array().unwrap() {
            assert!(["<", "<=", ">", ">=", "=="].contains(&level["op"].as_str().unwrap()), "{id}");
            assert!(level["year"].as_u64().is_some_and(|y| (2021..=2030).contains(&y)), "{id}");
            assert!(level["value"].is_number(), "{id}");
        }
    }
    let part = |id: &str| *parts.iter().find(|p| p["id"] == id).unwrap();
    assert_eq!(part("3.1")["targets"][1]["value"], 2.8);
    assert_eq!(part("3.1")["targets"][1]["op"], "<");
    assert_eq!(part("11.1")["unit"], "per_100000");
    assert_eq!(part("11.1")["factor"], 100000);
    assert_eq!(part("1.1")["unit"], "percent_units");
    // A target held over several years appears once for each year it holds.
    let years = |id: &str| -> Vec<u64> {
        part(id)["targets"].as_array().unwrap().iter().map(|l| l["year"].as_u64().unwrap()).collect()
    };
    assert_eq!(years("13.2"), (2025..=2030).collect::<Vec<_>>());
    assert_eq!(years("16.1"), (2021..=2030).collect::<Vec<_>>());
    assert_eq!(years("6.1"), [2030]);
    assert_eq!(part("13.2")["targets"][0]["op"], "==");
    assert_eq!(part("13.2")["targets"][0]["value"], 0);
}

#[test]
fn json_filters_keep_only_the_selected_parts() {
    let json = catalogue_json(&["--office", "cong-an"]);
    let targets = json["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0]["number"], 9);
}

#[test]
fn check_accepts_the_default_and_refuses_a_broken_catalogue() {
    let default = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("indicators.toml");
    let text = stdout_of(plan().args(["catalogue", "check"]).arg(&default));
    assert!(text.contains("Danh mục hợp lệ: 24 chỉ tiêu, 35 phần đo lường"), "{text}");

    let output = plan().args(["catalogue", "check"]).arg(fixture("broken.toml")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("broken.toml:102: lỗi [targets.parts[1.1].numerator]: mã dữ liệu «tu_vong_sos»"));
    assert!(text.ends_with("Danh mục có 9 lỗi, 2 cảnh báo.\n"), "{text}");

    let output =
        plan().args(["catalogue", "check", "--format", "json"]).arg(fixture("broken.toml")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["sound"], false);
    assert_eq!(json["errors"], 9);
    assert_eq!(json["problems"][0]["line"], 43);
}

#[test]
fn another_district_replaces_the_catalogue_by_flag_or_environment() {
    let small = fixture("small.toml");
    let by_flag = stdout_of(plan().arg("--catalogue").arg(&small).arg("catalogue"));
    assert!(by_flag.contains("2024: ") && by_flag.contains("Tử vong sơ sinh"), "{by_flag}");
    let by_env = stdout_of(plan().env("PLAN_CATALOGUE", &small).arg("catalogue"));
    assert_eq!(by_flag, by_env);
}

#[test]
fn a_broken_or_missing_catalogue_stops_with_a_clear_message() {
    let output = plan().arg("--catalogue").arg(fixture("broken.toml")).arg("catalogue").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("có 9 lỗi; xem chi tiết: plan catalogue check"), "{stderr}");

    let output = plan().args(["--catalogue", "khong-co.toml", "catalogue"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("plan: không đọc được tệp danh mục khong-co.toml: "), "{stderr}");
}

#[test]
fn a_catalogue_path_with_vietnamese_characters_and_spaces_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Danh mục chỉ tiêu tỉnh.toml");
    std::fs::copy(fixture("small.toml"), &path).unwrap();
    let text = stdout_of(plan().args(["catalogue", "check"]).arg(&path));
    assert!(text.starts_with("Danh mục hợp lệ"), "{text}");
}

#[test]
fn help_is_in_vietnamese() {
    let text = stdout_of(plan().arg("--help"));
    assert!(text.contains("Cách dùng: plan [TÙY_CHỌN] <LỆNH>") && text.contains("Ví dụ:"));
    let text = stdout_of(plan().args(["catalogue", "--help"]));
    assert!(text.contains("plan catalogue check") && !text.contains("Usage:"));
}
