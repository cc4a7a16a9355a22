//! End-to-end tests of `plan aggregate` and `plan status` on `examples/` (made by
//! `cargo run --example generate -- examples`).

use assert_cmd::Command;
use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan() -> Command {
    let mut cmd = Command::cargo_bin("plan").unwrap();
    cmd.env_remove("PLAN_CATALOGUE").env_remove("PLAN_LANG").current_dir(root());
    cmd
}

fn aggregate(args: &[&str], output: &Path) -> (i32, Value) {
    let out =
        plan().arg("aggregate").args(args).arg("-o").arg(output).args(["--format", "json"]).output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    assert!(json != Value::Null || out.status.code() == Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap(), json)
}

#[test]
fn the_2024_example_gives_a_report_with_every_check() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bao-cao-2024.xlsx");
    let (code, json) = aggregate(&["examples/2024", "--year", "2024"], &report);
    // A unit's workbook is missing, a file is corrupt and two copies conflict: written, exit 1.
    assert_eq!(code, 1);
    assert_eq!(json["year"], 2024);
    assert_eq!(json["parts"].as_array().unwrap().len(), 35);
    assert_eq!(json["totals"]["expected_workbooks"], 21 * 5 + 2);
    assert_eq!(json["totals"]["missing_workbooks"], 1);
    assert_eq!(json["totals"]["files_not_used"], 1);
    assert_eq!(json["totals"]["conflicts"], 1);
    assert_eq!(json["conflicts"][0]["element"], "xa_co_diem_vui_choi");
    let missing: Vec<&Value> =
        json["register"].as_array().unwrap().iter().filter(|r| r["status"] == "missing").collect();
    assert_eq!((missing[0]["unit"].as_str(), missing[0]["office"].as_str()), (Some("18535"), Some("gd-dt")));
    let late: Vec<&Value> =
        json["register"].as_array().unwrap().iter().filter(|r| r["status"] == "late").collect();
    assert_eq!((late[0]["unit"].as_str(), late[0]["office"].as_str()), (Some("18520"), Some("tu-phap")));
    let replaced = json["sources"].as_array().unwrap().iter().filter(|s| s["replaced_values"] == 1).count();
    assert_eq!(replaced, 1, "the corrected resubmission replaced one value");
    for part in json["parts"].as_array().unwrap() {
        for key in ["id", "numerator", "denominator", "value", "status", "target_used", "coverage", "units"] {
            assert!(part.get(key).is_some(), "{key}");
        }
    }

    // The workbook, read back.
    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(
        names,
        [
            "Tổng hợp",
            "Theo đơn vị",
            "Số liệu",
            "Tiến độ nộp",
            "Kinh phí, kiến nghị",
            "Kiểm tra",
            "Nguồn",
            "Biểu đồ",
            "_plan"
        ]
    );
    // A text section of a workbook reaches the narrative sheet as text.
    let narrative = workbook.worksheet_range("Kinh phí, kiến nghị").unwrap();
    assert!(
        narrative
            .used_cells()
            .any(|(_, _, d)| matches!(d, Data::String(s) if s.starts_with("Kinh phí còn hạn chế")))
    );
    let summary = workbook.worksheet_range("Tổng hợp").unwrap();
    let ids: Vec<String> = summary
        .rows()
        .filter_map(|r| match r.get(1) {
            Some(Data::String(s)) if s.contains('.') => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 35);
    // Every district total in "Số liệu" is a SUM over the unit rows, with its value stored.
    let data = workbook.worksheet_range("Số liệu").unwrap();
    // Both header rows are there (the sheet is written row by row).
    assert_eq!(
        data.get_value((0, 2)),
        Some(&Data::String(
            "Xã, thị trấn được công nhận đạt tiêu chuẩn phù hợp với trẻ em trong năm báo cáo".into()
        ))
    );
    assert_eq!(data.get_value((1, 2)), Some(&Data::String("xa_dat_chuan_ptte".into())));
    let formulas = workbook.worksheet_formula("Số liệu").unwrap();
    let (start_row, start_col) = formulas.start().unwrap();
    let mut checked = 0;
    for (r, c, formula) in formulas.used_cells() {
        let (row, col) = (start_row + r as u32, start_col + c as u32);
        assert!(formula.starts_with("SUM("), "{formula}");
        let stored = data.get_value((row, col)).and_then(|d| d.as_f64()).unwrap();
        let summed: f64 = (2..row).filter_map(|r| data.get_value((r, col)).and_then(|d| d.as_f64())).sum();
        assert_eq!(stored, summed);
        checked += 1;
    }
    assert!(checked > 40, "{checked}");
    let sources = workbook.worksheet_range("Nguồn").unwrap();
    assert_eq!(sources.height(), 1 + 88);
}

#[test]
fn the_report_is_byte_identical_and_recognised_among_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("nop 2024");
    std::fs::create_dir(&inputs).unwrap();
    for entry in std::fs::read_dir(root().join("examples/2024")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    let first = dir.path().join("a.xlsx");
    let second = dir.path().join("b.xlsx");
    aggregate(&[inputs.to_str().unwrap(), "--year", "2024"], &first);
    aggregate(&[inputs.to_str().unwrap(), "--year", "2024"], &second);
    let bytes = std::fs::read(&first).unwrap();
    assert_eq!(bytes, std::fs::read(&second).unwrap());
    // A report written into the input folder is skipped on the next run, never read as a submission.
    let inside = inputs.join("bao-cao-tong-hop-2024.xlsx");
    std::fs::copy(&first, &inside).unwrap();
    let (_, json) = aggregate(&[inputs.to_str().unwrap(), "--year", "2024"], &dir.path().join("c.xlsx"));
    let source = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"].as_str().unwrap().ends_with("bao-cao-tong-hop-2024.xlsx"))
        .unwrap();
    assert_eq!(source["use"]["status"], "not_submission");
    assert!(json["findings"].as_array().unwrap().iter().any(|f| f["code"] == "file.is_report"));
}

