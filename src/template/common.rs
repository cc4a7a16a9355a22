//! What every template shares: the document properties, the administrative header, the header fields, the
//! instructions sheet, the drop-down lists and the stamp.

use super::annotate::{Annotations, write_entry};
use super::cells::Formulas;
use super::styles::{Styles, height_for, lines_needed};
use super::{Layout, Reporter, Scope, Spec};
use crate::catalogue::{Catalogue, ElementType, ReportLevel};
use crate::contract::{self, key};
use crate::submission::Field;
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Formula, ProtectionOptions,
    RowNum, Workbook, Worksheet, XlsxError, utility::row_col_to_cell_absolute,
};

/// First row of the header fields (0-based); the administrative header takes the rows above.
pub const FIELDS_ROW: RowNum = 9;
/// Column of field labels.
pub const LABEL_COL: ColNum = 1;
/// Column of field inputs.
pub const INPUT_COL: ColNum = 2;

/// A workbook with fixed document properties, so the same catalogue always gives the same bytes.
pub fn new_workbook(catalogue: &Catalogue) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let d = catalogue.plan.date;
    let created = ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)?;
    let properties = DocProperties::new()
        .set_title(catalogue.reporting.report_title.as_str())
        .set_company(catalogue.plan.issuer.as_str())
        .set_author(format!("plan {}", env!("CARGO_PKG_VERSION")))
        .set_comment(format!("Kế hoạch số {}", catalogue.plan.number))
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// Sheet protection without a password: only input cells can be edited; rows can be inserted and rows
/// and columns resized.
pub fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        ..ProtectionOptions::new()
    };
    sheet.protect_with_options(&options);
}

