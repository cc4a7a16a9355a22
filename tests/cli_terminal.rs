//! End-to-end tests of what the terminal tells the officer (issue 14): wrong input is an error naming it,
//! lists say who and what by name, argument errors and help speak the officer's language. Each case is
//! asserted in Vietnamese and with `--lang en`, with its exit code.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

mod common;
use common::root;

fn examples(year: u16) -> PathBuf {
    root().join("examples").join(year.to_string())
}

/// Runs `plan` in `dir` with `args`, without the environment's language or catalogue, at 80 columns.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("plan")
        .unwrap()
        .env_remove("PLAN_CATALOGUE")
        .env_remove("PLAN_LANG")
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The same in English: `--lang en` before the arguments.
fn run_en(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

/// The text with every run of white space made one space: messages wrap at the terminal width.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn ex(year: u16) -> String {
    examples(year).display().to_string()
}

#[test]
fn a_path_that_does_not_exist_is_an_error_for_every_command() {
    let dir = tmp();
    for command in [
        vec!["aggregate", "khong-co", "--year", "2024", "-o", "z.xlsx"],
        vec!["status", "khong-co", "--year", "2024"],
        vec!["validate", "khong-co"],
        vec!["export", "khong-co"],
        vec!["progress", "khong-co"],
    ] {
        let (code, _, err) = run_in(dir.path(), &command);
        assert_eq!(code, 2, "{command:?}: {err}");
        assert!(err.contains("không có thư mục hoặc tệp «khong-co»"), "{command:?}: {err}");
        let (code, _, err) = run_en(dir.path(), &command);
        assert_eq!(code, 2, "{command:?}: {err}");
        assert!(err.contains("no such folder or file «khong-co»"), "{command:?}: {err}");
    }
    assert!(!dir.path().join("z.xlsx").exists(), "no empty report is written");
}

