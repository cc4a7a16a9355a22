//! `plan validate FILE…`: every problem of every workbook at once, with the cell to fix.

use super::inputs::{collect, read_and_check};
use super::{Globals, print};
use anyhow::{Result, bail};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use plan::catalogue::{Catalogue, Severity};
use plan::lang::Lang;
use plan::rules::{Checked, Previous};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan validate --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan validate bao-cao-y-te.xlsx                 Kiểm tra một tệp
  plan validate nop-2024/                          Kiểm tra mọi tệp trong thư mục (kể cả thư mục con)
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

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for the terminal.
    Table,
    /// JSON in the documented shape.
    Json,
}

/// Reads and checks files in parallel, in the order given, keeping what was read for annotated copies.
fn check_files(
    files: &[PathBuf],
    catalogue: &Catalogue,
    previous: Option<&Previous>,
    lang: Lang,
) -> Vec<Checked> {
    read_and_check(files, catalogue, previous, true, lang).into_iter().map(|i| i.checked).collect()
}

/// Runs `plan validate`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let files = collect(&args.paths);
    if files.is_empty() {
        bail!("{}", lang.pick("không tìm thấy tệp bảng tính nào", "no spreadsheet found"));
    }
    let previous = if args.previous.is_empty() {
        None
    } else {
        let checked = check_files(&collect(&args.previous), &catalogue, None, lang);
        Some(Previous::from_submissions(checked.iter().map(|c| &c.submission)))
    };
    let checked = check_files(&files, &catalogue, previous.as_ref(), lang);
    let annotated = match (&args.annotate, args.beside) {
        (Some(dir), _) => Some(super::annotate::write_all(&checked, &files, Some(dir), &catalogue, lang)?),
        (None, true) => Some(super::annotate::write_all(&checked, &files, None, &catalogue, lang)?),
        (None, false) => None,
    };
    match args.format {
        Format::Json => {
            let mut json = report_json(&checked, &catalogue);
            if let Some((written, _)) = &annotated {
                json["annotated"] =
                    json!(written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>());
            }
            print(&format!("{}\n", serde_json::to_string_pretty(&json)?))?
        }
        Format::Table => {
            let mut text = report_text(&checked, &catalogue, lang);
            if let Some((written, skipped)) = &annotated {
                for path in written {
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
    match (checked.errors(), checked.warnings(), lang) {
        (0, 0, Lang::Vi) => "Hợp lệ".into(),
        (0, 0, Lang::En) => "Valid".into(),
        (0, w, Lang::Vi) => format!("Hợp lệ, {w} cảnh báo"),
        (0, w, Lang::En) => format!("Valid, {w} warnings"),
        (e, w, Lang::Vi) => format!("{e} lỗi, {w} cảnh báo"),
        (e, w, Lang::En) => format!("{e} errors, {w} warnings"),
    }
}

fn heading(checked: &Checked, catalogue: &Catalogue, lang: Lang) -> String {
    let sub = &checked.submission;
    let mut parts = Vec::new();
    if let Some(office) = sub.office.as_deref().and_then(|o| catalogue.office(o)) {
        parts.push(office.short.clone());
    } else if sub.template_id.is_some() {
        parts.push(lang.pick("Báo cáo chung", "Combined report").to_string());
    }
    if let Some(reporter) = &sub.reporter {
        parts.push(reporter.name(catalogue));
    } else if sub.layout.as_deref() == Some("units") {
        parts.push(lang.pick("mọi đơn vị", "every unit").to_string());
    }
    if let Some(year) = sub.year {
        parts.push(format!("{} {year}", lang.pick("năm", "year")));
    }
    if let Some(date) = sub.date {
        parts.push(format!("{} {}", lang.pick("ngày", "dated"), date.vietnamese()));
    }
    if parts.is_empty() { sub.file.clone() } else { format!("{} — {}", sub.file, parts.join(" · ")) }
}

fn report_text(checked: &[Checked], catalogue: &Catalogue, lang: Lang) -> String {
    let mut text = String::new();
    for file in checked {
        text.push_str(&heading(file, catalogue, lang));
        text.push('\n');
        if !file.findings.is_empty() {
            let mut table = Table::new();
            table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
            if table.width().is_none() {
                table.set_width(140);
            }
            table.set_header(match lang {
                Lang::Vi => ["Mức", "Mã lỗi", "Ô", "Cần sửa"],
                Lang::En => ["Level", "Code", "Cell", "What to do"],
            });
            let mut findings: Vec<_> = file.findings.iter().collect();
            findings.sort_by_key(|f| f.severity);
            for finding in findings {
                let level = match finding.severity {
                    Severity::Error => lang.pick("Lỗi", "Error"),
                    Severity::Warning => lang.pick("Cảnh báo", "Warning"),
                };
                table.add_row([
                    level.to_string(),
                    finding.code.clone(),
                    finding.cell.clone().unwrap_or_default(),
                    finding.text(lang).to_string(),
                ]);
            }
            text.push_str(&format!("{table}\n"));
        }
        text.push_str(&format!("→ {}\n\n", verdict(file, lang)));
    }
    let with_errors = checked.iter().filter(|c| c.errors() > 0).count();
    text.push_str(&match lang {
        Lang::Vi => format!(
            "Đã kiểm tra {} tệp: {} hợp lệ, {with_errors} có lỗi.\n",
            checked.len(),
            checked.len() - with_errors
        ),
        Lang::En => format!(
            "Checked {} files: {} valid, {with_errors} with errors.\n",
            checked.len(),
            checked.len() - with_errors
        ),
    });
    text
}

fn report_json(checked: &[Checked], catalogue: &Catalogue) -> serde_json::Value {
    let files: Vec<serde_json::Value> = checked
        .iter()
        .map(|c| {
            let sub = &c.submission;
            json!({
                "file": sub.file,
                "status": if c.errors() == 0 { "valid" } else { "invalid" },
                "template_id": sub.template_id,
                "office": sub.office,
                "layout": sub.layout,
                "unit": sub.reporter.as_ref().map(|r| r.code(catalogue).to_string()),
                "unit_name": sub.reporter.as_ref().map(|r| r.name(catalogue)),
                "year": sub.year,
                "report_date": sub.date.map(|d| d.iso()),
                "catalogue_version": sub.catalogue_version,
                "errors": c.errors(),
                "warnings": c.warnings(),
                "findings": c.findings,
            })
        })
        .collect();
    let with_errors = checked.iter().filter(|c| c.errors() > 0).count();
    json!({
        "format": "plan-validate",
        "format_version": 1,
        "catalogue_version": catalogue.version,
        "totals": {
            "files": checked.len(),
            "valid": checked.len() - with_errors,
            "with_errors": with_errors,
            "errors": checked.iter().map(Checked::errors).sum::<usize>(),
            "warnings": checked.iter().map(Checked::warnings).sum::<usize>(),
        },
        "files": files,
    })
}
