//! «Kiểm tra»: every finding of every file, and the counts of the checks below them. A person reads it: the
//! level and the problem in words, never the rule's code (that is in the JSON). A check on values from
//! several files names each file and each cell, one a line.

use super::{Input, table_sheet};
use crate::aggregate::Aggregation;
use crate::catalogue::Severity;
use crate::lang::Lang;
use crate::report::{SIZE, Styles};
use crate::rules::Finding;
use crate::sheet_style::print_landscape;
use rust_xlsxwriter::{RowNum, Workbook, Worksheet, XlsxError};

/// "Kiểm tra": every finding of every file.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<(), XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    let columns = [
        (lang.pick("Tệp", "File"), 40.0),
        (lang.pick("Mức", "Level"), 10.0),
        (lang.pick("Ô", "Cell"), 18.0),
        (lang.pick("Đơn vị", "Unit"), 22.0),
        (lang.pick("Nội dung", "Message"), 83.0),
        (lang.pick("Giải thích của đơn vị", "The unit's explanation"), 40.0),
    ];
    let sheet = table_sheet(workbook, styles, lang.pick("Kiểm tra", "Checks"), &columns)?;
    let mut findings: Vec<_> = aggregation.findings.iter().collect();
    findings.sort_by(|a, b| (&a.file, a.severity, &a.cell).cmp(&(&b.file, b.severity, &b.cell)));
    for (i, finding) in findings.iter().enumerate() {
        let row = 1 + i as RowNum;
        let (level, format) = match (finding.severity, &finding.explained) {
            (Severity::Error, _) => (lang.pick("Lỗi", "Error"), &styles.not_met),
            (Severity::Warning, None) => (lang.pick("Cảnh báo", "Warning"), &styles.no_data),
            (Severity::Warning, Some(_)) => {
                (lang.pick("Cảnh báo (đã giải thích)", "Warning (explained)"), &styles.neutral)
            }
        };
        let (file, cell) = file_and_cell(finding);
        sheet.write_string_with_format(row, 0, &file, &styles.table.cell)?;
        sheet.write_string_with_format(row, 1, level, format)?;
        sheet.write_string_with_format(row, 2, &cell, &styles.table.cell)?;
        // The unit by its name, its code beside it ("Xã Hương Long (18526)"); a code the catalogue does not
        // know of that year as it was read.
        let unit = finding.unit.as_deref().map(|code| match catalogue.unit(code, aggregation.year) {
            Some(unit) => format!("{} ({code})", unit.full_name()),
            None => code.to_string(),
        });
        let unit = unit.unwrap_or_default();
        sheet.write_string_with_format(row, 3, &unit, &styles.table.cell)?;
        sheet.write_string_with_format(row, 4, finding.text(lang), &styles.table.cell)?;
        let explained = finding.explained.as_deref().unwrap_or("");
        sheet.write_string_with_format(row, 5, explained, &styles.table.cell)?;
        let lines = SIZE
            .lines(&file, columns[0].1)
            .max(SIZE.lines(&cell, columns[2].1))
            .max(SIZE.lines(finding.text(lang), columns[4].1))
            .max(SIZE.lines(explained, columns[5].1))
            .max(SIZE.lines(&unit, columns[3].1));
        SIZE.fit(sheet, row, lines)?;
    }
    write_counts(sheet, styles, 2 + findings.len() as RowNum, aggregation, lang)?;
    print_landscape(sheet, Some(0), 1)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The file and cell columns of a finding: its own, or for values from several files, each value's file
/// (each once) and cell, one a line.
fn file_and_cell(finding: &Finding) -> (String, String) {
    if finding.places.is_empty() {
        return (finding.file.clone(), finding.cell.clone().unwrap_or_default());
    }
    let mut files: Vec<&str> = Vec::new();
    for place in &finding.places {
        if !files.contains(&place.file.as_str()) {
            files.push(&place.file);
        }
    }
    let cells: Vec<&str> = finding.places.iter().map(|p| p.cell.as_str()).collect();
    (files.join("\n"), cells.join("\n"))
}

/// The counts of the checks under the findings (the summary sheet says them in plain words).
fn write_counts(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    aggregation: &Aggregation,
    lang: Lang,
) -> Result<(), XlsxError> {
    let errors = aggregation.findings.iter().filter(|f| f.severity == Severity::Error).count();
    let expected = aggregation.register.len();
    let counts = [
        (lang.pick("Biểu phải có", "Workbooks expected"), expected),
        (
            lang.pick("Biểu đã nhận và dùng được", "Workbooks received and used"),
            expected - aggregation.missing(),
        ),
        (lang.pick("Tệp không dùng", "Files not used"), aggregation.excluded()),
        (lang.pick("Số liệu xung đột", "Conflicting values"), aggregation.conflicts()),
        (lang.pick("Lỗi", "Errors"), errors),
        (lang.pick("Cảnh báo", "Warnings"), aggregation.findings.len() - errors),
    ];
    for (i, (label, count)) in counts.iter().enumerate() {
        let row = row + i as RowNum;
        sheet.write_string_with_format(row, 0, *label, &styles.table.group)?;
        sheet.write_number_with_format(row, 1, *count as f64, &styles.number)?;
    }
    Ok(())
}
