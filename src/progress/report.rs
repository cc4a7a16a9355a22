//! The progress workbook: the trend table with the assessment coloured, the per-unit series on the units of
//! the latest year, and a line chart per part with its target line.

use super::{Assessment, Trend};
use crate::catalogue::{Catalogue, level_text};
use crate::lang::Lang;
use rust_xlsxwriter::{
    Chart, ChartLine, ChartLineDashType, ChartType, ColNum, Color, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, RowNum, Workbook, XlsxError,
};

fn boxed() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
}

fn assessment_format(assessment: Assessment) -> Format {
    let (fill, font) = match assessment {
        Assessment::Achieved | Assessment::OnTrack => (0xC6EFCE, 0x006100),
        Assessment::Accelerate => (0xFFEB9C, 0x9C5700),
        Assessment::Slow | Assessment::Regressing => (0xFFC7CE, 0x9C0006),
        Assessment::InsufficientData => (0xEDEDED, 0x404040),
    };
    boxed()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
        .set_align(FormatAlign::Center)
}

/// Writes the progress workbook.
pub fn build(trend: &Trend, catalogue: &Catalogue, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let d = catalogue.plan.date;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(lang.pick("Tiến độ thực hiện các chỉ tiêu", "Progress of the targets"))
            .set_company(catalogue.plan.issuer.as_str())
            .set_creation_datetime(&ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)?),
    );
    let header = boxed().set_bold().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xD9E2F3));
    let cell = boxed();
    let number = boxed().set_num_format("0.00");
    let name = lang.pick("Tiến độ", "Progress");
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    let years = &trend.years;
    let milestones = &catalogue.plan.milestones;
    let mut headers: Vec<String> = vec![
        lang.pick("Mã", "Part").into(),
        lang.pick("Chỉ tiêu", "Target").into(),
        lang.pick("Đơn vị tính", "Unit").into(),
    ];
    headers.extend(years.iter().map(u16::to_string));
    headers.push(lang.pick("Mục tiêu so sánh", "Level judged against").into());
    headers.push(lang.pick("Đánh giá", "Assessment").into());
    headers.push("R".into());
    headers.extend(milestones.iter().map(|m| format!("{} {m}", lang.pick("Dự báo", "Projected"))));
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as ColNum, text, &header)?;
    }
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 44)?;
    sheet.set_column_width(2, 12)?;
    let first_year_col: ColNum = 3;
    let after_years = first_year_col + years.len() as ColNum;
    sheet.set_column_range_width(first_year_col, after_years - 1, 9)?;
    sheet.set_column_width(after_years, 18)?;
    sheet.set_column_width(after_years + 1, 15)?;
    for (i, (part, progress)) in catalogue.parts().zip(&trend.parts).enumerate() {
        let row = 1 + i as RowNum;
        let short = part.short_in(lang);
        sheet.write_string_with_format(row, 0, &part.id, &cell)?;
        sheet.write_string_with_format(row, 1, short, &cell)?;
        sheet.write_string_with_format(row, 2, part.unit.name(lang), &cell)?;
        for (j, year) in years.iter().enumerate() {
            match progress.values.iter().find(|(y, _)| y == year) {
                Some((_, v)) => {
                    sheet.write_number_with_format(row, first_year_col + j as ColNum, *v, &number)?
                }
                None => sheet.write_string_with_format(row, first_year_col + j as ColNum, "—", &cell)?,
            };
        }
        let target = progress
            .target
            .as_ref()
            .map(|l| format!("{}: {}", l.year, level_text(l, part.unit, lang)))
            .unwrap_or_default();
        sheet.write_string_with_format(row, after_years, &target, &cell)?;
        let assessment = progress.progress.assessment;
        let label = match lang {
            Lang::Vi => assessment.label_vi(),
            Lang::En => assessment.label_en(),
        };
        sheet.write_string_with_format(row, after_years + 1, label, &assessment_format(assessment))?;
        match progress.progress.ratio {
            Some(r) => sheet.write_number_with_format(row, after_years + 2, r, &number)?,
            None => sheet.write_blank(row, after_years + 2, &cell)?,
        };
        for (k, (_, projected)) in progress.projections.iter().enumerate() {
            let col = after_years + 3 + k as ColNum;
            match projected {
                Some(v) => sheet.write_number_with_format(row, col, *v, &number)?,
                None => sheet.write_blank(row, col, &cell)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 2)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    // The level in force each year, for the target lines of the charts.
    let targets = workbook.add_worksheet();
    let targets_name = lang.pick("Mục tiêu theo năm", "Levels by year");
    targets.set_name(targets_name)?;
    for (j, year) in years.iter().enumerate() {
        targets.write_number_with_format(0, 1 + j as ColNum, *year, &header)?;
    }
    for (i, part) in catalogue.parts().enumerate() {
        let row = 1 + i as RowNum;
        targets.write_string_with_format(row, 0, &part.id, &cell)?;
        for (j, year) in years.iter().enumerate() {
            if let Some((level, _)) = crate::attainment::level_for(&part.levels, *year) {
                targets.write_number_with_format(row, 1 + j as ColNum, level.value.to_f64(), &number)?;
            }
        }
    }
    // Per-unit series on the units of the latest year, earlier years summed over the units each covers.
    let units = workbook.add_worksheet();
    units.set_name(lang.pick("Theo đơn vị", "By unit"))?;
    let mut headers: Vec<String> = vec![
        lang.pick("Mã ĐVHC", "Code").into(),
        lang.pick("Đơn vị", "Unit").into(),
        lang.pick("Chỉ tiêu", "Part").into(),
    ];
    headers.extend(years.iter().map(u16::to_string));
    for (col, text) in headers.iter().enumerate() {
        units.write_string_with_format(0, col as ColNum, text, &header)?;
    }
    units.set_column_width(1, 26)?;
    units.set_column_width(2, 44)?;
    let latest = years.last().copied().unwrap_or(catalogue.plan.end_year);
    for (i, series) in trend.units.iter().enumerate() {
        let row = 1 + i as RowNum;
        let name =
            catalogue.unit(&series.unit, latest).map_or_else(|| series.unit.clone(), |u| u.full_name());
        let part = catalogue.part(&series.part);
        let label = part.map_or_else(|| series.part.clone(), |p| format!("{} {}", p.id, p.short_in(lang)));
        units.write_string_with_format(row, 0, &series.unit, &cell)?;
        units.write_string_with_format(row, 1, &name, &cell)?;
        units.write_string_with_format(row, 2, &label, &cell)?;
        for (j, (_, value)) in series.values.iter().enumerate() {
            match value {
                Some(v) => units.write_number_with_format(row, 3 + j as ColNum, *v, &number)?,
                None => units.write_string_with_format(row, 3 + j as ColNum, "—", &cell)?,
            };
        }
    }
    units.set_freeze_panes(1, 3)?;
    units.set_landscape();
    units.set_paper_size(9);
    units.set_print_fit_to_pages(1, 0);
    units.set_repeat_rows(0, 0)?;
    // A line chart per part.
    let charts = workbook.add_worksheet();
    charts.set_name(lang.pick("Biểu đồ", "Charts"))?;
    let last_year_col = first_year_col + years.len() as ColNum - 1;
    for (i, part) in catalogue.parts().enumerate() {
        let row = 1 + i as RowNum;
        let mut chart = Chart::new(ChartType::Line);
        chart
            .add_series()
            .set_name(lang.pick("Giá trị", "Value"))
            .set_categories((name, 0, first_year_col, 0, last_year_col))
            .set_values((name, row, first_year_col, row, last_year_col));
        chart
            .add_series()
            .set_name(lang.pick("Mục tiêu", "Target"))
            .set_categories((name, 0, first_year_col, 0, last_year_col))
            .set_values((targets_name, row, 1, row, years.len() as ColNum))
            .set_format(rust_xlsxwriter::ChartFormat::new().set_line(
                ChartLine::new().set_color(Color::RGB(0xC00000)).set_dash_type(ChartLineDashType::Dash),
            ));
        let short = part.short_in(lang);
        chart.title().set_name(&format!("{} {short} ({})", part.id, part.unit.suffix(lang).trim()));
        chart.set_width(420).set_height(260);
        let (chart_row, chart_col) = ((i / 3) as RowNum * 14, (i % 3) as ColNum * 7);
        charts.insert_chart(chart_row, chart_col, &chart)?;
    }
    charts.set_landscape();
    charts.set_paper_size(9);
    charts.set_print_fit_to_pages(1, 0);
    crate::zip_bytes::save(&mut workbook)
}