#[test]
fn a_year_no_file_is_of_says_which_years_the_files_are() {
    let dir = tmp();
    let (code, out, err) = run_in(dir.path(), &["aggregate", &ex(2024), "--year", "2023"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("87 tệp là của năm 2024, không có tệp nào của năm 2023"), "{err}");
    let (code, _, err) = run_en(dir.path(), &["aggregate", &ex(2024), "--year", "2023"]);
    assert_eq!(code, 2);
    assert!(err.contains("87 files are for 2024, none is for 2023"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn a_year_outside_the_plan_is_refused_with_the_plan_span() {
    let dir = tmp();
    for year in ["2019", "2020", "2031", "0"] {
        for command in ["aggregate", "status"] {
            let (code, _, err) = run_in(dir.path(), &[command, &ex(2024), "--year", year]);
            assert_eq!(code, 2, "{err}");
            assert!(err.contains(&format!("năm {year} nằm ngoài giai đoạn của kế hoạch 2021–2030")), "{err}");
            let (code, _, err) = run_en(dir.path(), &[command, &ex(2024), "--year", year]);
            assert_eq!(code, 2);
            assert!(err.contains(&format!("year {year} is outside the plan's span 2021–2030")), "{err}");
        }
    }
}

#[test]
fn previous_that_does_not_exist_or_is_of_the_same_year_is_an_error() {
    let dir = tmp();
    let (code, _, err) = run_in(dir.path(), &["aggregate", &ex(2024), "--previous", "khong-co"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--previous: không có thư mục hoặc tệp «khong-co»"), "{err}");
    let (code, _, err) = run_in(dir.path(), &["aggregate", &ex(2024), "--previous", &ex(2024)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--previous: 87 tệp là của năm 2024, không có tệp nào của năm 2023"), "{err}");
    let (code, _, err) = run_en(dir.path(), &["aggregate", &ex(2024), "--previous", &ex(2024)]);
    assert_eq!(code, 2);
    assert!(err.contains("--previous: 87 files are for 2024, none is for 2023"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn a_year_changed_by_the_clerk_is_an_error_naming_both_years() {
    let file = root().join("tests/fixtures/terminal/year-changed.xlsx").display().to_string();
    let dir = tmp();
    let (code, out, _) = run_in(dir.path(), &["validate", &file]);
    assert_eq!(code, 1, "{out}");
    assert!(flat(&out).contains("Ô «Năm báo cáo» ghi 2023 nhưng biểu được tạo cho năm 2024"), "{out}");
    let (code, out, _) = run_en(dir.path(), &["validate", &file]);
    assert_eq!(code, 1);
    assert!(flat(&out).contains("«Năm báo cáo» says 2023 but the template was made for 2024"), "{out}");
}

#[test]
fn aggregate_names_a_file_whose_year_was_changed_with_both_years() {
    let dir = tmp();
    let folder = dir.path().join("nop 2024");
    std::fs::create_dir(&folder).unwrap();
    for entry in std::fs::read_dir(examples(2024)).unwrap() {
        let path = entry.unwrap().path();
        if !path.ends_with("2024_18520_loc-yen_gd-dt.xlsx") {
            std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(
        root().join("tests/fixtures/terminal/year-changed.xlsx"),
        folder.join("loc-yen-gd-dt.xlsx"),
    )
    .unwrap();
    let args = ["aggregate", "nop 2024", "--year", "2024", "-o", "r.xlsx"];
    let (code, out, _) = run_in(dir.path(), &args);
    assert_eq!(code, 1);
    let text = flat(&out);
    assert!(text.contains("Chưa nộp (2): - Xã Lộc Yên (18520) · Phòng GD&ĐT"), "{out}");
    assert!(
        text.contains(
            "loc-yen-gd-dt.xlsx (năm 2023): Ô «Năm báo cáo» ghi 2023 nhưng biểu được tạo cho năm 2024"
        ),
        "{out}"
    );
    let (_, out, _) = run_en(dir.path(), &args);
    assert!(
        flat(&out).contains(
            "loc-yen-gd-dt.xlsx (year 2023): «Năm báo cáo» says 2023 but the template was made for 2024"
        ),
        "{out}"
    );
}

#[test]
fn piped_output_has_no_colour() {
    let output = Command::cargo_bin("plan")
        .unwrap()
        .env_remove("NO_COLOR")
        .args(["validate", &ex(2024)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stdout.contains(&0x1b), "no escape sequences when not a terminal");
}

#[test]
fn validate_year_checks_the_files_are_of_that_year() {
    let dir = tmp();
    let clean = examples(2024).join("2024_18520_loc-yen_gd-dt.xlsx").display().to_string();
    let (code, out, _) = run_in(dir.path(), &["validate", &clean, "--year", "2024"]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run_in(dir.path(), &["validate", &clean, "--year", "2025"]);
    assert_eq!(code, 1, "{out}");
    assert!(flat(&out).contains("Tệp là báo cáo năm 2024, không phải năm 2025 đang kiểm tra"), "{out}");
    let (code, out, _) = run_en(dir.path(), &["validate", &clean, "--year", "2025"]);
    assert_eq!(code, 1);
    assert!(flat(&out).contains("The file reports for 2024, not 2025 being checked"), "{out}");
}

#[test]
fn the_same_folder_given_twice_counts_each_file_once() {
    let dir = tmp();
    let (code, out, _) = run_in(dir.path(), &["validate", &ex(2024), &ex(2024)]);
    assert_eq!(code, 1);
    assert!(out.contains("Đã kiểm tra 88 tệp"), "{out}");
    let (_, out, _) = run_en(dir.path(), &["validate", &ex(2024), &ex(2024)]);
    assert!(out.contains("Checked 88 files"), "{out}");
    let (code, out, _) = run_in(dir.path(), &["status", &ex(2024), &ex(2024), "--missing"]);
    assert_eq!(code, 1);
    assert!(out.contains("còn 1/107 biểu chưa nộp"), "{out}");
}

#[test]
fn output_names_that_cannot_be_a_report_are_refused() {
    let dir = tmp();
    let (code, _, err) = run_in(dir.path(), &["aggregate", &ex(2024), "-o", "bao-cao.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("«bao-cao.txt»: tệp ghi ra là bảng tính Excel, tên tệp cần có đuôi .xlsx"), "{err}");
    let (code, _, err) = run_en(dir.path(), &["aggregate", &ex(2024), "-o", "bao-cao.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("its name needs .xlsx"), "{err}");
    std::fs::create_dir(dir.path().join("thu-muc.xlsx")).unwrap();
    for force in [false, true] {
        let mut args = vec!["aggregate", ex(2024).leak() as &str, "-o", "thu-muc.xlsx"];
        if force {
            args.push("--force");
        }
        let (code, _, err) = run_in(dir.path(), &args);
        assert_eq!(code, 2);
        assert!(err.contains("«thu-muc.xlsx» là một thư mục: hãy cho tên tệp cần ghi"), "{err}");
        let (code, _, err) = run_en(dir.path(), &args);
        assert_eq!(code, 2);
        assert!(err.contains("«thu-muc.xlsx» is a folder"), "{err}");
    }
    let args = ["template", "--office", "y-te", "--office", "gd-dt", "-o", "two.xlsx"];
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 2);
    assert!(err.contains("«two.xlsx»: 2 biểu sẽ được ghi, nên -o cần là tên một thư mục"), "{err}");
    let (code, _, err) = run_en(dir.path(), &args);
    assert_eq!(code, 2);
    assert!(err.contains("«two.xlsx»: 2 workbooks would be written, so -o needs a folder name"), "{err}");
    assert!(!dir.path().join("two.xlsx").exists());
}

#[test]
fn the_same_command_again_replaces_the_report_plan_wrote_but_never_a_foreign_file() {
    let dir = tmp();
    let args = ["aggregate", ex(2024).leak() as &str, "--year", "2024"];
    let (first, out, err) = run_in(dir.path(), &args);
    assert_eq!(first, 1, "{out}{err}");
    assert!(out.contains("Đã ghi báo cáo: bao-cao-tong-hop-2024.xlsx"), "{out}");
    let (again, out, err) = run_in(dir.path(), &args);
    assert_eq!(again, 1, "a rerun just works: {err}");
    assert!(out.contains("Đã ghi báo cáo: bao-cao-tong-hop-2024.xlsx"), "{out}");
    let (again, out, err) = run_en(dir.path(), &args);
    assert_eq!(again, 1, "{err}");
    assert!(out.contains("Report written: bao-cao-tong-hop-2024.xlsx"), "{out}");
    std::fs::write(dir.path().join("cua-toi.xlsx"), b"not a report").unwrap();
    let mine = ["aggregate", ex(2024).leak() as &str, "-o", "cua-toi.xlsx"];
    let (code, _, err) = run_in(dir.path(), &mine);
    assert_eq!(code, 2);
    assert!(err.contains("đã có tệp «cua-toi.xlsx» không do plan ghi (dùng --force"), "{err}");
    let (code, _, err) = run_en(dir.path(), &mine);
    assert_eq!(code, 2);
    assert!(err.contains("already exists: «cua-toi.xlsx» and plan did not write it"), "{err}");
    assert_eq!(std::fs::read(dir.path().join("cua-toi.xlsx")).unwrap(), b"not a report");
}

#[test]
fn json_without_output_writes_no_workbook_and_reruns() {
    let dir = tmp();
    for _ in 0..2 {
        let (code, out, err) = run_in(dir.path(), &["aggregate", &ex(2024), "--format", "json"]);
        assert_eq!(code, 1, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(json["report"].is_null(), "{}", json["report"]);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no workbook written");
}

#[test]
fn aggregate_and_status_end_with_who_and_what_by_name() {
    let dir = tmp();
    let (code, out, _) = run_in(dir.path(), &["aggregate", &ex(2024), "-o", "r.xlsx"]);
    assert_eq!(code, 1);
    for line in [
        "Chưa nộp (1): - Xã Phú Phong (18535) · Phòng GD&ĐT Nộp",
        "Nộp trễ hạn (1): - Xã Lộc Yên (18520) · Phòng Tư pháp (ngày 04/11/2024)",
        "Tệp không dùng (1):",
        "2024_18541_huong-vinh_vh-tt_hong.xlsx: Tệp bảng tính bị hỏng",
        "Số liệu xung đột, không tính vào tổng (1): - Xã Hương Long (18526) · «Xã, thị trấn có điểm",
    ] {
        assert!(flat(&out).contains(line), "{line}\n---\n{out}");
    }
    let (_, out, _) = run_en(dir.path(), &["aggregate", &ex(2024), "-o", "r.xlsx"]);
    for line in [
        "Missing (1):\n  - Xã Phú Phong (18535) · Phòng GD&ĐT\n",
        "Late (1):\n",
        "Files not used (1):\n",
        "Conflicting values, left out of the totals (1):\n",
        "2 errors, 1 warning",
    ] {
        assert!(out.contains(line), "{line}\n---\n{out}");
    }
    let (code, out, _) = run_in(dir.path(), &["status", &ex(2024)]);
    assert_eq!(code, 1);
    assert!(out.contains("tệp không đọc được: 1"), "{out}");
    assert!(out.contains("Chưa nộp (1):\n  - Xã Phú Phong (18535) · Phòng GD&ĐT\n"), "{out}");
    let (_, out, _) = run_en(dir.path(), &["status", &ex(2024)]);
    assert!(out.contains("unreadable files: 1"), "{out}");
}

#[test]
fn status_missing_prints_just_who_has_not_reported() {
    let dir = tmp();
    let (code, out, _) = run_in(dir.path(), &["status", &ex(2024), "--missing"]);
    assert_eq!(code, 1);
    assert_eq!(out, "Năm 2024: còn 1/107 biểu chưa nộp:\nXã Phú Phong (18535) · Phòng GD&ĐT\n");
    let (code, out, _) = run_en(dir.path(), &["status", &ex(2024), "--missing"]);
    assert_eq!(code, 1);
    assert_eq!(out, "Year 2024: 1 workbook of 107 still missing:\nXã Phú Phong (18535) · Phòng GD&ĐT\n");
}

#[test]
fn validate_prints_problems_only_and_ends_with_counts_and_names() {
    let dir = tmp();
    let (code, out, _) = run_in(dir.path(), &["validate", &ex(2024)]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("→ ").count(), 2, "two files with problems, not 88 blocks:\n{out}");
    assert!(
        out.contains("Đã kiểm tra 88 tệp: 87 hợp lệ (1 có cảnh báo), 1 có lỗi; tổng 1 lỗi, 1 cảnh báo."),
        "{out}"
    );
    assert!(out.contains("Tệp có lỗi cần sửa:\n"), "{out}");
    assert!(flat(&out).contains("2024_18541_huong-vinh_vh-tt_hong.xlsx (1 lỗi)"), "{out}");
    assert!(!out.contains("chi tiết: Xlsx error"), "no reader English in Vietnamese: {out}");
    assert!(out.lines().all(|l| l.contains(".xlsx") || l.chars().count() <= 80), "80 columns:\n{out}");
    let (_, all, _) = run_in(dir.path(), &["validate", &ex(2024), "--all"]);
    assert_eq!(all.matches("→ ").count(), 88, "{all}");
    let (_, out, _) = run_en(dir.path(), &["validate", &ex(2024)]);
    assert!(out.contains("→ Valid, 1 warning\n"), "{out}");
    assert!(
        out.contains(
            "Checked 88 files: 87 valid (1 with warnings), 1 with errors; 1 error, 1 warning in all."
        )
    );
    assert!(flat(&out).contains("hong.xlsx (1 error)"), "{out}");
    assert!(flat(&out).contains("Could not find EOCD"), "the reader's detail stays in English: {out}");
}

#[test]
fn progress_and_export_say_what_they_skipped() {
    let dir = tmp();
    let (code, _, err) = run_in(dir.path(), &["export", &ex(2024)]);
    assert_eq!(code, 0);
    assert!(err.contains("1 tệp bị bỏ qua:"), "{err}");
    assert!(
        flat(&err)
            .contains("2024_18541_huong-vinh_vh-tt_hong.xlsx: không đọc được hoặc không ghi năm báo cáo"),
        "{err}"
    );
    assert!(err.contains("1 số liệu xung đột"), "{err}");
    let (_, _, err) = run_en(dir.path(), &["export", &ex(2024)]);
    assert!(err.contains("1 file skipped:"), "{err}");
    assert!(err.contains("1 conflicting value (two files"), "{err}");
    let (code, out, _) = run_in(dir.path(), &["progress", &ex(2024)]);
    assert_eq!(code, 0);
    assert!(out.contains("1 tệp bị bỏ qua:"), "{out}");
}

#[test]
fn units_are_listed_by_year_and_a_merged_unit_names_its_successor() {
    let dir = tmp();
    let (code, out, _) = run_in(dir.path(), &["catalogue", "--units", "--year", "2025"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("7 đơn vị báo cáo năm 2025\n"), "{out}");
    assert!(out.contains("18544") && !out.contains("18541"), "{out}");
    let (_, out, _) = run_en(dir.path(), &["catalogue", "--units", "--year", "2025"]);
    assert!(out.starts_with("7 units reporting in 2025\n"), "{out}");
    let args = ["template", "--office", "y-te", "--unit", "Hương Vĩnh", "--year", "2025"];
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 2);
    assert!(err.contains("từ năm 2025 địa bàn thuộc Xã Hương Xuân (18544): dùng --unit 18544"), "{err}");
    let (code, _, err) = run_en(dir.path(), &args);
    assert_eq!(code, 2);
    assert!(err.contains("from 2025 its area is part of Xã Hương Xuân (18544): use --unit 18544"), "{err}");
}

#[test]
fn argument_errors_are_in_the_officers_language() {
    let dir = tmp();
    let cases: [(&[&str], &str, &str); 5] = [
        (&["aggregate", ".", "--yeer", "2024"], "không có tùy chọn «--yeer»", "there is no option '--yeer'"),
        (
            &["aggregate", ".", "--year", "abc"],
            "«abc» không dùng được cho --year",
            "'abc' cannot be used for --year",
        ),
        (
            &["aggregate", ".", "--year", "99999"],
            "cần một số trong khoảng 0–65535",
            "expected a number in 0–65535",
        ),
        (&["aggregate", ".", "--format", "xml"], "chọn một trong: table, json", "choose one of: table, json"),
        (&["tong-hop"], "không có lệnh «tong-hop»", "there is no command 'tong-hop'"),
    ];
    for (args, vi, en) in cases {
        let (code, _, err) = run_in(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(vi), "{args:?}: {err}");
        assert!(!err.contains("error:") && !err.contains("Usage:"), "no clap English: {err}");
        let (code, _, err) = run_en(dir.path(), args);
        assert_eq!(code, 2);
        assert!(err.contains(en), "{args:?}: {err}");
    }
    let (_, _, err) = run_in(dir.path(), &["aggregate", ".", "--yeer", "2024"]);
    assert!(err.contains("Có phải ý bạn là «--year»?"), "{err}");
    assert!(err.contains("Cách dùng: plan aggregate"), "{err}");
    let output = Command::cargo_bin("plan")
        .unwrap()
        .env("PLAN_LANG", "en")
        .args(["aggregate", ".", "--yeer", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no option '--yeer'"));
}

#[test]
fn help_is_translated_and_wrapped_at_80_columns() {
    let dir = tmp();
    let (code, out, _) = run_in(dir.path(), &["aggregate", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Cách dùng: plan aggregate"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "wrapped:\n{out}");
    assert!(out.contains("bao-cao-tong-hop-NĂM.xlsx"), "not broken mid-word:\n{out}");
    let (code, out, _) = run_en(dir.path(), &["aggregate", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: plan aggregate [OPTIONS] <PATH>..."), "{out}");
    assert!(out.contains("Report year"), "{out}");
    assert!(!out.contains("Năm báo cáo"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "wrapped:\n{out}");
    let (_, out, _) = run_en(dir.path(), &["--help"]);
    assert!(out.contains("Commands:") && out.contains("Global options:"), "{out}");
}

#[test]
fn os_errors_read_as_vietnamese_sentences() {
    let dir = tmp();
    let long = format!("{}.xlsx", "a".repeat(300));
    let (code, _, err) = run_in(dir.path(), &["aggregate", &ex(2024), "-o", &long]);
    assert_eq!(code, 2);
    assert!(err.contains("tên tệp quá dài"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    let (_, _, err) = run_en(dir.path(), &["aggregate", &ex(2024), "-o", &long]);
    assert!(err.contains("os error"), "the detail stays in English: {err}");
}

#[test]
fn tables_and_lists_fit_80_columns_when_piped() {
    let dir = tmp();
    for args in [
        vec!["status", ex(2024).leak() as &str],
        vec!["catalogue"],
        vec!["progress", ex(2024).leak()],
        vec!["aggregate", ex(2024).leak(), "-o", "r.xlsx"],
        vec!["--lang", "en", "catalogue"],
    ] {
        let (_, out, _) = run_in(dir.path(), &args);
        let widest = out.lines().filter(|l| !l.contains(".xlsx")).map(|l| l.chars().count()).max();
        assert!(widest.is_some_and(|w| w <= 80), "{args:?}: {widest:?}\n{out}");
    }
}
