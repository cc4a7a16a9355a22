//! The district's written yearly report as a Word draft (`plan aggregate … --docx FILE`): the
//! administrative header of Nghị định 30/2020/NĐ-CP and who has reported, I. results and activities of the
//! offices and units, II. the targets table and the units that hold targets back, III. spending by source
//! and office (when the catalogue asks for spending), IV. difficulties and recommendations (III. without
//! spending), then "Nơi nhận" and the signature block with a line
//! for the name. Times New Roman 14 pt on A4 with the decree's margins. The same aggregation gives the
//! same bytes.
//!
//! [`style`] holds the look and the document's properties, [`content`] what is compiled from the
//! aggregation, and one file each the administrative parts ([`letter`]) and the sections ([`texts`]: I and
//! IV, [`targets`]: II, [`spending`]: III).

pub mod content;
mod letter;
pub mod reminder;
mod spending;
mod style;
mod targets;
mod texts;

use crate::aggregate::Aggregation;
use crate::catalogue::{Catalogue, DocumentSettings};
use crate::lang::Lang;
use docx_rs::Docx;

/// Writes the Word draft and returns its bytes. The same aggregation and catalogue give the same bytes.
pub fn build(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> std::io::Result<Vec<u8>> {
    let year = aggregation.year;
    let document = catalogue.document(year);
    let title = match lang {
        Lang::Vi => format!("Báo cáo {}", style::lower_first(&document.subject_for(year))),
        Lang::En => format!("Yearly report {year}"),
    };
    // The header rows of the targets table and of the spending table when there is one.
    let headers = if spending::asked(catalogue) { 2 } else { 1 };
    pack(|| compose(aggregation, catalogue, lang), headers, &document, catalogue, &title)
}

/// Makes the document on a fresh thread, marks its `headers` table header rows, sets its properties
/// (author from `document`, `title`) and returns the bytes of the file.
fn pack(
    make: impl FnOnce() -> Docx + Send,
    headers: usize,
    document: &DocumentSettings,
    catalogue: &Catalogue,
    title: &str,
) -> std::io::Result<Vec<u8>> {
    // docx-rs numbers paragraphs with a counter of the thread: a fresh thread starts it at the same
    // place every time, so the ids (and the bytes) do not depend on what this thread did before.
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let mut xml = make().build();
                xml.document = style::mark_headers(&xml.document, headers)
                    .ok_or_else(|| std::io::Error::other("the tables' header rows were not found"))?;
                xml.doc_props.core = style::properties(&xml.doc_props.core, document, catalogue, title)
                    .ok_or_else(|| std::io::Error::other("the document's properties were not found"))?;
                let mut bytes = std::io::Cursor::new(Vec::new());
                xml.pack(&mut bytes).map_err(std::io::Error::other)?;
                // The same bytes on every platform: the zip host byte as on Linux (see zip_bytes).
                let mut bytes = bytes.into_inner();
                crate::zip_bytes::set_host_unix(&mut bytes);
                Ok(bytes)
            })
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the Word writer stopped")))
    })
}

/// The document, its parts in order. docx-rs numbers paragraphs in the order they are made: the parts are
/// made in the order they print.
fn compose(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Docx {
    let year = aggregation.year;
    // Dated by the report's deadline, so that the bytes do not change with the day.
    let deadline = &catalogue.reporting.deadline;
    let dated = crate::date::Date { year: year as i32, month: deadline.month, day: deadline.day };
    let docx = style::document(dated);
    let docx = letter::opening(docx, aggregation, catalogue, lang);
    let docx = texts::results(docx, aggregation, catalogue, lang);
    let docx = targets::section(docx, aggregation, catalogue, lang);
    let docx = spending::section(docx, aggregation, catalogue, lang);
    let numeral = if spending::asked(catalogue) { "IV" } else { "III" };
    let docx = texts::difficulties(docx, aggregation, catalogue, (numeral, lang));
    letter::ending(docx, catalogue, year, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Aggregator;
    use docx_rs::Paragraph;

    #[test]
    fn the_same_aggregation_gives_the_same_bytes_whatever_the_thread_did_before() {
        let catalogue = Catalogue::embedded();
        let aggregation = Aggregator::new(&catalogue, false).finish(Some(2025)).unwrap();
        let first = build(&aggregation, &catalogue, Lang::Vi).unwrap();
        // Paragraphs made on this thread move docx-rs's counter of paragraph ids.
        let _stray: Vec<Paragraph> = (0..7).map(|_| Paragraph::new()).collect();
        let second = build(&aggregation, &catalogue, Lang::Vi).unwrap();
        assert_eq!(first, second);
        let english = build(&aggregation, &catalogue, Lang::En).unwrap();
        assert_ne!(first, english);
    }

    #[test]
    fn with_nothing_reported_every_section_says_so() {
        let catalogue = Catalogue::embedded();
        let aggregation = Aggregator::new(&catalogue, false).finish(Some(2025)).unwrap();
        let xml = String::from_utf8(compose(&aggregation, &catalogue, Lang::Vi).build().document).unwrap();
        // After the reform the Sở Y tế drafts the report of the former district.
        assert!(xml.contains("SỞ Y TẾ") && xml.contains("Số: …/BC-SYT") && xml.contains("Hà Tĩnh, ngày"));
        assert_eq!(xml.matches("Chưa có cơ quan, đơn vị nào báo cáo nội dung này.").count(), 2);
        assert!(xml.contains("Không có đơn vị nào chưa đạt mức phấn đấu"));
        assert!(xml.contains("KT. GIÁM ĐỐC"));
    }

    #[test]
    fn a_catalogue_without_spending_has_no_spending_section() {
        // Regression (issue 22, looked at in LibreOffice): with no spending item in the catalogue the
        // draft printed "III. KINH PHÍ THỰC HIỆN ()" over an empty table, then "IV." after it.
        let text = include_str!("../../../tests/fixtures/catalogue/province.toml");
        let catalogue = crate::catalogue::load(text).unwrap().0;
        assert!(!spending::asked(&catalogue));
        let year = catalogue.plan.start_year;
        let aggregation = Aggregator::new(&catalogue, false).finish(Some(year)).unwrap();
        let xml = String::from_utf8(compose(&aggregation, &catalogue, Lang::Vi).build().document).unwrap();
        assert!(!xml.contains("KINH PHÍ") && !xml.contains("()"), "a spending section");
        // The file is written, its one table's header row marked.
        assert!(build(&aggregation, &catalogue, Lang::Vi).is_ok());
        assert!(xml.contains("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT") && !xml.contains("IV."));
        // The embedded catalogue asks for spending: III and IV as before.
        let catalogue = Catalogue::embedded();
        let aggregation = Aggregator::new(&catalogue, false).finish(Some(2024)).unwrap();
        let xml = String::from_utf8(compose(&aggregation, &catalogue, Lang::Vi).build().document).unwrap();
        assert!(xml.contains("III. KINH PHÍ THỰC HIỆN (triệu đồng)") && xml.contains("IV. KHÓ KHĂN"));
    }
}
