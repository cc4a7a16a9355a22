//! Raw cells to typed values: every value is read or refused with a finding that names the cell.

use super::finding::{Finding, code};
use super::identity::{resolve_reporter, unit_finding};
use crate::catalogue::{Catalogue, ElementType, ReportItemType, ReportLevel};
use crate::lang::Lang;
use crate::submission::parse::{self, Parsed, Problem, Reading};
use crate::submission::{Data, Note, Raw, RawValue, RawWorkbook, ReporterId, Submission, Value};
use crate::text::{quote, shorten};

/// Most characters kept of a text answer: it is written into one cell of the report, which holds at most
/// 32,767.
const TEXT_MAX_CHARS: usize = 32_000;
/// Most characters kept of a clerk's note: a unit's notes are joined into one cell of the report.
const NOTE_MAX_CHARS: usize = 300;
use std::collections::{BTreeMap, HashSet};

/// What a cell should hold.
#[derive(Clone, Copy)]
enum Kind {
    Count,
    YesNo,
    Amount,
    Text,
}

/// Reads every value of the workbook into `sub.values`.
pub fn check_values(raw: &RawWorkbook, catalogue: &Catalogue, sub: &mut Submission, out: &mut Vec<Finding>) {
    let year = sub.year;
    // Group grid rows by unit code; a one-unit table under the workbook's reporter.
    let mut rows: BTreeMap<Option<&str>, Vec<&RawValue>> = BTreeMap::new();
    for value in &raw.values {
        rows.entry(value.unit.as_deref()).or_default().push(value);
    }
    for (unit_code, values) in rows {
        let grid = sub.layout.as_deref() == Some("units");
        let reporter = match (unit_code, year) {
            // The notes sheet of a one-sheet workbook: the office's own spending and text, for the district.
            (None, _) if grid => Some(ReporterId::District),
            (None, _) => sub.reporter.clone(),
            (Some(_), None) => None,
            (Some(code), Some(year)) => match resolve_reporter(code, year, catalogue) {
                Ok(reporter) => Some(reporter),
                Err(suggestions) => {
                    let at = values.first().and_then(|v| v.unit_at.clone());
                    out.push(
                        unit_finding(&sub.file, code, year, catalogue, &suggestions, at.as_ref())
                            .unit(Some(code)),
                    );
                    continue;
                }
            },
        };
        if unit_code.is_some() && values.iter().all(|v| v.raw.is_empty()) {
            let name = reporter
                .as_ref()
                .map_or_else(|| unit_code.unwrap_or_default().to_string(), |r| r.name(catalogue));
            out.push(
                Finding::warning(
                    code::UNIT_NO_DATA,
                    &sub.file,
                    format!("Dòng của {name} chưa có số liệu nào."),
                    format!("The row of {name} has no figures."),
                )
                .unit(unit_code)
                .at(&values[0].at),
            );
            continue;
        }
        let mut seen = HashSet::new();
        for value in values {
            if unit_code.is_some() && is_closed(catalogue, value, reporter.as_ref()) {
                continue;
            }
            if !seen.insert(value.code.as_str()) {
                out.push(
                    Finding::error(
                        code::VALUE_DUPLICATE,
                        &sub.file,
                        format!(
                            "Mã «{}» xuất hiện hai lần (ô {}): xóa dòng thừa.",
                            quote(&value.code),
                            value.at
                        ),
                        format!(
                            "Code «{}» appears twice (cell {}): delete the extra row.",
                            value.code, value.at
                        ),
                    )
                    .at(&value.at)
                    .element(&value.code)
                    .unit(unit_code),
                );
                continue;
            }
            if let (Some(reporter), Some(text)) = (&reporter, &value.note) {
                // Cut, as the unit's notes are joined into one cell of the report.
                let text = shorten(text, NOTE_MAX_CHARS).into_owned();
                let note = Note { reporter: reporter.clone(), code: value.code.clone(), text };
                sub.notes.push(note);
            }
            check_value(value, reporter.as_ref(), catalogue, sub, out);
        }
    }
}

/// A grid cell that the reporter does not fill (a district figure on a unit row, or the reverse).
fn is_closed(catalogue: &Catalogue, value: &RawValue, reporter: Option<&ReporterId>) -> bool {
    let district_row = matches!(reporter, Some(ReporterId::District));
    catalogue.element(&value.code).is_some_and(|e| (e.level == ReportLevel::District) != district_row)
}

