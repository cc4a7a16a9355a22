//! Who reported, for which year, and when: the stamp and the header fields.

use super::finding::{Finding, code};
use crate::catalogue::{Catalogue, elements_fingerprint};
use crate::contract::key;
use crate::date::Date;
use crate::lang::Lang;
use crate::submission::parse::{self, Parsed};
use crate::submission::{Field, Position, Raw, RawWorkbook, ReporterId, Submission};
use crate::text::{distance, fold, quote};

/// What the stamp says, checked. `None` when the workbook cannot be used at all.
pub fn check_stamp(
    raw: &RawWorkbook,
    catalogue: &Catalogue,
    sub: &mut Submission,
    out: &mut Vec<Finding>,
) -> bool {
    let file = sub.file.clone();
    let coordinator =
        catalogue.office(&catalogue.reporting.coordinator).map_or_else(String::new, |o| o.short.clone());
    if super::report_input::is_report(raw) {
        return super::report_input::accept(raw, catalogue, sub, out);
    }
    if !raw.stamp.contains_key(crate::contract::STAMP_MARKER) {
        out.push(Finding::error(
            code::FILE_NOT_PLAN,
            &file,
            format!(
                "Tệp không phải biểu mẫu báo cáo của kế hoạch (không có dấu nhận dạng của biểu mẫu): hãy điền vào biểu mẫu do {coordinator} gửi, không tự lập bảng mới."
            ),
            "This is not a plan workbook (no template stamp): fill in the template sent by the district, not a table of your own.".into(),
        ));
        return false;
    }
    sub.template_id = raw.stamp.get(key::TEMPLATE_ID).cloned();
    sub.layout = raw.stamp.get(key::LAYOUT).cloned();
    sub.catalogue_version = raw.stamp.get(key::CATALOGUE_VERSION).cloned();
    let office = raw.stamp.get(key::OFFICE).cloned().unwrap_or_default();
    if !office.is_empty() {
        if catalogue.office(&office).is_none_or(|o| !o.reports) {
            out.push(Finding::error(
                code::FILE_UNKNOWN_OFFICE,
                &file,
                format!("Biểu mẫu của cơ quan «{}», không có trong danh mục chỉ tiêu đang dùng: hãy dùng biểu mẫu mới.", quote(&office)),
                format!("The workbook is for office «{}», which the catalogue does not have: use a current template.", quote(&office)),
            ).found(office));
            return false;
        }
        sub.office = Some(office);
    }
    if raw.stamp.get(key::CATALOGUE_SHA256) != Some(&catalogue.sha256) {
        let version = sub.catalogue_version.clone().unwrap_or_else(|| "?".into());
        let elements: Vec<_> =
            catalogue.elements.iter().filter(|e| raw.values.iter().any(|v| v.code == e.code)).collect();
        let same = raw.stamp.get(key::ELEMENTS_SHA256) == Some(&elements_fingerprint(elements));
        // An edit of the catalogue that leaves its version and the workbook's codes as they were (who holds
        // a figure, the report's letterhead) changes nothing for the workbook: nothing to say.
        let same_version = sub.catalogue_version.as_deref() == Some(catalogue.version.as_str());
        if same && !same_version {
            out.push(Finding::warning(
                code::FILE_OTHER_VERSION,
                &file,
                format!("Biểu mẫu làm theo danh mục phiên bản {version} (đang dùng {}); các mã số liệu vẫn cùng nghĩa nên vẫn được đọc.", catalogue.version),
                format!("The workbook was made with catalogue version {version} (now {}); its codes mean the same, so it is read.", catalogue.version),
            ).found(version));
        } else if !same {
            out.push(Finding::error(
                code::FILE_INCOMPATIBLE_VERSION,
                &file,
                format!("Biểu mẫu làm theo danh mục phiên bản {version}, các mã số liệu đã thay đổi so với phiên bản đang dùng ({}): hãy chép số liệu sang biểu mẫu mới.", catalogue.version),
                format!("The workbook was made with catalogue version {version}, whose codes differ from the current one ({}): copy the figures into a current template.", catalogue.version),
            ).found(version).expected(catalogue.version.clone()));
            return false;
        }
    }
    true
}

