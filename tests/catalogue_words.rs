//! The words the program says itself come from the catalogue in use (issue 23, "Words the program says
//! itself"): a province of xã and phường (tests/fixtures/catalogue/province.toml, tỉnh Bình Lam) hears of no
//! district and no township in its forms, report sheets, Word draft, validation messages or `--help`, and
//! the built-in catalogue (huyện Hương Khê, xã and thị trấn) keeps its words.

use plan::catalogue::Catalogue;
use plan::submission::{Field, Raw};
use plan::template::{Annotations, Layout, Scope, Spec};
use std::path::{Path, PathBuf};

mod common;
use common::{plan, root, xml_under};

/// Words of a district of xã and thị trấn (or of Hương Khê itself) that no output for the province may hold,
/// compared in lower case.
const FOREIGN: [&str; 10] = [
    "huyện",
    "thị trấn",
    "district",
    "township",
    "hương khê",
    "lộc yên",
    "18520",
    "24 chỉ tiêu",
    "21 đơn vị",
    "6 phòng",
];

fn province_path() -> PathBuf {
    root().join("tests/fixtures/catalogue/province.toml")
}

fn province() -> Catalogue {
    let text = std::fs::read_to_string(province_path()).unwrap();
    plan::catalogue::load(&text).unwrap().0
}

/// The foreign words `text` holds.
fn foreign_in(text: &str) -> Vec<&'static str> {
    common::words_in(text, &FOREIGN)
}

/// `plan --catalogue <province> ARGS`, run in `dir`: (exit code, stdout and stderr with every run of white
/// space one space, so that words wrapped at the terminal's width read whole).
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let (code, _, text) = common::run_with_catalogue(dir, &province_path(), args);
    (code, text)
}

/// Every 2025 form of the province filled in as clerks would, into `dir`.
fn filled_2025(catalogue: &Catalogue, dir: &Path) {
    let scopes: Vec<Scope> = catalogue.reporting_offices().map(Scope::Office).collect();
    let reporters = plan::template::every_reporter(catalogue, 2025);
    for spec in plan::template::specs_for(catalogue, &scopes, &reporters, Layout::Unit, Some(2025)) {
        let mut notes = Annotations::default();
        notes.fields.insert(Field::Date, Raw::Date(46_000.0));
        notes.fields.insert(Field::Preparer, Raw::Text("Trần Văn An".into()));
        for (i, element) in spec.elements(catalogue).iter().enumerate() {
            // Counts that keep the rules (fewer deaths than births, fewer standard schools than schools).
            let value = if element.code == "truong" { 60.0 } else { 50.0 - i as f64 };
            notes.values.insert((None, element.code.clone()), Raw::Number(value));
        }
        let bytes = plan::template::build_annotated(catalogue, &spec, &notes).unwrap();
        std::fs::write(dir.join(spec.file_name(catalogue)), bytes).unwrap();
    }
}

#[test]
fn a_provinces_forms_name_its_level_and_its_kinds_only() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["template", "--all", "-o", "blank"][..],
        &["template", "--all", "--all-units", "--year", "2025", "-o", "units"],
        &["template", "--office", "y-te", "--layout", "units", "--year", "2025", "-o", "grid"],
    ] {
        let (code, text) = run(dir.path(), args);
        assert_eq!(code, Some(0), "{args:?}: {text}");
    }
    let xml = xml_under(dir.path());
    assert_eq!(foreign_in(&xml), Vec::<&str>::new());
    // The province's own words, where Hương Khê's forms have "cấp huyện", "toàn huyện", "xã, thị trấn".
    for words in [
        "(chỉ cấp tỉnh điền, cho toàn tỉnh)",
        "Số nguyên ≥ 0 (cấp tỉnh)",
        "Chọn xã, phường trong danh sách.",
        "tại xã, phường điền",
        "Toàn tỉnh Bình Lam (số liệu chỉ cấp tỉnh có)",
    ] {
        assert!(xml.contains(words), "no «{words}» in the forms");
    }
}

