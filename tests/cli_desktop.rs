//! What a clerk meets on an office PC (Windows first): workbooks dropped on the program, paths printed the
//! way they were typed, Excel's lock files, read-only inputs, paths over 260 characters, a file Excel holds
//! open, and workbooks whose bytes are the same on every platform.

use serde_json::Value;
use std::io::Cursor;
use std::path::Path;

mod common;
use common::{fixtures, plan};

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)))
}

fn copy_fixture(name: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(fixtures().join(name), to).unwrap();
}

#[test]
fn workbooks_dropped_on_the_program_are_validated_with_annotated_copies_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Báo cáo 2024");
    let (mistakes, clean) = (folder.join("Lộc Yên sai.xlsx"), folder.join("clean.xlsx"));
    copy_fixture("mistakes.xlsx", &mistakes);
    copy_fixture("clean.xlsx", &clean);
    let before = std::fs::read(&mistakes).unwrap();
    // Explorer passes the dropped files' full paths and nothing else.
    let output = plan().arg(&mistakes).arg(&clean).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let copy = folder.join("Lộc Yên sai_can-sua.xlsx");
    assert!(stdout.contains(&format!("Bản có chú thích lỗi: {}", copy.display())), "{stdout}");
    assert!(stdout.contains("Đã kiểm tra 2 tệp: 1 hợp lệ"), "{stdout}");
    let annotated = zip::ZipArchive::new(Cursor::new(std::fs::read(&copy).unwrap())).unwrap();
    assert!(annotated.file_names().any(|n| n.unwrap().starts_with("xl/worksheets/")));
    assert!(!folder.join("clean_can-sua.xlsx").exists(), "a valid workbook gets no copy");
    assert_eq!(std::fs::read(&mistakes).unwrap(), before, "the input is never touched");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 3);
}

#[test]
fn a_dropped_folder_and_a_mistyped_path_are_not_taken_for_a_command() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture("clean.xlsx", &dir.path().join("nộp/clean.xlsx"));
    let output = plan().arg(dir.path().join("nộp")).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Đã kiểm tra 1 tệp: 1 hợp lệ"));
    let output = plan().arg(dir.path().join("không có.xlsx")).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "a path that does not exist is a usage error");
}

/// The file paths of a `plan validate --format json` run from `dir`.
fn validated_paths(dir: &Path, args: &[&str]) -> Vec<String> {
    let output =
        plan().current_dir(dir).arg("validate").args(args).args(["--format", "json"]).output().unwrap();
    let json = json_of(&output);
    json["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap().to_string()).collect()
}

#[test]
fn paths_are_printed_with_the_separator_they_were_typed_with_and_lock_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture("clean.xlsx", &dir.path().join("Báo cáo 2024/xã/clean.xlsx"));
    copy_fixture("grid.xlsx", &dir.path().join("Báo cáo 2024/grid.xlsx"));
    // The lock file Excel leaves beside a workbook it has open.
    std::fs::write(dir.path().join("Báo cáo 2024/~$grid.xlsx"), b"\x0bNguyen Van A").unwrap();
    let typed = validated_paths(dir.path(), &["Báo cáo 2024"]);
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(typed, [format!("Báo cáo 2024{sep}grid.xlsx"), format!("Báo cáo 2024{sep}xã{sep}clean.xlsx")]);
    let slashed = validated_paths(dir.path(), &["Báo cáo 2024/"]);
    assert_eq!(slashed, ["Báo cáo 2024/grid.xlsx", "Báo cáo 2024/xã/clean.xlsx"]);
    let nested = validated_paths(dir.path(), &["./Báo cáo 2024/xã"]);
    assert_eq!(nested, ["./Báo cáo 2024/xã/clean.xlsx"]);
    #[cfg(windows)]
    {
        let backslashed = validated_paths(dir.path(), &[r".\Báo cáo 2024"]);
        assert_eq!(backslashed, [r".\Báo cáo 2024\grid.xlsx", r".\Báo cáo 2024\xã\clean.xlsx"]);
    }
}

