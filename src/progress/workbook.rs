//! The progress workbook: the trend table with the assessment coloured, the per-unit series on the units of
//! the latest year, and a line chart per part with its target line.

use super::{Assessment, Trend};
use crate::catalogue::{Catalogue, Measure, level_text};
use crate::lang::Lang;
use rust_xlsxwriter::{
    Chart, ChartLine, ChartLineDashType, ChartType, ColNum, Color, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

/// Size of the text in points.
const POINTS: f64 = 11.0;
/// Rows of the «Biểu đồ» sheet a chart takes, and rows of charts per printed page (three charts each).
const CHART_ROWS: RowNum = 14;
const CHART_ROWS_PER_PAGE: RowNum = 3;

fn plain() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(POINTS)
        .set_align(FormatAlign::VerticalCenter)
}

fn boxed() -> Format {
    plain().set_border(FormatBorder::Thin).set_text_wrap()
}

/// A4 landscape, fitted to the width, rows `repeat` repeated on every page, page numbers in the footer.
fn print_setup(sheet: &mut Worksheet, repeat: Option<RowNum>) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_footer("&C&\"Times New Roman\"&9&P/&N");
    if let Some(row) = repeat {
        sheet.set_repeat_rows(row, row)?;
    }
    Ok(())
}

/// How the assessment and "R" are read, printed under the table.
fn explanation(lang: Lang) -> [&'static str; 3] {
    [
        lang.pick(
            "R (tỷ số tiến độ) = tốc độ thay đổi bình quân hằng năm đã đạt ÷ tốc độ cần có để đạt mức mục tiêu đúng hạn (phương pháp của Cơ quan Thống kê Canada và Open SDG); R = 1 là đúng tốc độ cần có.",
            "R (progress ratio) = the observed average yearly rate of change ÷ the rate needed to reach the level in time (Statistics Canada and Open SDG); R = 1 is exactly the rate needed.",
        ),
        lang.pick(
            "Đã đạt: giá trị mới nhất đạt mức; R ≥ 0,95: Đúng tiến độ; 0,60 ≤ R < 0,95: Cần tăng tốc; 0 ≤ R < 0,60: Chậm tiến độ; R < 0: Đi lùi; dưới hai năm có số liệu: Chưa đủ số liệu.",
            "Achieved: the latest value meets the level; R ≥ 0.95 on track; 0.60 ≤ R < 0.95 accelerate; 0 ≤ R < 0.60 slow; R < 0 regressing; fewer than two years with data: insufficient data.",
        ),
        lang.pick(
            "Dự báo: tiếp tục xu hướng đã quan sát đến từng mốc (trong khoảng 0–100% với tỷ lệ phần trăm, không dưới 0 với các chỉ số khác).",
            "Projected: the observed trend continued to each milestone (within 0–100 % for percentages, not below 0 otherwise).",
        ),
    ]
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
    // Case counts are whole numbers.
    let whole = boxed().set_num_format("0");
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
    let last_col = headers.len() as ColNum - 1;
    let title = format!(
        "{} {}",
        lang.pick("TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH SỐ", "PROGRESS OF THE TARGETS OF PLAN"),
        catalogue.plan.number
    );
    let title_format = plain().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, last_col, &title, &title_format)?;
    sheet.set_row_height(0, 22)?;
    let period = match (years.first(), years.last()) {
        (Some(first), Some(last)) => {
            let (from, _) = catalogue.reporting.period.for_year(*first);
            let (_, to) = catalogue.reporting.period.for_year(*last);
            format!(
                "{} {first}–{last} ({} {} {} {})",
                lang.pick("Các năm báo cáo", "Report years"),
                lang.pick("số liệu từ ngày", "figures from"),
                from.vietnamese(),
                lang.pick("đến ngày", "to"),
                to.vietnamese()
            )
        }
        _ => lang.pick("Chưa có năm nào có số liệu", "No year with figures").to_string(),
    };
    let italic = plain().set_italic().set_align(FormatAlign::Center);
    sheet.merge_range(1, 0, 1, last_col, &period, &italic)?;
    let header_row: RowNum = 3;
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, col as ColNum, text, &header)?;
    }
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(2, 12)?;
    let first_year_col: ColNum = 3;
    let after_years = first_year_col + years.len() as ColNum;
    sheet.set_column_range_width(first_year_col, after_years - 1, 9)?;
    sheet.set_column_width(after_years, 24)?;
    sheet.set_column_width(after_years + 1, 16)?;
    sheet.set_column_width(after_years + 2, 7)?;
    sheet.set_column_range_width(after_years + 3, last_col, 9)?;
    let header_lines = headers.iter().enumerate().map(|(col, h)| {
        let width = match col as ColNum {
            1 => 40.0,
            c if c == after_years => 24.0,
            c if c == after_years + 1 => 16.0,
            c if c == after_years + 2 => 7.0,
            _ => 9.0,
        };
        crate::wrap::lines(h, width, POINTS * 1.1)
    });
    sheet.set_row_height(header_row, crate::wrap::height(header_lines.max().unwrap_or(1), POINTS))?;
    let first_row = header_row + 1;
    for (i, (part, progress)) in catalogue.parts().zip(&trend.parts).enumerate() {
        let row = first_row + i as RowNum;
        let short = part.short_in(lang);
        sheet.write_string_with_format(row, 0, &part.id, &cell)?;
        sheet.write_string_with_format(row, 1, short, &cell)?;
        sheet.write_string_with_format(row, 2, part.unit.name(lang), &cell)?;
        for (j, year) in years.iter().enumerate() {
            match progress.values.iter().find(|(y, _)| y == year) {
                Some((_, v)) => {
                    let format = if part.unit == Measure::Cases { &whole } else { &number };
                    sheet.write_number_with_format(row, first_year_col + j as ColNum, *v, format)?
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
        let cells = [(short, 40.0), (part.unit.name(lang), 12.0), (target.as_str(), 24.0)];
        sheet.set_row_height(row, crate::wrap::row_height(&cells, POINTS))?;
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
    let below = first_row + catalogue.parts().count() as RowNum + 1;
    for (row, line) in (below..).zip(explanation(lang)) {
        sheet.merge_range(row, 0, row, last_col, line, &plain().set_text_wrap())?;
        let width = 6.0 + 40.0 + 12.0 + 9.0 * years.len() as f64 + 24.0 + 16.0 + 7.0 + 18.0;
        sheet.set_row_height(row, crate::wrap::height(crate::wrap::lines(line, width, POINTS), POINTS))?;
    }
    sheet.set_freeze_panes(first_row, 2)?;
    print_setup(sheet, Some(header_row))?;
    // The level in force each year, for the target lines of the charts.
    let targets = workbook.add_worksheet();
    let targets_name = lang.pick("Mục tiêu theo năm", "Levels by year");
    targets.set_name(targets_name)?;
    // Mã | Chỉ tiêu | Đơn vị tính | one column per year: the charts read the years' columns.
    const TARGETS_FIRST_YEAR: ColNum = 3;
    targets.write_string_with_format(0, 0, lang.pick("Mã", "Part"), &header)?;
    targets.write_string_with_format(0, 1, lang.pick("Chỉ tiêu", "Target"), &header)?;
    targets.write_string_with_format(0, 2, lang.pick("Đơn vị tính", "Unit"), &header)?;
    for (j, year) in years.iter().enumerate() {
        targets.write_number_with_format(0, TARGETS_FIRST_YEAR + j as ColNum, *year, &header)?;
    }
    targets.set_column_width(0, 6)?;
    targets.set_column_width(1, 40)?;
    targets.set_column_width(2, 12)?;
    for (i, part) in catalogue.parts().enumerate() {
        let row = 1 + i as RowNum;
        targets.write_string_with_format(row, 0, &part.id, &cell)?;
        targets.write_string_with_format(row, 1, part.short_in(lang), &cell)?;
        targets.write_string_with_format(row, 2, part.unit.name(lang), &cell)?;
        for (j, year) in years.iter().enumerate() {
            let col = TARGETS_FIRST_YEAR + j as ColNum;
            match crate::attainment::level_for(&part.levels, *year) {
                Some((level, _)) => {
                    targets.write_number_with_format(row, col, level.value.to_f64(), &number)?
                }
                None => targets.write_blank(row, col, &cell)?,
            };
        }
        let cells = [(part.short_in(lang), 40.0), (part.unit.name(lang), 12.0)];
        targets.set_row_height(row, crate::wrap::row_height(&cells, POINTS))?;
    }
    let note = lang.pick(
        "Mức mục tiêu áp dụng cho từng năm (mốc của năm đó, hoặc mốc kế tiếp): đường nét đứt trên các biểu đồ.",
        "The level in force each year (its own, or the next milestone's): the dashed line of the charts.",
    );
    let note_row = 2 + catalogue.parts().count() as RowNum;
    targets.write_string_with_format(note_row, 0, note, &plain().set_italic())?;
    targets.set_freeze_panes(1, 2)?;
    print_setup(targets, Some(0))?;
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
    units.set_column_width(0, 9)?;
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
        let cells = [(name.as_str(), 26.0), (label.as_str(), 44.0)];
        units.set_row_height(row, crate::wrap::row_height(&cells, POINTS))?;
        for (j, (_, value)) in series.values.iter().enumerate() {
            match value {
                Some(v) => units.write_number_with_format(row, 3 + j as ColNum, *v, &number)?,
                None => units.write_string_with_format(row, 3 + j as ColNum, "—", &cell)?,
            };
        }
    }
    units.set_freeze_panes(1, 3)?;
    print_setup(units, Some(0))?;
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
            .set_categories((name, header_row, first_year_col, header_row, last_year_col))
            .set_values((
                name,
                first_row + i as RowNum,
                first_year_col,
                first_row + i as RowNum,
                last_year_col,
            ));
        chart
            .add_series()
            .set_name(lang.pick("Mục tiêu", "Target"))
            .set_categories((name, header_row, first_year_col, header_row, last_year_col))
            .set_values((
                targets_name,
                row,
                TARGETS_FIRST_YEAR,
                row,
                TARGETS_FIRST_YEAR + years.len() as ColNum - 1,
            ))
            .set_format(rust_xlsxwriter::ChartFormat::new().set_line(
                ChartLine::new().set_color(Color::RGB(0xC00000)).set_dash_type(ChartLineDashType::Dash),
            ));
        let short = part.short_in(lang);
        chart.title().set_name(&format!("{} {short} ({})", part.id, part.unit.suffix(lang).trim()));
        chart.set_width(420).set_height(260);
        let (chart_row, chart_col) = ((i / 3) as RowNum * CHART_ROWS, (i % 3) as ColNum * 7);
        charts.insert_chart(chart_row, chart_col, &chart)?;
    }
    // A page break after every third row of charts, so that no chart is cut between pages.
    let chart_rows = catalogue.parts().count().div_ceil(3) as RowNum;
    let breaks: Vec<RowNum> = (1..chart_rows.div_ceil(CHART_ROWS_PER_PAGE))
        .map(|page| page * CHART_ROWS_PER_PAGE * CHART_ROWS)
        .collect();
    charts.set_page_breaks(&breaks)?;
    print_setup(charts, None)?;
    crate::zip_bytes::save(&mut workbook)
}
