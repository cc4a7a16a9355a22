//! "Tổng hợp": the indicator tracking table under the administrative header; and the attainment chart.

use super::{Styles, letter, print_setup, status_text};
use crate::aggregate::{Aggregation, PartFigures};
use crate::catalogue::{Catalogue, Part, level_text};
use crate::lang::Lang;
use rust_xlsxwriter::{Chart, ChartType, ColNum, RowNum, Workbook, XlsxError};

const LAST_COL: ColNum = 13;

/// The note of a part: units short of the level, small numbers, conflicts.
fn note(figures: &PartFigures, catalogue: &Catalogue, year: u16, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !figures.short.is_empty() {
        // At national scale thousands of units may fall short: name the first ones and count the rest.
        const NAMED: usize = 30;
        let mut names: Vec<String> = figures
            .short
            .iter()
            .take(NAMED)
            .filter_map(|code| catalogue.unit(code, year))
            .map(|u| u.name.clone())
            .collect();
        if figures.short.len() > NAMED {
            let more = figures.short.len() - NAMED;
            names.push(format!("{} {more} {}", lang.pick("và", "and"), lang.pick("đơn vị khác", "more")));
        }
        parts.push(format!("{}: {}", lang.pick("Chưa đạt", "Short"), names.join(", ")));
    }
    let small = figures.units.iter().filter(|(_, f)| f.small).count();
    if small > 0 {
        parts.push(format!("{small} {}", lang.pick("đơn vị số nhỏ", "units with small numbers")));
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
pub fn write_summary(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("Tổng hợp", "Summary"))?;
    let widths = [6.0, 6.0, 48.0, 14.0, 11.0, 10.0, 10.0, 9.0, 12.0, 12.0, 16.0, 8.0, 9.0, 30.0];
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    let plan = &catalogue.plan;
    let cols =
        letter::Columns { left_end: 3, right_start: 8, last_col: LAST_COL, width: widths.iter().sum() };
    let header_row = letter::write_heading(sheet, styles, catalogue, aggregation.year, cols, lang)?;
    let milestones = &plan.milestones;
    let m0 = milestones.first().copied().unwrap_or(plan.end_year);
    let m1 = milestones.get(1).copied().unwrap_or(plan.end_year);
    let headers: [String; 14] = [
        lang.pick("Nhóm", "Group").into(),
        lang.pick("Mã", "Part").into(),
        lang.pick("Chỉ tiêu", "Target").into(),
        lang.pick("Chủ trì", "Lead").into(),
        lang.pick("Đơn vị tính", "Unit").into(),
        lang.pick("Tử số", "Numerator").into(),
        lang.pick("Mẫu số", "Denominator").into(),
        lang.pick("Giá trị", "Value").into(),
        format!("{} {m0}", lang.pick("Mục tiêu", "Target")),
        format!("{} {m1}", lang.pick("Mục tiêu", "Target")),
        lang.pick("Đánh giá", "Status").into(),
        lang.pick("Độ phủ", "Coverage").into(),
        format!("{} {}", lang.pick("Năm", "Year"), aggregation.year - 1),
        lang.pick("Ghi chú", "Note").into(),
    ];
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, col as ColNum, text, &styles.header)?;
    }
    let mut row = header_row + 1;
    for group in &catalogue.groups {
        let name = group.name_in(lang);
        sheet.merge_range(row, 0, row, LAST_COL, &format!("{}. {name}", group.number), &styles.group)?;
        row += 1;
        for target in catalogue.targets.iter().filter(|t| t.group == group.number) {
            for part in &target.parts {
                let index = catalogue.parts().position(|p| p.id == part.id).unwrap_or_default();
                let figures = &aggregation.parts[index];
                write_part_row(
                    sheet,
                    styles,
                    row,
                    group.number,
                    part,
                    figures,
                    aggregation,
                    catalogue,
                    lang,
                    index,
                )?;
                row += 1;
            }
        }
    }
    letter::write_closing(sheet, styles, catalogue, aggregation, row, cols, lang)?;
    print_setup(sheet, header_row)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn write_part_row(
    sheet: &mut rust_xlsxwriter::Worksheet,
    styles: &Styles,
    row: RowNum,
    group: u16,
    part: &Part,
    figures: &PartFigures,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
    index: usize,
) -> Result<(), XlsxError> {
    let plan = &catalogue.plan;
    let district = &figures.district;
    let lead: Vec<&str> = part
        .offices
        .iter()
        .map(|id| catalogue.office(id).map_or(id.as_str(), |o| o.short.as_str()))
        .collect();
    sheet.write_number_with_format(row, 0, group, &styles.center)?;
    sheet.write_string_with_format(row, 1, &part.id, &styles.center)?;
    sheet.write_string_with_format(row, 2, &part.text, &styles.cell)?;
    sheet.write_string_with_format(row, 3, lead.join(", "), &styles.cell)?;
    sheet.write_string_with_format(row, 4, part.unit.name(lang), &styles.center)?;
    match district.numerator {
        Some(n) => sheet.write_number_with_format(row, 5, n as f64, &styles.number)?,
        None => sheet.write_blank(row, 5, &styles.cell)?,
    };
    match district.denominator {
        Some(d) => sheet.write_number_with_format(row, 6, d as f64, &styles.number)?,
        None => sheet.write_blank(row, 6, &styles.cell)?,
    };
    match district.value_f64(part.factor) {
        Some(v) => sheet.write_number_with_format(row, 7, v, &styles.decimal)?,
        None => sheet.write_string_with_format(row, 7, "—", &styles.center)?,
    };
    let m0 = plan.milestones.first().copied().unwrap_or(plan.end_year);
    let m1 = plan.milestones.get(1).copied().unwrap_or(plan.end_year);
    sheet.write_string_with_format(row, 8, milestone_text(part, m0, lang), &styles.center)?;
    sheet.write_string_with_format(row, 9, milestone_text(part, m1, lang), &styles.center)?;
    let status = district.judgement.status;
    sheet.write_string_with_format(row, 10, status_text(status, lang), styles.status(status))?;
    let (covered, expected) = figures.coverage;
    let coverage = if expected > 0 {
        format!("{covered}/{expected}")
    } else {
        lang.pick("cấp huyện", "district").into()
    };
    sheet.write_string_with_format(row, 11, &coverage, &styles.center)?;
    match aggregation.previous.get(index).and_then(|p| p.as_ref()).and_then(|p| p.value_f64(part.factor)) {
        Some(v) => sheet.write_number_with_format(row, 12, v, &styles.decimal)?,
        None => sheet.write_blank(row, 12, &styles.cell)?,
    };
    let note = note(figures, catalogue, aggregation.year, lang);
    sheet.write_string_with_format(row, 13, &note, &styles.cell)?;
    let lines =
        (part.text.chars().count() as f64 / 55.0).max(note.chars().count() as f64 / 33.0).ceil().max(1.0);
    sheet.set_row_height(row, 14.5 * lines + 2.0)?;
    Ok(())
}

