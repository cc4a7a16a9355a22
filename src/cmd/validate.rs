//! `plan validate FILE…`: every problem of every workbook at once, with the cell to fix.

use super::args::Format;
use super::term::{self, Tone};
use super::{Globals, print};
use anyhow::Result;
use plan::batch::{ValidateRequest, validate_json};
use plan::catalogue::{Catalogue, Severity};
use plan::lang::Lang;
use plan::rules::Checked;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan validate --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan validate bao-cao-y-te.xlsx                 Kiểm tra một tệp
  plan validate nop-2024/                          Kiểm tra mọi tệp trong thư mục (kể cả thư mục con)
  plan validate nop-2024/ --year 2024              Kiểm tra thêm: mọi tệp đều là báo cáo năm 2024
  plan validate nop-2024/ --all                    In cả một dòng «hợp lệ» cho mỗi tệp không có vấn đề
  plan validate nop-2024/ --previous nop-2023/     So sánh thêm với số liệu năm trước
  plan validate nop-2024/ --format json > kiem-tra.json
  plan validate bao-cao-y-te.xlsx --annotate can-sua/
                                                   Bản sao tô đỏ ô lỗi, kèm ghi chú cách sửa

Mã thoát: 0 không tệp nào có lỗi (có thể có cảnh báo); 1 có tệp có lỗi; 2 không chạy được.";

/// Arguments of `plan validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tệp hoặc thư mục cần kiểm tra (.xlsx, .xlsm, .xls, .ods)
    #[arg(value_name = "ĐƯỜNG_DẪN", required = true, help_heading = "Đối số")]
    paths: Vec<PathBuf>,

    /// Kiểm tra thêm: mọi tệp đều là báo cáo của năm này
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    year: Option<u16>,

    /// In cả một dòng «hợp lệ» cho mỗi tệp không có lỗi hay cảnh báo (mặc định chỉ in tệp có vấn đề)
    #[arg(long, help_heading = "Tùy chọn")]
    all: bool,

    /// Các tệp của năm trước, để cảnh báo khi số liệu thay đổi bất thường
    #[arg(long, value_name = "ĐƯỜNG_DẪN", help_heading = "Tùy chọn")]
    previous: Vec<PathBuf>,

    /// Ghi vào thư mục này một bản sao có chú thích cho mỗi tệp có lỗi: ô lỗi tô đỏ kèm ghi chú cách sửa,
    /// và trang «Lỗi cần sửa»
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    annotate: Option<PathBuf>,

    /// Định dạng đầu ra: table (bảng, mặc định) hoặc json (cấu trúc mô tả trong docs/validate-json.md)
    #[arg(long, value_enum, default_value_t = Format::Table, hide_default_value = true, hide_possible_values = true, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    format: Format,

    /// Annotated copies beside each workbook rather than in one folder (workbooks dropped on `plan.exe`).
    #[arg(skip)]
    pub(super) beside: bool,
}

/// Runs `plan validate`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let request = ValidateRequest {
        paths: args.paths.clone(),
        year: args.year,
        previous: args.previous.clone(),
        short_names: false,
        reader: crate::process::reader(),
    };
    let (files, checked) =
        super::bar::with_bar(lang, |tick| plan::batch::validate(&request, &catalogue, lang, tick))?;
    let annotated = match (&args.annotate, args.beside) {
        (Some(dir), _) => Some(plan::batch::annotate::write_all(
            &checked,
            &files,
            &request.reader,
            Some(dir),
            &catalogue,
            lang,
        )?),
        (None, true) => {
            Some(plan::batch::annotate::write_all(&checked, &files, &request.reader, None, &catalogue, lang)?)
        }
        (None, false) => None,
    };
    match args.format {
        Format::Json => {
            let mut json = validate_json(&checked, &catalogue);
            if let Some((written, _)) = &annotated {
                json["annotated"] =
                    json!(written.iter().map(|(_, p)| p.display().to_string()).collect::<Vec<_>>());
            }
            print(&format!("{}\n", serde_json::to_string_pretty(&json)?))?
        }
        Format::Table => {
            let mut text = report_text(&checked, &catalogue, args.all, lang);
            if let Some((written, skipped)) = &annotated {
                for (_, path) in written {
                    let label = lang.pick("Bản có chú thích lỗi", "Annotated copy");
                    text.push_str(&format!("{label}: {}\n", path.display()));
                }
                for file in skipped {
                    let label = lang.pick("Không tạo được bản chú thích cho", "No annotated copy for");
                    text.push_str(&format!("{label}: {file}\n"));
                }
            }
            print(&text)?
        }
    }
    let failed = checked.iter().any(|c| c.errors() > 0);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn verdict(checked: &Checked, lang: Lang) -> String {
    let warnings = term::count(checked.warnings(), "cảnh báo", "warning", "warnings", lang);
    let errors = term::count(checked.errors(), "lỗi", "error", "errors", lang);
    match (checked.errors(), checked.warnings()) {
        (0, 0) => term::paint(lang.pick("Hợp lệ", "Valid"), Tone::Good),
        (0, _) => format!(
            "{}, {}",
            term::paint(lang.pick("Hợp lệ", "Valid"), Tone::Good),
            term::paint(&warnings, Tone::Warning)
        ),
        (_, _) => format!("{}, {warnings}", term::paint(&errors, Tone::Error)),
    }
}

