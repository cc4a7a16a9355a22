//! «Nguồn»: every input file, its hash, what it is and how it was used.

use super::{Input, table_sheet};
use crate::aggregate::Use;
use crate::report::SIZE;
use crate::sheet_style::print_landscape;
use rust_xlsxwriter::{RowNum, Workbook, XlsxError};

/// "Nguồn": every input file, its hash, what it is and how it was used.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<(), XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    let columns = [
        (lang.pick("Tệp", "File"), 44.0),
        ("SHA-256", 48.0),
        (lang.pick("Cơ quan", "Office"), 18.0),
        (lang.pick("Đơn vị", "Unit"), 24.0),
        (lang.pick("Năm", "Year"), 7.0),
        (lang.pick("Ngày báo cáo", "Report date"), 12.0),
        (lang.pick("Lỗi", "Errors"), 7.0),
        (lang.pick("Cảnh báo", "Warnings"), 9.0),
        (lang.pick("Sử dụng", "Use"), 40.0),
    ];
    let sheet = table_sheet(workbook, styles, lang.pick("Nguồn", "Sources"), &columns)?;
    for (i, source) in aggregation.sources.iter().enumerate() {
        let row = 1 + i as RowNum;
        let office = source
            .office
            .as_deref()
            .and_then(|o| catalogue.office(o))
            .map(|o| o.short_in(source.year.unwrap_or(aggregation.year)).to_string());
        let unit = match (&source.reporter, source.layout.as_deref()) {
            (Some(r), _) => r.name(catalogue),
            (None, Some("units")) => lang.pick("Mọi đơn vị", "Every unit").to_string(),
            _ => String::new(),
        };
        let mut usage = source.usage.label(&aggregation.sources, lang);
        if source.replaced_values > 0 {
            usage.push_str(&format!(
                "; {} {}",
                source.replaced_values,
                lang.pick("số liệu đã được bản nộp sau thay thế", "values replaced by a later copy")
            ));
        }
        sheet.write_string_with_format(row, 0, &source.file, &styles.table.cell)?;
        sheet.write_string_with_format(row, 1, &source.sha256, &styles.hash)?;
        sheet.write_string_with_format(row, 2, office.unwrap_or_default(), &styles.table.cell)?;
        sheet.write_string_with_format(row, 3, &unit, &styles.table.cell)?;
        sheet.write_string_with_format(
            row,
            4,
            source.year.map(|y| y.to_string()).unwrap_or_default(),
            &styles.table.cell_center,
        )?;
        sheet.write_string_with_format(
            row,
            5,
            source.date.map(|d| d.vietnamese()).unwrap_or_default(),
            &styles.table.cell_center,
        )?;
        sheet.write_number_with_format(row, 6, source.errors as f64, &styles.number)?;
        sheet.write_number_with_format(row, 7, source.warnings as f64, &styles.number)?;
        let format = if source.usage == Use::Used { &styles.table.cell } else { &styles.not_met };
        sheet.write_string_with_format(row, 8, &usage, format)?;
        let lines = SIZE
            .lines(&source.file, columns[0].1)
            .max(SIZE.lines(&unit, columns[3].1))
            .max(SIZE.lines(&usage, columns[8].1));
        SIZE.fit(sheet, row, lines)?;
    }
    print_landscape(sheet, Some(0), 1)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
