//! «Tổng hợp»: the indicator tracking table under the administrative heading and above the closing
//! ([`crate::report::letter`]).

use super::{Input, Memory, new_sheet};
use crate::aggregate::{Aggregation, PartFigures};
use crate::catalogue::{Catalogue, Part, level_cell, level_text};
use crate::lang::Lang;
use crate::report::pages::{self, Rows};
use crate::report::{SIZE, letter, status_text, value_format};
use crate::sheet_style::print_landscape;
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, Worksheet, XlsxError};

/// A column of the tracking table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Part,
    Name,
    Lead,
    Unit,
    Numerator,
    Denominator,
    Value,
    Level(u16),
    Status,
    Coverage,
    Previous(u16),
    Note,
}

impl Column {
    /// Width in character units: the table fits an A4 landscape page at about 97 % (11 pt text printed at
    /// 10.7 pt), with the previous year's column at about 94 % (10.3 pt). A column is at least as wide as
    /// the longest word of its header in bold, so that no word breaks ("Numerato|r", "Coverag|e").
    fn width(self, lang: Lang) -> f64 {
        let header = self.header(lang);
        let word = header.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
        self.base_width().max(word as f64 * 1.1 + 1.0)
    }

    fn base_width(self) -> f64 {
        match self {
            Column::Part => 5.0,
            Column::Name => 28.0,
            Column::Lead => 11.0,
            Column::Unit => 9.0,
            Column::Numerator | Column::Denominator => 9.0,
            Column::Value => 8.0,
            Column::Level(_) => 10.0,
            Column::Status => 14.0,
            Column::Coverage => 7.0,
            Column::Previous(_) => 8.0,
            Column::Note => 19.0,
        }
    }

    fn header(self, lang: Lang) -> String {
        match self {
            Column::Part => lang.pick("Mã", "Part").into(),
            Column::Name => lang.pick("Chỉ tiêu", "Target").into(),
            Column::Lead => lang.pick("Chủ trì", "Lead").into(),
            Column::Unit => lang.pick("Đơn vị tính", "Unit").into(),
            Column::Numerator => lang.pick("Tử số", "Numerator").into(),
            Column::Denominator => lang.pick("Mẫu số", "Denominator").into(),
            Column::Value => lang.pick("Giá trị", "Value").into(),
            Column::Level(year) => format!("{} {year}", lang.pick("Mục tiêu", "Target")),
            Column::Status => lang.pick("Đánh giá", "Status").into(),
            Column::Coverage => lang.pick("Độ phủ", "Coverage").into(),
            Column::Previous(year) => format!("{} {year}", lang.pick("Năm", "Year")),
            Column::Note => lang.pick("Ghi chú", "Note").into(),
        }
    }
}

/// The columns of the tracking table: the previous year's value only when it was given (`--previous`).
fn columns(aggregation: &Aggregation, catalogue: &Catalogue) -> Vec<Column> {
    let plan = &catalogue.plan;
    let m0 = plan.milestones.first().copied().unwrap_or(plan.end_year);
    let m1 = plan.milestones.get(1).copied().unwrap_or(plan.end_year);
    let mut columns = vec![
        Column::Part,
        Column::Name,
        Column::Lead,
        Column::Unit,
        Column::Numerator,
        Column::Denominator,
        Column::Value,
        Column::Level(m0),
        Column::Level(m1),
        Column::Status,
        Column::Coverage,
    ];
    if aggregation.previous.iter().any(Option::is_some) {
        columns.push(Column::Previous(aggregation.year - 1));
    }
    columns.push(Column::Note);
    columns
}

/// The note of a part: how many units are short of the level (their names are in «Theo đơn vị», so that
/// the table keeps to a few pages), small numbers.
fn note(figures: &PartFigures, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !figures.short.is_empty() {
        let short = figures.short.len();
        parts.push(match lang {
            Lang::Vi => format!("{short} đơn vị chưa đạt (xem «Theo đơn vị»)"),
            Lang::En => format!("{short} units short (see «By unit»)"),
        });
    }
    let small = figures.units.iter().filter(|(_, f)| f.small).count();
    if small > 0 {
        parts.push(match lang {
            Lang::Vi => format!("{small} đơn vị có mẫu số quá nhỏ để đánh giá riêng"),
            Lang::En => format!("{small} units with a denominator too small to judge alone"),
        });
    }
    parts.join("; ")
}

fn milestone_text(part: &Part, year: u16, lang: Lang) -> String {
    part.levels
        .iter()
        .find(|l| l.year == year)
        .map_or_else(|| "—".to_string(), |l| level_text(l, part.unit, lang))
}

