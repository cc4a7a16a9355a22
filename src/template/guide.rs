//! The instructions sheet (Hướng dẫn): who fills the workbook, the receiver, the deadline, the period, how
//! to enter values, and every data element's definition with the targets it feeds.

use super::context::Context;
use super::layout::{FORM_SHEET, RESULTS_SHEET};
use super::page::{print_setup, protect};
use super::sheet::{Record, SheetWriter};
use super::spec::{Layout, Scope};
use super::styles::SIZE;
use crate::catalogue::{ElementType, ReportLevel};
use crate::contract;
use crate::lang::Lang;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, XlsxError};

/// Column widths: number, name, definition, kind, parts fed, and the hidden code.
const WIDTHS: [f64; 6] = [6.0, 46.0, 70.0, 14.0, 36.0, 24.0];
/// The hidden column of the codes.
const CODE_COL: ColNum = WIDTHS.len() as ColNum - 1;

/// The instructions sheet (Hướng dẫn): who fills it, the deadline, how to enter values, and every data
/// element's definition with the targets it feeds.
pub fn write(ctx: &Context, workbook: &mut Workbook, record: &mut Record) -> Result<(), XlsxError> {
    let (catalogue, spec, styles) = (ctx.catalogue, ctx.spec, &ctx.styles);
    let elements = spec.elements(catalogue);
    let mut sheet = SheetWriter::add(workbook, record, contract::GUIDE_SHEET)?;
    // The element's code, for whoever maps the definitions to the hidden codes of the data sheet, goes in
    // a hidden column after the printed ones: the clerk reads the element by its name.
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.sheet().set_column_width(col as ColNum, *width)?;
    }
    sheet.sheet().set_column_hidden(CODE_COL)?;
    sheet.merge((0, 0), (0, 4), "HƯỚNG DẪN ĐIỀN BIỂU MẪU", &styles.title)?;
    let kinds = catalogue.unit_kind_words(spec.year, Lang::Vi);
    let tier = catalogue.area_tier(Lang::Vi);
    let who = match (spec.scope, spec.layout) {
        (Scope::Office(o), Layout::Unit) => format!(
            "Biểu này do {} và cán bộ phụ trách lĩnh vực tại {kinds} điền: mỗi đơn vị một tệp.",
            o.name_in(spec.naming_year(catalogue))
        ),
        (Scope::Office(o), Layout::Units) => format!(
            "Biểu này do {} điền cho tất cả các {kinds} trong một tệp: mỗi đơn vị một dòng; dòng «Toàn {}» dành cho số liệu chỉ {tier} có.",
            o.name_in(spec.naming_year(catalogue)),
            catalogue.plan.area
        ),
        (Scope::All, _) => format!(
            "Biểu chung: một đơn vị điền toàn bộ số liệu của mọi lĩnh vực trong một tệp (thay cho các biểu riêng của từng {}).",
            catalogue.office_kinds(Lang::Vi)
        ),
    };
    let deadline = &catalogue.reporting.deadline;
    let on_time = if deadline.inclusive {
        format!("báo cáo ghi ngày {:02}/{:02} vẫn đúng hạn", deadline.day, deadline.month)
    } else {
        format!("báo cáo ghi từ ngày {:02}/{:02} trở đi là trễ hạn", deadline.day, deadline.month)
    };
    // A form of one year names that year's receiver only (the district's receiver is gone after 2025).
    let receiver = catalogue
        .reporting
        .receivers
        .iter()
        .filter(|r| spec.year.is_none_or(|y| (r.from..=r.to).contains(&y)))
        .map(|r| {
            format!(
                "{}–{}: {}{}",
                r.from,
                r.to,
                r.name,
                r.via.as_ref().map(|v| format!(" (qua {v})")).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let lines = [
        who,
        format!("Nơi nhận: {receiver}."),
        format!("Thời hạn: {} ({on_time}).", deadline.wording),
        format!(
            "Kỳ báo cáo: số liệu từ ngày {:02}/{:02} năm {} đến ngày {:02}/{:02} năm {}.",
            catalogue.reporting.period.start_day,
            catalogue.reporting.period.start_month,
            year_words(catalogue.reporting.period.start_year_offset),
            catalogue.reporting.period.end_day,
            catalogue.reporting.period.end_month,
            year_words(catalogue.reporting.period.end_year_offset),
        ),
        "Chỉ nhập vào các ô nền vàng; các ô khác đã được khóa. Không đổi tên trang tính, không chèn hay xóa cột.".to_string(),
        "Số liệu là số nguyên, không có dấu chấm hay dấu phẩy ngăn cách hàng nghìn (gõ 1234, không gõ 1.234). Không có trường hợp nào thì ghi 0, không để trống.".to_string(),
        "Câu hỏi Có/Không: chọn «Có» hoặc «Không» trong danh sách thả xuống. Ngày báo cáo gõ dạng ngày/tháng/năm.".to_string(),
        "Kinh phí ghi theo triệu đồng, được dùng số thập phân. Có thể ghi thêm giải thích ở cột «Ghi chú». Được chèn thêm dòng để ghi chú nhưng không xóa dòng số liệu có sẵn.".to_string(),
        match spec.layout {
            Layout::Unit => format!(
                "Trang «{}» (phần II) tự động tính tỷ lệ của đơn vị từ số liệu vừa nhập ở trang «{}», để đối chiếu với mục tiêu; không cần điền.",
                RESULTS_SHEET,
                FORM_SHEET
            ),
            Layout::Units => "Các cột «Kết quả tự tính» tự động tính tỷ lệ của từng đơn vị từ số liệu vừa nhập, để đối chiếu với mục tiêu; không cần điền.".to_string(),
        },
    ];
    let mut row: RowNum = 2;
    for (i, line) in lines.iter().enumerate() {
        sheet.string(row, 0, format!("{}.", i + 1), &styles.text)?;
        sheet.merge((row, 1), (row, 4), line, &styles.note.clone().set_font_size(12))?;
        sheet.sheet().set_row_height(row, SIZE.height(SIZE.lines(line, WIDTHS[1..5].iter().sum())))?;
        row += 1;
    }
    row += 1;
    sheet.merge((row, 0), (row, 4), "ĐỊNH NGHĨA CÁC SỐ LIỆU", &styles.section)?;
    row += 1;
    for (col, header) in
        ["STT", "Nội dung", "Định nghĩa", "Kiểu", "Dùng cho chỉ tiêu", "Mã"].iter().enumerate()
    {
        sheet.string(row, col as ColNum, header, &styles.header)?;
    }
    sheet.sheet().set_repeat_rows(row, row)?;
    row += 1;
    for (number, element) in (1u32..).zip(elements) {
        let kind = match (element.kind, element.level) {
            (ElementType::Count, ReportLevel::Unit) => "Số nguyên ≥ 0".to_string(),
            (ElementType::YesNo, ReportLevel::Unit) => "Có/Không".to_string(),
            (ElementType::Count, ReportLevel::District) => format!("Số nguyên ≥ 0 ({tier})"),
            (ElementType::YesNo, ReportLevel::District) => format!("Có/Không ({tier})"),
        };
        let feeds: Vec<String> =
            catalogue.parts_fed_by(&element.code).map(|p| format!("{} {}", p.id, p.short)).collect();
        let feeds =
            if feeds.is_empty() { "Kiểm tra tính hợp lý".to_string() } else { feeds.join("; ") };
        sheet.number(row, 0, number, &styles.cell_center)?;
        sheet.string(row, CODE_COL, &element.code, &styles.code)?;
        sheet.string(row, 1, &element.label, &styles.cell)?;
        sheet.string(row, 2, &element.definition, &styles.cell)?;
        sheet.string(row, 3, &kind, &styles.cell_center)?;
        sheet.string(row, 4, &feeds, &styles.cell)?;
        let lines = SIZE
            .lines(&element.definition, WIDTHS[2])
            .max(SIZE.lines(&element.label, WIDTHS[1]))
            .max(SIZE.lines(&feeds, WIDTHS[4]));
        sheet.sheet().set_row_height(row, SIZE.height(lines))?;
        row += 1;
    }
    let sheet = sheet.sheet();
    print_setup(sheet, true, 1, None)?;
    protect(sheet);
    Ok(())
}

fn year_words(offset: i32) -> &'static str {
    match offset {
        -1 => "trước năm báo cáo",
        0 => "báo cáo",
        _ => "tiếp theo",
    }
}
