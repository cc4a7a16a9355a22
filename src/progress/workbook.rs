//! The progress workbook: the trend table with the assessment coloured, the per-unit series on the units of
//! the latest year, and a line chart per part with its target line.

use super::{Assessment, Trend};
use crate::catalogue::{Catalogue, Measure, level_text};
use crate::lang::Lang;
use crate::sheet_style::{TableFormats, TextSize, Tone, print_landscape};
use rust_xlsxwriter::{
    Chart, ChartLine, ChartLineDashType, ChartType, ColNum, Color, DocProperties, ExcelDateTime, Format,
    FormatAlign, RowNum, Workbook, XlsxError,
};

/// The text size of the workbook.
const SIZE: TextSize = TextSize::REPORT;
/// Rows of the «Biểu đồ» sheet a chart takes, and rows of charts per printed page (three charts each).
const CHART_ROWS: RowNum = 14;
const CHART_ROWS_PER_PAGE: RowNum = 3;
/// The first year's column of «Mục tiêu theo năm» (after Mã | Chỉ tiêu | Đơn vị tính): the charts read
/// the years' columns.
const LEVELS_FIRST_YEAR: ColNum = 3;

/// The formats of the workbook.
struct Formats {
    /// Title, header and cells of a table.
    table: TableFormats,
    /// A value with two decimals.
    number: Format,
    /// A case count: a whole number.
    whole: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            table: TableFormats::new(SIZE),
            number: SIZE.boxed().set_num_format("0.00"),
            whole: SIZE.boxed().set_num_format("0"),
        }
    }
}