/// Writes the tracking table.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<(), XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    let sheet = new_sheet(workbook, lang.pick("Tổng hợp", "Summary"), Memory::Whole)?;
    let columns = columns(aggregation, catalogue);
    let last_col = columns.len() as ColNum - 1;
    for (col, column) in columns.iter().enumerate() {
        sheet.set_column_width(col as ColNum, column.width(lang))?;
    }
    let width = columns.iter().map(|c| c.width(lang)).sum();
    let cols = letter::Columns { left_end: 3, right_start: 8, last_col, width };
    let mut rows = Rows::default();
    let header_row =
        letter::write_heading(sheet, &mut rows, styles, catalogue, aggregation.year, cols, lang)?;
    for (col, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(
            header_row,
            col as ColNum,
            column.header(lang),
            &styles.table.header,
        )?;
    }
    let header_lines = columns.iter().map(|c| SIZE.lines(&c.header(lang), c.width(lang))).max();
    rows.fit(sheet, header_row, header_lines.unwrap_or(1))?;
    let mut row = header_row + 1;
    // A group's heading row prints on the page of its first part.
    let mut together = Vec::new();
    for group in &catalogue.groups {
        let name = group.name_in(lang);
        sheet.merge_range(
            row,
            0,
            row,
            last_col,
            &format!("{}. {name}", group.number),
            &styles.table.group,
        )?;
        together.push(row..=row + 1);
        row += 1;
        for target in catalogue.targets.iter().filter(|t| t.group == group.number) {
            for part in &target.parts {
                let index = catalogue.parts().position(|p| p.id == part.id).unwrap_or_default();
                let figures = &aggregation.parts[index];
                let previous = aggregation.previous.get(index).and_then(|p| p.as_ref());
                let row_of = Row { part, figures, previous };
                let height = write_part_row(sheet, input, row, &columns, &row_of)?;
                rows.set(sheet, row, height)?;
                row += 1;
            }
        }
    }
    let closing = letter::write_closing(sheet, &mut rows, styles, catalogue, aggregation, row, cols, lang)?;
    let end = *closing.end() + 1;
    // The page of the signature carries the table's last row, not its header alone.
    together.push(row.saturating_sub(1)..=*closing.end());
    print_landscape(sheet, Some(header_row), 1)?;
    sheet.set_page_breaks(&pages::breaks(&rows, end, Some(header_row), pages::LANDSCAPE_PAGE, &together))?;
    Ok(())
}

/// What one row of the tracking table shows.
struct Row<'a> {
    part: &'a Part,
    figures: &'a PartFigures,
    previous: Option<&'a crate::aggregate::Figure>,
}

/// Writes a part's row, each cell in its column; returns the height its tallest wrapped text needs.
fn write_part_row(
    sheet: &mut Worksheet,
    input: &Input,
    row: RowNum,
    columns: &[Column],
    line: &Row,
) -> Result<f64, XlsxError> {
    let Input { styles, catalogue, lang, aggregation } = *input;
    let Row { part, figures, previous } = *line;
    let district = &figures.district;
    let value_format: Format = styles.decimal.clone().set_num_format(value_format(part.unit, false));
    let mut texts: Vec<(String, f64)> = Vec::new();
    for (col, column) in columns.iter().enumerate() {
        let col = col as ColNum;
        let text = |text: String, format: &Format, sheet: &mut Worksheet| {
            sheet.write_string_with_format(row, col, &text, format).map(|_| text)
        };
        let count = |n: Option<u64>, sheet: &mut Worksheet| match n {
            Some(n) => sheet.write_number_with_format(row, col, n as f64, &styles.number).map(|_| ()),
            None => sheet.write_blank(row, col, &styles.table.cell).map(|_| ()),
        };
        let written = match column {
            Column::Part => text(part.id.clone(), &styles.table.cell_center, sheet)?,
            Column::Name => text(part.short_in(lang).to_string(), &styles.table.cell, sheet)?,
            Column::Lead => {
                let year = aggregation.year;
                let lead: Vec<&str> =
                    part.offices_in(year).iter().map(|id| catalogue.office_short_in(id, year)).collect();
                text(lead.join(", "), &styles.table.cell, sheet)?
            }
            Column::Unit => text(part.unit.name(lang).to_string(), &styles.table.cell_center, sheet)?,
            Column::Numerator => {
                count(district.numerator, sheet)?;
                continue;
            }
            Column::Denominator => {
                count(district.denominator, sheet)?;
                continue;
            }
            Column::Value => match district.value_f64(part.factor) {
                Some(v) => {
                    sheet.write_number_with_format(row, col, v, &value_format)?;
                    continue;
                }
                None => text("—".into(), &styles.table.cell_center, sheet)?,
            },
            // A number with its comparator in the format, so that its separator follows the values'; a
            // level too long for one line of the column ("≤ 550/100.000", "≥ 100% (hằng năm từ 2021)") is
            // text, which wraps where a number shows "###".
            Column::Level(year) => {
                let level = part.levels.iter().find(|l| l.year == *year);
                let one_line = SIZE.lines(&milestone_text(part, *year, lang), column.width(lang)) == 1;
                match level.and_then(|l| level_cell(l, part.unit, lang)).filter(|_| one_line) {
                    Some((value, format)) => {
                        let format = styles.table.cell_center.clone().set_num_format(format);
                        sheet.write_number_with_format(row, col, value, &format)?;
                        milestone_text(part, *year, lang)
                    }
                    None => text(milestone_text(part, *year, lang), &styles.table.cell_center, sheet)?,
                }
            }
            Column::Status => {
                let status = district.judgement.status;
                text(status_text(status, lang), styles.status(status), sheet)?
            }
            Column::Coverage => {
                let (covered, expected) = figures.coverage;
                let coverage =
                    if expected > 0 { format!("{covered}/{expected}") } else { catalogue.area_tier(lang) };
                text(coverage, &styles.table.cell_center, sheet)?
            }
            Column::Previous(_) => {
                match previous.and_then(|p| p.value_f64(part.factor)) {
                    Some(v) => sheet.write_number_with_format(row, col, v, &value_format)?,
                    None => sheet.write_blank(row, col, &styles.table.cell)?,
                };
                continue;
            }
            Column::Note => text(note(figures, lang), &styles.table.cell, sheet)?,
        };
        texts.push((written, column.width(lang)));
    }
    let cells: Vec<(&str, f64)> = texts.iter().map(|(t, w)| (t.as_str(), *w)).collect();
    Ok(SIZE.row_height(&cells))
}