/// The stamp's office exists in the report year (offices change over time): a workbook of an office that
/// has ended is refused, naming the office that reports its figures in that year.
pub fn check_office_year(catalogue: &Catalogue, sub: &Submission, out: &mut Vec<Finding>) {
    let (Some(id), Some(year)) = (sub.office.as_deref(), sub.year) else { return };
    let Some(office) = catalogue.office(id).filter(|o| !o.exists_in(year)) else { return };
    let (years, years_en) = (
        format!("chỉ có các năm {}–{}", office.from, office.to),
        format!("exists only in {}–{}", office.from, office.to),
    );
    let name = office.name_in(office.year_or_last(Some(year)));
    let holder = catalogue.office_holder_in(id, year);
    let (advice, advice_en) = match holder {
        Some(next) => (
            format!(
                "từ năm {} lĩnh vực này do {} báo cáo: hãy dùng biểu mẫu năm {year} của {}",
                office.to + 1,
                next.name_in(year),
                next.short_in(year)
            ),
            format!(
                "from {} this portfolio is reported by {}: use the {year} template of {}",
                office.to + 1,
                next.name_lang(year, crate::lang::Lang::En),
                next.short_in(year)
            ),
        ),
        None => (format!("hãy dùng biểu mẫu năm {year}"), format!("use a template of {year}")),
    };
    out.push(
        Finding::error(
            code::FILE_OFFICE_NOT_IN_YEAR,
            &sub.file,
            format!("Biểu mẫu của {name} ({id}), cơ quan {years}, không báo cáo năm {year}: {advice}."),
            format!("The workbook is for {id}, which {years_en}, not {year}: {advice_en}."),
        )
        .found(id.to_string())
        .expected(holder.map_or_else(String::new, |h| h.id.clone())),
    );
}

fn field_cell(raw: &RawWorkbook, field: Field) -> Option<&Position> {
    raw.field(field).map(|f| &f.at)
}

/// The report year, from the field or else the stamp.
pub fn check_year(raw: &RawWorkbook, catalogue: &Catalogue, sub: &mut Submission, out: &mut Vec<Finding>) {
    let file = sub.file.clone();
    let typed = raw.field(Field::Year).map(|f| &f.raw);
    let year = match typed.map(parse::count) {
        Some(Parsed::Value(y) | Parsed::Reread(y, _)) => Some(y),
        Some(Parsed::Invalid(_)) => {
            let found = quote(&typed.map(Raw::display).unwrap_or_default()).into_owned();
            let mut finding = Finding::error(
                code::YEAR_MISSING,
                &file,
                format!("Năm báo cáo «{found}» không đọc được: ghi năm bằng số, ví dụ 2024."),
                format!("The report year «{found}» cannot be read: write it as a number, e.g. 2024."),
            )
            .found(found);
            if let Some(at) = field_cell(raw, Field::Year) {
                finding = finding.at(at);
            }
            out.push(finding);
            return;
        }
        _ => raw.stamp.get(key::YEAR).and_then(|y| y.parse().ok()),
    };
    let Some(year) = year else {
        let mut finding = Finding::error(
            code::YEAR_MISSING,
            &file,
            "Chưa ghi năm báo cáo: chọn năm ở ô «Năm báo cáo».".into(),
            "The report year is missing: fill in «Năm báo cáo».".into(),
        );
        if let Some(at) = field_cell(raw, Field::Year) {
            finding = finding.at(at);
        }
        out.push(finding);
        return;
    };
    if year > u16::MAX as u64 || !catalogue.in_span(year as u16) {
        let (start, end) = (catalogue.plan.start_year, catalogue.plan.end_year);
        let mut finding = Finding::error(
            code::YEAR_OUT_OF_SPAN,
            &file,
            format!("Năm báo cáo {year} nằm ngoài giai đoạn của kế hoạch ({start}–{end})."),
            format!("Report year {year} is outside the plan ({start}–{end})."),
        )
        .found(year.to_string())
        .expected(format!("{start}–{end}"));
        if let Some(at) = field_cell(raw, Field::Year) {
            finding = finding.at(at);
        }
        out.push(finding);
        return;
    }
    if let Some(made_for) =
        raw.stamp.get(key::YEAR).and_then(|y| y.parse::<u64>().ok()).filter(|y| *y != year)
    {
        let mut finding = Finding::error(
            code::YEAR_CHANGED,
            &file,
            format!("Ô «Năm báo cáo» ghi {year} nhưng biểu được tạo cho năm {made_for}: nếu là báo cáo năm {year}, hãy dùng biểu mẫu của năm {year}; nếu không, ghi lại {made_for}."),
            format!("«Năm báo cáo» says {year} but the template was made for {made_for}: for a {year} report use the {year} template; otherwise write {made_for} back."),
        )
        .found(year.to_string())
        .expected(made_for.to_string());
        if let Some(at) = field_cell(raw, Field::Year) {
            finding = finding.at(at);
        }
        out.push(finding);
    }
    sub.year = Some(year as u16);
}

