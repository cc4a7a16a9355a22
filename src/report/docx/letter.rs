//! The administrative parts of the Word draft (Nghị định 30/2020/NĐ-CP): the header (issuer and motto
//! with their rules, number, place and date), the title, "Kính gửi" and the opening sentences above the
//! sections; the closing sentence, "Nơi nhận" and the signature block below them.

use super::content::{join_words, office_name, reporter_name};
use super::style::{SMALL, TABLE, TEXT_WIDTH, body, cell, centered_bold, line, mm, run};
use crate::aggregate::Aggregation;
use crate::catalogue::{Catalogue, DocumentSettings};
use crate::lang::Lang;
use crate::report::letter::recipient_lines;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, Paragraph, Table, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// The document's beginning: the header, the title and subject, the period of the figures, "Kính gửi", the
/// opening sentence and what was received.
pub(super) fn opening(docx: Docx, aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Docx {
    let year = aggregation.year;
    let document = catalogue.document(year);
    let mut docx = docx
        .add_table(header(catalogue, &document, &document.number_line(), &document.date_line(year), None))
        .add_paragraph(line("", AlignmentType::Center))
        .add_paragraph(centered_bold(&document.title.to_uppercase()))
        .add_paragraph(centered_bold(&document.subject_for(year)));
    let (from, to) = catalogue.reporting.period.for_year(year);
    let period = match lang {
        Lang::Vi => format!("(Số liệu từ ngày {} đến ngày {})", from.vietnamese(), to.vietnamese()),
        Lang::En => format!("(Figures from {} to {})", from.vietnamese(), to.vietnamese()),
    };
    docx = docx.add_paragraph(
        Paragraph::new()
            .add_run(run(&period).italic())
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(0).after(240)),
    );
    for l in recipient_lines(&document.recipients, lang) {
        docx = docx.add_paragraph(line(&l, AlignmentType::Center));
    }
    docx =
        docx.add_paragraph(line("", AlignmentType::Center)).add_paragraph(body(&document.opening_for(year)));
    docx.add_paragraph(body(&received_sentence(aggregation, catalogue, lang)))
}

/// What was received, for the province: how many reports of how many, and by name who has not sent a
/// usable one and to which office. What went wrong with files stays in the workbook («Kiểm tra»).
fn received_sentence(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> String {
    let year = aggregation.year;
    let expected = aggregation.register.len();
    let missing = aggregation.missing();
    let received = expected - missing;
    if missing == 0 {
        return match lang {
            Lang::Vi => format!("Đã nhận đủ {received}/{expected} báo cáo của các cơ quan, đơn vị."),
            Lang::En => format!("All {expected} reports expected from the offices and units were received."),
        };
    }
    // Each reporter once, with the offices it has not reported to, in the register's order.
    let mut who: Vec<(String, Vec<String>)> = Vec::new();
    for row in aggregation.register.iter().filter(|r| r.outstanding()) {
        let name = reporter_name(catalogue, &row.reporter, &row.office, year);
        let office = office_name(catalogue, &row.office, year, lang);
        match who.iter_mut().find(|(n, _)| *n == name) {
            Some((_, offices)) => offices.push(office),
            None => who.push((name, vec![office])),
        }
    }
    let named: Vec<String> = who
        .iter()
        .map(|(name, offices)| {
            // A body reporting for its own office is named once ("Công an huyện Hương Khê").
            if offices.len() == 1 && name.starts_with(offices[0].as_str()) {
                name.clone()
            } else {
                format!("{name} ({})", join_words(offices, lang))
            }
        })
        .collect();
    match lang {
        Lang::Vi => format!(
            "Đã nhận được {received}/{expected} báo cáo của các cơ quan, đơn vị; chưa nhận được báo cáo đầy đủ, hợp lệ của: {}.",
            named.join("; ")
        ),
        Lang::En => format!(
            "{received} of the {expected} reports expected from the offices and units were received; no complete, valid report yet from: {}.",
            named.join("; ")
        ),
    }
}

/// The document's end: the closing sentence (when the catalogue gives one), then "Nơi nhận" and the
/// signature block.
pub(super) fn ending(docx: Docx, catalogue: &Catalogue, year: u16, lang: Lang) -> Docx {
    let document = catalogue.document(year);
    let mut docx = docx;
    let ending = document.closing_for(year);
    if !ending.is_empty() {
        docx = docx.add_paragraph(
            body(&ending).keep_next(true).line_spacing(LineSpacing::new().before(0).after(240)),
        );
    }
    docx.add_table(closing(&document, &document.copies, lang))
}

/// A table without borders laying two blocks side by side (header, signature).
fn two_blocks(left: Vec<Paragraph>, right: Vec<Paragraph>, left_width: u32) -> Table {
    let right_width = TEXT_WIDTH - left_width;
    // Neither block is split over two pages.
    let row = TableRow::new(vec![
        cell(&left, left_width).vertical_align(VAlignType::Top),
        cell(&right, right_width).vertical_align(VAlignType::Top),
    ])
    .cant_split();
    Table::without_borders(vec![row])
        .set_grid(vec![left_width as usize, right_width as usize])
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
}

/// A short rule under a header line: `width` twips of bottom border, centred in its block.
fn rule(block_width: u32, width: u32) -> Paragraph {
    let side = (block_width.saturating_sub(width) / 2) as i32;
    let border = docx_rs::ParagraphBorder::new(docx_rs::ParagraphBorderPosition::Bottom)
        .val(docx_rs::BorderType::Single)
        .size(6)
        .space(1);
    let mut p = Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(120));
    p.property = p.property.set_borders(docx_rs::ParagraphBorders::with_empty().set(border));
    p
}