/// A4, fitted to the page width, the table header repeated on every page.
pub fn print_setup(
    sheet: &mut Worksheet,
    landscape: bool,
    pages_wide: u16,
    repeat: Option<(RowNum, RowNum)>,
) -> Result<(), XlsxError> {
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(pages_wide, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&C&\"Times New Roman\"&10Trang &P/&N");
    if let Some((first, last)) = repeat {
        sheet.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// Where the header fields of a sheet are, for formulas that refer to them.
pub struct Fields {
    /// Absolute reference of the year input, e.g. `$C$11`.
    pub year: String,
    /// Absolute reference of the unit input, when the sheet has one.
    pub unit: Option<String>,
    /// Absolute reference of the report date input, e.g. `$C$12`.
    pub date: String,
}

/// The literal text of a formula string, with quotes doubled.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The administrative header: reporting unit and motto, title, period, plan, receiver. The title lines
/// span the columns `first_col..=last_col` (a sheet that repeats its first columns on every page keeps
/// them out of those lines, so that no page prints a cut piece of the title).
pub fn write_header(
    sheet: &mut Worksheet,
    styles: &Styles,
    catalogue: &Catalogue,
    spec: &Spec,
    fields: &Fields,
    (first_col, last_col): (ColNum, ColNum),
    formulas: &Formulas,
) -> Result<(), XlsxError> {
    let left_end: ColNum = 2;
    let right_start: ColNum = if last_col > 6 { last_col - 3 } else { 3 };
    let letterhead = letterhead(catalogue, spec);
    // The reporting body over a short rule, as Vietnamese administrative forms have it: the superior body
    // in plain type, the body itself in bold.
    let rule_row = letterhead.len().clamp(1, 2) as RowNum;
    for row in 0..=2 {
        sheet.merge_range(row, 0, row, left_end, "", &styles.bold_center)?;
    }
    sheet.write_string_with_format(rule_row, 0, "————————", &styles.bold_center)?;
    match (letterhead.as_slice(), &fields.unit) {
        ([], Some(unit)) => {
            let formula = format!(
                "=IF({unit}=\"\",\"…………………………\",\"UBND \"&UPPER(IFERROR(LEFT({unit},FIND(\" (\",{unit})-1),{unit})))"
            );
            formulas.write(sheet, 0, 0, &formula, &styles.bold_center)?;
        }
        ([], None) => {}
        ([body], _) => {
            sheet.write_string_with_format(0, 0, body, &styles.bold_center)?;
        }
        ([superior, body, ..], _) => {
            sheet.write_string_with_format(0, 0, superior, &styles.center)?;
            sheet.write_string_with_format(1, 0, body, &styles.bold_center)?;
        }
    }
    for (row, line) in catalogue.plan.motto.iter().enumerate().take(2) {
        sheet.merge_range(row as RowNum, right_start, row as RowNum, last_col, line, &styles.bold_center)?;
    }
    sheet.merge_range(2, right_start, 2, last_col, "————————————", &styles.bold_center)?;
    sheet.merge_range(3, first_col, 3, last_col, &catalogue.reporting.report_title, &styles.title)?;
    sheet.set_row_height(3, 22)?;
    let scope_line = match spec.scope {
        Scope::Office(office) => format!("Lĩnh vực: {}", office.name),
        Scope::All => "Báo cáo chung của đơn vị (tất cả các lĩnh vực)".to_string(),
    };
    sheet.merge_range(4, first_col, 4, last_col, &scope_line, &styles.bold_center)?;
    sheet.merge_range(5, first_col, 5, last_col, "", &styles.italic_center)?;
    write_period(sheet, styles, catalogue, spec, &fields.year, formulas, first_col)?;
    let plan_line = format!(
        "Thực hiện Kế hoạch số {} ngày {} của {}",
        catalogue.plan.number,
        catalogue.plan.date.vietnamese(),
        catalogue.plan.issuer
    );
    sheet.merge_range(6, first_col, 6, last_col, &plan_line, &styles.italic_center)?;
    sheet.merge_range(7, first_col, 7, last_col, "", &styles.bold_center)?;
    write_receiver(sheet, styles, catalogue, spec, &fields.year, formulas, first_col)?;
    Ok(())
}

fn write_period(
    sheet: &mut Worksheet,
    styles: &Styles,
    catalogue: &Catalogue,
    spec: &Spec,
    year_cell: &str,
    formulas: &Formulas,
    col: ColNum,
) -> Result<(), XlsxError> {
    let p = &catalogue.reporting.period;
    if let Some(year) = spec.year {
        let (from, to) = p.for_year(year);
        let text = format!(
            "Kỳ báo cáo: Năm {year} (số liệu từ ngày {} đến ngày {})",
            from.vietnamese(),
            to.vietnamese()
        );
        sheet.write_string_with_format(5, col, text, &styles.italic_center)?;
        return Ok(());
    }
    let year_plus = |offset: i32| match offset {
        0 => year_cell.to_string(),
        o if o > 0 => format!("({year_cell}+{o})"),
        o => format!("({year_cell}{o})"),
    };
    let formula = format!(
        "=IF({year_cell}=\"\",\"Kỳ báo cáo: Năm ……… (chọn năm báo cáo bên dưới)\",\"Kỳ báo cáo: Năm \"&{year_cell}&\" (số liệu từ ngày {:02}/{:02}/\"&{}&\" đến ngày {:02}/{:02}/\"&{}&\")\")",
        p.start_day,
        p.start_month,
        year_plus(p.start_year_offset),
        p.end_day,
        p.end_month,
        year_plus(p.end_year_offset),
    );
    formulas.write(sheet, 5, col, &formula, &styles.italic_center)?;
    Ok(())
}

fn receiver_text(name: &str, via: Option<&str>) -> String {
    match via {
        Some(via) => format!("Kính gửi: {name} (qua {via})"),
        None => format!("Kính gửi: {name}"),
    }
}

fn write_receiver(
    sheet: &mut Worksheet,
    styles: &Styles,
    catalogue: &Catalogue,
    spec: &Spec,
    year_cell: &str,
    formulas: &Formulas,
    col: ColNum,
) -> Result<(), XlsxError> {
    if let Some(year) = spec.year {
        let text = catalogue
            .receiver(year)
            .map_or_else(|| "Kính gửi: ……………………".to_string(), |r| receiver_text(&r.name, r.via.as_deref()));
        sheet.write_string_with_format(7, col, text, &styles.bold_center)?;
        return Ok(());
    }
    let blank = "Kính gửi: …………………… (theo năm báo cáo)";
    let mut formula = quoted(blank);
    for receiver in catalogue.reporting.receivers.iter().rev() {
        formula = format!(
            "IF(AND({year_cell}>={},{year_cell}<={}),{},{formula})",
            receiver.from,
            receiver.to,
            quoted(&receiver_text(&receiver.name, receiver.via.as_deref()))
        );
    }
    let formula = format!("=IF({year_cell}=\"\",{},{formula})", quoted(blank));
    formulas.write(sheet, 7, col, &formula, &styles.bold_center)?;
    Ok(())
}

/// The header fields: unit (layout `Unit` only), year, report date, preparer, phone. Returns their
/// references.
pub fn write_fields(
    sheet: &mut Worksheet,
    styles: &Styles,
    catalogue: &Catalogue,
    spec: &Spec,
    notes: Option<&Annotations>,
) -> Result<(Fields, RowNum), XlsxError> {
    let entry = |field: Field| notes.and_then(|n| n.field(field));
    let mut row = FIELDS_ROW;
    let mut unit = None;
    let lists = units_list_range(catalogue, spec);
    if spec.layout == Layout::Unit {
        sheet.write_string_with_format(row, LABEL_COL, contract::LABEL_UNIT, &styles.label)?;
        match (spec.reporter, entry(Field::Unit)) {
            (Some(reporter), None) => {
                let text = unit_option(catalogue, reporter);
                sheet.write_string_with_format(row, INPUT_COL, text, &styles.input_choice)?;
            }
            (_, entry) => write_entry(sheet, row, INPUT_COL, &styles.input_choice, entry)?,
        }
        let validation = DataValidation::new()
            .allow_list_formula(Formula::new(lists))
            .set_input_title("Đơn vị báo cáo")?
            .set_input_message("Chọn xã, thị trấn trong danh sách.")?
            .set_error_title("Đơn vị không có trong danh sách")?
            .set_error_message("Hãy chọn đơn vị trong danh sách thả xuống.")?;
        sheet.add_data_validation(row, INPUT_COL, row, INPUT_COL, &validation)?;
        unit = Some(row_col_to_cell_absolute(row, INPUT_COL));
        row += 1;
    }
    sheet.write_string_with_format(row, LABEL_COL, contract::LABEL_YEAR, &styles.label)?;
    match (spec.year, entry(Field::Year)) {
        (Some(year), None) => {
            sheet.write_number_with_format(row, INPUT_COL, year, &styles.input_choice)?;
        }
        (_, entry) => write_entry(sheet, row, INPUT_COL, &styles.input_choice, entry)?,
    };
    let (start, end) = (catalogue.plan.start_year, catalogue.plan.end_year);
    let validation = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(start as i32, end as i32))
        .set_input_title("Năm báo cáo")?
        .set_input_message(format!("Năm từ {start} đến {end}, ví dụ {end}."))?
        .set_error_title("Năm không hợp lệ")?
        .set_error_message(format!("Năm báo cáo phải từ {start} đến {end}."))?;
    sheet.add_data_validation(row, INPUT_COL, row, INPUT_COL, &validation)?;
    let year = row_col_to_cell_absolute(row, INPUT_COL);
    row += 1;
    sheet.write_string_with_format(row, LABEL_COL, contract::LABEL_DATE, &styles.label)?;
    write_entry(sheet, row, INPUT_COL, &styles.input_date, entry(Field::Date))?;
    let date = row_col_to_cell_absolute(row, INPUT_COL);
    let first = ExcelDateTime::from_ymd(start, 1, 1)?;
    let last = ExcelDateTime::from_ymd(end + 1, 12, 31)?;
    let d = &catalogue.reporting.deadline;
    let validation = DataValidation::new()
        .allow_date(DataValidationRule::Between(first, last))
        .set_input_title("Ngày báo cáo")?
        .set_input_message(format!("Ngày ký báo cáo, dạng ngày/tháng/năm. Hạn nộp: {}.", d.wording))?
        .set_error_title("Ngày không hợp lệ")?
        .set_error_message("Nhập ngày dạng ngày/tháng/năm, ví dụ 25/10/2024.")?;
    sheet.add_data_validation(row, INPUT_COL, row, INPUT_COL, &validation)?;
    row += 1;
    for (field, label) in [(Field::Preparer, contract::LABEL_PREPARER), (Field::Phone, contract::LABEL_PHONE)]
    {
        sheet.write_string_with_format(row, LABEL_COL, label, &styles.label)?;
        write_entry(sheet, row, INPUT_COL, &styles.input_text, entry(field))?;
        row += 1;
    }
    Ok((Fields { year, unit, date }, row + 1))
}

/// The letterhead of a workbook, one or two lines (superior body, then the body): "UBND XÃ LỘC YÊN" for
/// a commune; for an office's own forms (the units grid, the figures only the district holds) the office's
/// letterhead from the catalogue, or "UBND HUYỆN …" over its name; nothing when the unit is chosen in the
/// form (a formula then shows it).
pub fn letterhead(catalogue: &Catalogue, spec: &Spec) -> Vec<String> {
    let office = match spec.scope {
        Scope::Office(office) => Some(office),
        Scope::All => None,
    };
    match (spec.reporter, spec.layout, office) {
        (Some(Reporter::Unit(unit)), _, _) => vec![format!("UBND {}", unit.full_name().to_uppercase())],
        (Some(Reporter::District), _, Some(office)) | (None, Layout::Units, Some(office)) => {
            if office.letterhead.is_empty() {
                vec![format!("UBND {}", catalogue.plan.area.to_uppercase()), office.name.to_uppercase()]
            } else {
                office.letterhead.clone()
            }
        }
        (Some(Reporter::District), _, None) | (None, Layout::Units, None) => {
            catalogue.plan.issuer_header.iter().map(|l| l.to_uppercase()).collect()
        }
        (None, Layout::Unit, _) => Vec::new(),
    }
}

/// The place of the date line: the commune's own name on its form, the district's otherwise, dots on a
/// blank form whose unit is chosen in the form.
fn place(catalogue: &Catalogue, spec: &Spec) -> String {
    match (spec.reporter, spec.layout) {
        (Some(Reporter::Unit(unit)), _) => unit.name.clone(),
        (None, Layout::Unit) => "…………….".to_string(),
        _ => catalogue.plan.place.clone(),
    }
}

/// The place and date line: "Lộc Yên, ngày 05 tháng 01 năm 2025" from the report date `date` (a day
/// under 10 and the months 1 and 2 written with a leading 0, as Nghị định 30 asks), dots while it is
/// empty.
pub fn date_line_formula(place: &str, date: &str) -> String {
    let blank = quoted(&format!("{place}, ngày …… tháng …… năm ………"));
    let lead = quoted(&format!("{place}, ngày "));
    format!(
        "=IF(COUNT({date})=0,{blank},{lead}&IF(DAY({date})<10,\"0\",\"\")&DAY({date})&\" tháng \"&IF(MONTH({date})<3,\"0\",\"\")&MONTH({date})&\" năm \"&YEAR({date}))"
    )
}

/// The signature block under a sheet's content, its date line following the report date.
#[allow(clippy::too_many_arguments)]
pub fn write_signatures(
    sheet: &mut Worksheet,
    styles: &Styles,
    catalogue: &Catalogue,
    spec: &Spec,
    fields: &Fields,
    formulas: &Formulas,
    row: RowNum,
    last_col: ColNum,
) -> Result<RowNum, XlsxError> {
    let split: ColNum = if last_col > 6 { last_col / 2 } else { 2 };
    sheet.merge_range(row, split + 1, row, last_col, "", &styles.italic_center)?;
    let formula = date_line_formula(&place(catalogue, spec), &fields.date);
    formulas.write(sheet, row, split + 1, &formula, &styles.italic_center)?;
    sheet.merge_range(row + 1, 0, row + 1, split, "NGƯỜI LẬP BIỂU", &styles.bold_center)?;
    sheet.merge_range(row + 1, split + 1, row + 1, last_col, "THỦ TRƯỞNG ĐƠN VỊ", &styles.bold_center)?;
    sheet.merge_range(row + 2, 0, row + 2, split, "(Ký, ghi rõ họ tên)", &styles.italic_center)?;
    sheet.merge_range(row + 2, split + 1, row + 2, last_col, "(Ký tên, đóng dấu)", &styles.italic_center)?;
    Ok(row + 7)
}

/// The drop-down text of a reporter: "Xã Lộc Yên (18520)", "Toàn huyện Hương Khê (444)".
pub fn unit_option(catalogue: &Catalogue, reporter: Reporter) -> String {
    match reporter {
        Reporter::Unit(unit) => format!("{} ({})", unit.full_name(), unit.code),
        Reporter::District => format!("Toàn {} ({})", catalogue.plan.area, catalogue.plan.area_code),
    }
}

/// The drop-down choices of the unit field: the units of the year (all units when no year is given) and
/// the whole district.
/// A workbook prefilled for one reporter offers that reporter only (and the district): a list of every unit
/// is of no use there, and at national scale it would be thousands of entries in every file.
fn unit_options(catalogue: &Catalogue, spec: &Spec) -> Vec<String> {
    if let Some(reporter) = spec.reporter {
        let mut options = vec![unit_option(catalogue, reporter)];
        if let Reporter::Unit(_) = reporter {
            options.push(unit_option(catalogue, Reporter::District));
        }
        return options;
    }
    let mut options: Vec<String> = catalogue
        .units
        .iter()
        .filter(|u| spec.year.is_none_or(|y| u.reports_in(y)))
        .map(|u| unit_option(catalogue, Reporter::Unit(u)))
        .collect();
    options.dedup();
    options.push(unit_option(catalogue, Reporter::District));
    options
}

fn units_list_range(catalogue: &Catalogue, spec: &Spec) -> String {
    let n = unit_options(catalogue, spec).len() as RowNum;
    format!("='{}'!$A$2:$A${}", contract::LISTS_SHEET, n + 1)
}

/// The hidden sheet of drop-down lists.
pub fn write_lists(workbook: &mut Workbook, catalogue: &Catalogue, spec: &Spec) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(contract::LISTS_SHEET)?;
    sheet.write_string(0, 0, "Đơn vị báo cáo")?;
    for (i, option) in unit_options(catalogue, spec).iter().enumerate() {
        sheet.write_string(i as RowNum + 1, 0, option)?;
    }
    sheet.write_string(0, 1, "Có/Không")?;
    sheet.write_string(1, 1, "Có")?;
    sheet.write_string(2, 1, "Không")?;
    sheet.set_column_width(0, 40)?;
    sheet.set_hidden(true);
    protect(sheet);
    Ok(())
}

