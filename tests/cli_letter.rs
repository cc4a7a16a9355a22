//! `plan status … --docx`: the letter that chases late units (issue 22), read back without any office
//! program (the XML inside the zip): who has not reported by name, who sent a workbook with errors with the
//! file and its count of errors, the subject, the new date, the signature's name line, the same bytes on a
//! second run.

use std::path::{Path, PathBuf};

mod common;
use common::docx::{paragraphs, part};
use common::{fixtures, plan_at_root as plan, root};

/// The 2024 examples with Lộc Yên's culture workbook replaced by one with an error (yes-no-bad.xlsx,
/// 1 error), in a folder of `dir`.
fn folder_with_an_error(dir: &Path) -> PathBuf {
    let folder = dir.join("nop 2024");
    std::fs::create_dir(&folder).unwrap();
    common::copy_files(&root().join("examples/2024"), &folder, |name| {
        name != "2024_18520_loc-yen_vh-tt.xlsx"
    });
    std::fs::copy(fixtures().join("yes-no-bad.xlsx"), folder.join("yes-no-bad.xlsx")).unwrap();
    folder
}

fn letter(folder: &Path, docx: &Path, extra: &[&str]) -> String {
    let out = plan()
        .arg("status")
        .arg(folder)
        .args(["--year", "2024", "--new-deadline", "15/11/2024", "--docx"])
        .arg(docx)
        .args(extra)
        .output()
        .unwrap();
    // Exit 1: a report is still missing; the letter is written all the same.
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_letter_names_who_is_missing_and_who_sent_errors_and_repeats_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = folder_with_an_error(dir.path());
    let docx = dir.path().join("don-doc.docx");
    let said = letter(&folder, &docx, &[]);
    assert!(said.contains("Đã ghi công văn đôn đốc (hạn mới 15/11/2024)"), "{said}");
    let bytes = std::fs::read(&docx).unwrap();
    let texts = paragraphs(&part(&bytes, "word/document.xml"));
    let has = |wanted: &str| texts.iter().any(|t| t == wanted);
    let contains = |wanted: &str| texts.iter().any(|t| t.contains(wanted));
    // The header of a công văn: the number without the kind, the subject under it.
    assert!(has("Số: …/UBND"), "{texts:#?}");
    assert!(
        has("V/v đôn đốc nộp báo cáo kết quả thực hiện Kế hoạch hành động vì trẻ em năm 2024"),
        "{texts:#?}"
    );
    assert!(has("Hương Khê, ngày      tháng      năm 2024"), "{texts:#?}");
    // Addressed to the offices and units concerned.
    for to in [
        "Kính gửi:",
        "- Phòng Giáo dục và Đào tạo;",
        "- Phòng Văn hóa - Thông tin;",
        "- Ủy ban nhân dân xã Lộc Yên;",
        "- Ủy ban nhân dân xã Phú Phong.",
    ] {
        assert!(has(to), "no «{to}»: {texts:#?}");
    }
    // Who has not reported, by name; who sent a workbook with errors, with the file and the count.
    assert!(has("- Phòng Giáo dục và Đào tạo: Xã Phú Phong."), "{texts:#?}");
    assert!(has("- Xã Lộc Yên (Phòng Văn hóa - Thông tin): tệp «yes-no-bad.xlsx» có 1 lỗi."), "{texts:#?}");
    // The plan's deadline and the new date.
    assert!(contains("trước ngày 30/10 hằng năm"), "{texts:#?}");
    assert!(contains("chậm nhất ngày 15/11/2024"), "{texts:#?}");
    // Nơi nhận and the signature block with the name line.
    assert!(has("Nơi nhận:") && has("- Lưu: VT, LĐ-TB&XH."), "{texts:#?}");
    let signature = texts.iter().position(|t| t == "PHÓ CHỦ TỊCH").expect("signature");
    assert!(texts[signature + 1..].iter().any(|t| t == "……………………………"), "no name line: {texts:#?}");
    // The properties come from the inputs: the issuer, the subject, the new date.
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Ủy ban nhân dân huyện Hương Khê</dc:creator>"), "{core}");
    assert!(core.contains("2024-11-15T00:00:00Z"), "{core}");
    // The same inputs give the same bytes.
    let again = dir.path().join("lan-2.docx");
    letter(&folder, &again, &[]);
    assert_eq!(bytes, std::fs::read(&again).unwrap());
    // Not written over without --force.
    let out =
        plan().arg("status").arg(&folder).args(["--year", "2024", "--docx"]).arg(&docx).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
}

#[test]
fn the_english_letter_and_a_date_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let folder = folder_with_an_error(dir.path());
    let docx = dir.path().join("reminder.docx");
    letter(&folder, &docx, &["--lang", "en"]);
    let texts = paragraphs(&part(&std::fs::read(&docx).unwrap(), "word/document.xml"));
    assert!(texts.iter().any(|t| t == "Re: reminder to submit the reports for 2024"), "{texts:#?}");
    assert!(
        texts.iter().any(
            |t| t == "- Xã Lộc Yên (Culture and Information Office): file «yes-no-bad.xlsx» has 1 error."
        ),
        "{texts:#?}"
    );
    assert!(texts.iter().any(|t| t.contains("by 15/11/2024 at the latest")), "{texts:#?}");
    // A date that is not in the calendar: a sentence, exit 2, nothing written.
    let bad = dir.path().join("bad.docx");
    let out = plan()
        .arg("status")
        .arg(&folder)
        .args(["--new-deadline", "31/11/2024", "--docx"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ngày/tháng/năm"));
    assert!(!bad.exists());
}