/// The report date and its timeliness.
pub fn check_date(raw: &RawWorkbook, catalogue: &Catalogue, sub: &mut Submission, out: &mut Vec<Finding>) {
    let file = sub.file.clone();
    let Some(field) = raw.field(Field::Date) else {
        out.push(Finding::error(
            code::DATE_MISSING,
            &file,
            "Không tìm thấy ô «Ngày báo cáo»: hãy dùng biểu mẫu gốc.".into(),
            "No «Ngày báo cáo» field: use the original template.".into(),
        ));
        return;
    };
    let date = match parse::date(&field.raw) {
        Parsed::Value(d) | Parsed::Reread(d, _) => d,
        Parsed::Empty => {
            out.push(
                Finding::error(
                    code::DATE_MISSING,
                    &file,
                    format!(
                        "Chưa ghi ngày báo cáo ở ô {}: ghi ngày ký báo cáo, dạng ngày/tháng/năm.",
                        field.at
                    ),
                    format!(
                        "The report date in {} is empty: write the signing date, day/month/year.",
                        field.at
                    ),
                )
                .at(&field.at),
            );
            return;
        }
        Parsed::Invalid(_) => {
            let found = quote(&field.raw.display()).into_owned();
            out.push(
                Finding::error(
                    code::DATE_INVALID,
                    &file,
                    format!("Ô {} ghi ngày báo cáo «{found}», không đọc được: ghi dạng ngày/tháng/năm, ví dụ 25/10/2024.", field.at),
                    format!("Cell {} holds the report date «{found}», which cannot be read: write day/month/year, e.g. 25/10/2024.", field.at),
                )
                .at(&field.at)
                .found(found)
                .expected("ngày/tháng/năm"),
            );
            return;
        }
    };
    sub.date = Some(date);
    check_deadline(catalogue, sub, &field.at, out);
}

fn check_deadline(catalogue: &Catalogue, sub: &Submission, at: &Position, out: &mut Vec<Finding>) {
    let (Some(year), Some(date)) = (sub.year, sub.date) else { return };
    let deadline = &catalogue.reporting.deadline;
    if deadline.is_on_time(year, date) {
        return;
    }
    let due = Date { year: year as i32, month: deadline.month, day: deadline.day };
    out.push(
        Finding::warning(
            code::DATE_LATE,
            &sub.file,
            format!(
                "Báo cáo ghi ngày {}, trễ hạn: thời hạn là {} (ngày {}).",
                date.vietnamese(),
                deadline.wording,
                due.vietnamese()
            ),
            format!(
                "The report is dated {}, after the deadline: {} {} each year ({}).",
                date.iso(),
                if deadline.inclusive { "by" } else { "before" },
                due_en(deadline),
                due.iso()
            ),
        )
        .at(at)
        .found(date.vietnamese())
        .expected(format!("{} {}", if deadline.inclusive { "≤" } else { "<" }, due.vietnamese())),
    );
}

/// The longest text compared with the units' names for "did you mean".
const NAME_MAX_CHARS: usize = 100;

/// Reads "Xã Lộc Yên (18520)", "18520", "Lộc Yên", "Toàn huyện Hương Khê (444)" into a reporter of `year`.
pub fn resolve_reporter(text: &str, year: u16, catalogue: &Catalogue) -> Result<ReporterId, Vec<String>> {
    let text = text.trim();
    let code = text
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .map(str::trim)
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
        .or_else(|| text.bytes().all(|b| b.is_ascii_digit()).then_some(text));
    if code == Some(catalogue.plan.area_code.as_str()) {
        return Ok(ReporterId::District);
    }
    let name = text.rsplit_once('(').map_or(text, |(name, _)| name.trim());
    if let Some(unit) = code.and_then(|code| catalogue.unit(code, year)) {
        // The code decides, unless the name says another unit (a template of an earlier year whose code
        // was reused by a merged xã).
        let named_other = !name.is_empty()
            && !name.bytes().all(|b| b.is_ascii_digit())
            && fold(name) != fold(&unit.name)
            && fold(name) != fold(&unit.full_name());
        if !named_other {
            return Ok(ReporterId::of(&unit.key()));
        }
        return Err(Vec::new());
    }
    if let [unit] = catalogue.find_units(name, Some(year)).as_slice() {
        return Ok(ReporterId::of(&unit.key()));
    }
    let folded = fold(name);
    // A close name is within three edits of a unit's name: a long text is none (and the edit distance would
    // cost its length times each name's).
    if folded.chars().nth(NAME_MAX_CHARS).is_some() {
        return Err(Vec::new());
    }
    let mut candidates: Vec<(usize, String)> = catalogue
        .units_in(year)
        .map(|u| {
            (
                distance(&folded, &fold(&u.name)).min(distance(&folded, &fold(&u.full_name()))),
                format!("{} ({})", u.full_name(), u.code),
            )
        })
        .collect();
    candidates.sort();
    Err(candidates.into_iter().take_while(|(d, _)| *d <= 3).map(|(_, name)| name).take(2).collect())
}

