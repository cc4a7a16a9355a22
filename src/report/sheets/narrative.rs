//! «Kinh phí, kiến nghị»: spending summed by source and office with their totals, and the text of every
//! workbook by unit and office — what the narrative report is written from.

use super::{Input, Memory, new_sheet};
use crate::aggregate::Merged;
use crate::catalogue::ReportItemType;
use crate::decimal::Decimal;
use crate::report::SIZE;
use crate::sheet_style::print_landscape;
use crate::submission::{Data, ReporterId};
use rust_xlsxwriter::{ColNum, RowNum, Workbook, XlsxError};
use std::collections::BTreeMap;

/// Exact sums of amounts (millions of đồng with decimals), by office and item; `f64` only to write them.
#[derive(Default)]
struct Sums(BTreeMap<(String, String), i128>);

impl Sums {
    /// The scale amounts are summed at: every amount has at most this many decimals.
    const SCALE: u32 = crate::decimal::MAX_SCALE;

    fn add(&mut self, office: &str, item: &str, amount: &Decimal) {
        let scaled = amount.mantissa as i128 * 10i128.pow(Self::SCALE - amount.scale.min(Self::SCALE));
        *self.0.entry((office.to_string(), item.to_string())).or_default() += scaled;
    }

    fn value(total: i128) -> f64 {
        // Exact decimal text, parsed once: the nearest f64 of the exact sum.
        let sign = if total < 0 { "-" } else { "" };
        let unit = 10i128.pow(Self::SCALE);
        let (whole, frac) = (total.abs() / unit, total.abs() % unit);
        format!("{sign}{whole}.{frac:0width$}", width = Self::SCALE as usize).parse().unwrap_or(f64::NAN)
    }

    fn of(&self, office: Option<&str>, item: Option<&str>) -> f64 {
        let total = self
            .0
            .iter()
            .filter(|((o, i), _)| office.is_none_or(|x| x == o) && item.is_none_or(|x| x == i))
            .map(|(_, v)| *v)
            .sum();
        Self::value(total)
    }
}

