//! Broken, disguised, hostile and odd workbooks (`tests/fixtures/hostile/`, made by
//! `tests/fixtures/scripts/make_hostile_fixtures.py`): each gives its own clear message naming the file, the
//! valid ones are aggregated whatever lies beside them, every file is accounted for, and memory stays
//! bounded (the whole corpus is also read under an address-space limit).

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn plan() -> Command {
    let mut cmd = Command::cargo_bin("plan").unwrap();
    cmd.env_remove("PLAN_CATALOGUE").env_remove("PLAN_LANG").current_dir(corpus());
    cmd
}

/// A file of the corpus, its status, the code of its first finding (any of several where the build decides:
/// calamine panics on an overflow only with overflow checks on), its cell, and words of the message.
type Expected = (&'static str, &'static str, &'static [&'static str], Option<&'static str>, &'static str);

/// What each file of the corpus must give.
const EXPECTED: [Expected; 24] = [
    ("3000-sheet.xlsx", "invalid", &["file.too_large"], None, "3004 trang tính, tối đa 64"),
    ("bang-csv.xls", "invalid", &["file.unreadable"], None, "không phải bảng tính Excel"),
    // The reader's own words ("larger than its declared size") are in `found` and the English message.
    ("bom-zip-khai-gian.xlsx", "invalid", &["file.unreadable"], None, "bị hỏng hoặc không đúng định dạng"),
    ("bom-zip.xlsx", "invalid", &["file.too_large"], None, "128 MB khi giải nén, tối đa 32 MB"),
    ("cat-ngang.xlsx", "invalid", &["file.unreadable"], None, "bị hỏng hoặc không đúng định dạng"),
    ("cong-thuc-co-ket-qua.xlsx", "valid", &[], None, ""),
    (
        "cong-thuc-khong-ket-qua.xlsx",
        "invalid",
        &["value.formula_no_result"],
        Some("Báo cáo!E19"),
        "«=100+20»",
    ),
    ("dong-an.xlsx", "valid", &[], None, ""),
    ("gia-tri-loi.xlsx", "invalid", &["value.error"], Some("Báo cáo!E19"), "đang báo lỗi «#DIV/0!»"),
    ("hợp lệ Lộc Yên.xlsx", "valid", &[], None, ""),
    ("lam-hong-trinh-doc.xlsx", "invalid", &["file.reader_crashed", "file.unreadable"], None, "Tệp bị hỏng"),
    ("mật khẩu.xlsx", "invalid", &["file.encrypted"], None, "Tệp được đặt mật khẩu"),
    ("ngau-nhien.xlsx", "invalid", &["file.unreadable"], None, "không phải bảng tính Excel"),
    ("ngay-trong-o-so.xlsx", "invalid", &["value.date"], Some("Báo cáo!E31"), "đang là ngày tháng"),
    ("o-gop.xlsx", "valid", &[], None, ""),
    ("o-xa-IV65536.xls", "valid", &[], None, ""),
    ("o-xa-XFD1048576.xlsx", "valid", &[], None, ""),
    ("rỗng.xlsx", "invalid", &["file.unreadable"], None, "không phải bảng tính Excel"),
    ("sheet-doi-ten.xlsx", "valid", &[], None, ""),
    ("tai-lieu-pdf.xlsx", "invalid", &["file.unreadable"], None, "Word, PDF"),
    ("tep-nen-zip.xlsx", "invalid", &["file.unreadable"], None, "bị đổi tên"),
    ("van-ban-docx.xlsx", "invalid", &["file.unreadable"], None, "bị đổi tên"),
    // Found by cargo fuzz (target read_other): a damaged .xls for which calamine allocates 5.4 GB and aborts; the child reader
    // dies instead of the run.
    (
        "xls-hong-doi-5-GB.xls",
        "invalid",
        &["file.reader_crashed"],
        None,
        "trình đọc bảng tính dừng giữa chừng",
    ),
    ("ĐUÔI CHỮ HOA.XLSX", "valid", &[], None, ""),
];

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)))
}

fn name(path: &Value) -> String {
    Path::new(path.as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned()
}

/// Under a tight memory limit, the .xls whose last cell is filled (calamine allocates about 1 GB for its
/// range) kills its child reader: that file's error, and nothing else changes.
const UNDER_LIMIT: Expected =
    ("o-xa-IV65536.xls", "invalid", &["file.reader_crashed"], None, "trình đọc bảng tính dừng giữa chừng");

/// Checks `plan validate`'s report of the corpus against [`EXPECTED`] (with `limited`, [`UNDER_LIMIT`]).
fn assert_validated(json: &Value, limited: bool) {
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), EXPECTED.len(), "every file is accounted for");
    let expected = EXPECTED.map(|e| if limited && e.0 == UNDER_LIMIT.0 { UNDER_LIMIT } else { e });
    for (file, (expected, status, codes, cell, words)) in files.iter().zip(expected) {
        assert_eq!(name(&file["file"]), expected);
        assert_eq!(file["status"], status, "{expected}: {file}");
        let first = &file["findings"][0];
        if codes.is_empty() {
            assert_eq!(file["findings"].as_array().unwrap().len(), 0, "{expected}: {file}");
            continue;
        }
        assert!(codes.contains(&first["code"].as_str().unwrap()), "{expected}: {first}");
        assert_eq!(first["cell"].as_str(), cell, "{expected}: {first}");
        assert!(first["message"].as_str().unwrap().contains(words), "{expected}: {first}");
        assert_eq!(first["severity"], "error");
    }
}