#[test]
fn read_only_inputs_in_a_folder_past_260_characters_are_read_and_annotated() {
    let dir = tempfile::tempdir().unwrap();
    let mut folder = dir.path().to_path_buf();
    for level in 0..5 {
        folder.push(format!("Báo cáo tổng hợp của các phòng ban và các xã thị trấn năm 2024 phần {level}"));
    }
    let input = folder.join("Lộc Yên.xlsx");
    assert!(input.as_os_str().len() > 300, "{}", input.display());
    copy_fixture("mistakes.xlsx", &input);
    let mut permissions = std::fs::metadata(&input).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&input, permissions.clone()).unwrap();
    let output = plan().arg("validate").arg(&input).arg("--annotate").arg(&folder).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(folder.join("Lộc Yên_can-sua.xlsx").is_file());
    let report = folder.join("báo cáo.xlsx");
    let output = plan()
        .args(["aggregate", "--year", "2024", "--include-with-errors", "-o"])
        .arg(&report)
        .arg(&input)
        .output()
        .unwrap();
    assert!(report.is_file(), "{}", String::from_utf8_lossy(&output.stderr));
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&input, permissions).unwrap(); // so that the folder can be removed
}

#[cfg(windows)]
#[test]
fn a_workbook_excel_holds_open_is_that_files_error() {
    use std::os::windows::fs::OpenOptionsExt;
    let dir = tempfile::tempdir().unwrap();
    let open = dir.path().join("đang mở.xlsx");
    copy_fixture("clean.xlsx", &open);
    // Excel opens a workbook without sharing it: any other reader gets a sharing violation.
    let _held = std::fs::OpenOptions::new().read(true).write(true).share_mode(0).open(&open).unwrap();
    let output = plan()
        .arg("validate")
        .arg(&open)
        .arg(fixtures().join("clean.xlsx"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json = json_of(&output);
    assert_eq!(json["files"][0]["findings"][0]["code"], "file.unreadable", "{json}");
    assert_eq!(json["files"][1]["status"], "valid");
}

/// The host byte ("version made by", high byte) of every central directory entry, found by its signature.
fn zip_hosts(bytes: &[u8]) -> Vec<u8> {
    let entries = zip::ZipArchive::new(Cursor::new(bytes)).unwrap().len();
    let hosts: Vec<u8> = bytes.windows(6).filter(|w| w.starts_with(b"PK\x01\x02")).map(|w| w[5]).collect();
    assert_eq!(hosts.len(), entries, "one central directory header per entry");
    hosts
}

#[test]
fn every_kind_of_workbook_written_is_the_same_on_every_platform() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    let run = |args: &[&str], extra: &[&Path]| {
        let output = plan().current_dir(fixtures()).args(args).args(extra).output().unwrap();
        assert!(output.status.code().unwrap() <= 1, "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    };
    run(&["template", "--office", "y-te", "-o"], &[&out("y-te.xlsx")]);
    run(
        &["template", "--office", "y-te", "--layout", "units", "--year", "2024", "-o"],
        &[&out("units.xlsx")],
    );
    run(&["template", "--all", "-o"], &[&out("all")]);
    run(&["validate", "mistakes.xlsx", "--annotate"], &[&out("annotated")]);
    run(&["aggregate", "clean.xlsx", "--year", "2024", "-o"], &[&out("report.xlsx")]);
    run(&["progress", "clean.xlsx", "previous-2023.xlsx", "-o"], &[&out("progress.xlsx")]);
    let mut files = vec![out("y-te.xlsx"), out("units.xlsx"), out("report.xlsx"), out("progress.xlsx")];
    for folder in ["all", "annotated"] {
        files.extend(std::fs::read_dir(out(folder)).unwrap().map(|e| e.unwrap().path()));
    }
    assert_eq!(files.len(), 4 + 7 + 1, "{files:?}");
    for file in &files {
        let hosts = zip_hosts(&std::fs::read(file).unwrap());
        assert!(hosts.iter().all(|&h| h == 3), "{}: hosts {hosts:?} (3 = Unix)", file.display());
    }
    // The blank templates committed (written on Linux) are the bytes this platform writes.
    for entry in std::fs::read_dir(out("all")).unwrap() {
        let path = entry.unwrap().path();
        let committed =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("templates").join(path.file_name().unwrap());
        assert!(std::fs::read(&path).unwrap() == std::fs::read(&committed).unwrap(), "{}", path.display());
    }
}
