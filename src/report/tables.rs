//! The detail sheets: units × parts, units × data with SUM formulas, the register, the findings, the
//! sources. Text from workbooks is always written as text, never as a formula.

use super::{Styles, fit_lines, lines_in, print_setup, print_setup_wide, status_text, table_sheet};
use crate::aggregate::{Aggregation, Merged, ReporterValues};
use crate::catalogue::{Catalogue, ElementType, Part, Severity};
use crate::lang::Lang;
use crate::submission::{Data, ReporterId};
use rust_xlsxwriter::{ColNum, Formula, RowNum, Workbook, XlsxError, utility::row_col_to_cell};

/// "Theo đơn vị": each unit's value of each part, coloured against the level.
pub fn write_units(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(lang.pick("Theo đơn vị", "By unit"))?;
    let parts: Vec<(usize, &Part)> =
        catalogue.parts().enumerate().filter(|(i, _)| !aggregation.parts[*i].units.is_empty()).collect();
    sheet.set_column_width(0, 10)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_column_range_width(2, 1 + parts.len() as ColNum, 12)?;
    let notes_col = 2 + parts.len() as ColNum;
    sheet.set_column_width(notes_col, 45)?;
    sheet.write_string_with_format(0, 0, lang.pick("Mã ĐVHC", "Code"), &styles.header)?;
    sheet.write_string_with_format(0, 1, lang.pick("Đơn vị", "Unit"), &styles.header)?;
    for (j, (_, part)) in parts.iter().enumerate() {
        let short = part.short_in(lang);
        let text = format!("{} {short} ({})", part.id, part.unit.suffix(lang).trim());
        sheet.write_string_with_format(0, 2 + j as ColNum, &text, &styles.header)?;
    }
    let notes_header = lang.pick("Ghi chú của đơn vị", "The unit's notes");
    sheet.write_string_with_format(0, notes_col, notes_header, &styles.header)?;
    sheet.set_row_height(0, 90)?;
    for (i, unit) in catalogue.units_in(aggregation.year).enumerate() {
        let row = 1 + i as RowNum;
        sheet.write_string_with_format(row, 0, &unit.code, &styles.center)?;
        sheet.write_string_with_format(row, 1, unit.full_name(), &styles.cell)?;
        for (j, (index, part)) in parts.iter().enumerate() {
            let col = 2 + j as ColNum;
            // Unit figures are in the order of the units of the year.
            let Some((_, figure)) =
                aggregation.parts[*index].units.get(i).filter(|(code, _)| **code == *unit.code)
            else {
                continue;
            };
            let status = figure.judgement.status;
            match figure.value_f64(part.factor) {
                Some(_) if figure.small => {
                    let value = figure.value_text(part.factor, 2).unwrap_or_default();
                    let text = format!("{value} ({})", lang.pick("số nhỏ", "small"));
                    sheet.write_string_with_format(row, col, &text, &styles.neutral)?
                }
                Some(v) => sheet.write_number_with_format(
                    row,
                    col,
                    v,
                    &styles.status(status).clone().set_num_format("0.00"),
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
        sheet.write_string_with_format(row, notes_col, &notes, &styles.cell)?;
        fit_lines(sheet, row, lines_in(&notes, 45.0))?;
    }
    print_setup_wide(sheet, 0, (parts.len() as u16).div_ceil(14))?;
    sheet.set_freeze_panes(1, 2)?;
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

fn data_text(data: &Data) -> String {
    match data {
        Data::Count(n) => n.to_string(),
        Data::YesNo(b) => if *b { "Có" } else { "Không" }.to_string(),
        Data::Amount(d) => d.to_vietnamese(),
        Data::Text(t) => t.clone(),
    }
}

/// "Số liệu": units × data elements, with the district totals as SUM formulas over the unit rows.
pub fn write_data(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(lang.pick("Số liệu", "Data"))?;
    let elements: Vec<_> = catalogue.elements.iter().collect();
    sheet.set_column_width(0, 10)?;
    sheet.set_column_width(1, 26)?;
    sheet.set_column_range_width(2, 1 + elements.len() as ColNum, 13)?;
    sheet.write_string_with_format(0, 0, lang.pick("Mã ĐVHC", "Code"), &styles.header)?;
    sheet.write_string_with_format(0, 1, lang.pick("Đơn vị", "Unit"), &styles.header)?;
    for (j, element) in elements.iter().enumerate() {
        let label = match lang {
            Lang::En => element.label_en.as_deref().unwrap_or(&element.label),
            Lang::Vi => &element.label,
        };
        sheet.write_string_with_format(0, 2 + j as ColNum, label, &styles.header)?;
    }
    sheet.set_row_height(0, 110)?;
    // Constant-memory sheets are written row by row: the codes row comes after the whole header row.
    for (j, element) in elements.iter().enumerate() {
        sheet.write_string_with_format(1, 2 + j as ColNum, &element.code, &styles.center)?;
    }
    let units: Vec<_> = catalogue.units_in(aggregation.year).collect();
    let first_row: RowNum = 2;
    // Each row's values are found once (a national run has thousands of rows).
    let mut rows: Vec<(String, String, ReporterValues)> = units
        .iter()
        .map(|u| (u.code.clone(), u.full_name(), aggregation.values.of(&ReporterId::of(&u.key()))))
        .collect();
    rows.push((
        catalogue.plan.area_code.clone(),
        format!("{} {}", lang.pick("Toàn", "Whole"), catalogue.plan.area),
        aggregation.values.of(&ReporterId::District),
    ));
    for (i, (code, name, values)) in rows.iter().enumerate() {
        let row = first_row + i as RowNum;
        sheet.write_string_with_format(row, 0, code, &styles.center)?;
        sheet.write_string_with_format(row, 1, name, &styles.cell)?;
        for (j, element) in elements.iter().enumerate() {
            let col = 2 + j as ColNum;
            match values.get(&element.code) {
                Some(Merged::Value { data: Data::Count(n), .. }) => {
                    sheet.write_number_with_format(row, col, *n as f64, &styles.number)?;
                }
                Some(Merged::Value { data, .. }) => {
                    sheet.write_string_with_format(row, col, data_text(data), &styles.center)?;
                }
                Some(Merged::Conflict { .. }) => {
                    sheet.write_string_with_format(
                        row,
                        col,
                        lang.pick("xung đột", "conflict"),
                        &styles.not_met,
                    )?;
                }
                None => {
                    sheet.write_blank(row, col, &styles.cell)?;
                }
            }
        }
    }
    // Totals: a SUM over the unit rows and the district row, with the value stored.
    let total_row = first_row + rows.len() as RowNum;
    sheet.write_string_with_format(
        total_row,
        1,
        lang.pick("Cộng toàn huyện", "District total"),
        &styles.group,
    )?;
    sheet.write_blank(total_row, 0, &styles.group)?;
    for (j, element) in elements.iter().enumerate() {
        let col = 2 + j as ColNum;
        if element.kind != ElementType::Count {
            let yes = rows
                .iter()
                .filter(|(_, _, r)| {
                    matches!(r.get(&element.code), Some(Merged::Value { data: Data::YesNo(true), .. }))
                })
                .count();
            let text = format!("{yes} {}", lang.pick("Có", "yes"));
            sheet.write_string_with_format(total_row, col, &text, &styles.group)?;
            continue;
        }
        let sum: u64 = rows
            .iter()
            .filter_map(|(_, _, r)| match r.get(&element.code) {
                Some(Merged::Value { data: Data::Count(n), .. }) => Some(*n),
                _ => None,
            })
            .sum();
        let range = format!("{}:{}", row_col_to_cell(first_row, col), row_col_to_cell(total_row - 1, col));
        let formula = Formula::new(format!("=SUM({range})")).set_result(sum.to_string());
        sheet.write_formula_with_format(total_row, col, formula, &styles.number.clone().set_bold())?;
    }
    print_setup_wide(sheet, 0, (elements.len() as u16).div_ceil(16))?;
    sheet.set_freeze_panes(2, 2)?;
    Ok(())
}

/// "Nộp báo cáo": who reported, on time or late, and who is missing.
pub fn write_register(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
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
        let office = catalogue.office(&line.office).map_or(line.office.as_str(), |o| o.short.as_str());
        let status_format = match line.status {
            crate::aggregate::Submitted::OnTime => &styles.met,
            crate::aggregate::Submitted::Late => &styles.no_data,
            _ => &styles.not_met,
        };
        let status = match lang {
            Lang::Vi => line.status.label_vi(),
            Lang::En => line.status.label_en(),
        };
        let files: Vec<&str> = line.sources.iter().map(|s| aggregation.sources[*s].file.as_str()).collect();
        sheet.write_string_with_format(row, 0, line.who(catalogue, aggregation.year), &styles.cell)?;
        sheet.write_string_with_format(row, 1, office, &styles.cell)?;
        sheet.write_string_with_format(row, 2, status, status_format)?;
        sheet.write_string_with_format(
            row,
            3,
            line.date.map(|d| d.vietnamese()).unwrap_or_default(),
            &styles.center,
        )?;
        sheet.write_string_with_format(row, 4, files.join("\n"), &styles.cell)?;
        if files.len() > 1 {
            sheet.set_row_height(row, 14.5 * files.len() as f64 + 2.0)?;
        }
    }
    print_setup(sheet, 0)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// "Kiểm tra": every finding of every file.
pub fn write_findings(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    lang: Lang,
) -> Result<(), XlsxError> {
    let columns = [
        (lang.pick("Tệp", "File"), 40.0),
        (lang.pick("Mức", "Level"), 10.0),
        (lang.pick("Mã lỗi", "Code"), 24.0),
        (lang.pick("Ô", "Cell"), 18.0),
        (lang.pick("Đơn vị", "Unit"), 9.0),
        (lang.pick("Nội dung", "Message"), 80.0),
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
        sheet.write_string_with_format(row, 0, &finding.file, &styles.cell)?;
        sheet.write_string_with_format(row, 1, level, format)?;
        sheet.write_string_with_format(row, 2, &finding.code, &styles.cell)?;
        sheet.write_string_with_format(row, 3, finding.cell.as_deref().unwrap_or(""), &styles.cell)?;
        sheet.write_string_with_format(row, 4, finding.unit.as_deref().unwrap_or(""), &styles.center)?;
        sheet.write_string_with_format(row, 5, finding.text(lang), &styles.cell)?;
        let explained = finding.explained.as_deref().unwrap_or("");
        sheet.write_string_with_format(row, 6, explained, &styles.cell)?;
        let lines = lines_in(&finding.file, columns[0].1)
            .max(lines_in(finding.text(lang), columns[5].1))
            .max(lines_in(explained, columns[6].1));
        fit_lines(sheet, row, lines)?;
    }
    write_counts(sheet, styles, 2 + findings.len() as RowNum, aggregation, lang)?;
    print_setup(sheet, 0)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The counts of the checks under the findings (the summary sheet says them in plain words).
fn write_counts(
    sheet: &mut rust_xlsxwriter::Worksheet,
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
        sheet.write_string_with_format(row, 0, *label, &styles.group)?;
        sheet.write_number_with_format(row, 1, *count as f64, &styles.number)?;
    }
    Ok(())
}

/// "Nguồn": every input file, its hash, what it is and how it was used.
pub fn write_sources(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
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
        let office = source.office.as_deref().and_then(|o| catalogue.office(o)).map(|o| o.short.clone());
        let unit = match (&source.reporter, source.layout.as_deref()) {
            (Some(r), _) => r.name(catalogue),
            (None, Some("units")) => lang.pick("Mọi đơn vị", "Every unit").to_string(),
            _ => String::new(),
        };
        let mut usage = match lang {
            Lang::Vi => source.usage.label_vi(&aggregation.sources),
            Lang::En => source.usage.label_en(&aggregation.sources),
        };
        if source.replaced_values > 0 {
            usage.push_str(&format!(
                "; {} {}",
                source.replaced_values,
                lang.pick("số liệu đã được bản nộp sau thay thế", "values replaced by a later copy")
            ));
        }
        sheet.write_string_with_format(row, 0, &source.file, &styles.cell)?;
        sheet.write_string_with_format(row, 1, &source.sha256, &styles.hash)?;
        sheet.write_string_with_format(row, 2, office.unwrap_or_default(), &styles.cell)?;
        sheet.write_string_with_format(row, 3, &unit, &styles.cell)?;
        sheet.write_string_with_format(
            row,
            4,
            source.year.map(|y| y.to_string()).unwrap_or_default(),
            &styles.center,
        )?;
        sheet.write_string_with_format(
            row,
            5,
            source.date.map(|d| d.vietnamese()).unwrap_or_default(),
            &styles.center,
        )?;
        sheet.write_number_with_format(row, 6, source.errors as f64, &styles.number)?;
        sheet.write_number_with_format(row, 7, source.warnings as f64, &styles.number)?;
        let format = if source.usage == crate::aggregate::Use::Used { &styles.cell } else { &styles.not_met };
        sheet.write_string_with_format(row, 8, &usage, format)?;
        let lines = lines_in(&source.file, columns[0].1)
            .max(lines_in(&unit, columns[3].1))
            .max(lines_in(&usage, columns[8].1));
        fit_lines(sheet, row, lines)?;
    }
    print_setup(sheet, 0)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// "Kinh phí, kiến nghị": spending summed by source and office, and the text of every workbook by unit and
/// office — what the narrative report is written from.
pub fn write_narrative(
    workbook: &mut Workbook,
    styles: &Styles,
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(), XlsxError> {
    use crate::catalogue::ReportItemType;
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(lang.pick("Kinh phí, kiến nghị", "Spending, text"))?;
    let amounts: Vec<_> =
        catalogue.report_items.iter().filter(|r| r.kind == ReportItemType::Amount).collect();
    let texts: Vec<_> = catalogue.report_items.iter().filter(|r| r.kind == ReportItemType::Text).collect();
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 22)?;
    sheet.set_column_range_width(2, 1 + amounts.len() as ColNum, 16)?;
    let first_text = 2 + amounts.len() as ColNum;
    sheet.set_column_range_width(first_text, first_text + texts.len() as ColNum, 45)?;
    // Values by (reporter, office, item).
    let mut entries: std::collections::BTreeMap<(ReporterId, String), Vec<(String, Data)>> =
        Default::default();
    for ((reporter, key), merged) in &aggregation.values {
        let (Some((code, office)), Merged::Value { data, .. }) = (key.split_once('@'), merged) else {
            continue;
        };
        entries
            .entry((reporter.clone(), office.to_string()))
            .or_default()
            .push((code.to_string(), data.clone()));
    }
    // Spending by office and source.
    sheet.write_string_with_format(
        0,
        0,
        lang.pick("Kinh phí theo cơ quan (triệu đồng)", "Spending by office (million đồng)"),
        &styles.group,
    )?;
    sheet.write_string_with_format(1, 0, lang.pick("Cơ quan", "Office"), &styles.header)?;
    sheet.write_blank(1, 1, &styles.header)?;
    for (j, item) in amounts.iter().enumerate() {
        sheet.write_string_with_format(1, 2 + j as ColNum, &item.label, &styles.header)?;
    }
    sheet.set_row_height(1, 45)?;
    let mut offices: Vec<String> = entries.keys().map(|(_, o)| o.clone()).collect();
    offices.sort();
    offices.dedup();
    let amount_of = |data: &Data| match data {
        Data::Amount(d) => d.to_f64(),
        _ => 0.0,
    };
    let mut row: RowNum = 2;
    for office in &offices {
        let name = catalogue
            .office(office)
            .map_or_else(|| lang.pick("Báo cáo chung", "Combined").to_string(), |o| o.short.clone());
        sheet.write_string_with_format(row, 0, &name, &styles.cell)?;
        sheet.write_blank(row, 1, &styles.cell)?;
        for (j, item) in amounts.iter().enumerate() {
            let total: f64 = entries
                .iter()
                .filter(|((_, o), _)| o == office)
                .flat_map(|(_, items)| {
                    items.iter().filter(|(c, _)| c == &item.code).map(|(_, d)| amount_of(d))
                })
                .sum();
            sheet.write_number_with_format(row, 2 + j as ColNum, total, &styles.decimal)?;
        }
        row += 1;
    }
    row += 1;
    // Everything, by unit and office.
    sheet.write_string_with_format(
        row,
        0,
        lang.pick("Theo đơn vị và cơ quan", "By unit and office"),
        &styles.group,
    )?;
    row += 1;
    let header_row = row;
    sheet.write_string_with_format(row, 0, lang.pick("Đơn vị", "Unit"), &styles.header)?;
    sheet.write_string_with_format(row, 1, lang.pick("Cơ quan", "Office"), &styles.header)?;
    for (j, item) in amounts.iter().chain(&texts).enumerate() {
        sheet.write_string_with_format(row, 2 + j as ColNum, &item.label, &styles.header)?;
    }
    sheet.set_row_height(row, 45)?;
    row += 1;
    for ((reporter, office), items) in &entries {
        let name = catalogue
            .office(office)
            .map_or_else(|| lang.pick("Báo cáo chung", "Combined").to_string(), |o| o.short.clone());
        sheet.write_string_with_format(row, 0, reporter.name(catalogue), &styles.cell)?;
        sheet.write_string_with_format(row, 1, &name, &styles.cell)?;
        let mut lines: f64 = 1.0;
        for (j, item) in amounts.iter().chain(&texts).enumerate() {
            let col = 2 + j as ColNum;
            match items.iter().find(|(c, _)| c == &item.code).map(|(_, d)| d) {
                Some(Data::Amount(d)) => {
                    sheet.write_number_with_format(row, col, d.to_f64(), &styles.decimal)?
                }
                // Text from a workbook is written as text, whatever it starts with.
                Some(Data::Text(t)) => {
                    lines = lines.max(lines_in(t, 45.0));
                    sheet.write_string_with_format(row, col, t, &styles.cell)?
                }
                _ => sheet.write_blank(row, col, &styles.cell)?,
            };
        }
        fit_lines(sheet, row, lines)?;
        row += 1;
    }
    print_setup(sheet, header_row)?;
    Ok(())
}