/// "Kinh phí, kiến nghị": spending summed by source and office with their totals, and the text of every
/// workbook by unit and office — what the narrative report is written from.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<(), XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    const AMOUNT_WIDTH: f64 = 16.0;
    const TEXT_WIDTH: f64 = 45.0;
    let sheet = new_sheet(workbook, lang.pick("Kinh phí, kiến nghị", "Spending, text"), Memory::RowByRow)?;
    let amounts: Vec<_> =
        catalogue.report_items.iter().filter(|r| r.kind == ReportItemType::Amount).collect();
    let texts: Vec<_> = catalogue.report_items.iter().filter(|r| r.kind == ReportItemType::Text).collect();
    // Unit | Office | each source | total | each text.
    let total_col = 2 + amounts.len() as ColNum;
    let first_text = total_col + 1;
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 22)?;
    sheet.set_column_range_width(2, total_col, AMOUNT_WIDTH)?;
    if !texts.is_empty() {
        sheet.set_column_range_width(first_text, first_text + texts.len() as ColNum - 1, TEXT_WIDTH)?;
    }
    let total_label = lang.pick("Cộng", "Total");
    // Values by (reporter, office, item).
    let mut entries: BTreeMap<(ReporterId, String), Vec<(String, Data)>> = Default::default();
    let mut sums = Sums::default();
    for ((reporter, key), merged) in &aggregation.values {
        let (Some((code, office)), Merged::Value { data, .. }) = (key.split_once('@'), merged) else {
            continue;
        };
        if let Data::Amount(d) = data {
            sums.add(office, code, d);
        }
        entries
            .entry((reporter.clone(), office.to_string()))
            .or_default()
            .push((code.to_string(), data.clone()));
    }
    let office_name = |office: &str| {
        catalogue.office(office).map_or_else(
            || lang.pick("Báo cáo chung", "Combined").to_string(),
            |o| o.short_in(aggregation.year).to_string(),
        )
    };
    let header_height = |labels: &[&str]| {
        let lines = labels.iter().map(|l| SIZE.lines(l, AMOUNT_WIDTH)).max().unwrap_or(1);
        SIZE.height(lines)
    };
    let amount_labels: Vec<&str> = amounts.iter().map(|i| i.label.as_str()).collect();
    // Spending by office (rows) and source (columns), with the total of each.
    let title = SIZE.plain().set_bold();
    sheet.write_string_with_format(
        0,
        0,
        lang.pick(
            "Kinh phí theo nguồn và cơ quan (triệu đồng)",
            "Spending by source and office (million đồng)",
        ),
        &title,
    )?;
    sheet.merge_range(1, 0, 1, 1, lang.pick("Cơ quan", "Office"), &styles.table.header)?;
    for (j, label) in amount_labels.iter().enumerate() {
        sheet.write_string_with_format(1, 2 + j as ColNum, *label, &styles.table.header)?;
    }
    sheet.write_string_with_format(1, total_col, total_label, &styles.table.header)?;
    sheet.set_row_height(1, header_height(&amount_labels))?;
    // Offices in the catalogue's order, as the Word draft lists them; others (the combined workbook) after.
    let rank =
        |o: &str| (catalogue.offices.iter().position(|x| x.id == o).unwrap_or(usize::MAX), o.to_string());
    let mut offices: Vec<String> = entries.keys().map(|(_, o)| o.clone()).collect();
    offices.sort_by_key(|o| rank(o));
    offices.dedup();
    let mut row: RowNum = 2;
    for office in &offices {
        sheet.merge_range(row, 0, row, 1, &office_name(office), &styles.table.cell)?;
        for (j, item) in amounts.iter().enumerate() {
            let total = sums.of(Some(office), Some(&item.code));
            sheet.write_number_with_format(row, 2 + j as ColNum, total, &styles.decimal)?;
        }
        sheet.write_number_with_format(row, total_col, sums.of(Some(office), None), &styles.decimal)?;
        row += 1;
    }
    let bold = styles.decimal.clone().set_bold();
    sheet.merge_range(row, 0, row, 1, total_label, &styles.table.group)?;
    for (j, item) in amounts.iter().enumerate() {
        sheet.write_number_with_format(row, 2 + j as ColNum, sums.of(None, Some(&item.code)), &bold)?;
    }
    sheet.write_number_with_format(row, total_col, sums.of(None, None), &bold)?;
    row += 2;
    // Everything, by unit and office.
    sheet.write_string_with_format(
        row,
        0,
        lang.pick("Theo đơn vị và cơ quan", "By unit and office"),
        &title,
    )?;
    row += 1;
    let header_row = row;
    sheet.write_string_with_format(row, 0, lang.pick("Đơn vị", "Unit"), &styles.table.header)?;
    sheet.write_string_with_format(row, 1, lang.pick("Cơ quan", "Office"), &styles.table.header)?;
    for (j, label) in amount_labels.iter().enumerate() {
        sheet.write_string_with_format(row, 2 + j as ColNum, *label, &styles.table.header)?;
    }
    sheet.write_string_with_format(row, total_col, total_label, &styles.table.header)?;
    for (j, item) in texts.iter().enumerate() {
        sheet.write_string_with_format(row, first_text + j as ColNum, &item.label, &styles.table.header)?;
    }
    sheet.set_row_height(row, header_height(&amount_labels))?;
    row += 1;
    // Each unit's workbooks in the offices' order too.
    let mut by_unit: Vec<_> = entries.iter().collect();
    by_unit.sort_by(|((r1, o1), _), ((r2, o2), _)| r1.cmp(r2).then_with(|| rank(o1).cmp(&rank(o2))));
    for ((reporter, office), items) in by_unit {
        sheet.write_string_with_format(row, 0, reporter.name(catalogue), &styles.table.cell)?;
        sheet.write_string_with_format(row, 1, office_name(office), &styles.table.cell)?;
        let mut lines = SIZE.lines(&reporter.name(catalogue), 30.0);
        let find = |code: &str| items.iter().find(|(c, _)| c == code).map(|(_, d)| d);
        let mut row_sum = Sums::default();
        for (j, item) in amounts.iter().enumerate() {
            let col = 2 + j as ColNum;
            match find(&item.code) {
                Some(Data::Amount(d)) => {
                    row_sum.add(office, &item.code, d);
                    sheet.write_number_with_format(row, col, d.to_f64(), &styles.decimal)?
                }
                _ => sheet.write_blank(row, col, &styles.table.cell)?,
            };
        }
        if row_sum.0.is_empty() {
            sheet.write_blank(row, total_col, &styles.table.cell)?;
        } else {
            sheet.write_number_with_format(row, total_col, row_sum.of(None, None), &styles.decimal)?;
        }
        for (j, item) in texts.iter().enumerate() {
            let col = first_text + j as ColNum;
            match find(&item.code) {
                // Text from a workbook is written as text, whatever it starts with.
                Some(Data::Text(t)) => {
                    lines = lines.max(SIZE.lines(t, TEXT_WIDTH));
                    sheet.write_string_with_format(row, col, t, &styles.table.cell)?
                }
                _ => sheet.write_blank(row, col, &styles.table.cell)?,
            };
        }
        SIZE.fit(sheet, row, lines)?;
        row += 1;
    }
    print_landscape(sheet, Some(header_row), 1)?;
    Ok(())
}
