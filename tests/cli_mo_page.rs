//! `plan mo`'s routes as the page uses them, without a browser (issue 21, «every sentence the user's»):
//! a template is the form of the unit chosen for the year chosen, the district's included; a zip of
//! templates is named from the choice; a batch of several years asks for the year with the page's own
//! year box, never with a command-line flag. The guard, uploads and jobs are in tests/cli_mo.rs.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

mod common;
#[path = "common/mo.rs"]
mod mo;
use common::root;
use mo::Mo;

/// Every text of the first sheet (the form) of a workbook.
fn form_texts(bytes: &[u8]) -> Vec<String> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let first = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&first).unwrap();
    range
        .used_cells()
        .filter_map(|(_, _, cell)| if let Data::String(s) = cell { Some(s.clone()) } else { None })
        .collect()
}

// Regression (issue 21): the template route took the first unit of a code whatever the year, so 18496
// chosen as «Xã Hương Khê» (from 2025) gave a form that read «Thị trấn Hương Khê» (until 2024).
#[test]
fn a_template_is_the_form_of_the_unit_the_code_names_in_the_year_chosen() {
    let mo = Mo::start("vi");
    for (year, name, other) in [
        (2025, "Xã Hương Khê (18496)", "Thị trấn Hương Khê"),
        (2024, "Thị trấn Hương Khê (18496)", "Xã Hương Khê"),
    ] {
        let answer =
            mo.call("GET", &format!("/api/templates?year={year}&office=y-te&unit=18496&layout=unit"), b"");
        assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
        assert_eq!(answer.file.as_deref(), Some(format!("{year}_18496_huong-khe_y-te.xlsx").as_str()));
        let texts = form_texts(&answer.body);
        assert!(texts.iter().any(|t| t == name), "{year}: no «{name}» in the form: {texts:?}");
        assert!(!texts.iter().any(|t| t.contains(other)), "{year}: the form names «{other}»");
    }
    // Without a year the code names two units: refused with a sentence naming both, not guessed.
    let answer = mo.call("GET", "/api/templates?office=y-te&unit=18496&layout=unit", b"");
    assert_eq!(answer.status, 400);
    let sentence = answer.json()["error"].as_str().unwrap().to_string();
    assert!(sentence.contains("Thị trấn Hương Khê (2021–2024)"), "{sentence}");
    assert!(sentence.contains("Xã Hương Khê (2025–2030)"), "{sentence}");
    assert!(sentence.contains("hãy chọn năm"), "{sentence}");
    // The district (the plan's area code) has a form of its own: the figures only it holds.
    let answer = mo.call("GET", "/api/templates?year=2024&office=all&unit=444&layout=unit", b"");
    assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
    let zip = answer.file.unwrap_or_default();
    assert_eq!(zip, "bieu-mau_2024_444_huyen-huong-khe_tat-ca.zip");
    let mut archive = zip::ZipArchive::new(Cursor::new(answer.body)).unwrap();
    let first = archive.file_names().next().unwrap().unwrap().to_string();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name(&first).unwrap(), &mut bytes).unwrap();
    assert!(first.starts_with("2024_444_huyen-huong-khe_"), "{first}");
    let texts = form_texts(&bytes);
    assert!(texts.iter().any(|t| t == "Toàn huyện Hương Khê (444)"), "{first}: {texts:?}");
}

// Regression (issue 21): every zip of templates was `bieu-mau-2025.zip` whatever was chosen.
#[test]
fn a_zip_of_templates_is_named_from_the_choice() {
    let mo = Mo::start("vi");
    for (query, name) in [
        ("year=2025&office=all&unit=18496&layout=unit", "bieu-mau_2025_18496_huong-khe_tat-ca.zip"),
        ("year=2024&office=y-te&unit=all&layout=unit", "bieu-mau_2024_moi-don-vi_y-te.zip"),
        ("year=2024&office=y-te&office=gd-dt&layout=units", "bieu-mau_2024_bang_y-te+gd-dt.zip"),
        ("office=all&layout=unit", "bieu-mau_tat-ca.zip"),
    ] {
        let answer = mo.call("GET", &format!("/api/templates?{query}"), b"");
        assert_eq!(answer.status, 200, "{query}: {}", String::from_utf8_lossy(&answer.body));
        assert_eq!(answer.file.as_deref(), Some(name), "{query}");
        assert!(zip::ZipArchive::new(Cursor::new(answer.body)).unwrap().len() >= 2, "{query}");
    }
}

/// The first workbook of each of `years` in examples/, as the page uploads a dropped folder.
fn workbooks_of(years: &[u16]) -> Vec<(String, Vec<u8>)> {
    years
        .iter()
        .map(|year| {
            let dir = root().join(format!("examples/{year}"));
            let mut names: Vec<_> =
                std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
            names.sort();
            let name = names[0].to_string_lossy().into_owned();
            (format!("{year}/{name}"), std::fs::read(dir.join(&name)).unwrap())
        })
        .collect()
}

// Regression (issue 21): workbooks of several years dropped on «Tổng hợp» with the year left on «tự nhận»
// said "…chọn năm bằng --year", a flag the page has not.
#[test]
fn workbooks_of_several_years_ask_for_the_year_with_the_pages_own_box() {
    let files = workbooks_of(&[2021, 2022]);
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    for (lang, words) in [("vi", "ô «Năm tổng hợp»"), ("en", "«Year to aggregate»")] {
        let mo = Mo::start(lang);
        let batch = mo.batch(&files);
        let state = mo.run(&batch, "aggregate", "");
        assert_eq!(state["state"], "failed", "{state}");
        let sentence = state["error"].as_str().unwrap();
        assert!(sentence.contains("2021, 2022"), "{sentence}");
        assert!(sentence.contains(words), "{sentence}");
        assert!(!sentence.contains("--"), "a command-line flag on the page: {sentence}");
    }
}

// Issue 22: the page shows who has not reported; it offers the letter that chases them, the bytes of
// `plan status … --docx` but for the date (a week after today).
#[test]
fn the_aggregate_result_offers_the_reminder_letter() {
    let dir = root().join("examples/2024");
    // Lộc Yên's workbooks only: every other unit has not reported.
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("2024_18520_"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    assert!(!files.is_empty());
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let mo = Mo::start("vi");
    let batch = mo.batch(&files);
    let state = mo.run(&batch, "aggregate", "year=2024");
    assert_eq!(state["state"], "done", "{state}");
    let letter = &state["result"]["letter"];
    assert_eq!(letter["label"], "Tải công văn đôn đốc (.docx)", "{state}");
    assert_eq!(letter["file"], "don-doc-2024.docx");
    let answer = mo.call("GET", letter["url"].as_str().unwrap(), b"");
    assert_eq!(answer.status, 200);
    let texts = common::docx::paragraphs(&common::docx::part(&answer.body, "word/document.xml"));
    assert!(texts.iter().any(|t| t.starts_with("V/v đôn đốc nộp báo cáo")), "{texts:#?}");
    assert!(texts.iter().any(|t| t == "- Ủy ban nhân dân xã Phú Phong;"), "{texts:#?}");
}