#[test]
fn a_provinces_report_draft_and_messages_name_its_level_and_its_kinds_only() {
    let catalogue = province();
    let dir = tempfile::tempdir().unwrap();
    let filled = dir.path().join("nop-2025");
    std::fs::create_dir(&filled).unwrap();
    filled_2025(&catalogue, &filled);
    for lang in ["vi", "en"] {
        let out = dir.path().join(format!("out-{lang}"));
        std::fs::create_dir(&out).unwrap();
        let report = out.join("bao-cao.xlsx");
        let docx = out.join("bao-cao.docx");
        let (code, text) = run(
            dir.path(),
            &[
                "--lang",
                lang,
                "aggregate",
                "nop-2025",
                "--year",
                "2025",
                "-o",
                report.to_str().unwrap(),
                "--docx",
                docx.to_str().unwrap(),
            ],
        );
        assert!(matches!(code, Some(0 | 1)), "{text}");
        assert_eq!(foreign_in(&text), Vec::<&str>::new(), "{text}");
        let xml = xml_under(&out);
        assert_eq!(foreign_in(&xml), Vec::<&str>::new(), "{lang}");
        let words: &[&str] = match lang {
            "vi" => &["Cộng toàn tỉnh", "cấp tỉnh", "Giá trị toàn tỉnh là tỷ lệ"],
            _ => &["Province total", "The province value is the ratio"],
        };
        for w in words {
            assert!(xml.contains(w), "no «{w}» in the {lang} report and draft");
        }
    }

    // A form whose unit is not of 2025, and one whose unit was never chosen.
    let bad = dir.path().join("sai");
    std::fs::create_dir(&bad).unwrap();
    let office = Scope::Office(catalogue.office("y-te").unwrap());
    for (name, unit) in [("la.xlsx", Some("Xã Không Có")), ("trong.xlsx", None)] {
        let spec = Spec { scope: office, layout: Layout::Unit, reporter: None, year: Some(2025) };
        let mut notes = Annotations::default();
        if let Some(unit) = unit {
            notes.fields.insert(Field::Unit, Raw::Text(unit.into()));
        }
        std::fs::write(bad.join(name), plan::template::build_annotated(&catalogue, &spec, &notes).unwrap())
            .unwrap();
    }
    let (code, text) = run(dir.path(), &["validate", "sai"]);
    assert_eq!(code, Some(1), "{text}");
    assert_eq!(foreign_in(&text), Vec::<&str>::new(), "{text}");
    assert!(text.contains("không có trong danh sách các xã, phường năm 2025"), "{text}");
    assert!(text.contains("chọn xã, phường trong danh sách"), "{text}");
}

#[test]
fn help_says_nothing_of_the_built_in_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 10] = [
        &[],
        &["catalogue"],
        &["catalogue", "check"],
        &["template"],
        &["validate"],
        &["aggregate"],
        &["status"],
        &["progress"],
        &["export"],
        &["mo"],
    ];
    for lang in ["vi", "en"] {
        for command in commands {
            let args: Vec<&str> =
                ["--lang", lang].iter().chain(command).chain(&["--help"]).copied().collect();
            let (code, text) = run(dir.path(), &args);
            assert_eq!(code, Some(0), "{args:?}: {text}");
            assert_eq!(foreign_in(&text), Vec::<&str>::new(), "{args:?}: {text}");
        }
    }
    // The examples the help cannot give come from the catalogue in use.
    let (_, text) = run(dir.path(), &["catalogue", "--units", "--year", "2025"]);
    assert!(
        text.contains("plan template --all --unit 30001 --year 2025 (hoặc --unit \"Sông Lam\")"),
        "{text}"
    );
}

#[test]
fn catalogue_check_warns_of_a_district_word_in_a_province() {
    let text = std::fs::read_to_string(province_path()).unwrap();
    // The province copy: its definitions still spoke of the district and its thị trấn.
    let stale = text
        .replace("trên toàn tỉnh (Sở Y tế tổng hợp;", "trên toàn huyện (Trung tâm Y tế huyện tổng hợp;")
        .replace("tại xã, phường.", "tại xã, thị trấn.");
    let (_, warnings) = plan::catalogue::load(&stale).unwrap();
    let said: Vec<(&str, &str)> = warnings.iter().map(|w| (w.key.as_str(), w.message.as_str())).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said.iter().any(|(k, m)| *k == "elements[hiv_me_con]" && m.contains("«huyện»")), "{said:?}");
    assert!(said.iter().any(|(k, m)| *k == "elements[tre_de_song]" && m.contains("«thị trấn»")), "{said:?}");
    // A place of the catalogue it was copied from is named.
    let copied = text.replace("trên địa bàn tỉnh như sau:", "trên địa bàn huyện Hương Khê như sau:");
    let (_, warnings) = plan::catalogue::load(&copied).unwrap();
    assert!(warnings.iter().any(|w| w.message.contains("«huyện Hương Khê»")), "{warnings:?}");
    // A former district named as such is no mistake.
    let former =
        text.replace("trên địa bàn tỉnh như sau:", "trên địa bàn tỉnh (gồm cả huyện Lam Cũ (cũ)) như sau:");
    assert!(plan::catalogue::load(&former).unwrap().1.is_empty());
}

#[test]
fn the_built_in_catalogue_keeps_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = plan()
        .current_dir(dir.path())
        .args(["template", "--office", "y-te", "--layout", "units", "--year", "2024", "-o", "grid"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out =
        plan().current_dir(dir.path()).args(["template", "--office", "y-te", "-o", "one"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report = dir.path().join("bao-cao.xlsx");
    let docx = dir.path().join("bao-cao.docx");
    let out = plan()
        .current_dir(root())
        .args(["aggregate", "examples/2024", "--year", "2024", "-o"])
        .arg(&report)
        .arg("--docx")
        .arg(&docx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = xml_under(dir.path());
    for words in [
        "Chọn xã, thị trấn trong danh sách.",
        "(số liệu chỉ cấp huyện có)",
        "Số nguyên ≥ 0 (cấp huyện)",
        "Cộng toàn huyện",
        "Giá trị toàn huyện là tỷ lệ",
    ] {
        assert!(xml.contains(words), "no «{words}»");
    }
}
