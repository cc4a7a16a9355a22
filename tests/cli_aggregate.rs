//! End-to-end tests of `plan aggregate` and `plan status` on `examples/` (made by
//! `cargo run --example generate -- examples`).

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::path::Path;

mod xml;

mod common;
use common::{plan_at_root as plan, root};

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
            "_tong_hop",
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
        .filter_map(|r| match r.first() {
            Some(Data::String(s)) if s.split('.').all(|n| n.parse::<u16>().is_ok()) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 35);
    // Every district total in "Số liệu" is a SUM over the unit rows, with its value stored.
    let data = workbook.worksheet_range("Số liệu").unwrap();
    // Regression (e4998d2): labels and codes written column by column lost the labels after the first: a
    // sheet written row by row (constant memory) drops what comes for a row it has left.
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
    // Regression for issue 22: «Kiểm tra» showed each finding's rule code (`merge.conflict`,
    // `file.unreadable`) where a person reads; the codes are in the JSON only.
    let codes: Vec<&str> =
        json["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
    for code in ["merge.conflict", "file.unreadable", "date.late"] {
        assert!(codes.contains(&code), "{code} not among {codes:?}");
    }
    let checks = workbook.worksheet_range("Kiểm tra").unwrap();
    for (_, _, cell) in checks.used_cells() {
        let text = cell.to_string();
        assert!(!codes.iter().any(|code| text.contains(code)), "a code in «Kiểm tra»: {text}");
    }
    let levels: Vec<String> = checks.rows().skip(1).filter_map(|r| r.get(1)).map(|d| d.to_string()).collect();
    assert!(levels.iter().any(|l| l == "Lỗi") && levels.iter().any(|l| l == "Cảnh báo"), "{levels:?}");
    // Looked at in LibreOffice: the unit column showed the bare code "18526"; it names the unit.
    let units: Vec<String> = checks.rows().skip(1).filter_map(|r| r.get(3)).map(|d| d.to_string()).collect();
    assert!(units.iter().any(|u| u == "Xã Hương Long (18526)"), "{units:?}");
    assert!(!units.iter().any(|u| !u.is_empty() && u.chars().all(|c| c.is_ascii_digit())), "{units:?}");
}

#[test]
fn the_report_is_byte_identical_and_recognised_among_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("nop 2024");
    std::fs::create_dir(&inputs).unwrap();
    common::copy_files(&root().join("examples/2024"), &inputs, |_| true);
    let first = dir.path().join("a.xlsx");
    let second = dir.path().join("b.xlsx");
    let (_, before) = aggregate(&[inputs.to_str().unwrap(), "--year", "2024"], &first);
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
    // Nothing of it entered the figures (a district's report is a submission only one level up).
    assert_eq!(json["parts"], before["parts"]);
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
            assert_eq!(workbook.sheet_names().len(), 10, "delay {delay} ms");
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
    let line = checks.rows().find(|r| r.iter().any(|c| *c == accident)).unwrap();
    assert_eq!(line[1].to_string(), "Cảnh báo (đã giải thích)");
}

/// The row (zero-based) of the summary table whose first cell is `id`.
fn summary_row(range: &calamine::Range<Data>, id: &str) -> usize {
    range.rows().position(|r| r.first() == Some(&Data::String(id.into()))).unwrap_or_else(|| panic!("{id}"))
}