/// A centred header line of `size` half-points.
fn header_line(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    let mut r = run(text).size(size);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    Paragraph::new()
        .add_run(r)
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// The administrative header: issuer and motto with their rules, the number line under the issuer (and
/// under it the subject of a letter, "V/v …", 12 pt), the date line under the motto. Sizes of Nghị định
/// 30: the issuer 13 pt (the issuer itself bold), the national name 12 pt bold, the motto 13 pt bold, the
/// rule under the motto as long as it.
pub(super) fn header(
    catalogue: &Catalogue,
    document: &DocumentSettings,
    number: &str,
    date: &str,
    subject: Option<&str>,
) -> Table {
    let left_width = mm(60);
    let right_width = TEXT_WIDTH - left_width;
    let issuer = &document.issuer_header;
    let mut left: Vec<Paragraph> = issuer
        .iter()
        .enumerate()
        .map(|(i, l)| header_line(&l.to_uppercase(), 26, i + 1 == issuer.len(), false))
        .collect();
    left.push(rule(left_width, mm(20)));
    left.push(header_line(number, 26, false, false));
    if let Some(subject) = subject {
        left.push(
            header_line(subject, TABLE, false, false).line_spacing(LineSpacing::new().before(60).after(0)),
        );
    }
    let motto = &catalogue.plan.motto;
    let mut right: Vec<Paragraph> = motto
        .iter()
        .enumerate()
        .map(|(i, l)| header_line(l, if i == 0 { 24 } else { 26 }, true, false))
        .collect();
    right.push(rule(right_width, mm(60)));
    right.push(header_line(date, 26, false, true));
    two_blocks(left, right, left_width)
}

/// "Nơi nhận" on the left with `copies`, the signature block on the right, the signer's name (or a line
/// for it).
pub(super) fn closing(document: &DocumentSettings, copies: &[String], lang: Lang) -> Table {
    let mut left = vec![
        Paragraph::new()
            .add_run(run(lang.pick("Nơi nhận:", "Copies to:")).bold().italic().size(TABLE))
            .line_spacing(LineSpacing::new().before(0).after(0)),
    ];
    left.extend(copies.iter().map(|c| {
        Paragraph::new()
            .add_run(run(&format!("- {c}")).size(SMALL))
            .line_spacing(LineSpacing::new().before(0).after(0))
    }));
    let mut right: Vec<Paragraph> = document.signature_lines().iter().map(|l| centered_bold(l)).collect();
    // Room for the signature and the seal; then the name, blank when the catalogue gives none.
    right.extend((0..4).map(|_| line("", AlignmentType::Center)));
    right.push(centered_bold(document.name_line()));
    two_blocks(left, right, mm(85))
}
