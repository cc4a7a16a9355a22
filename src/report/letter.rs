//! The consolidated report as an administrative document (Nghị định 30/2020/NĐ-CP) on the summary sheet:
//! the heading above the table (issuing body and motto with their rules, number, place and date, title,
//! "Kính gửi", the opening sentence) and the closing below it (a footnote in plain words, "Nơi nhận", the
//! signature block). The text comes from the catalogue ([`Catalogue::document`]); the Word draft uses the
//! same recipients ([`recipient_lines`]).

use super::pages::Rows;
use super::{SIZE, Styles};
use crate::aggregate::Aggregation;
use crate::catalogue::Catalogue;
use crate::lang::Lang;
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

/// Where the two blocks of the heading sit: the issuer over columns `0..=left_end`, the motto and the
/// date line over `right_start..=last_col`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    /// Last column of the issuer's block (and of "Nơi nhận").
    pub left_end: ColNum,
    /// First column of the motto's block (and of the signature).
    pub right_start: ColNum,
    /// Last column of the sheet.
    pub last_col: ColNum,
    /// Width of the whole sheet in column units, to size wrapped rows.
    pub width: f64,
}

/// The rule under the issuing body: a third to a half of its line (Nghị định 30, appendix I).
const ISSUER_RULE: &str = "————————";
/// The rule under the motto: as long as "Độc lập - Tự do - Hạnh phúc".
const MOTTO_RULE: &str = "——————————————";

/// "Kính gửi: …", one line per recipient (a list with dashes when there are several).
pub fn recipient_lines(recipients: &[String], lang: Lang) -> Vec<String> {
    let label = lang.pick("Kính gửi:", "To:");
    match recipients {
        [] => vec![format!("{label} ……………………")],
        [one] => vec![format!("{label} {one}.")],
        many => {
            let mut lines = vec![label.to_string()];
            let last = many.len() - 1;
            lines.extend(
                many.iter().enumerate().map(|(i, r)| format!("- {r}{}", if i == last { "." } else { ";" })),
            );
            lines
        }
    }
}

/// What was received and used, in plain words, for the summary sheet: the technical counts are in
/// «Kiểm tra». (The Word draft names who has not reported instead.)
pub fn completeness_sentence(aggregation: &Aggregation, lang: Lang) -> String {
    let expected = aggregation.register.len();
    let missing = aggregation.missing();
    let excluded = aggregation.excluded();
    let conflicts = aggregation.conflicts();
    let mut parts = vec![match lang {
        Lang::Vi => format!(
            "Số liệu tổng hợp từ {} trên {expected} báo cáo phải có của các cơ quan, đơn vị",
            expected - missing
        ),
        Lang::En => format!(
            "Figures compiled from {} of the {expected} reports expected from the offices and units",
            expected - missing
        ),
    }];
    if missing > 0 {
        parts.push(match lang {
            Lang::Vi => format!("{missing} báo cáo chưa nhận được hoặc còn lỗi"),
            Lang::En => format!("{missing} not received or still with errors"),
        });
    }
    if excluded > 0 {
        parts.push(match lang {
            Lang::Vi => format!("{excluded} tệp không dùng được (có lỗi hoặc không đọc được)"),
            Lang::En => format!("{excluded} files could not be used (errors or unreadable)"),
        });
    }
    if conflicts > 0 {
        parts.push(match lang {
            Lang::Vi => format!(
                "{conflicts} số liệu được gửi hai lần với giá trị khác nhau nên chưa đưa vào tổng, cần đơn vị xác nhận lại"
            ),
            Lang::En => format!(
                "{conflicts} figures were sent twice with different values and are left out of the totals until the unit confirms one"
            ),
        });
    }
    let details = lang.pick(
        "Chi tiết xem trang «Tiến độ nộp» và «Kiểm tra».",
        "Details in the sheets «Register» and «Checks».",
    );
    format!("{}. {details}", parts.join("; "))
}

fn merged_line(
    sheet: &mut Worksheet,
    row: RowNum,
    (first, last): (ColNum, ColNum),
    text: &str,
    format: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    if first == last {
        sheet.write_string_with_format(row, first, text, format)?;
    } else {
        sheet.merge_range(row, first, row, last, text, format)?;
    }
    Ok(())
}