#[test]
fn every_broken_or_odd_file_gets_its_own_message_and_the_valid_ones_pass() {
    let output = plan().args(["validate", ".", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_validated(&json_of(&output), false);
    // Panics caught in the reader are that file's finding, not noise on the terminal.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_valid_workbooks_are_aggregated_whatever_lies_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("báo cáo.xlsx");
    let output = plan()
        .args(["aggregate", ".", "--year", "2024", "--format", "json", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "written, but incomplete");
    let json = json_of(&output);
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(sources.len(), EXPECTED.len(), "every input is listed in the report's sources");
    for (source, (expected, status, codes, ..)) in sources.iter().zip(EXPECTED) {
        assert_eq!(name(&source["file"]), expected);
        let usage = source["use"]["status"].as_str().unwrap();
        let want = match (status, codes.first().copied()) {
            ("valid", _) => "used",
            (_, Some(code)) if code.starts_with("value.") => "excluded_errors",
            _ => "unreadable",
        };
        assert_eq!(usage, want, "{expected}");
    }
    // Seven units' health workbooks (the .xls repeats Lộc Yên's, same date, same figures: counted once), 120
    // live births each (one as the formula =100+20 whose result
    // LibreOffice stored): the district's births are their sum.
    let neonatal = json["parts"].as_array().unwrap().iter().find(|p| p["id"] == "3.1").unwrap();
    assert_eq!(neonatal["denominator"], 7 * 120);
    assert_eq!(neonatal["coverage"]["units"], 7);
    // Every file with an error has its finding in the report, under its own name.
    let findings = json["findings"].as_array().unwrap();
    for (expected, status, ..) in EXPECTED.iter().filter(|e| e.1 == "invalid") {
        assert!(
            findings.iter().any(|f| name(&f["file"]) == *expected && f["severity"] == "error"),
            "{expected} ({status}) has no finding in the report"
        );
    }
    assert!(report.exists());
}

#[cfg(target_os = "linux")]
#[test]
fn the_corpus_is_read_under_a_512_mib_address_space_limit() {
    let mut command = common::plan_capped(512 << 20);
    command.current_dir(corpus()).args(["validate", ".", "--format", "json"]);
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert_validated(&json_of(&output), true);
}

#[test]
fn a_folder_named_like_a_workbook_and_a_missing_file_are_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("thư mục báo cáo.xlsx");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(corpus().join("hợp lệ Lộc Yên.xlsx"), folder.join("Lộc Yên.xlsx")).unwrap();
    let missing = dir.path().join("không có.xlsx");
    let output =
        plan().arg("validate").arg(&folder).arg(&missing).args(["--format", "json"]).output().unwrap();
    let json = json_of(&output);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{json}");
    assert_eq!(files[0]["status"], "valid", "a folder is searched, whatever its name");
    assert_eq!(files[1]["findings"][0]["code"], "file.unreadable");
    assert!(files[1]["findings"][0]["message"].as_str().unwrap().starts_with("Không có tệp này"));
}

/// Pins: an operating-system error while reading one file must be that file's `file.unreadable` finding,
/// with the files beside it still checked, not an error that ends the run. It used to lock the file
/// (mode 000) and returned early as root, where permissions do not stop reading, so it asserted nothing
/// in CI: a link to `/proc/self/mem` is a regular file that opens and fails at its first read (EIO) for
/// root and any user alike.
#[cfg(target_os = "linux")]
#[test]
fn a_file_that_cannot_be_read_is_that_files_error() {
    let dir = tempfile::tempdir().unwrap();
    let failing = dir.path().join("khoá.xlsx");
    std::os::unix::fs::symlink("/proc/self/mem", &failing).unwrap();
    let error = std::fs::read(&failing).unwrap_err();
    assert_eq!(error.raw_os_error(), Some(5), "the read itself fails (EIO): {error}");
    let valid = corpus().join("o-gop.xlsx");
    let output =
        plan().arg("validate").arg(&failing).arg(&valid).args(["--format", "json"]).output().unwrap();
    let json = json_of(&output);
    assert_eq!(json["files"][0]["findings"][0]["code"], "file.unreadable", "{json}");
    assert_eq!(json["files"][1]["status"], "valid");
}
