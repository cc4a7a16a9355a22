//! «Theo đơn vị»: each unit's value of each part, coloured against the level, with the unit's notes and the
//! legend of the colours and marks below.

use super::{Input, table_sheet};
use crate::aggregate::Aggregation;
use crate::catalogue::Part;
use crate::lang::Lang;
use crate::report::{SIZE, Styles, status_text, value_format};
use crate::sheet_style::print_landscape;
use crate::submission::ReporterId;
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, Worksheet, XlsxError};

/// Width of a part's column: wide enough for "Không phát sinh" on one line.
const PART_WIDTH: f64 = 14.0;
/// Width of the notes' column.
const NOTES_WIDTH: f64 = 45.0;

/// Writes the sheet.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<(), XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    let parts: Vec<(usize, &Part)> =
        catalogue.parts().enumerate().filter(|(i, _)| !aggregation.parts[*i].units.is_empty()).collect();
    let mut columns =
        vec![(lang.pick("Mã ĐVHC", "Code").to_string(), 10.0), (lang.pick("Đơn vị", "Unit").into(), 24.0)];
    columns.extend(parts.iter().map(|(_, part)| {
        let short = part.short_in(lang);
        (format!("{} {short} ({})", part.id, part.unit.suffix(lang).trim()), PART_WIDTH)
    }));
    columns.push((lang.pick("Ghi chú của đơn vị", "The unit's notes").into(), NOTES_WIDTH));
    let sheet = table_sheet(workbook, styles, lang.pick("Theo đơn vị", "By unit"), &columns)?;
    let notes_col = 2 + parts.len() as ColNum;
    let header_lines =
        columns[2..columns.len() - 1].iter().map(|(text, _)| SIZE.lines(text, PART_WIDTH)).max();
    SIZE.fit(sheet, 0, header_lines.unwrap_or(1))?;
    let units: Vec<_> = catalogue.units_in(aggregation.year).collect();
    for (i, unit) in units.iter().enumerate() {
        let row = 1 + i as RowNum;
        sheet.write_string_with_format(row, 0, &unit.code, &styles.table.cell_center)?;
        sheet.write_string_with_format(row, 1, unit.full_name(), &styles.table.cell)?;
        for (j, (index, part)) in parts.iter().enumerate() {
            let col = 2 + j as ColNum;
            // Unit figures are in the order of the units of the year.
            let Some((_, figure)) =
                aggregation.parts[*index].units.get(i).filter(|(code, _)| **code == *unit.code)
            else {
                continue;
            };
            let status = figure.judgement.status;
            // Numbers stay numbers; a small denominator is shown by the grey fill and the mark "*" of the
            // number format, explained in the legend below the table.
            match figure.value_f64(part.factor) {
                Some(v) if figure.small => sheet.write_number_with_format(
                    row,
                    col,
                    v,
                    &styles.neutral.clone().set_num_format(value_format(part.unit, true)),
                )?,
                Some(v) => sheet.write_number_with_format(
                    row,
                    col,
                    v,
                    &styles.status(status).clone().set_num_format(value_format(part.unit, false)),
                )?,
                None => sheet.write_string_with_format(
                    row,
                    col,
                    status_text(status, lang),
                    styles.status(status),
                )?,
            };
        }
        let notes = unit_notes(aggregation, &ReporterId::of(&unit.key()), &parts);
        sheet.write_string_with_format(row, notes_col, &notes, &styles.table.cell)?;
        SIZE.fit(sheet, row, SIZE.lines(&notes, NOTES_WIDTH).max(SIZE.lines(&unit.full_name(), 24.0)))?;
    }
    let legend_row = 2 + units.len() as RowNum;
    write_legend(sheet, styles, legend_row, lang)?;
    print_landscape(sheet, Some(0), (parts.len() as u16).div_ceil(14))?;
    // Code and name of the unit on every page of a sheet printed over several pages.
    sheet.set_repeat_columns(0, 1)?;
    sheet.set_freeze_panes(1, 2)?;
    Ok(())
}

/// The legend of the colours and marks of «Theo đơn vị», right of the unit columns: those print on every
/// page, and the colour boxes repeated there without their words meant nothing. Number samples are
/// numbers with a number format, like the values.
fn write_legend(sheet: &mut Worksheet, styles: &Styles, row: RowNum, lang: Lang) -> Result<(), XlsxError> {
    let entries: [(&Format, &str, &str, &str); 5] = [
        (
            &styles.met,
            "12.34",
            "Đạt mức (năm báo cáo hoặc mốc kế tiếp)",
            "Meets the level (of the year or the next milestone)",
        ),
        (&styles.not_met, "12.34", "Chưa đạt mức", "Short of the level"),
        (
            &styles.neutral,
            "12.34*",
            "Số nhỏ: mẫu số dưới ngưỡng của chỉ tiêu, tỷ lệ dễ dao động nên không đánh giá",
            "Small numbers: denominator under the part's threshold, too unstable to judge",
        ),
        (
            &styles.neutral,
            "Không phát sinh",
            "Mẫu số bằng 0 (ví dụ không có trẻ sinh ra): không có tỷ lệ, không phải 0% hay 100%",
            "Denominator of 0: no rate, neither 0% nor 100%",
        ),
        (&styles.no_data, "Thiếu số liệu", "Đơn vị chưa báo cáo số liệu này", "Not reported by the unit"),
    ];
    sheet.write_string_with_format(row, 2, lang.pick("Chú giải", "Legend"), &styles.table.group)?;
    for (i, (format, sample, vi, en)) in entries.iter().enumerate() {
        let row = row + 1 + i as RowNum;
        // The number samples are numbers in the values' formats, shown with the reader's own separator.
        match (*sample, lang) {
            ("12.34", _) => {
                sheet.write_number_with_format(row, 2, 12.34, &(*format).clone().set_num_format("0.00"))?
            }
            ("12.34*", _) => {
                let format = (*format).clone().set_num_format("0.00\"*\"");
                sheet.write_number_with_format(row, 2, 12.34, &format)?
            }
            ("Không phát sinh", Lang::En) => {
                sheet.write_string_with_format(row, 2, "Did not occur", format)?
            }
            ("Thiếu số liệu", Lang::En) => sheet.write_string_with_format(row, 2, "No data", format)?,
            (s, _) => sheet.write_string_with_format(row, 2, s, format)?,
        };
        sheet.write_string_with_format(row, 3, lang.pick(vi, en), &SIZE.plain())?;
    }
    Ok(())
}

/// A unit's notes on the values behind the parts shown, each once with the parts it explains:
/// "5.1, 5.2: Năm nay tiêm bù cho trẻ chuyển đến".
fn unit_notes(aggregation: &Aggregation, reporter: &ReporterId, parts: &[(usize, &Part)]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for (note, _) in aggregation.notes.iter().filter(|(n, _)| n.reporter == *reporter) {
        let ids: Vec<&str> = parts
            .iter()
            .filter(|(_, p)| p.numerator.iter().chain(&p.denominator).any(|c| *c == note.code))
            .map(|(_, p)| p.id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let line = format!("{}: {}", ids.join(", "), note.text);
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines.join("\n")
}