#[test]
fn the_summary_table_prints_short_names_whole_counts_and_last_year_only_when_given() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("r.xlsx");
    let with_previous = dir.path().join("rp.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &plain);
    aggregate(&["examples/2024", "--year", "2024", "--previous", "examples/2023"], &with_previous);
    let catalogue: Value =
        serde_json::from_slice(&plan().args(["catalogue", "--format", "json"]).output().unwrap().stdout)
            .unwrap();
    let short = |id: &str| {
        let parts =
            catalogue["targets"].as_array().unwrap().iter().flat_map(|t| t["parts"].as_array().unwrap());
        parts.into_iter().find(|p| p["id"] == id).unwrap()["short"].as_str().unwrap().to_string()
    };
    for (report, previous) in [(&plain, false), (&with_previous, true)] {
        let mut workbook: Xlsx<_> = open_workbook(report).unwrap();
        let summary = workbook.worksheet_range("Tổng hợp").unwrap();
        let header = summary_row(&summary, "Mã");
        let headers: Vec<String> =
            summary.rows().nth(header).unwrap().iter().map(|d| d.to_string()).collect();
        assert_eq!(headers.contains(&"Năm 2023".to_string()), previous, "{headers:?}");
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        for id in ["3.1", "6.1", "11.1", "13.2", "21.1"] {
            let row = summary_row(&summary, id);
            // The part's short name, as in the forms and the progress workbook.
            assert_eq!(
                summary.get_value((row as u32, col("Chỉ tiêu") as u32)).unwrap().to_string(),
                short(id)
            );
            let value = xml::cell(row, col("Giá trị"));
            let format = xml::number_format(report, "Tổng hợp", &value);
            let cases = ["6.1", "13.2"].contains(&id);
            assert_eq!(format, if cases { "#,##0" } else { "#,##0.00" }, "{id} {value}");
            // Issue 22: the levels were fixed text ("< 2,8‰") beside locale-neutral numbers: they are
            // numbers whose format carries the comparator and the unit…
            let level = col("Mục tiêu 2025");
            match summary.get_value((row as u32, level as u32)) {
                Some(Data::Float(_)) => {
                    let format = xml::number_format(report, "Tổng hợp", &xml::cell(row, level));
                    assert!(format.starts_with("\"") && format.contains('0'), "{id}: {format}");
                    assert!(!["11.1", "21.1"].contains(&id), "{id}: a number too long for its column");
                }
                // …but for a level too long for one line of the column, which LibreOffice printed as
                // "###": text, which wraps ("≤ 550/100.000", "≥ 100% (hằng năm từ 2024)").
                Some(Data::String(text)) => assert!(
                    ["6.1", "13.2"].contains(&id) || text.contains("/100.000") || text.contains("hằng năm"),
                    "{id}: the level is text: {text}"
                ),
                other => panic!("{id}: {other:?}"),
            }
            if previous {
                let last_year = summary.get_value((row as u32, col("Năm 2023") as u32)).unwrap();
                assert!(last_year.as_f64().is_some(), "{id}: {last_year:?}");
            }
        }
    }
}

#[test]
fn unit_values_on_small_numbers_stay_numbers_and_the_legend_explains_them() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &report);
    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let units = workbook.worksheet_range("Theo đơn vị").unwrap();
    assert!(!units.used_cells().any(|(_, _, d)| d.to_string().contains("số nhỏ)")), "no text values");
    // 3.1 of Xã Điền Mỹ: 0 deaths among a few hundred births, a small number.
    let col = units.rows().next().unwrap().iter().position(|d| d.to_string().starts_with("3.1 ")).unwrap();
    let row = units.rows().position(|r| r.first() == Some(&Data::String("18499".into()))).unwrap();
    assert_eq!(units.get_value((row as u32, col as u32)), Some(&Data::Float(0.0)));
    assert_eq!(xml::number_format(&report, "Theo đơn vị", &xml::cell(row, col)), "#,##0.00\"*\"");
    let texts: Vec<String> = units.used_cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(texts.iter().any(|t| t == "Chú giải"));
    assert!(texts.iter().any(|t| t.starts_with("Số nhỏ: mẫu số dưới ngưỡng")));
    assert!(texts.iter().any(|t| t.starts_with("Mẫu số bằng 0")));
    // Issue 22: the legend stands right of the repeated unit columns (A:B), so that its colour boxes
    // are not printed again on every page without their words. Its number samples are numbers in the
    // values' formats (issue 22: a fixed "12.34" mixed separators with the numbers on a Windows in another
    // locale).
    let legend = units.used_cells().find(|(_, _, d)| *d == "Chú giải").unwrap();
    assert!(legend.1 >= 2, "the legend in a repeated column");
    let (r, c, _) = units.used_cells().find(|(_, c, d)| *c >= 2 && **d == Data::Float(12.34)).unwrap();
    let sample = xml::cell(r + units.start().unwrap().0 as usize, c + units.start().unwrap().1 as usize);
    assert!(xml::number_format(&report, "Theo đơn vị", &sample).starts_with("0.00"), "{sample}");
    assert!(!units.used_cells().any(|(_, _, d)| d.to_string().contains("12,34")));
}