#[test]
fn an_existing_report_is_replaced_only_with_force_and_inputs_never() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bao-cao.xlsx");
    std::fs::write(&report, b"last year's report").unwrap();
    let (code, _) = aggregate(&["examples/2024", "--year", "2024"], &report);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read(&report).unwrap(), b"last year's report");
    let (code, _) = aggregate(&["examples/2024", "--year", "2024", "--force"], &report);
    assert_eq!(code, 1);
    let input = root().join("examples/2024/2024_18520_loc-yen_y-te.xlsx");
    let sub = root().join("examples/2024/2024_18520_loc-yen_gd-dt.xlsx");
    let before = std::fs::read(&sub).unwrap();
    let out =
        plan().args(["aggregate", "--year", "2024", "--force", "-o"]).arg(&sub).arg(&sub).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không ghi đè lên tệp đầu vào"));
    assert_eq!(std::fs::read(&sub).unwrap(), before);
    let _ = input;
}

#[test]
fn the_year_is_inferred_when_the_submissions_agree() {
    let dir = tempfile::tempdir().unwrap();
    let (code, json) = aggregate(&["examples/2025"], &dir.path().join("r.xlsx"));
    assert_eq!(code, 0, "2025 is complete");
    assert_eq!(json["year"], 2025);
    assert_eq!(json["totals"]["expected_workbooks"], 7 * 5 + 2);
    let out = plan()
        .args(["aggregate", "examples/2024", "examples/2025", "-o"])
        .arg(dir.path().join("x.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("các biểu thuộc nhiều năm: 2024, 2025"));
}

#[test]
fn last_year_is_shown_beside_each_part() {
    let dir = tempfile::tempdir().unwrap();
    let (_, json) = aggregate(
        &["examples/2024", "--year", "2024", "--previous", "examples/2023"],
        &dir.path().join("r.xlsx"),
    );
    let parts = json["parts"].as_array().unwrap();
    assert!(parts.iter().all(|p| !p["previous_value"].is_null() || p["id"] == "12.1" || p["id"] == "6.1"));
}

#[test]
fn status_lists_who_has_not_reported() {
    let out = plan().args(["status", "examples/2024", "--year", "2024"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Năm 2024: đúng hạn 105, trễ hạn 1, có lỗi 0, chưa nộp 1 (trên 107 biểu cần có)"),
        "{text}"
    );
    assert!(text.contains("Xã Phú Phong (18535)"));
}

#[test]
fn a_report_killed_mid_write_leaves_the_previous_one_intact() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bao-cao.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &report);
    let previous = std::fs::read(&report).unwrap();
    for delay in [0u64, 40, 80, 120, 160, 200, 260, 320, 400] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("plan"))
            .current_dir(root())
            .args(["aggregate", "examples/2025", "--force", "-o"])
            .arg(&report)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // Either the old report, whole, or the new one, whole: never half a file.
        let now = std::fs::read(&report).unwrap();
        if now != previous {
            let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
            assert_eq!(workbook.sheet_names().len(), 9, "delay {delay} ms");
            assert!(workbook.worksheet_range("Tổng hợp").is_ok());
        }
    }
}

#[test]
fn the_clerks_note_explains_a_warning_and_is_carried_into_the_report() {
    // clean-with-note.xlsx: Lộc Yên's health workbook with 7 deaths under 5 of 120 births (58 ‰, above the
    // 50 ‰ warning rule) and the clerk's «Ghi chú» beside them (F22), and a note beside the children weighed.
    let fixtures = root().join("tests/fixtures/validate");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("nop");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(fixtures.join("clean-with-note.xlsx"), input.join("clean-with-note.xlsx")).unwrap();
    let report = dir.path().join("r.xlsx");
    let (_, json) = aggregate(&[input.to_str().unwrap(), "--year", "2024"], &report);
    let accident = "7 trẻ tử vong trong một vụ tai nạn giao thông";
    let weighed = "Năm 2024 cân đo bổ sung ở các thôn vùng sâu, nên số trẻ suy dinh dưỡng tăng";
    let notes: Vec<(&str, &str, &str)> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["unit"].as_str().unwrap(), n["element"].as_str().unwrap(), n["text"].as_str().unwrap()))
        .collect();
    assert_eq!(notes, [("18520", "tu_vong_duoi_5", accident), ("18520", "can_do_nong_thon", weighed)]);
    let warning =
        json["findings"].as_array().unwrap().iter().find(|f| f["code"] == "rule.tu-vong-duoi-5-cao").unwrap();
    assert_eq!(warning["explained"], accident);

    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let units = workbook.worksheet_range("Theo đơn vị").unwrap();
    let header: Vec<String> = units.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = header.iter().position(|h| h == "Ghi chú của đơn vị").unwrap();
    let row = units.rows().find(|r| r[0] == "18520").unwrap();
    // Deaths under 5 feed 3.3; the rural children weighed 4.1, 4.2 and 4.3 (rural obesity).
    assert_eq!(row[col].to_string(), format!("3.3: {accident}\n4.1, 4.2, 4.3: {weighed}"));
    let checks = workbook.worksheet_range("Kiểm tra").unwrap();
    let line = checks.rows().find(|r| r.iter().any(|c| *c == "rule.tu-vong-duoi-5-cao")).unwrap();
    assert_eq!(line[1].to_string(), "Cảnh báo (đã giải thích)");
    assert!(line.iter().any(|c| *c == accident));
}
