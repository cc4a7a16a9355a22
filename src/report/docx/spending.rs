//! III. Spending: by office (rows) and source (columns), with a total row and a total column.

use super::content;
use super::style::{TEXT_WIDTH, cell, header_row, heading, mm, shade, table_text};
use crate::aggregate::Aggregation;
use crate::catalogue::{Catalogue, ReportItemType};
use crate::decimal::Decimal;
use crate::lang::Lang;
use docx_rs::{AlignmentType, Docx, Table, TableLayoutType, TableRow, WidthType};

/// Whether the catalogue asks for spending: a section III only then.
pub(super) fn asked(catalogue: &Catalogue) -> bool {
    catalogue.report_items.iter().any(|i| i.kind == ReportItemType::Amount)
}

/// Writes the section: its heading with the measure of the amounts (none when the items give none), and
/// the table; nothing when the catalogue asks for no spending ([`asked`]).
pub(super) fn section(docx: Docx, aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Docx {
    if !asked(catalogue) {
        return docx;
    }
    let spending = content::spending(aggregation, catalogue, lang);
    let title = lang.pick("III. KINH PHÍ THỰC HIỆN", "III. SPENDING");
    let title = match spending.measure.trim() {
        "" => title.to_string(),
        measure => format!("{title} ({measure})"),
    };
    docx.add_paragraph(heading(&title)).add_table(spending_table(&spending, lang))
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
    let amount_row = |name: &str, sums: &[Decimal], bold: bool| {
        let total = sums.iter().fold(Decimal::from_int(0), |a, d| a.checked_add(*d).unwrap_or(a));
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
