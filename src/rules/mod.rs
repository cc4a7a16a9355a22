//! Checking a workbook: identity, values, consistency and plausibility, as [`Finding`]s.
//!
//! [`check`] takes what the reader returned for one file and gives back the typed [`Submission`] with every
//! finding at once. It knows nothing of the terminal and never panics on a file.

mod consistency;
pub mod finding;
mod identity;
mod previous;
mod report_input;
mod values;

pub use consistency::{Counts, Origin, check_counts, counts_by_reporter};
pub use finding::{Finding, Place, code};
pub use identity::resolve_reporter;
pub use previous::Previous;

use crate::catalogue::{Catalogue, Severity};
use crate::lang::{Bilingual, Lang};
use crate::submission::{RawWorkbook, ReadError, Submission};
use crate::text::quote;

/// A checked file.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// What could be understood.
    pub submission: Submission,
    /// Every problem found.
    pub findings: Vec<Finding>,
    /// What was read, before typing (kept to write annotated copies).
    pub raw: Option<RawWorkbook>,
}

impl Checked {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }

    /// Whether the file could not be read at all (the codes [`read_error_finding`] gives).
    pub fn unreadable(&self) -> bool {
        const READ_ERRORS: [&str; 4] =
            [code::FILE_UNREADABLE, code::FILE_ENCRYPTED, code::FILE_TOO_LARGE, code::FILE_READER_CRASHED];
        self.findings.iter().any(|f| READ_ERRORS.contains(&f.code.as_str()))
    }
}

/// The finding for a file that could not be read.
pub fn read_error_finding(file: &str, error: &ReadError) -> Finding {
    match error {
        ReadError::NotFound => Finding::error(
            code::FILE_UNREADABLE,
            file,
            "Không có tệp này (kiểm tra lại tên và thư mục).".into(),
            "No such file (check the name and folder).".into(),
        ),
        ReadError::IsFolder => Finding::error(
            code::FILE_UNREADABLE,
            file,
            "Đây là một thư mục, không phải tệp bảng tính.".into(),
            "This is a folder, not a spreadsheet file.".into(),
        ),
        ReadError::NotRegular => Finding::error(
            code::FILE_UNREADABLE,
            file,
            "Đây không phải một tệp thông thường (một thiết bị, một ống dẫn hay liên kết tới chúng): không đọc; hãy chép tệp bảng tính thật vào thư mục.".into(),
            "This is not a regular file (a device, a pipe or a link to one): not read; copy the real spreadsheet into the folder.".into(),
        ),
        ReadError::NotSpreadsheet => Finding::error(
            code::FILE_UNREADABLE,
            file,
            "Tệp không phải bảng tính Excel (có thể là tệp Word, PDF hoặc văn bản bị đổi tên): hãy gửi biểu mẫu dạng .xlsx, .xls hoặc .ods.".into(),
            "The file is not a spreadsheet (perhaps a renamed Word, PDF or text file): send the template as .xlsx, .xls or .ods.".into(),
        ),
        ReadError::Encrypted => Finding::error(
            code::FILE_ENCRYPTED,
            file,
            "Tệp được đặt mật khẩu nên không đọc được: hãy gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại.".into(),
            "The file is password-protected and cannot be read: remove the password and send it again.".into(),
        ),
        ReadError::TooLarge(limit) => Finding::error(
            code::FILE_TOO_LARGE,
            file,
            format!(
                "Tệp quá lớn để là một báo cáo ({}): hãy dùng biểu mẫu gốc, xóa các trang và ô thừa.",
                limit.text(Lang::Vi)
            ),
            format!("The file is too large to be a report ({}): use the original template.", limit.text(Lang::En)),
        )
        .found(limit.text(Lang::Vi)),
        ReadError::Crashed(crash) => Finding::error(
            code::FILE_READER_CRASHED,
            file,
            format!(
                "Tệp bị hỏng: trình đọc bảng tính dừng giữa chừng khi mở tệp ({}). Hãy mở bằng Excel hoặc LibreOffice, xóa các ô thừa, lưu lại dạng .xlsx rồi gửi lại.",
                crash.text(Lang::Vi)
            ),
            format!(
                "The file is damaged: the spreadsheet reader stopped while opening it ({}). Open it in Excel or LibreOffice, delete stray cells, save as .xlsx and send it again.",
                crash.text(Lang::En)
            ),
        ),
        ReadError::Unreadable(what) => {
            let what = quote(what);
            Finding::error(
            code::FILE_UNREADABLE,
            file,
            "Tệp bảng tính bị hỏng hoặc không đúng định dạng, không đọc được: hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi lại.".to_string(),
            format!("The file cannot be read as a spreadsheet ({what}): send the template as .xlsx, .xls or .ods."),
        )
        .found(what.into_owned())
        }
    }
}

/// Checks one file. `previous` holds last year's counts when `--previous` was given.
pub fn check(
    file: &str,
    read: Result<RawWorkbook, ReadError>,
    catalogue: &Catalogue,
    previous: Option<&Previous>,
) -> Checked {
    let mut sub = Submission { file: file.to_string(), ..Submission::default() };
    let mut findings = Vec::new();
    let raw = match read {
        Ok(raw) => raw,
        Err(error) => {
            findings.push(read_error_finding(file, &error));
            return Checked { submission: sub, findings, raw: None };
        }
    };
    let raw = if report_input::is_report(&raw) { report_input::totals_only(raw) } else { raw };
    if !identity::check_stamp(&raw, catalogue, &mut sub, &mut findings) {
        return Checked { submission: sub, findings, raw: Some(raw) };
    }
    identity::check_year(&raw, catalogue, &mut sub, &mut findings);
    identity::check_office_year(catalogue, &sub, &mut findings);
    if sub.layout.as_deref() != Some("units") {
        identity::check_unit(&raw, catalogue, &mut sub, &mut findings);
    }
    identity::check_date(&raw, catalogue, &mut sub, &mut findings);
    values::check_values(&raw, catalogue, &mut sub, &mut findings);
    for (reporter, counts) in counts_by_reporter(&sub) {
        check_counts(file, reporter, &counts, catalogue, &mut findings);
        if let Some(previous) = previous {
            previous::check_previous(file, reporter, &counts, previous, catalogue, &mut findings);
        }
    }
    explain(&sub, catalogue, &mut findings);
    Checked { submission: sub, findings, raw: Some(raw) }
}

/// Marks each warning that the clerk's note on a value of the same unit explains: a note on the warning's
/// element, or on another element of a part that element feeds (the note beside the denominator explains
/// a rate's move as well).
fn explain(sub: &Submission, catalogue: &Catalogue, findings: &mut [Finding]) {
    if sub.notes.is_empty() {
        return;
    }
    let related = |a: &str, b: &str| {
        a == b
            || catalogue.parts().any(|p| {
                let codes = || p.numerator.iter().chain(&p.denominator);
                codes().any(|c| c == a) && codes().any(|c| c == b)
            })
    };
    for finding in findings.iter_mut().filter(|f| f.severity == Severity::Warning) {
        let Some(element) = finding.element.as_deref() else { continue };
        let texts: Vec<&str> = sub
            .notes
            .iter()
            .filter(|n| finding.unit.as_deref().is_none_or(|u| n.reporter.code(catalogue) == u))
            .filter(|n| related(&n.code, element))
            .map(|n| n.text.as_str())
            .collect();
        if !texts.is_empty() {
            finding.explained = Some(texts.join("; "));
        }
    }
}
