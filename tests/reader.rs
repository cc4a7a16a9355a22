//! Files that took a whole run down, spoiled its report or were refused though valid (issue 13;
//! `tests/fixtures/reader/`, made by `tests/fixtures/scripts/make_reader_fixtures.py`), with the special
//! files a folder can hold (a FIFO, a link to `/dev/zero`, links that loop), made here: each is that file's
//! finding, the valid ones are aggregated, and every run ends on its own under a 512 MiB address-space
//! limit.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader")
}

/// A file, its status, the code of its first finding, and words of its message.
type Expected = (&'static str, &'static str, Option<&'static str>, &'static str);

/// What each committed file must give (sorted by name, as `plan` lists them).
const EXPECTED: [Expected; 27] = [
    ("60-trang-mot-phan.xlsx", "invalid", Some("file.too_large"), "cả tệp có hơn 400000 ô có dữ liệu"),
    ("NaN-o-khong-dung.ods", "valid", None, ""),
    ("NaN-o-khong-dung.xls", "valid", None, ""),
    ("chu-30-MB-trong-o-so.xlsx", "invalid", Some("value.not_a_number"), "… (31457284)»"),
    ("chu-40000-trong-o-so.xlsx", "invalid", Some("value.not_a_number"), "… (40000)»"),
    ("chuoi-chung-190000-o.xlsx", "invalid", Some("file.too_large"), "chữ trong các ô vượt quá 32 MB"),
    ("cong-thuc-chung-1-MB.xlsx", "invalid", Some("file.too_large"), "chữ trong các ô vượt quá 32 MB"),
    ("dem-9e18-18550.xlsx", "invalid", Some("value.implausible"), "«9000000000000000000»: lớn hơn số"),
    ("dem-9e18-18553.xlsx", "invalid", Some("value.implausible"), "«9000000000000000000»: lớn hơn số"),
    ("dem-9e18-18556.xlsx", "invalid", Some("value.implausible"), "«9000000000000000000»: lớn hơn số"),
    ("ghi-chu-40000-ky-tu.xlsx", "valid", None, ""),
    ("gnumeric-biff8.xls", "valid", None, ""),
    ("gnumeric-dsf.xls", "valid", None, ""),
    ("gnumeric-odf-strict.ods", "valid", None, ""),
    ("gnumeric-odf.ods", "valid", None, ""),
    ("hợp lệ Lộc Yên.xlsx", "valid", None, ""),
    ("ky-tu-dieu-khien.xlsx", "invalid", Some("value.not_a_number"), "«\u{1b}[2J\u{1b}[31m12\u{7}»"),
    ("loi-excel-365-o-ghi-chu.xlsx", "valid", None, ""),
    ("loi-excel-365.xlsx", "invalid", Some("value.error"), "đang báo lỗi «#SPILL!»"),
    ("ods-qua-nhieu-o.ods", "invalid", Some("file.too_large"), "trang «Báo cáo» có hơn 200000 ô"),
    ("sheetjs.ods", "valid", None, ""),
    ("sheetjs.xlsb", "valid", None, ""),
    ("ten-trang-40000-ky-tu.xlsx", "invalid", Some("value.not_a_number"), "Báo cáo … (40000)!E33"),
    ("uniqueCount-1e11.xlsx", "valid", None, ""),
    ("uniqueCount-200000000.xlsx", "valid", None, ""),
    ("uniqueCount-4294967295.xlsx", "valid", None, ""),
    ("van-ban-40000-ky-tu.xlsx", "valid", Some("value.read_as"), "có 40000 ký tự: chỉ giữ 32000 ký tự đầu"),
];

/// Valid workbooks of EXPECTED, each of its own unit, 120 live births each.
const VALID: usize = 15;

/// The corpus copied into a temporary folder with, on Unix, the special files: a FIFO and a link to
/// `/dev/zero` named as workbooks, and a subfolder holding a valid workbook and two links that loop (to
/// itself and to its parent).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let fifo = std::ffi::CString::new(dir.path().join("ống dẫn.xlsx").to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        symlink("/dev/zero", dir.path().join("vô tận.xlsx")).unwrap();
        let sub = dir.path().join("thư mục con");
        std::fs::create_dir(&sub).unwrap();
        std::fs::copy(corpus().join("hợp lệ Lộc Yên.xlsx"), sub.join("Lộc Yên bản sao.xlsx")).unwrap();
        symlink(".", sub.join("vòng a")).unwrap();
        symlink("..", sub.join("vòng b")).unwrap();
    }
    dir
}

/// `plan ARGS` in `dir`, under a 512 MiB address-space limit on Linux, killed after two minutes.
fn run_limited(dir: &Path, args: &[&str]) -> (std::process::Output, Duration) {
    let mut command = common::plan_capped(512 << 20);
    command.current_dir(dir).args(args);
    let start = Instant::now();
    let output = Command::from_std(command).timeout(Duration::from_secs(120)).output().unwrap();
    (output, start.elapsed())
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{e} (status {:?}): {}", output.status, String::from_utf8_lossy(&output.stderr))
    })
}