/// The reporting unit of a one-unit workbook.
pub fn check_unit(raw: &RawWorkbook, catalogue: &Catalogue, sub: &mut Submission, out: &mut Vec<Finding>) {
    let file = sub.file.clone();
    let field = raw.field(Field::Unit);
    let text = match field.map(|f| &f.raw) {
        Some(Raw::Text(t)) => t.clone(),
        Some(Raw::Number(n)) => format!("{n}"),
        _ => match raw.stamp.get(key::UNIT_CODE) {
            Some(code) => code.clone(),
            None => {
                let mut finding = Finding::error(
                    code::UNIT_MISSING,
                    &file,
                    format!(
                        "Chưa chọn đơn vị báo cáo: chọn {} trong danh sách ở ô «Đơn vị báo cáo».",
                        catalogue.unit_kind_words(sub.year, Lang::Vi)
                    ),
                    "The reporting unit is missing: choose it in «Đơn vị báo cáo».".into(),
                );
                if let Some(f) = field {
                    finding = finding.at(&f.at);
                }
                out.push(finding);
                return;
            }
        },
    };
    let Some(year) = sub.year else { return };
    match resolve_reporter(&text, year, catalogue) {
        Ok(reporter) => sub.reporter = Some(reporter),
        Err(suggestions) => {
            let at = field.map(|f| f.at.clone());
            out.push(unit_finding(&file, &text, year, catalogue, &suggestions, at.as_ref()));
        }
    }
}

/// The finding for a unit that is unknown, or not reporting in the year.
pub fn unit_finding(
    file: &str,
    text: &str,
    year: u16,
    catalogue: &Catalogue,
    suggestions: &[String],
    at: Option<&Position>,
) -> Finding {
    let quoted = quote(text);
    let name = text.rsplit_once('(').map_or(text, |(n, _)| n.trim());
    let code = text.rsplit_once('(').and_then(|(_, r)| r.strip_suffix(')')).unwrap_or(text).trim();
    let other_years: Vec<_> = catalogue
        .units
        .iter()
        .filter(|u| u.code == code || crate::text::fold(&u.name) == fold(name))
        .collect();
    let mut finding = if let Some(unit) = other_years.first() {
        let successor = catalogue
            .units
            .iter()
            .find(|u| u.covers.contains(&unit.key()))
            .map(|u| format!("; từ năm {} địa bàn thuộc {} ({})", u.from, u.full_name(), u.code))
            .unwrap_or_default();
        Finding::error(
            code::UNIT_NOT_IN_YEAR,
            file,
            format!(
                "{} chỉ báo cáo các năm {}–{}, không báo cáo năm {year}{successor}. Hãy chọn đúng đơn vị của năm {year}.",
                unit.full_name(),
                unit.from,
                unit.to
            ),
            format!(
                "{} reports only in {}–{}, not in {year}. Choose a unit of {year}.",
                unit.full_name(),
                unit.from,
                unit.to
            ),
        )
    } else {
        let hint = if suggestions.is_empty() {
            String::new()
        } else {
            format!(" Có phải «{}»?", suggestions.join("» hoặc «"))
        };
        let hint_en = if suggestions.is_empty() {
            String::new()
        } else {
            format!(" Did you mean «{}»?", suggestions.join("» or «"))
        };
        Finding::error(
            code::UNIT_UNKNOWN,
            file,
            format!(
                "Đơn vị «{quoted}» không có trong danh sách các {} năm {year}.{hint} Hãy chọn đơn vị trong danh sách thả xuống.",
                catalogue.unit_kind_words(Some(year), Lang::Vi)
            ),
            format!(
                "Unit «{quoted}» is not among the units of {year}.{hint_en} Choose it from the drop-down list."
            ),
        )
    };
    finding = finding.found(text.to_string());
    if let Some(first) = suggestions.first() {
        finding = finding.expected(first.clone());
    }
    if let Some(at) = at {
        finding = finding.at(at);
    }
    finding
}

/// A yearly deadline in English: "30 October".
fn due_en(deadline: &crate::catalogue::Deadline) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(usize::from(deadline.month).wrapping_sub(1)).copied().unwrap_or("?");
    format!("{} {month}", deadline.day)
}
