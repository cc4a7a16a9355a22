//! «Biểu đồ»: the parts met, not met, that did not occur and without data, counted by group of targets,
//! and a stacked column chart of the counts.

use super::{Input, Memory, header_row, new_sheet};
use crate::sheet_style::print_landscape;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartSolidFill, ChartType, ColNum, Color, RowNum, Workbook, XlsxError,
};

/// Writes the counts and the chart.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<(), XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    let name = lang.pick("Biểu đồ", "Chart");
    let sheet = new_sheet(workbook, name, Memory::Whole)?;
    let columns = [
        (lang.pick("Nhóm chỉ tiêu", "Group"), 46.0),
        (lang.pick("Đạt", "Met"), 14.0),
        (lang.pick("Chưa đạt", "Not met"), 14.0),
        (lang.pick("Không phát sinh", "Did not occur"), 14.0),
        (lang.pick("Thiếu số liệu", "No data"), 14.0),
    ];
    header_row(sheet, styles, &columns)?;
    for (i, (group, (_, counts))) in
        catalogue.groups.iter().zip(aggregation.counts_by_group(catalogue)).enumerate()
    {
        let row = i as RowNum + 1;
        let name = group.name_in(lang);
        sheet.write_string_with_format(row, 0, format!("{}. {name}", group.number), &styles.table.cell)?;
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
            .set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(*colour))),
            );
    }
    chart.title().set_name(&format!(
        "{} {}",
        lang.pick("Đánh giá các chỉ tiêu năm", "Attainment of the targets,"),
        aggregation.year
    ));
    chart.y_axis().set_name(lang.pick("Số phần chỉ tiêu", "Parts"));
    chart.set_width(760).set_height(380);
    sheet.insert_chart(last + 2, 0, &chart)?;
    print_landscape(sheet, Some(0), 1)?;
    Ok(())
}
