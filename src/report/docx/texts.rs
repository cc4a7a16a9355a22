//! I. Results and activities, and IV. difficulties and recommendations: the offices' and units' texts of
//! each section (offices that wrote the same words under one heading, many units counted).

use super::content;
use super::style::{body, heading, mm, run, subheading};
use crate::aggregate::Aggregation;
use crate::catalogue::{Catalogue, ReportSection};
use crate::lang::Lang;
use docx_rs::{AlignmentType, Docx, LineSpacing, Paragraph, SpecialIndentType};

/// I. Results and main activities of the year.
pub(super) fn results(docx: Docx, aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Docx {
    let docx = docx.add_paragraph(heading(lang.pick(
        "I. KẾT QUẢ THỰC HIỆN VÀ CÁC HOẠT ĐỘNG CHÍNH TRONG NĂM",
        "I. RESULTS AND MAIN ACTIVITIES OF THE YEAR",
    )));
    add_all(
        docx,
        texts_paragraphs(&content::texts(aggregation, catalogue, ReportSection::Results, lang), lang),
    )
}

/// IV. Difficulties and recommendations (III. when there is no section on spending), numbered `numeral`.
pub(super) fn difficulties(
    docx: Docx,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    (numeral, lang): (&str, Lang),
) -> Docx {
    let title = lang.pick("KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT", "DIFFICULTIES AND RECOMMENDATIONS");
    let docx = docx.add_paragraph(heading(&format!("{numeral}. {title}")));
    let texts = content::texts(aggregation, catalogue, ReportSection::Difficulties, lang);
    add_all(docx, texts_paragraphs(&texts, lang))
}

/// The document with `paragraphs` added in order.
fn add_all(docx: Docx, paragraphs: Vec<Paragraph>) -> Docx {
    paragraphs.into_iter().fold(docx, Docx::add_paragraph)
}

/// The texts of a section, under each office's name and each reporter's.
fn texts_paragraphs(offices: &[content::OfficeTexts], lang: Lang) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    if offices.is_empty() {
        paragraphs.push(body(
            lang.pick(
                "Chưa có cơ quan, đơn vị nào báo cáo nội dung này.",
                "No office or unit reported this.",
            ),
        ));
    }
    for (i, office) in offices.iter().enumerate() {
        paragraphs.push(subheading(&format!("{}. {}", i + 1, office.office)));
        let labelled = office.entries.iter().any(|e| e.label != office.entries[0].label);
        for entry in &office.entries {
            let names = content::join_words(&entry.reporters, lang);
            let lead = if labelled { format!("{} – {names}: ", entry.label) } else { format!("{names}: ") };
            paragraphs.push(
                Paragraph::new()
                    .add_run(run(&lead).italic())
                    .add_run(run(&entry.text))
                    .align(AlignmentType::Both)
                    .indent(None, Some(SpecialIndentType::FirstLine(mm(10) as i32)), None, None)
                    .line_spacing(LineSpacing::new().before(0).after(80)),
            );
        }
    }
    paragraphs
}