fn name(path: &Value) -> String {
    Path::new(path.as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned()
}

/// The special files made by [`folder`]: name, and words of the message.
#[cfg(unix)]
const SPECIAL: [(&str, &str); 2] =
    [("vô tận.xlsx", "không phải một tệp thông thường"), ("ống dẫn.xlsx", "không phải một tệp thông thường")];
#[cfg(not(unix))]
const SPECIAL: [(&str, &str); 0] = [];

#[test]
fn every_file_is_its_own_finding_and_the_run_ends_under_512_mib() {
    let dir = folder();
    let (output, took) = run_limited(dir.path(), &["validate", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let json = json_of(&output);
    let files = json["files"].as_array().unwrap();
    let by_name = |wanted: &str| files.iter().filter(|f| name(&f["file"]) == wanted).collect::<Vec<_>>();
    for (file, status, code, words) in EXPECTED {
        let found = by_name(file);
        assert_eq!(found.len(), 1, "{file} listed once");
        let found = found[0];
        assert_eq!(found["status"], status, "{file}: {found}");
        let findings = found["findings"].as_array().unwrap();
        match code {
            None => assert!(findings.is_empty(), "{file}: {found}"),
            Some(code) => {
                assert_eq!(findings[0]["code"], code, "{file}: {found}");
                let message = findings[0]["message"].as_str().unwrap();
                let full = format!("{message} {}", findings[0]["cell"].as_str().unwrap_or_default());
                assert!(full.contains(words), "{file}: {message}");
            }
        }
        for finding in findings {
            let length = finding["message"].as_str().unwrap().chars().count();
            assert!(length < 1000, "{file}: a message of {length} characters");
        }
    }
    for (file, words) in SPECIAL {
        let found = by_name(file);
        assert_eq!(found.len(), 1, "{file} listed once: {json}");
        assert_eq!(found[0]["findings"][0]["code"], "file.unreadable");
        assert!(found[0]["findings"][0]["message"].as_str().unwrap().contains(words), "{}", found[0]);
    }
    // The subfolder is searched once, whatever links lead back to it.
    assert_eq!(files.len(), EXPECTED.len() + SPECIAL.len() + usize::from(cfg!(unix)), "{json}");
    assert!(took < Duration::from_secs(60), "{took:?}");
}

#[test]
fn the_valid_workbooks_are_aggregated_and_the_report_is_written() {
    let dir = folder();
    let (output, _) = run_limited(
        dir.path(),
        &["aggregate", ".", "--year", "2024", "--format", "json", "-o", "báo cáo.xlsx"],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "written, but incomplete: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = json_of(&output);
    let neonatal = json["parts"].as_array().unwrap().iter().find(|p| p["id"] == "3.1").unwrap();
    assert_eq!(neonatal["denominator"], VALID * 120, "{neonatal}");
    assert_eq!(neonatal["coverage"]["units"], VALID);
    let findings = json["findings"].as_array().unwrap();
    for (file, status, ..) in EXPECTED.iter().filter(|e| e.1 == "invalid") {
        assert!(findings.iter().any(|f| name(&f["file"]) == *file), "{file} ({status}) has no finding");
    }
    assert!(dir.path().join("báo cáo.xlsx").exists());
}

#[test]
fn text_output_is_fast_on_a_30_mb_cell_and_shows_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["chu-30-MB-trong-o-so.xlsx", "ky-tu-dieu-khien.xlsx"] {
        std::fs::copy(corpus().join(file), dir.path().join(file)).unwrap();
    }
    #[cfg(unix)]
    std::fs::copy(corpus().join("ky-tu-dieu-khien.xlsx"), dir.path().join("tên\u{1b}[2J.xlsx")).unwrap();
    let (output, took) = run_limited(dir.path(), &["validate", "."]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(took < Duration::from_secs(60), "{took:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text}");
    assert!(text.contains("\\u{1b}[2J\\u{1b}[31m12\\u{7}"), "{text}");
    #[cfg(unix)]
    assert!(text.contains("tên\\u{1b}[2J.xlsx"), "{text}");
    assert!(text.len() < 20_000, "{} bytes", text.len());
}

/// Pins: the child reader printed its JSON answer through the terminal's escaping, which turns DEL and the
/// C1 controls (kept raw by JSON) into `\u{7f}`, not JSON: an .xls or .ods with such a character in any
/// cell was "the reader answered nonsense" (`file.reader_crashed`). The answer is now written as it is.
#[test]
fn the_child_readers_answer_is_json_whatever_the_cells_hold() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dieu-khien.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let text = "a\u{7f}b\u{85}c\u{9b}2J";
    workbook.add_worksheet().set_name("S").unwrap().write_string(0, 0, text).unwrap();
    workbook.save(&path).unwrap();
    let output = Command::cargo_bin("plan").unwrap().arg("__read-sheets").arg(&path).output().unwrap();
    assert!(output.status.success());
    let answer: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    assert_eq!(answer["Ok"][0]["rows"]["0"][0][1]["Text"], text, "{answer}");
}
