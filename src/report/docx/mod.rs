//! The district's written yearly report as a Word draft (`plan aggregate … --docx FILE`): the
//! administrative header of Nghị định 30/2020/NĐ-CP, I. results and activities of each office and unit,
//! II. the targets table, III. spending by source and office, IV. difficulties and recommendations and the
//! units that hold targets back, then "Nơi nhận" and the signature block. Times New Roman 14 pt on A4 with
//! the decree's margins. The same aggregation gives the same bytes.

pub mod content;

use super::letter::{completeness_sentence, recipient_lines};
use super::status_text;
use crate::aggregate::Aggregation;
use crate::catalogue::{Catalogue, ReportSection, level_text};
use crate::lang::Lang;
use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// Twips in a millimetre (1440 per inch).
const fn mm(millimetres: u32) -> u32 {
    millimetres * 1440 * 10 / 254
}

/// A4, in twips.
const PAGE: (u32, u32) = (11906, 16838);
/// Margins of Nghị định 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const MARGINS: (u32, u32, u32, u32) = (mm(20), mm(20), mm(30), mm(15));
/// The width of the text, in twips.
const TEXT_WIDTH: u32 = PAGE.0 - MARGINS.2 - MARGINS.3;
/// Body text, in half-points (14 pt).
const BODY: usize = 28;
/// Tables and the "Nơi nhận" entries, in half-points (12 pt and 11 pt).
const TABLE: usize = 24;
const SMALL: usize = 22;
/// The font of the decree.
const FONT: &str = "Times New Roman";

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

fn line(text: &str, align: AlignmentType) -> Paragraph {
    Paragraph::new().add_run(run(text)).align(align).line_spacing(LineSpacing::new().before(0).after(0))
}

fn centered_bold(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A paragraph of body text: justified, first line indented 1 cm, 6 pt after.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10) as i32)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(120))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10) as i32)), None, None)
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(120).after(120))
}

fn subheading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold().italic())
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10) as i32)), None, None)
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(60).after(60))
}

/// The height (twips, at least) that marks a table's header row as docx-rs writes it; [`mark_headers`]
/// turns the mark into `<w:tblHeader />`, which docx-rs 0.4 cannot write. One twip changes nothing where
/// the mark would stay.
const HEADER_MARK: f32 = 1.0;

/// A table's header row: repeated at the top of every page the table runs onto, never split.
fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split().row_height(HEADER_MARK).height_rule(docx_rs::HeightRule::AtLeast)
}

