//! «Tiến độ nộp»: who reported, on time or late, and who is missing.

use super::{Input, table_sheet};
use crate::aggregate::Submitted;
use crate::report::SIZE;
use crate::sheet_style::print_landscape;
use rust_xlsxwriter::{RowNum, Workbook, XlsxError};

/// "Nộp báo cáo": who reported, on time or late, and who is missing.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<(), XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    let columns = [
        (lang.pick("Đơn vị", "Unit"), 30.0),
        (lang.pick("Cơ quan", "Office"), 22.0),
        (lang.pick("Tình trạng", "Status"), 18.0),
        (lang.pick("Ngày báo cáo", "Report date"), 13.0),
        (lang.pick("Tệp", "Files"), 70.0),
    ];
    let sheet = table_sheet(workbook, styles, lang.pick("Tiến độ nộp", "Register"), &columns)?;
    for (i, line) in aggregation.register.iter().enumerate() {
        let row = 1 + i as RowNum;
        let office = catalogue.office_short_in(&line.office, aggregation.year);
        let status_format = match line.status {
            Submitted::OnTime => &styles.met,
            Submitted::Late => &styles.no_data,
            _ => &styles.not_met,
        };
        let status = line.status.label(lang);
        let files: Vec<&str> = line.sources.iter().map(|s| aggregation.sources[*s].file.as_str()).collect();
        let who = line.who(catalogue, aggregation.year);
        sheet.write_string_with_format(row, 0, &who, &styles.table.cell)?;
        sheet.write_string_with_format(row, 1, office, &styles.table.cell)?;
        sheet.write_string_with_format(row, 2, status, status_format)?;
        sheet.write_string_with_format(
            row,
            3,
            line.date.map(|d| d.vietnamese()).unwrap_or_default(),
            &styles.table.cell_center,
        )?;
        let files = files.join("\n");
        sheet.write_string_with_format(row, 4, &files, &styles.table.cell)?;
        // Tall enough for the longest wrapped text ("Trung tâm Y tế huyện Hương Khê — toàn huyện…" and
        // several files): LibreOffice does not grow rows by itself, and the rows overlapped.
        let height = SIZE.row_height(&[(&who, columns[0].1), (office, columns[1].1), (&files, columns[4].1)]);
        if height > SIZE.height(1) {
            sheet.set_row_height(row, height)?;
        }
    }
    print_landscape(sheet, Some(0), 1)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