/// Writes the heading from row 0 and returns the first free row (the table's header goes there).
pub(crate) fn write_heading(
    sheet: &mut Worksheet,
    rows: &mut Rows,
    styles: &Styles,
    catalogue: &Catalogue,
    year: u16,
    cols: Columns,
    lang: Lang,
) -> Result<RowNum, XlsxError> {
    let document = catalogue.document(year);
    let left = (0, cols.left_end);
    let right = (cols.right_start, cols.last_col);
    let whole = (0, cols.last_col);
    // The issuing body: the superior body plain, the issuer itself bold (Nghị định 30, appendix I).
    let issuer = &document.issuer_header;
    for (row, line) in issuer.iter().enumerate().take(2) {
        let format = if row + 1 == issuer.len().min(2) {
            &styles.table.bold_center
        } else {
            &styles.table.plain_center
        };
        merged_line(sheet, row as RowNum, left, &line.to_uppercase(), format)?;
    }
    for (row, line) in catalogue.plan.motto.iter().enumerate().take(2) {
        merged_line(sheet, row as RowNum, right, line, &styles.table.bold_center)?;
    }
    merged_line(sheet, 2, left, ISSUER_RULE, &styles.rule)?;
    merged_line(sheet, 2, right, MOTTO_RULE, &styles.rule)?;
    rows.set(sheet, 2, 9.0)?;
    merged_line(sheet, 3, left, &document.number_line(), &styles.table.plain_center)?;
    merged_line(sheet, 3, right, &document.date_line(year), &styles.table.italic_center)?;
    merged_line(sheet, 5, whole, &document.title.to_uppercase(), &styles.table.title)?;
    rows.set(sheet, 5, 22.0)?;
    merged_line(sheet, 6, whole, &document.subject_for(year), &styles.table.bold_center)?;
    let (from, to) = catalogue.reporting.period.for_year(year);
    let period = match lang {
        Lang::Vi => format!("(Số liệu từ ngày {} đến ngày {})", from.vietnamese(), to.vietnamese()),
        Lang::En => format!("(Figures from {} to {})", from.vietnamese(), to.vietnamese()),
    };
    merged_line(sheet, 7, whole, &period, &styles.table.italic_center)?;
    let mut row: RowNum = 9;
    for line in recipient_lines(&document.recipients, lang) {
        merged_line(sheet, row, whole, &line, &styles.table.plain_center)?;
        row += 1;
    }
    row += 1;
    let opening = document.opening_for(year);
    merged_line(sheet, row, whole, &opening, &styles.paragraph)?;
    rows.fit(sheet, row, SIZE.lines(&opening, cols.width))?;
    Ok(row + 2)
}

/// Writes the footnote, "Nơi nhận" and the signature block from `row`; returns the rows that must print
/// on one page: the closing sentence, "Nơi nhận" and the signature.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_closing(
    sheet: &mut Worksheet,
    rows: &mut Rows,
    styles: &Styles,
    catalogue: &Catalogue,
    aggregation: &Aggregation,
    row: RowNum,
    cols: Columns,
    lang: Lang,
) -> Result<std::ops::RangeInclusive<RowNum>, XlsxError> {
    let document = catalogue.document(aggregation.year);
    let mut row = row + 1;
    let footnote = format!("{} {}", lang.pick("Ghi chú:", "Note:"), completeness_sentence(aggregation, lang));
    merged_line(sheet, row, (0, cols.last_col), &footnote, &styles.paragraph_italic)?;
    rows.fit(sheet, row, SIZE.lines(&footnote, cols.width))?;
    row += 1;
    let first = row;
    let ending = document.closing_for(aggregation.year);
    if !ending.is_empty() {
        merged_line(sheet, row, (0, cols.last_col), &ending, &styles.paragraph)?;
        rows.fit(sheet, row, SIZE.lines(&ending, cols.width))?;
        row += 1;
    }
    row += 1;
    let start = row;
    merged_line(sheet, row, (0, cols.left_end), lang.pick("Nơi nhận:", "Copies to:"), &styles.copies_label)?;
    for (i, copy) in document.copies.iter().enumerate() {
        merged_line(sheet, row + 1 + i as RowNum, (0, cols.left_end), &format!("- {copy}"), &styles.copies)?;
    }
    let right = (cols.right_start, cols.last_col);
    let signature = document.signature_lines();
    for (i, line) in signature.iter().enumerate() {
        merged_line(sheet, start + i as RowNum, right, line, &styles.table.bold_center)?;
    }
    // Four empty lines for the signature and the seal, then the name (a dotted line when not given).
    let name_row = start + signature.len() as RowNum + 4;
    merged_line(sheet, name_row, right, document.name_line(), &styles.table.bold_center)?;
    Ok(first..=name_row.max(start + document.copies.len() as RowNum))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_recipients_are_a_list() {
        let catalogue = Catalogue::embedded();
        let lines = recipient_lines(&catalogue.document(2024).recipients, Lang::Vi);
        assert_eq!(
            lines,
            [
                "Kính gửi:",
                "- Ủy ban nhân dân tỉnh Hà Tĩnh;",
                "- Sở Lao động - Thương binh và Xã hội tỉnh Hà Tĩnh."
            ]
        );
        let one = recipient_lines(&catalogue.document(2025).recipients, Lang::En);
        assert_eq!(one, ["To: Ủy ban nhân dân tỉnh Hà Tĩnh."]);
    }
}