/// The hidden stamp sheet: `key | value` rows (see [`crate::contract`]).
pub fn write_stamp(workbook: &mut Workbook, catalogue: &Catalogue, spec: &Spec) -> Result<(), XlsxError> {
    let mut rows: Vec<(&str, String)> = vec![
        (contract::STAMP_MARKER, contract::CONTRACT_VERSION.to_string()),
        (key::TEMPLATE_ID, spec.template_id()),
        (key::SCOPE, if matches!(spec.scope, Scope::All) { "all" } else { "office" }.to_string()),
        (key::OFFICE, if let Scope::Office(o) = spec.scope { o.id.clone() } else { String::new() }),
        (key::LAYOUT, spec.layout.as_str().to_string()),
        (key::CATALOGUE_VERSION, catalogue.version.clone()),
        (key::CATALOGUE_SHA256, catalogue.sha256.clone()),
        (key::ELEMENTS_SHA256, crate::catalogue::elements_fingerprint(spec.elements(catalogue))),
        (key::PLAN_NUMBER, catalogue.plan.number.clone()),
        (key::GENERATOR, format!("plan {}", env!("CARGO_PKG_VERSION"))),
    ];
    match spec.reporter {
        Some(Reporter::Unit(unit)) => {
            rows.push((key::UNIT_CODE, unit.code.clone()));
            rows.push((key::UNIT_FROM, unit.from.to_string()));
        }
        Some(Reporter::District) => rows.push((key::UNIT_CODE, catalogue.plan.area_code.clone())),
        None => {}
    }
    if let Some(year) = spec.year {
        rows.push((key::YEAR, year.to_string()));
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name(contract::STAMP_SHEET)?;
    for (i, (k, v)) in rows.iter().enumerate() {
        sheet.write_string(i as RowNum, 0, *k)?;
        sheet.write_string(i as RowNum, 1, v)?;
    }
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 70)?;
    sheet.set_hidden(true);
    protect(sheet);
    Ok(())
}