/// Where the trend table's figures are, for the charts.
struct TrendTable {
    /// The sheet's name.
    name: &'static str,
    /// The header row, whose years' cells are the charts' categories.
    header_row: RowNum,
    /// The first part's row.
    first_row: RowNum,
    /// The first year's column.
    first_year_col: ColNum,
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

/// The cell of an assessment, coloured as it is good or bad.
fn assessment_format(assessment: Assessment) -> Format {
    let tone = match assessment {
        Assessment::Achieved | Assessment::OnTrack => Tone::Good,
        Assessment::Accelerate => Tone::Caution,
        Assessment::Slow | Assessment::Regressing => Tone::Bad,
        Assessment::InsufficientData => Tone::Grey,
    };
    SIZE.toned(tone).set_align(FormatAlign::Center)
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
    let formats = Formats::new();
    let table = write_trend(&mut workbook, &formats, trend, catalogue, lang)?;
    let levels = write_levels(&mut workbook, &formats, &trend.years, catalogue, lang)?;
    write_units(&mut workbook, &formats, trend, catalogue, lang)?;
    write_charts(&mut workbook, &table, levels, trend, catalogue, lang)?;
    crate::zip_bytes::save(&mut workbook)
}

/// «Tiến độ»: the trend table, a part a row (its values by year, the level judged against, the assessment,
/// R and the projections), with how to read it below.
fn write_trend(
    workbook: &mut Workbook,
    formats: &Formats,
    trend: &Trend,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<TrendTable, XlsxError> {
    let Formats { table, number, whole } = formats;
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
    // A milestone already observed is the observed value, said so; a later one is projected.
    let last_year = years.last().copied().unwrap_or_default();
    headers.extend(milestones.iter().map(|m| {
        if *m <= last_year {
            format!("{} {m} ({})", lang.pick("Kết quả", "Result"), lang.pick("thực tế", "observed"))
        } else {
            format!("{} {m}", lang.pick("Dự báo", "Projected"))
        }
    }));
    let last_col = headers.len() as ColNum - 1;
    let title = format!(
        "{} {}",
        lang.pick("TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH SỐ", "PROGRESS OF THE TARGETS OF PLAN"),
        catalogue.plan.number
    );
    // On one line, unlike the report's title.
    let title_format = SIZE.plain().set_bold().set_font_size(14).set_align(FormatAlign::Center);
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
    sheet.merge_range(1, 0, 1, last_col, &period, &table.italic_center)?;
    let header_row: RowNum = 3;
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, col as ColNum, text, &table.header)?;
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
        SIZE.bold_lines(h, width)
    });
    sheet.set_row_height(header_row, SIZE.height(header_lines.max().unwrap_or(1)))?;
    let first_row = header_row + 1;
    for (i, (part, progress)) in catalogue.parts().zip(&trend.parts).enumerate() {
        let row = first_row + i as RowNum;
        let short = part.short_in(lang);
        sheet.write_string_with_format(row, 0, &part.id, &table.cell)?;
        sheet.write_string_with_format(row, 1, short, &table.cell)?;
        sheet.write_string_with_format(row, 2, part.unit.name(lang), &table.cell)?;
        for (j, year) in years.iter().enumerate() {
            match progress.values.iter().find(|(y, _)| y == year) {
                Some((_, v)) => {
                    let format = if part.unit == Measure::Cases { whole } else { number };
                    sheet.write_number_with_format(row, first_year_col + j as ColNum, *v, format)?
                }
                None => {
                    sheet.write_string_with_format(row, first_year_col + j as ColNum, "—", &table.cell)?
                }
            };
        }
        let target = progress
            .target
            .as_ref()
            .map(|l| format!("{}: {}", l.year, level_text(l, part.unit, lang)))
            .unwrap_or_default();
        sheet.write_string_with_format(row, after_years, &target, &table.cell)?;
        let cells = [(short, 40.0), (part.unit.name(lang), 12.0), (target.as_str(), 24.0)];
        sheet.set_row_height(row, SIZE.row_height(&cells))?;
        let assessment = progress.progress.assessment;
        let label = assessment.label(lang);
        sheet.write_string_with_format(row, after_years + 1, label, &assessment_format(assessment))?;
        match progress.progress.ratio {
            Some(r) => sheet.write_number_with_format(row, after_years + 2, r, number)?,
            None => sheet.write_blank(row, after_years + 2, &table.cell)?,
        };
        for (k, (_, projected)) in progress.projections.iter().enumerate() {
            let col = after_years + 3 + k as ColNum;
            match projected {
                Some(v) => sheet.write_number_with_format(row, col, *v, number)?,
                None => sheet.write_blank(row, col, &table.cell)?,
            };
        }
    }
    let below = first_row + catalogue.parts().count() as RowNum + 1;
    for (row, line) in (below..).zip(explanation(lang)) {
        sheet.merge_range(row, 0, row, last_col, line, &SIZE.plain().set_text_wrap())?;
        let width = 6.0 + 40.0 + 12.0 + 9.0 * years.len() as f64 + 24.0 + 16.0 + 7.0 + 18.0;
        sheet.set_row_height(row, SIZE.height(SIZE.lines(line, width)))?;
    }
    sheet.set_freeze_panes(first_row, 2)?;
    print_landscape(sheet, Some(header_row), 1)?;
    Ok(TrendTable { name, header_row, first_row, first_year_col })
}

/// The level that applies in `year`: the year's own milestone or a level held over a span that holds the
/// year; `None` before a milestone (5.2 has only a 2030 level: no line before 2030).
fn applying(part: &crate::catalogue::Part, year: u16) -> Option<&crate::attainment::YearLevel> {
    part.levels
        .iter()
        .find(|l| l.year == year || l.held.is_some_and(|(from, to)| (from..=to).contains(&year)))
}

/// Whether a lower value is better for a part: its levels are "below" or "equal to" (0 cases).
fn lower_is_better(part: &crate::catalogue::Part) -> bool {
    use crate::attainment::Op;
    part.levels.first().is_some_and(|l| matches!(l.op, Op::Lt | Op::Le | Op::Eq))
}