#[test]
fn wide_sheets_repeat_the_unit_columns_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &report);
    assert_eq!(xml::print_titles(&report, "Theo đơn vị").unwrap(), "'Theo đơn vị'!$A:$B,'Theo đơn vị'!$1:$1");
    // Issue 22: the row of element codes is not printed (neither a print title nor visible).
    assert_eq!(xml::print_titles(&report, "Số liệu").unwrap(), "'Số liệu'!$A:$B,'Số liệu'!$1:$1");
    let data_xml = xml::sheet_xml(&report, "Số liệu");
    let second = data_xml.split("<row r=\"2\"").nth(1).and_then(|r| r.split('>').next()).unwrap_or("");
    assert!(second.contains("hidden=\"1\""), "{second}");
    for sheet in ["Tổng hợp", "Theo đơn vị", "Số liệu", "Kinh phí, kiến nghị", "Nguồn"] {
        assert!(xml::sheet_xml(&report, sheet).contains("<oddFooter>"), "{sheet}: page numbers");
    }
}

#[test]
fn spending_totals_by_source_and_office_are_the_sums_of_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &report);
    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let sheet = workbook.worksheet_range("Kinh phí, kiến nghị").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows[1][0].to_string(), "Cơ quan");
    let total_col = rows[1].iter().position(|d| *d == "Cộng").unwrap();
    assert_eq!(total_col, 4, "Office (A:B merged) | two sources | total: no empty column");
    let total_row = (2..rows.len()).find(|r| rows[*r][0] == "Cộng").unwrap();
    assert!(total_row > 3, "one row per office");
    // Issue 22: the offices in the catalogue's order, as the Word draft lists them.
    let offices: Vec<String> = rows[2..total_row].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(offices[..3], ["Phòng LĐ-TB&XH", "Phòng Tư pháp", "Phòng GD&ĐT"]);
    let f = |d: &Data| d.as_f64().unwrap();
    let cents = |x: f64| (x * 1e6).round() as i64;
    let merged = xml::merged(&report, "Kinh phí, kiến nghị");
    for (row, cells) in rows.iter().enumerate().take(total_row).skip(2) {
        assert!(merged.contains(&format!("A{0}:B{0}", row + 1)));
        assert_eq!(cents(f(&cells[total_col])), cents(f(&cells[2]) + f(&cells[3])), "row {row}");
    }
    for (col, total) in rows[total_row].iter().enumerate().take(total_col + 1).skip(2) {
        let sum: f64 = rows[2..total_row].iter().map(|r| f(&r[col])).sum();
        assert_eq!(cents(f(total)), cents(sum), "column {col}");
    }
    // The detail table's amounts add up to the same totals.
    let detail_header = (total_row..rows.len()).find(|r| rows[*r][0] == "Đơn vị").unwrap();
    let detail: f64 = rows[detail_header + 1..].iter().filter_map(|r| r[total_col].as_f64()).sum();
    assert_eq!(cents(detail), cents(f(&rows[total_row][total_col])));
    assert!(f(&rows[total_row][total_col]) > 0.0);
}

#[test]
fn sources_and_checks_name_files_from_the_folder_given_wherever_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (relative, absolute) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    let (_, json) = aggregate(&["examples/2024", "--year", "2024"], &relative);
    let full = root().join("examples/2024");
    aggregate(&[full.to_str().unwrap(), "--year", "2024"], &absolute);
    for source in json["sources"].as_array().unwrap() {
        let file = source["file"].as_str().unwrap();
        assert!(file.starts_with("2024/2024_") || file.starts_with("2024/2024_y-te"), "{file}");
    }
    assert_eq!(std::fs::read(&relative).unwrap(), std::fs::read(&absolute).unwrap(), "same report bytes");
    let mut workbook: Xlsx<_> = open_workbook(&absolute).unwrap();
    let root_text = root().display().to_string();
    for sheet in ["Nguồn", "Kiểm tra", "Tiến độ nộp"] {
        let range = workbook.worksheet_range(sheet).unwrap();
        assert!(!range.used_cells().any(|(_, _, d)| d.to_string().contains(&root_text)), "{sheet}");
    }
}