fn heading(checked: &Checked, catalogue: &Catalogue, lang: Lang) -> String {
    let sub = &checked.submission;
    let parts = plan::batch::validate::described(checked, catalogue, lang);
    let one_line = format!("{} — {}", sub.file, parts.join(" · "));
    match parts.is_empty() {
        true => sub.file.clone(),
        // Too wide: who and when under the file name, not broken inside a code.
        false if term::display_width(&one_line) > usize::from(term::width()) => {
            format!("{}\n  {}", sub.file, parts.join(" · "))
        }
        false => one_line,
    }
}

/// One problem as a list item that reads at 80 columns: "  Lỗi Sheet!E20: what to do", wrapped and
/// indented.
fn finding_lines(finding: &plan::rules::Finding, lang: Lang) -> String {
    let (level, tone) = match finding.severity {
        Severity::Error => (lang.pick("Lỗi", "Error"), Tone::Error),
        Severity::Warning => (lang.pick("Cảnh báo", "Warning"), Tone::Warning),
    };
    // The cell is shown once: before the message, unless the message names it already.
    let cell = finding
        .cell
        .as_deref()
        .filter(|c| !finding.text(lang).contains(c))
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    let first = format!("  {}{cell}: ", term::paint(level, tone));
    term::wrap(&first, finding.text(lang), 4)
}

fn report_text(checked: &[Checked], catalogue: &Catalogue, all: bool, lang: Lang) -> String {
    let mut text = String::new();
    for file in checked {
        if file.findings.is_empty() {
            if all {
                text.push_str(&format!("{} → {}\n", heading(file, catalogue, lang), verdict(file, lang)));
            }
            continue;
        }
        text.push_str(&heading(file, catalogue, lang));
        text.push('\n');
        let mut findings: Vec<_> = file.findings.iter().collect();
        findings.sort_by_key(|f| f.severity);
        for finding in findings {
            text.push_str(&finding_lines(finding, lang));
        }
        text.push_str(&format!("→ {}\n\n", verdict(file, lang)));
    }
    let with_errors: Vec<&Checked> = checked.iter().filter(|c| c.errors() > 0).collect();
    let with_warnings = checked.iter().filter(|c| c.errors() == 0 && c.warnings() > 0).count();
    let errors: usize = checked.iter().map(Checked::errors).sum();
    let warnings: usize = checked.iter().map(Checked::warnings).sum();
    let files = term::count(checked.len(), "tệp", "file", "files", lang);
    let valid = checked.len() - with_errors.len();
    text.push_str(&match lang {
        Lang::Vi => format!(
            "Đã kiểm tra {files}: {valid} hợp lệ ({with_warnings} có cảnh báo), {} có lỗi; tổng {errors} lỗi, {warnings} cảnh báo.\n",
            with_errors.len()
        ),
        Lang::En => format!(
            "Checked {files}: {valid} valid ({with_warnings} with warnings), {} with errors; {}, {} in all.\n",
            with_errors.len(),
            term::en(errors, "error", "errors"),
            term::en(warnings, "warning", "warnings"),
        ),
    });
    if !with_errors.is_empty() {
        let names: Vec<String> = with_errors
            .iter()
            .map(|c| {
                format!("{} ({})", c.submission.file, term::count(c.errors(), "lỗi", "error", "errors", lang))
            })
            .collect();
        let title = term::paint(lang.pick("Tệp có lỗi cần sửa", "Files with errors to fix"), Tone::Error);
        text.push_str(&format!("{title}:\n{}", term::capped(&names, 20, "", lang)));
    }
    text
}