/// The instructions sheet (Hướng dẫn): who fills it, the deadline, how to enter values, and every data
/// element's definition with the targets it feeds.
pub fn write_guide(workbook: &mut Workbook, catalogue: &Catalogue, spec: &Spec) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let elements = spec.elements(catalogue);
    let sheet = workbook.add_worksheet();
    sheet.set_name(contract::GUIDE_SHEET)?;
    for (col, width) in [(0, 28.0), (1, 40.0), (2, 60.0), (3, 14.0), (4, 34.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.merge_range(0, 0, 0, 4, "HƯỚNG DẪN ĐIỀN BIỂU MẪU", &styles.title)?;
    let who = match (spec.scope, spec.layout) {
        (Scope::Office(o), Layout::Unit) => format!(
            "Biểu này do {} và cán bộ phụ trách lĩnh vực tại xã, thị trấn điền: mỗi đơn vị một tệp.",
            o.name
        ),
        (Scope::Office(o), Layout::Units) => format!(
            "Biểu này do {} điền cho tất cả các xã, thị trấn trong một tệp: mỗi đơn vị một dòng; dòng «Toàn {}» dành cho số liệu chỉ cấp huyện có.",
            o.name, catalogue.plan.area
        ),
        (Scope::All, _) => {
            "Biểu chung: một đơn vị điền toàn bộ số liệu của mọi lĩnh vực trong một tệp (thay cho các biểu riêng của từng phòng, ngành).".to_string()
        }
    };
    let deadline = &catalogue.reporting.deadline;
    let on_time = if deadline.inclusive {
        format!("báo cáo ghi ngày {:02}/{:02} vẫn đúng hạn", deadline.day, deadline.month)
    } else {
        format!("báo cáo ghi từ ngày {:02}/{:02} trở đi là trễ hạn", deadline.day, deadline.month)
    };
    let receiver = catalogue
        .reporting
        .receivers
        .iter()
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
        "Chỉ nhập vào các ô nền vàng; các ô khác đã được khóa. Không sửa cột «Mã», không đổi tên trang tính.".to_string(),
        "Số liệu là số nguyên, không có dấu chấm hay dấu phẩy ngăn cách hàng nghìn (gõ 1234, không gõ 1.234). Không có trường hợp nào thì ghi 0, không để trống.".to_string(),
        "Câu hỏi Có/Không: chọn «Có» hoặc «Không» trong danh sách thả xuống. Ngày báo cáo gõ dạng ngày/tháng/năm.".to_string(),
        "Kinh phí ghi theo triệu đồng, được dùng số thập phân. Có thể ghi thêm giải thích ở cột «Ghi chú». Được chèn thêm dòng để ghi chú nhưng không xóa dòng có mã.".to_string(),
        match spec.layout {
            Layout::Unit => format!(
                "Trang «{}» (phần II) tự động tính tỷ lệ của đơn vị từ số liệu vừa nhập ở trang «{}», để đối chiếu với mục tiêu; không cần điền.",
                super::form::RESULTS_SHEET,
                super::form::SHEET
            ),
            Layout::Units => "Các cột «Kết quả tự tính» tự động tính tỷ lệ của từng đơn vị từ số liệu vừa nhập, để đối chiếu với mục tiêu; không cần điền.".to_string(),
        },
    ];
    let mut row: RowNum = 2;
    for (i, line) in lines.iter().enumerate() {
        sheet.write_string_with_format(row, 0, format!("{}.", i + 1), &styles.text)?;
        sheet.merge_range(row, 1, row, 4, line, &styles.note.clone().set_font_size(12))?;
        sheet.set_row_height(row, height_for(lines_needed(line, 150.0)))?;
        row += 1;
    }
    row += 1;
    sheet.merge_range(row, 0, row, 4, "ĐỊNH NGHĨA CÁC SỐ LIỆU", &styles.section)?;
    row += 1;
    for (col, header) in ["Mã", "Nội dung", "Định nghĩa", "Kiểu", "Dùng cho chỉ tiêu"].iter().enumerate()
    {
        sheet.write_string_with_format(row, col as ColNum, *header, &styles.header)?;
    }
    sheet.set_repeat_rows(row, row)?;
    row += 1;
    for element in elements {
        let kind = match (element.kind, element.level) {
            (ElementType::Count, ReportLevel::Unit) => "Số nguyên ≥ 0",
            (ElementType::YesNo, ReportLevel::Unit) => "Có/Không",
            (ElementType::Count, ReportLevel::District) => "Số nguyên ≥ 0 (cấp huyện)",
            (ElementType::YesNo, ReportLevel::District) => "Có/Không (cấp huyện)",
        };
        let feeds: Vec<String> =
            catalogue.parts_fed_by(&element.code).map(|p| format!("{} {}", p.id, p.short)).collect();
        let feeds =
            if feeds.is_empty() { "Kiểm tra tính hợp lý".to_string() } else { feeds.join("; ") };
        sheet.write_string_with_format(row, 0, &element.code, &styles.code)?;
        sheet.write_string_with_format(row, 1, &element.label, &styles.cell)?;
        sheet.write_string_with_format(row, 2, &element.definition, &styles.cell)?;
        sheet.write_string_with_format(row, 3, kind, &styles.cell_center)?;
        sheet.write_string_with_format(row, 4, &feeds, &styles.cell)?;
        let lines = lines_needed(&element.definition, 60.0)
            .max(lines_needed(&element.label, 40.0))
            .max(lines_needed(&feeds, 34.0));
        sheet.set_row_height(row, height_for(lines))?;
        row += 1;
    }
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