/// Counts of parts met / not met / without a rate, by group, and a stacked column chart of them.
pub fn write_chart(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
    let name = lang.pick("Biểu đồ", "Chart");
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    sheet.set_column_width(0, 46)?;
    sheet.set_column_range_width(1, 4, 14)?;
    let headers = [
        lang.pick("Nhóm chỉ tiêu", "Group"),
        lang.pick("Đạt", "Met"),
        lang.pick("Chưa đạt", "Not met"),
        lang.pick("Không phát sinh", "Did not occur"),
        lang.pick("Thiếu số liệu", "No data"),
    ];
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as ColNum, *text, &styles.header)?;
    }
    for (i, (group, (_, counts))) in
        catalogue.groups.iter().zip(aggregation.counts_by_group(catalogue)).enumerate()
    {
        let row = i as RowNum + 1;
        let name = group.name_in(lang);
        sheet.write_string_with_format(row, 0, format!("{}. {name}", group.number), &styles.cell)?;
        for (j, count) in counts.iter().enumerate() {
            sheet.write_number_with_format(row, 1 + j as ColNum, *count as f64, &styles.number)?;
        }
    }
    let last = catalogue.groups.len() as RowNum;
    let mut chart = Chart::new(ChartType::ColumnStacked);
    let colours = [0x70AD47, 0xC00000, 0xA5A5A5, 0xFFC000];
    for (j, colour) in colours.iter().enumerate() {
        let col = 1 + j as ColNum;
        chart
            .add_series()
            .set_name((name, 0, col))
            .set_categories((name, 1, 0, last, 0))
            .set_values((name, 1, col, last, col))
            .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                rust_xlsxwriter::ChartSolidFill::new().set_color(rust_xlsxwriter::Color::RGB(*colour)),
            ));
    }
    chart.title().set_name(&format!(
        "{} {}",
        lang.pick("Đánh giá các chỉ tiêu năm", "Attainment of the targets,"),
        aggregation.year
    ));
    chart.y_axis().set_name(lang.pick("Số phần chỉ tiêu", "Parts"));
    chart.set_width(760).set_height(380);
    sheet.insert_chart(last + 2, 0, &chart)?;
    print_setup(sheet, 0)?;
    Ok(())
}