// Issue 21: the year sentence is worded by each front end; the command line's names its flag.
#[test]
fn workbooks_of_several_years_ask_for_year_on_the_command_line() {
    let output = plan().args(["aggregate", "examples/2021", "examples/2022"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("các biểu thuộc nhiều năm: 2021, 2022; chọn năm bằng --year"), "{stderr}");
}

/// Issue 22: «Tổng hợp» took 8 landscape pages because «Ghi chú» listed the communes short of the level;
/// it counts them and points to «Theo đơn vị», which keeps the names.
#[test]
fn the_summary_note_counts_the_units_short_of_the_level() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &report);
    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let summary = workbook.worksheet_range("Tổng hợp").unwrap();
    let texts: Vec<String> = summary.used_cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(texts.iter().any(|t| t == "4 đơn vị chưa đạt (xem «Theo đơn vị»)"), "{texts:#?}");
    assert!(!texts.iter().any(|t| t.contains("Lộc Yên")), "a commune named on «Tổng hợp»");
    let units = workbook.worksheet_range("Theo đơn vị").unwrap();
    assert!(units.used_cells().any(|(_, _, d)| d.to_string().contains("Lộc Yên")));
}

/// Issue 22: on «Tiến độ nộp» the last rows ("Trung tâm Y tế huyện Hương Khê — toàn huyện…") overlapped
/// each other: a row whose name wraps is as tall as its lines.
#[test]
fn register_rows_are_as_tall_as_their_wrapped_names() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &report);
    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let sheet = workbook.worksheet_range("Tiến độ nộp").unwrap();
    let row = sheet
        .rows()
        .position(|r| r[0].to_string().starts_with("Trung tâm Y tế huyện Hương Khê — toàn"))
        .expect("the health centre's line");
    let xml = xml::sheet_xml(&report, "Tiến độ nộp");
    let tag = xml.split(&format!("<row r=\"{}\"", row + 1)).nth(1).and_then(|r| r.split('>').next()).unwrap();
    let height: f64 = xml::attribute(tag, "ht").expect("a set height").parse().unwrap();
    assert!(height >= 28.0, "{tag}");
}

#[test]
fn the_spending_sheet_lists_each_units_offices_in_the_catalogues_order() {
    // Regression (issue 22, looked at in LibreOffice): «Theo đơn vị và cơ quan» listed a unit's workbooks
    // by office id (GD&ĐT, LĐ-TB&XH, Tư pháp, VH-TT), the table above it and the Word draft in the
    // catalogue's order (LĐ-TB&XH, Tư pháp, GD&ĐT, …).
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.xlsx");
    aggregate(&["examples/2024", "--year", "2024"], &report);
    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let sheet = workbook.worksheet_range("Kinh phí, kiến nghị").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|d| d.to_string()).collect()).collect();
    // The offices' table: from its header to the total.
    let order: Vec<&str> = rows[2..]
        .iter()
        .map(|r| r[0].as_str())
        .take_while(|name| !name.is_empty() && *name != "Cộng")
        .collect();
    assert!(order.len() >= 4, "{order:?}");
    let unit: Vec<usize> = rows
        .iter()
        .filter(|r| r[0].starts_with("Thị trấn Hương Khê"))
        .map(|r| order.iter().position(|o| *o == r[1]).unwrap_or_else(|| panic!("{}", r[1])))
        .collect();
    assert!(unit.len() >= 3 && unit.windows(2).all(|w| w[0] < w[1]), "{unit:?} in {order:?}");
}

#[test]
fn the_english_summary_breaks_no_header_word() {
    // Regression (issue 22, looked at in LibreOffice): the English «Summary» printed "Numerato r",
    // "Denomina tor" and "Coverag e" in columns sized for the Vietnamese headers.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.xlsx");
    let out = plan()
        .args(["--lang", "en", "aggregate", "examples/2024", "--year", "2024", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(report.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
    let summary = workbook.worksheet_range("Summary").unwrap();
    let header = summary_row(&summary, "Part");
    let headers: Vec<String> = summary.rows().nth(header).unwrap().iter().map(|d| d.to_string()).collect();
    let xml = xml::sheet_xml(&report, "Summary");
    let width = |col: usize| -> f64 {
        xml::attribute(xml::column_tag(&xml, col).unwrap(), "width").unwrap().parse().unwrap()
    };
    for name in ["Numerator", "Denominator", "Coverage"] {
        let col = headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}: {headers:?}"));
        // A bold 11 pt letter takes about a unit of width, and the cell's padding one more.
        assert!(width(col) >= name.len() as f64 + 1.0, "{name}: width {}", width(col));
    }
}