fn check_value(
    value: &RawValue,
    reporter: Option<&ReporterId>,
    catalogue: &Catalogue,
    sub: &mut Submission,
    out: &mut Vec<Finding>,
) {
    let file = sub.file.clone();
    let (kind, label, level) = if let Some(e) = catalogue.element(&value.code) {
        let kind = if e.kind == ElementType::Count { Kind::Count } else { Kind::YesNo };
        (kind, e.label.as_str(), Some(e.level))
    } else if let Some(item) = catalogue.report_items.iter().find(|r| r.code == value.code) {
        let kind = if item.kind == ReportItemType::Amount { Kind::Amount } else { Kind::Text };
        (kind, item.label.as_str(), None)
    } else {
        out.push(
            Finding::warning(
                code::VALUE_UNKNOWN_CODE,
                &file,
                format!(
                    "Mã «{}» ở ô {} không có trong danh mục chỉ tiêu: số liệu này không được dùng.",
                    value.code, value.at
                ),
                format!(
                    "Code «{}» in {} is not in the catalogue: the value is not used.",
                    value.code, value.at
                ),
            )
            .at(&value.at)
            .element(&value.code),
        );
        return;
    };
    let unit_code = value.unit.as_deref();
    // A one-unit workbook holds district figures only for the district, and commune figures only for a unit
    // (a workbook whose reporter is not known yet is read as a commune's).
    if let Some(level) = level {
        let for_district = matches!(reporter, Some(ReporterId::District));
        if (level == ReportLevel::District) != for_district {
            if !value.raw.is_empty() {
                let who = if for_district { "cấp xã".to_string() } else { catalogue.area_tier(Lang::Vi) };
                out.push(
                    Finding::warning(
                        code::VALUE_NOT_FOR_REPORTER,
                        &file,
                        format!(
                            "Ô {} «{label}» là số liệu {who}, không thuộc đơn vị này: không được dùng.",
                            value.at
                        ),
                        format!(
                            "Cell {} «{label}» is not reported by this reporter: the value is not used.",
                            value.at
                        ),
                    )
                    .at(&value.at)
                    .element(&value.code),
                );
            }
            return;
        }
    }
    let found = quote(&value.raw.display()).into_owned();
    let finding = |code: &str, vi: String, en: String| {
        Finding::error(code, &file, vi, en)
            .at(&value.at)
            .element(&value.code)
            .unit(unit_code)
            .found(found.clone())
    };
    let (data, reading) = match kind {
        Kind::Count => match parse::count(&value.raw) {
            Parsed::Value(n) | Parsed::Reread(n, _) if n > catalogue.reporting.max_count => {
                out.push(
                    problem_finding(Problem::Implausible, &value.raw, label, &value.at.to_string(), finding)
                        .expected(format!("≤ {}", catalogue.reporting.max_count)),
                );
                return;
            }
            Parsed::Value(n) => (Data::Count(n), None),
            Parsed::Reread(n, r) => (Data::Count(n), Some((n.to_string(), r))),
            Parsed::Empty => {
                out.push(finding(
                    code::VALUE_EMPTY,
                    format!("Ô {} «{label}» còn trống: hãy nhập số liệu; nếu không có trường hợp nào thì ghi 0.", value.at),
                    format!("Cell {} «{label}» is empty: enter the figure, or 0 if there were none.", value.at),
                ).expected("số nguyên ≥ 0"));
                return;
            }
            Parsed::Invalid(problem) => {
                out.push(
                    problem_finding(problem, &value.raw, label, &value.at.to_string(), finding)
                        .expected("số nguyên ≥ 0"),
                );
                return;
            }
        },
        Kind::YesNo => match parse::yes_no(&value.raw) {
            Parsed::Value(b) => (Data::YesNo(b), None),
            Parsed::Reread(b, r) => {
                (Data::YesNo(b), Some((crate::submission::yes_no_word(b).to_string(), r)))
            }
            Parsed::Empty => {
                out.push(
                    finding(
                        code::VALUE_EMPTY,
                        format!("Ô {} «{label}» còn trống: hãy chọn «Có» hoặc «Không».", value.at),
                        format!("Cell {} «{label}» is empty: choose «Có» (yes) or «Không» (no).", value.at),
                    )
                    .expected("Có hoặc Không"),
                );
                return;
            }
            Parsed::Invalid(problem) => {
                out.push(
                    problem_finding(problem, &value.raw, label, &value.at.to_string(), finding)
                        .expected("Có hoặc Không"),
                );
                return;
            }
        },
        Kind::Amount => match parse::amount(&value.raw) {
            Parsed::Value(d) => (Data::Amount(d), None),
            Parsed::Reread(d, r) => (Data::Amount(d), Some((d.to_vietnamese(), r))),
            Parsed::Empty => return,
            Parsed::Invalid(problem) => {
                out.push(
                    problem_finding(problem, &value.raw, label, &value.at.to_string(), finding)
                        .expected("số ≥ 0"),
                );
                return;
            }
        },
        Kind::Text => match &value.raw {
            Raw::Empty => return,
            raw => {
                let text = raw.display();
                let kept = shorten(&text, TEXT_MAX_CHARS);
                if kept.len() < text.len() {
                    out.push(
                        Finding::warning(
                            code::VALUE_READ_AS,
                            &file,
                            format!(
                                "Ô {} «{label}» có {} ký tự: chỉ giữ {TEXT_MAX_CHARS} ký tự đầu (một ô bảng tính chứa tối đa 32.767 ký tự).",
                                value.at,
                                text.chars().count()
                            ),
                            format!(
                                "Cell {} «{label}» holds {} characters: only the first {TEXT_MAX_CHARS} are kept (a spreadsheet cell holds at most 32,767).",
                                value.at,
                                text.chars().count()
                            ),
                        )
                        .at(&value.at)
                        .element(&value.code)
                        .unit(unit_code),
                    );
                }
                (Data::Text(kept.into_owned()), None)
            }
        },
    };
    if let Some((read, how)) = reading {
        let why = match how {
            Reading::TextNumber => "số được gõ dưới dạng chữ",
            Reading::DashAsZero => "dấu gạch hoặc chữ «không» được hiểu là 0",
            Reading::YesNoVariant => "câu trả lời được hiểu theo nghĩa",
        };
        out.push(
            Finding::warning(
                code::VALUE_READ_AS,
                &file,
                format!(
                    "Ô {} «{label}» ghi «{found}», đã đọc là {read} ({why}). Nếu đúng thì không cần sửa.",
                    value.at
                ),
                format!(
                    "Cell {} «{label}» holds «{found}», read as {read}. No change needed if that is right.",
                    value.at
                ),
            )
            .at(&value.at)
            .element(&value.code)
            .unit(unit_code)
            .found(found.clone())
            .expected(read),
        );
    }
    if let Some(reporter) = reporter.cloned() {
        sub.values.push(Value { reporter, code: value.code.clone(), data, at: value.at.clone() });
    }
}

