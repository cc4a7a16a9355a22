//! The Word draft's look: A4 with the margins of Nghị định 30/2020/NĐ-CP, Times New Roman 14 pt, the
//! document's properties and page numbers ([`document`]), and the paragraphs and table cells every section
//! is made of. Header rows of tables repeat on every page ([`header_row`], [`mark_headers`]).

use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, TableCell, TableRow, VAlignType, WidthType,
};

/// Twips in a millimetre (1440 per inch).
pub(super) const fn mm(millimetres: u32) -> u32 {
    millimetres * 1440 * 10 / 254
}

/// A4, in twips.
const PAGE: (u32, u32) = (11906, 16838);
/// Margins of Nghị định 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const MARGINS: (u32, u32, u32, u32) = (mm(20), mm(20), mm(30), mm(15));
/// The width of the text, in twips.
pub(super) const TEXT_WIDTH: u32 = PAGE.0 - MARGINS.2 - MARGINS.3;
/// Body text, in half-points (14 pt).
const BODY: usize = 28;
/// Tables, the page number and "Nơi nhận:", in half-points (12 pt).
pub(super) const TABLE: usize = 24;
/// The entries of "Nơi nhận", in half-points (11 pt).
pub(super) const SMALL: usize = 22;
/// The font of the decree.
const FONT: &str = "Times New Roman";

/// A run of text in the document's font and size.
pub(super) fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// One line of text, no space before or after.
pub(super) fn line(text: &str, align: AlignmentType) -> Paragraph {
    Paragraph::new().add_run(run(text)).align(align).line_spacing(LineSpacing::new().before(0).after(0))
}

/// A centred bold line, no space before or after.
pub(super) fn centered_bold(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A paragraph of body text: justified, first line indented 1 cm, 6 pt after.
pub(super) fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10) as i32)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(120))
}

/// A section heading ("I. …"): bold, indented as the body, kept with what follows.
pub(super) fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10) as i32)), None, None)
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(120).after(120))
}

/// A heading inside a section: bold italic, kept with what follows.
pub(super) fn subheading(text: &str) -> Paragraph {
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
pub(super) const HEADER_MARK: f32 = 1.0;

/// A table's header row: repeated at the top of every page the table runs onto, never split.
pub(super) fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split().row_height(HEADER_MARK).height_rule(docx_rs::HeightRule::AtLeast)
}

/// `document.xml` with every marked header row ([`header_row`]) repeated on each page; `None` when the
/// mark is not where docx-rs writes it.
pub(super) fn mark_headers(document: &[u8], expected: usize) -> Option<Vec<u8>> {
    let xml = std::str::from_utf8(document).ok()?;
    let mark = format!(r#"<w:trHeight w:val="{HEADER_MARK}" w:hRule="atLeast" />"#);
    (xml.matches(&mark).count() == expected).then(|| xml.replace(&mark, "<w:tblHeader />").into_bytes())
}

/// A table cell of `width` twips holding one paragraph per line.
pub(super) fn cell(lines: &[Paragraph], width: u32) -> TableCell {
    lines
        .iter()
        .fold(TableCell::new(), |c, p| c.add_paragraph(p.clone()))
        .width(width as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

/// Cell margins of 1 mm left and right (Word's default is 1.9 mm), for tables of many narrow columns.
pub(super) fn narrow_margins() -> docx_rs::TableCellMargins {
    docx_rs::TableCellMargins::new().margin(0, mm(1) as usize, 0, mm(1) as usize)
}

/// The measure per 100,000 as the documents write it in either language.
const PER_100000: [&str; 2] = ["/100.000", "/100,000"];

/// Text whose numbers never break across lines: the space after a comparator ("≤ 550") or inside a
/// number ("1 000") becomes a no-break space (U+00A0), and the measure "/100.000" after a number may go
/// to the next line (a zero-width space before its slash) rather than the number being cut. Other
/// slashes ("21/21") stay as they are.
pub(super) fn unbroken(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let rest = |i: usize| chars[i..].iter().collect::<String>();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let digit_after = after.is_some_and(|a| a.is_ascii_digit());
        match c {
            ' ' if digit_after && before.is_some_and(|b| b.is_ascii_digit() || "<>≤≥=".contains(b)) => {
                out.push('\u{a0}')
            }
            '/' if before.is_some_and(|b| b.is_ascii_digit())
                && PER_100000.iter().any(|m| rest(i).starts_with(m)) =>
            {
                out.push('\u{200b}');
                out.push('/');
            }
            c => out.push(c),
        }
    }
    out
}

/// The text of a table cell, 12 pt, bold or not; numbers kept whole ([`unbroken`]).
pub(super) fn table_text(text: &str, align: AlignmentType, bold: bool) -> Paragraph {
    let r = run(&unbroken(text)).size(TABLE);
    Paragraph::new()
        .add_run(if bold { r.bold() } else { r })
        .align(align)
        .line_spacing(LineSpacing::new().before(20).after(20))
}

/// The fill of a table cell, as hexadecimal RGB.
pub(super) fn shade(fill: &str) -> docx_rs::Shading {
    docx_rs::Shading::new().fill(fill).color("auto").shd_type(docx_rs::ShdType::Clear)
}

/// `core.xml` as docx-rs writes it, with the issuer of `document` as author and last editor and `title`
/// (docx-rs 0.4 writes "unknown" and no title); `None` when the marks are not found.
pub(super) fn properties(
    core: &[u8],
    document: &crate::catalogue::DocumentSettings,
    catalogue: &crate::catalogue::Catalogue,
    title: &str,
) -> Option<Vec<u8>> {
    let xml = std::str::from_utf8(core).ok()?;
    // The plan's issuer by name; a document issued by another body, as its header says it.
    let issuer = match document.issuer_header.last() {
        Some(line) if document.issuer_header != catalogue.plan.issuer_header => line.clone(),
        _ => catalogue.plan.issuer.clone(),
    };
    let author = escape(&issuer);
    let title = escape(title);
    let creator = "<dc:creator>unknown</dc:creator>";
    let editor = "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>";
    (xml.contains(creator) && xml.contains(editor)).then(|| {
        xml.replace(creator, &format!("<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"))
            .replace(editor, &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"))
            .into_bytes()
    })
}

/// "Kết quả thực hiện …" as "kết quả thực hiện …", to follow other words.
pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
    format!("{first}{}", chars.as_str())
}

/// Text as XML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A new document: page size and margins, fonts, creation and update dates (`dated`, a date taken from
/// the inputs so that the bytes do not change with the day), the page number at the top centre from the
/// second page.
pub(super) fn document(dated: crate::date::Date) -> Docx {
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let d = dated;
    Docx::new()
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
        .title_pg()
}

#[cfg(test)]
mod tests {
    use super::unbroken;

    #[test]
    fn numbers_keep_their_spaces_and_the_measure_may_wrap() {
        assert_eq!(unbroken("≤ 550/100.000 (2025)"), "≤\u{a0}550\u{200b}/100.000 (2025)");
        assert_eq!(unbroken("< 4,5% (2025)"), "<\u{a0}4,5% (2025)");
        assert_eq!(unbroken("1 000 trường hợp"), "1\u{a0}000 trường hợp");
        // Coverage and dates keep their slash unbreakable.
        assert_eq!(unbroken("21/21"), "21/21");
        assert_eq!(unbroken("tăng 10,81/100,000"), "tăng 10,81\u{200b}/100,000");
    }
}