/// `document.xml` with every marked header row ([`header_row`]) repeated on each page; `None` when the
/// mark is not where docx-rs writes it.
fn mark_headers(document: &[u8], expected: usize) -> Option<Vec<u8>> {
    let xml = std::str::from_utf8(document).ok()?;
    let mark = format!(r#"<w:trHeight w:val="{HEADER_MARK}" w:hRule="atLeast" />"#);
    (xml.matches(&mark).count() == expected).then(|| xml.replace(&mark, "<w:tblHeader />").into_bytes())
}

/// A table cell of `width` twips holding one paragraph per line.
fn cell(lines: &[Paragraph], width: u32) -> TableCell {
    lines
        .iter()
        .fold(TableCell::new(), |c, p| c.add_paragraph(p.clone()))
        .width(width as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

fn table_text(text: &str, align: AlignmentType, bold: bool) -> Paragraph {
    let r = run(text).size(TABLE);
    Paragraph::new()
        .add_run(if bold { r.bold() } else { r })
        .align(align)
        .line_spacing(LineSpacing::new().before(20).after(20))
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

/// The administrative header: issuer and motto with their rules, number, place and date. Sizes of
/// Nghị định 30: the issuer 13 pt (the issuer itself bold), the national name 12 pt bold, the motto
/// 13 pt bold, the rule under the motto as long as it.
fn header(catalogue: &Catalogue, year: u16) -> Table {
    let document = catalogue.document(year);
    let left_width = mm(60);
    let right_width = TEXT_WIDTH - left_width;
    let issuer = &document.issuer_header;
    let mut left: Vec<Paragraph> = issuer
        .iter()
        .enumerate()
        .map(|(i, l)| header_line(&l.to_uppercase(), 26, i + 1 == issuer.len(), false))
        .collect();
    left.push(rule(left_width, mm(20)));
    left.push(header_line(&document.number_line(), 26, false, false));
    let motto = &catalogue.plan.motto;
    let mut right: Vec<Paragraph> = motto
        .iter()
        .enumerate()
        .map(|(i, l)| header_line(l, if i == 0 { 24 } else { 26 }, true, false))
        .collect();
    right.push(rule(right_width, mm(60)));
    right.push(header_line(&document.date_line(year), 26, false, true));
    two_blocks(left, right, left_width)
}

/// The value of a part as printed: "96,88%", "4 trường hợp", or the status when there is none.
fn value_text(figures: &crate::aggregate::PartFigures, part: &crate::catalogue::Part, lang: Lang) -> String {
    let district = &figures.district;
    match district.value_text(part.factor, 2) {
        Some(v) => {
            let v = match lang {
                Lang::Vi => v.replace('.', ","),
                Lang::En => v,
            };
            format!("{v}{}", part.unit.suffix(lang))
        }
        None => status_text(district.judgement.status, lang),
    }
}

/// II. The targets table: part, short name, value, level judged against, status, coverage.
fn targets_table(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Table {
    let widths = [mm(13), mm(45), mm(31), mm(29), mm(26), mm(21)];
    let headers = [
        lang.pick("Mã", "Part"),
        lang.pick("Chỉ tiêu", "Target"),
        lang.pick("Kết quả", "Value"),
        lang.pick("Mức phấn đấu", "Level"),
        lang.pick("Đánh giá", "Status"),
        lang.pick("Độ phủ", "Coverage"),
    ];
    let header_row = header_row(
        headers
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(&[table_text(h, AlignmentType::Center, true)], w).shading(shade("D9E2F3")))
            .collect(),
    );
    let mut rows = vec![header_row];
    let total: u32 = widths.iter().sum();
    for group in &catalogue.groups {
        let name = format!("{}. {}", group.number, group.name_in(lang));
        rows.push(
            TableRow::new(vec![
                // A group's row stays with its first part.
                cell(&[table_text(&name, AlignmentType::Left, true).keep_next(true)], total)
                    .grid_span(widths.len())
                    .shading(shade("EDEDED")),
            ])
            .cant_split(),
        );
        for (part, figures) in catalogue.parts().zip(&aggregation.parts) {
            if catalogue.group_of(part) != Some(group.number) {
                continue;
            }
            let judgement = &figures.district.judgement;
            // A level held every year says so; a milestone says its year.
            let level = judgement.level.as_ref().map_or_else(
                || "—".to_string(),
                |l| match l.held {
                    Some(_) => level_text(l, part.unit, lang),
                    None => format!("{} ({})", level_text(l, part.unit, lang), l.year),
                },
            );
            let (covered, expected) = figures.coverage;
            let coverage = if expected > 0 {
                format!("{covered}/{expected}")
            } else {
                lang.pick("cấp huyện", "district").into()
            };
            let texts = [
                (part.id.clone(), AlignmentType::Center),
                (part.short_in(lang).to_string(), AlignmentType::Left),
                (value_text(figures, part, lang), AlignmentType::Right),
                (level, AlignmentType::Center),
                (status_text(judgement.status, lang), AlignmentType::Center),
                (coverage, AlignmentType::Center),
            ];
            rows.push(
                TableRow::new(
                    texts
                        .iter()
                        .zip(widths)
                        .map(|((t, a), w)| cell(&[table_text(t, *a, false)], w))
                        .collect(),
                )
                .cant_split(),
            );
        }
    }
    Table::new(rows)
        .set_grid(widths.iter().map(|w| *w as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(total as usize, WidthType::Dxa)
}

fn shade(fill: &str) -> docx_rs::Shading {
    docx_rs::Shading::new().fill(fill).color("auto").shd_type(docx_rs::ShdType::Clear)
}

/// III. Spending by office (rows) and source (columns), with a total row and a total column.
fn spending_table(spending: &content::Spending, lang: Lang) -> Table {
    let english = lang == Lang::En;
    let n = spending.sources.len();
    let first = mm(60);
    let other = (TEXT_WIDTH - first) / (n as u32 + 1);
    let mut widths = vec![first];
    widths.extend(std::iter::repeat_n(other, n + 1));
    let mut headers = vec![lang.pick("Cơ quan", "Office").to_string()];
    headers.extend(spending.sources.iter().cloned());
    headers.push(lang.pick("Tổng cộng", "Total").to_string());
    let header_row = header_row(
        headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| cell(&[table_text(h, AlignmentType::Center, true)], *w).shading(shade("D9E2F3")))
            .collect(),
    );
    let amount_row = |name: &str, sums: &[crate::decimal::Decimal], bold: bool| {
        let total =
            sums.iter().fold(crate::decimal::Decimal::from_int(0), |a, d| a.checked_add(*d).unwrap_or(a));
        let mut cells = vec![cell(&[table_text(name, AlignmentType::Left, bold)], widths[0])];
        for (d, w) in sums.iter().chain(std::iter::once(&total)).zip(&widths[1..]) {
            cells.push(cell(&[table_text(&d.grouped(english), AlignmentType::Right, bold)], *w));
        }
        TableRow::new(cells).cant_split()
    };
    let mut rows = vec![header_row];
    for (office, sums) in &spending.rows {
        rows.push(amount_row(office, sums, false));
    }
    rows.push(amount_row(lang.pick("Tổng cộng", "Total"), &spending.totals, true));
    Table::new(rows)
        .set_grid(widths.iter().map(|w| *w as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
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
            let names = entry.reporters.join(", ");
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

/// "Nơi nhận" on the left, the signature block on the right, the signer's name left blank.
fn closing(catalogue: &Catalogue, year: u16, lang: Lang) -> Table {
    let document = catalogue.document(year);
    let mut left = vec![
        Paragraph::new()
            .add_run(run(lang.pick("Nơi nhận:", "Copies to:")).bold().italic().size(TABLE))
            .line_spacing(LineSpacing::new().before(0).after(0)),
    ];
    left.extend(document.copies.iter().map(|c| {
        Paragraph::new()
            .add_run(run(&format!("- {c}")).size(SMALL))
            .line_spacing(LineSpacing::new().before(0).after(0))
    }));
    let mut right: Vec<Paragraph> = document.signature.iter().map(|l| centered_bold(l)).collect();
    // Room for the signature and the seal; then the name, blank when the catalogue gives none.
    right.extend((0..4).map(|_| line("", AlignmentType::Center)));
    right.push(centered_bold(&document.signer));
    two_blocks(left, right, mm(85))
}

/// Writes the Word draft and returns its bytes. The same aggregation and catalogue give the same bytes.
pub fn build(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> std::io::Result<Vec<u8>> {
    // docx-rs numbers paragraphs with a counter of the thread: a fresh thread starts it at the same
    // place every time, so the ids (and the bytes) do not depend on what this thread did before.
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let docx = compose(aggregation, catalogue, lang);
                let mut xml = docx.build();
                // The header rows of the targets and spending tables.
                xml.document = mark_headers(&xml.document, 2)
                    .ok_or_else(|| std::io::Error::other("the tables' header rows were not found"))?;
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

/// The document.
fn compose(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Docx {
    let year = aggregation.year;
    let document = catalogue.document(year);
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let d = catalogue.plan.date;
    let mut docx = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(
            PageMargin::new()
                .top(MARGINS.0 as i32)
                .bottom(MARGINS.1 as i32)
                .left(MARGINS.2 as i32)
                .right(MARGINS.3 as i32)
                .header(mm(10) as i32)
                .footer(mm(10) as i32),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .created_at(&format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day))
        .updated_at(&format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day))
        // The page number at the top centre from the second page (Nghị định 30).
        .header(Header::new().add_paragraph(
            Paragraph::new().add_page_num(PageNum::new()).align(AlignmentType::Center).size(TABLE),
        ))
        .first_header(Header::new())
        .title_pg();
    docx = docx
        .add_table(header(catalogue, year))
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
    for l in recipient_lines(&document, lang) {
        docx = docx.add_paragraph(line(&l, AlignmentType::Center));
    }
    docx =
        docx.add_paragraph(line("", AlignmentType::Center)).add_paragraph(body(&document.opening_for(year)));
    docx = docx.add_paragraph(body(&completeness_sentence(aggregation, lang, true)));
    // I. Results and activities.
    docx = docx.add_paragraph(heading(lang.pick(
        "I. KẾT QUẢ THỰC HIỆN VÀ CÁC HOẠT ĐỘNG CHÍNH TRONG NĂM",
        "I. RESULTS AND MAIN ACTIVITIES OF THE YEAR",
    )));
    for p in texts_paragraphs(&content::texts(aggregation, catalogue, ReportSection::Results, lang), lang) {
        docx = docx.add_paragraph(p);
    }
    // II. Targets.
    docx = docx.add_paragraph(heading(&match lang {
        Lang::Vi => format!("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {year}"),
        Lang::En => format!("II. THE TARGETS IN {year}"),
    }));
    let counts = aggregation.counts_by_group(catalogue).iter().fold([0; 4], |mut acc, (_, c)| {
        for (a, b) in acc.iter_mut().zip(c) {
            *a += b;
        }
        acc
    });
    let total_parts = catalogue.parts().count();
    let counts_text = match lang {
        Lang::Vi => format!(
            "Trong {total_parts} chỉ tiêu thành phần: {} đạt, {} chưa đạt, {} không phát sinh, {} thiếu số liệu. Giá trị toàn huyện là tỷ lệ của tổng số liệu các đơn vị đã báo cáo (độ phủ: số đơn vị có số liệu trên số đơn vị phải báo cáo).",
            counts[0], counts[1], counts[2], counts[3]
        ),
        Lang::En => format!(
            "Of the {total_parts} parts: {} met, {} not met, {} did not occur, {} without data. The district value is the ratio of the summed figures of the units that reported (coverage: units with figures of units expected).",
            counts[0], counts[1], counts[2], counts[3]
        ),
    };
    // The sentence stays on the page where the table starts.
    docx = docx.add_paragraph(body(&counts_text).keep_next(true)).add_table(targets_table(
        aggregation,
        catalogue,
        lang,
    ));
    // III. Spending.
    let spending = content::spending(aggregation, catalogue, lang);
    docx = docx.add_paragraph(heading(&match lang {
        Lang::Vi => format!("III. KINH PHÍ THỰC HIỆN ({})", spending.measure),
        Lang::En => format!("III. SPENDING ({})", spending.measure),
    }));
    docx = docx.add_table(spending_table(&spending, lang));
    // IV. Difficulties, recommendations, units holding targets back.
    docx = docx.add_paragraph(heading(
        lang.pick("IV. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT", "IV. DIFFICULTIES AND RECOMMENDATIONS"),
    ));
    for p in
        texts_paragraphs(&content::texts(aggregation, catalogue, ReportSection::Difficulties, lang), lang)
    {
        docx = docx.add_paragraph(p);
    }
    let back = content::holding_back(aggregation, catalogue, lang);
    docx = docx
        .add_paragraph(subheading(lang.pick("Các đơn vị chưa đạt mức phấn đấu", "Units short of the level")));
    if back.is_empty() {
        docx = docx.add_paragraph(body(lang.pick(
            "Không có đơn vị nào chưa đạt mức phấn đấu ở các chỉ tiêu được đánh giá theo đơn vị.",
            "No unit is short of the level in the parts judged by unit.",
        )));
    }
    for (id, short, names) in &back {
        docx = docx.add_paragraph(body(&format!("{id} {short}: {}.", names.join(", "))));
    }
    let ending = document.closing_for(year);
    if !ending.is_empty() {
        docx = docx.add_paragraph(
            body(&ending).keep_next(true).line_spacing(LineSpacing::new().before(0).after(240)),
        );
    }
    docx = docx.add_table(closing(catalogue, year, lang));
    docx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Aggregator;

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
}