/// The finding for a refused cell, with a message that says what to type instead.
fn problem_finding(
    problem: Problem,
    raw: &Raw,
    label: &str,
    cell: &str,
    finding: impl Fn(&str, String, String) -> Finding,
) -> Finding {
    let found = quote(&raw.display()).into_owned();
    match problem {
        Problem::NotWhole => finding(
            code::VALUE_NOT_WHOLE,
            format!(
                "Ô {cell} «{label}» ghi «{found}»: phải là số nguyên, không có phần lẻ. Dấu phẩy là dấu thập phân; số hàng nghìn gõ liền, ví dụ 1234."
            ),
            format!(
                "Cell {cell} «{label}» holds «{found}»: it must be a whole number. A comma is the decimal mark; type thousands without separators, e.g. 1234."
            ),
        ),
        Problem::Negative => finding(
            code::VALUE_NEGATIVE,
            format!("Ô {cell} «{label}» ghi «{found}»: số liệu không được âm."),
            format!("Cell {cell} «{label}» holds «{found}»: it cannot be negative."),
        ),
        Problem::NotANumber => finding(
            code::VALUE_NOT_A_NUMBER,
            format!(
                "Ô {cell} «{label}» ghi «{found}»: chỉ ghi con số chính xác, không kèm chữ hay đơn vị (ghi «12», không ghi «12 trẻ» hay «khoảng 12»)."
            ),
            format!(
                "Cell {cell} «{label}» holds «{found}»: write the exact number only, without words or units (12, not «12 trẻ» or «about 12»)."
            ),
        ),
        Problem::NotYesNo => finding(
            code::VALUE_NOT_YES_NO,
            format!("Ô {cell} «{label}» ghi «{found}»: chỉ chọn «Có» hoặc «Không» trong danh sách."),
            format!(
                "Cell {cell} «{label}» holds «{found}»: choose «Có» (yes) or «Không» (no) from the list."
            ),
        ),
        Problem::FormulaWithoutResult => finding(
            code::VALUE_FORMULA_NO_RESULT,
            format!(
                "Ô {cell} «{label}» là công thức «{found}» nhưng tệp không lưu kết quả (tệp do một chương trình khác tạo): hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại."
            ),
            format!(
                "Cell {cell} «{label}» is the formula «{found}» but the file stores no result (written by another program): open it in Excel or LibreOffice, save, and send it again."
            ),
        ),
        Problem::ErrorValue => finding(
            code::VALUE_ERROR,
            format!("Ô {cell} «{label}» đang báo lỗi «{found}»: hãy nhập con số thay cho công thức bị lỗi."),
            format!(
                "Cell {cell} «{label}» shows the error «{found}»: type the number instead of the failing formula."
            ),
        ),
        Problem::DateInNumber => finding(
            code::VALUE_DATE,
            format!(
                "Ô {cell} «{label}» đang là ngày tháng: hãy nhập con số (chuột phải → Định dạng ô → Số)."
            ),
            format!("Cell {cell} «{label}» holds a date: type a number (format the cell as Number)."),
        ),
        Problem::NotADate => finding(
            code::DATE_INVALID,
            format!("Ô {cell} «{label}» ghi «{found}», không phải ngày tháng."),
            format!("Cell {cell} «{label}» holds «{found}», not a date."),
        ),
        Problem::Implausible => finding(
            code::VALUE_IMPLAUSIBLE,
            format!(
                "Ô {cell} «{label}» ghi «{found}»: lớn hơn số mà một đơn vị có thể có, có lẽ gõ nhầm; hãy kiểm tra và ghi đúng con số."
            ),
            format!(
                "Cell {cell} «{label}» holds «{found}»: more than any unit can hold, probably a typing slip; check it and type the right figure."
            ),
        ),
    }
}
