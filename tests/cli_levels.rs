//! One level's report as the next level's submission: the consolidated workbooks `plan aggregate` writes
//! for two districts, read by a province catalogue whose units for 2021–2024 are those districts.
//! The province's figures are the ratio of the summed counts of both districts (never an average of their
//! rates); a district's report read by its own catalogue is still skipped (tests/cli_aggregate.rs,
//! `the_report_is_byte_identical_and_recognised_among_the_inputs`).

mod common;

use common::{plan, root};
use serde_json::Value;
use std::path::Path;

/// The built-in catalogue with `edit` applied, written to `path`.
fn catalogue_variant(path: &Path, edit: impl FnOnce(&mut toml::Table)) {
    let text = std::fs::read_to_string(root().join("indicators.toml")).unwrap();
    let mut table: toml::Table = text.parse().unwrap();
    edit(&mut table);
    std::fs::write(path, toml::to_string(&table).unwrap()).unwrap();
}

fn set(table: &mut toml::Table, section: &str, key: &str, value: &str) {
    table[section].as_table_mut().unwrap().insert(key.into(), toml::Value::String(value.into()));
}

fn unit(code: &str, name: &str, kind: &str, from: i64, to: i64) -> toml::Value {
    let mut unit = toml::Table::new();
    unit.insert("code".into(), code.into());
    unit.insert("name".into(), name.into());
    unit.insert("kind".into(), kind.into());
    unit.insert("from".into(), from.into());
    unit.insert("to".into(), to.into());
    toml::Value::Table(unit)
}

/// A province whose units are two districts until 2024 and two communes after; every element is reported
/// by its units (a district's report carries its whole-area figures too).
fn province(table: &mut toml::Table) {
    set(table, "plan", "area", "tỉnh Thử Nghiệm");
    set(table, "plan", "area_code", "99");
    table.insert(
        "units".into(),
        toml::Value::Array(vec![
            unit("444", "Hương Khê", "huyen", 2021, 2024),
            unit("445", "Bắc Sơn", "huyen", 2021, 2024),
            unit("30001", "Một", "xa", 2025, 2030),
            unit("30002", "Hai", "phuong", 2025, 2030),
        ]),
    );
    for element in table["elements"].as_array_mut().unwrap() {
        element.as_table_mut().unwrap().insert("level".into(), "unit".into());
    }
    table["reporting"].as_table_mut().unwrap().remove("area_holders");
}

fn aggregate_json(dir: &Path, catalogue: Option<&Path>, report: &Path) -> Value {
    let mut cmd = plan();
    cmd.arg("aggregate").arg(dir).arg("-o").arg(report).args(["--format", "json", "--force"]);
    if let Some(catalogue) = catalogue {
        cmd.arg("--catalogue").arg(catalogue);
    }
    let out = cmd.output().unwrap();
    assert!(report.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn part<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["parts"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap()
}

fn count(value: &Value) -> u64 {
    value.as_u64().unwrap_or_else(|| panic!("not a count: {value}"))
}

#[test]
fn a_province_reads_its_districts_reports_and_sums_their_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let examples = root().join("examples/2024");
    // District A: all of examples/2024 with the built-in catalogue.
    let a_report = tmp.path().join("in/huyen-a.xlsx");
    std::fs::create_dir_all(tmp.path().join("in")).unwrap();
    let a = aggregate_json(&examples, None, &a_report);
    // District B: a few communes' files only, under another area code, so its rates differ from A's.
    let b_dir = tmp.path().join("b");
    std::fs::create_dir_all(&b_dir).unwrap();
    common::copy_files(&examples, &b_dir, |name| {
        ["18496", "18499", "18502"].iter().any(|code| name.contains(code))
    });
    let b_catalogue = tmp.path().join("huyen-b.toml");
    catalogue_variant(&b_catalogue, |t| {
        set(t, "plan", "area", "huyện Bắc Sơn");
        set(t, "plan", "area_code", "445");
    });
    let b_report = tmp.path().join("in/huyen-b.xlsx");
    let b = aggregate_json(&b_dir, Some(&b_catalogue), &b_report);

    let province_catalogue = tmp.path().join("tinh.toml");
    catalogue_variant(&province_catalogue, province);
    let check = plan().args(["catalogue", "check"]).arg(&province_catalogue).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let p = aggregate_json(&tmp.path().join("in"), Some(&province_catalogue), &tmp.path().join("tinh.xlsx"));
    // Districts fill no template: their consolidated reports are their submissions.
    let out = plan()
        .arg("--catalogue")
        .arg(&province_catalogue)
        .args(["template", "--all", "--year", "2024", "-o"])
        .arg(tmp.path().join("forms"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("mỗi đơn vị gửi báo cáo tổng hợp"));

    // Both reports are used, as the submissions of units 444 and 445.
    let used: Vec<_> = p["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["use"]["status"] == "used")
        .map(|s| s["reporter"]["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(used.len(), 2, "{:#}", p["sources"]);
    assert!(used.contains(&"444".to_string()) && used.contains(&"445".to_string()));
    let mut compared = 0;
    for id in ["2.1", "4.1", "8.1", "15.1", "22.1", "23.1", "3.1"] {
        let (pa, pb, pp) = (part(&a, id), part(&b, id), part(&p, id));
        if pa["denominator"].is_null() || pb["denominator"].is_null() {
            continue;
        }
        assert_eq!(count(&pp["numerator"]), count(&pa["numerator"]) + count(&pb["numerator"]), "{id}");
        assert_eq!(count(&pp["denominator"]), count(&pa["denominator"]) + count(&pb["denominator"]), "{id}");
        let per_district: Vec<_> =
            pp["units"].as_array().unwrap().iter().map(|u| u["unit"].clone()).collect();
        assert_eq!(per_district, vec![Value::from("444"), Value::from("445")], "{id}");
        compared += 1;
    }
    assert!(compared >= 3, "too few parts with data to compare");
}