/// The value axis of a part's chart: from the values and the levels drawn, at least a sensible span (a
/// tenth of the scale, so that 99,86–100,02 does not look like a collapse), never below 0 nor, for
/// percentages, above 100. Returns (min, max, step between labels).
fn axis_range(values: &[f64], unit: Measure) -> Option<(f64, f64, f64)> {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let percent = matches!(unit, Measure::Percent | Measure::PercentUnits);
    let least = match unit {
        Measure::Percent | Measure::PercentUnits => 10.0,
        Measure::Cases => 5.0,
        _ => (hi.abs() * 0.2).max(1.0),
    };
    let span = (hi - lo).max(least);
    let pad = (span - (hi - lo)) / 2.0 + span * 0.05;
    let (mut min, mut max) = (lo - pad, hi + pad);
    if percent && max > 100.0 {
        min -= max - 100.0;
        max = 100.0;
    }
    if min < 0.0 {
        max -= min;
        min = 0.0;
    }
    if percent {
        max = max.min(100.0);
    }
    // Whole steps of a fifth of the span, rounded outwards.
    let step = nice_step((max - min) / 5.0);
    Some(((min / step).floor() * step, (max / step).ceil() * step, step))
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.max(1e-9).log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

/// «Mục tiêu theo năm»: the level that applies each year with its comparator, for the target lines of
/// the charts; returns the sheet's name.
fn write_levels(
    workbook: &mut Workbook,
    formats: &Formats,
    years: &[u16],
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<&'static str, XlsxError> {
    let Formats { table, number, .. } = formats;
    let sheet = workbook.add_worksheet();
    let name = lang.pick("Mục tiêu theo năm", "Levels by year");
    sheet.set_name(name)?;
    sheet.write_string_with_format(0, 0, lang.pick("Mã", "Part"), &table.header)?;
    sheet.write_string_with_format(0, 1, lang.pick("Chỉ tiêu", "Target"), &table.header)?;
    sheet.write_string_with_format(0, 2, lang.pick("Đơn vị tính", "Unit"), &table.header)?;
    for (j, year) in years.iter().enumerate() {
        sheet.write_number_with_format(0, LEVELS_FIRST_YEAR + j as ColNum, *year, &table.header)?;
    }
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(2, 12)?;
    for (i, part) in catalogue.parts().enumerate() {
        let row = 1 + i as RowNum;
        sheet.write_string_with_format(row, 0, &part.id, &table.cell)?;
        sheet.write_string_with_format(row, 1, part.short_in(lang), &table.cell)?;
        sheet.write_string_with_format(row, 2, part.unit.name(lang), &table.cell)?;
        for (j, year) in years.iter().enumerate() {
            let col = LEVELS_FIRST_YEAR + j as ColNum;
            match applying(part, *year) {
                // A number (the charts draw it) shown with its comparator: "≥ 90.00".
                Some(level) => {
                    let digits = if part.unit == Measure::Cases { "0" } else { "0.00" };
                    let format = number.clone().set_num_format(format!("\"{} \"{digits}", level.op.symbol()));
                    sheet.write_number_with_format(row, col, level.value.to_f64(), &format)?
                }
                None => sheet.write_blank(row, col, &table.cell)?,
            };
        }
        let cells = [(part.short_in(lang), 40.0), (part.unit.name(lang), 12.0)];
        sheet.set_row_height(row, SIZE.row_height(&cells))?;
    }
    let note = lang.pick(
        "Mức mục tiêu áp dụng cho từng năm (mốc của năm đó, hoặc mức duy trì hằng năm); năm trống: chưa có mức áp dụng. Là đường nét đứt trên các biểu đồ.",
        "The level that applies each year (the year's milestone, or a level held every year); blank: none applies yet. The dashed line of the charts.",
    );
    let note_row = 2 + catalogue.parts().count() as RowNum;
    sheet.write_string_with_format(note_row, 0, note, &SIZE.plain().set_italic())?;
    sheet.set_freeze_panes(1, 2)?;
    print_landscape(sheet, Some(0), 1)?;
    Ok(name)
}

/// «Theo đơn vị»: per-unit series on the units of the latest year, earlier years summed over the units
/// each covers.
fn write_units(
    workbook: &mut Workbook,
    formats: &Formats,
    trend: &Trend,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
    let Formats { table, number, .. } = formats;
    let years = &trend.years;
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("Theo đơn vị", "By unit"))?;
    let mut headers: Vec<String> = vec![
        lang.pick("Mã ĐVHC", "Code").into(),
        lang.pick("Đơn vị", "Unit").into(),
        lang.pick("Chỉ tiêu", "Part").into(),
    ];
    headers.extend(years.iter().map(u16::to_string));
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as ColNum, text, &table.header)?;
    }
    sheet.set_column_width(0, 9)?;
    sheet.set_column_width(1, 26)?;
    sheet.set_column_width(2, 44)?;
    let latest = years.last().copied().unwrap_or(catalogue.plan.end_year);
    for (i, series) in trend.units.iter().enumerate() {
        let row = 1 + i as RowNum;
        let name =
            catalogue.unit(&series.unit, latest).map_or_else(|| series.unit.clone(), |u| u.full_name());
        let part = catalogue.part(&series.part);
        let label = part.map_or_else(|| series.part.clone(), |p| format!("{} {}", p.id, p.short_in(lang)));
        sheet.write_string_with_format(row, 0, &series.unit, &table.cell)?;
        sheet.write_string_with_format(row, 1, &name, &table.cell)?;
        sheet.write_string_with_format(row, 2, &label, &table.cell)?;
        let cells = [(name.as_str(), 26.0), (label.as_str(), 44.0)];
        sheet.set_row_height(row, SIZE.row_height(&cells))?;
        for (j, (_, value)) in series.values.iter().enumerate() {
            match value {
                Some(v) => sheet.write_number_with_format(row, 3 + j as ColNum, *v, number)?,
                None => sheet.write_string_with_format(row, 3 + j as ColNum, "—", &table.cell)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 3)?;
    print_landscape(sheet, Some(0), 1)?;
    Ok(())
}

/// «Biểu đồ»: a line chart per part, its values from the trend table and its dashed target line from
/// «Mục tiêu theo năm» (`levels`), three charts a row.
fn write_charts(
    workbook: &mut Workbook,
    trend: &TrendTable,
    levels: &str,
    progress: &Trend,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
    let TrendTable { name, header_row, first_row, first_year_col } = *trend;
    let years = progress.years.len();
    let charts = workbook.add_worksheet();
    charts.set_name(lang.pick("Biểu đồ", "Charts"))?;
    let last_year_col = first_year_col + years as ColNum - 1;
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
            .set_values((levels, row, LEVELS_FIRST_YEAR, row, LEVELS_FIRST_YEAR + years as ColNum - 1))
            .set_format(rust_xlsxwriter::ChartFormat::new().set_line(
                ChartLine::new().set_color(Color::RGB(0xC00000)).set_dash_type(ChartLineDashType::Dash),
            ))
            // A milestone of one year is a single point: marked so that it shows.
            .set_marker(
                rust_xlsxwriter::ChartMarker::new()
                    .set_type(rust_xlsxwriter::ChartMarkerType::Diamond)
                    .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                        rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(0xC00000)),
                    )),
            );
        let short = part.short_in(lang);
        let better = if lower_is_better(part) {
            lang.pick("càng thấp càng tốt", "lower is better")
        } else {
            lang.pick("càng cao càng tốt", "higher is better")
        };
        chart.title().set_name(&format!("{} {short} ({}; {better})", part.id, part.unit.suffix(lang).trim()));
        chart.legend().set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
        // The axis from the values and the levels drawn, with a sensible least span.
        let mut shown: Vec<f64> =
            progress.parts.get(i).map(|p| p.values.iter().map(|(_, v)| *v).collect()).unwrap_or_default();
        shown.extend(progress.years.iter().filter_map(|y| applying(part, *y)).map(|l| l.value.to_f64()));
        if let Some((min, max, step)) = axis_range(&shown, part.unit) {
            // Labels on whole steps, the top one included.
            chart.y_axis().set_min(min).set_max(max).set_major_unit(step);
        }
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
    print_landscape(charts, None, 1)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 22: 16.1 (99,91–100 %) auto-scaled to 99,86–100,02, so that 0,05 points looked like a collapse.
    #[test]
    fn the_value_axis_spans_at_least_a_tenth_of_the_scale() {
        let (min, max, step) = axis_range(&[99.91, 99.91, 100.0, 99.95, 100.0], Measure::Percent).unwrap();
        assert!(max <= 100.0 && max - min >= 10.0, "{min}–{max}");
        assert_eq!(((max - min) / step).fract(), 0.0, "labels on whole steps");
        let (min, max, _) = axis_range(&[0.0, 1.0, 0.0], Measure::Cases).unwrap();
        assert!(min == 0.0 && max >= 5.0, "{min}–{max}");
        let (min, max, _) = axis_range(&[44.12, 65.63, 70.0], Measure::Percent).unwrap();
        assert!(min <= 44.12 && (70.0..=100.0).contains(&max), "{min}–{max}");
        assert_eq!(axis_range(&[], Measure::Percent), None);
    }
}
