//! `plan aggregate PATH…`: the consolidated report of a year, as a workbook, a Word draft and a summary.

use super::args::{Format, YearOf};
use super::outfile::{self, Target};
use super::term::{self, Tone};
use super::{Globals, print, print_with};
use anyhow::{Context, Result, bail};
use plan::aggregate::Aggregation;
use plan::batch::AggregateRequest;
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::output::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan aggregate --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan aggregate examples/2024 --year 2024 -o bao-cao-2024.xlsx
  plan aggregate nop-2025/ --previous nop-2024/ -o bao-cao-2025.xlsx
  plan aggregate nop-2025/ --format json > tong-hop-2025.json
  plan aggregate examples/2024 -o bao-cao-2024.xlsx --docx bao-cao-2024.docx

Chạy lại cùng lệnh thì báo cáo plan đã ghi được thay bằng báo cáo mới; tệp đầu vào và tệp khác thì không.
Mã thoát: 0 đã ghi báo cáo và mọi biểu cần có đều dùng được; 1 đã ghi nhưng còn biểu thiếu, bị loại hoặc
số liệu xung đột; 2 không ghi được báo cáo.";

/// Arguments of `plan aggregate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    // The workbooks and their year.
    #[command(flatten)]
    submitted: YearOf,

    /// Tệp báo cáo tổng hợp cần ghi (mặc định bao-cao-tong-hop-NĂM.xlsx; với --format json thì không ghi
    /// nếu không có -o)
    #[arg(short = 'o', long, value_name = "TỆP", help_heading = "Tùy chọn")]
    output: Option<PathBuf>,

    /// Cũng ghi dự thảo báo cáo năm bằng văn bản (Word .docx) vào tệp này
    #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
    docx: Option<PathBuf>,

    /// Ghi đè một tệp không do plan ghi (báo cáo plan đã ghi thì được thay không cần --force)
    #[arg(long, help_heading = "Tùy chọn")]
    force: bool,

    /// Dùng cả các biểu có lỗi (lỗi vẫn được liệt kê trong báo cáo)
    #[arg(long, help_heading = "Tùy chọn")]
    include_with_errors: bool,

    /// Các biểu của năm trước, để ghi giá trị năm trước bên cạnh từng chỉ tiêu
    #[arg(long, value_name = "ĐƯỜNG_DẪN", help_heading = "Tùy chọn")]
    previous: Vec<PathBuf>,

    /// Định dạng kết quả trên màn hình: table (mặc định) hoặc json (docs/aggregate-json.md)
    #[arg(long, value_enum, default_value_t = Format::Table, hide_default_value = true, hide_possible_values = true, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    format: Format,
}

/// Runs `plan aggregate`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let request = AggregateRequest {
        paths: args.submitted.paths.clone(),
        year: args.submitted.year,
        include_with_errors: args.include_with_errors,
        previous: args.previous.clone(),
        reader: crate::process::reader(),
    };
    let (aggregation, files) =
        super::bar::with_bar(lang, |tick| plan::batch::aggregate(&request, &catalogue, lang, tick))?;
    // JSON goes to the screen; a workbook only when asked for with -o.
    let output = match (&args.output, args.format) {
        (Some(path), _) => Some(path.clone()),
        (None, Format::Json) => None,
        (None, Format::Table) => Some(PathBuf::from(format!("bao-cao-tong-hop-{}.xlsx", aggregation.year))),
    };
    if let Some(docx) = &args.docx {
        // Checked before anything is written: not an input, not the workbook, not a foreign file.
        if output.as_ref().is_some_and(|o| o == docx) {
            bail!(
                "«{}»: {}",
                docx.display(),
                lang.pick("--docx cần tên khác với -o", "--docx needs another name than -o")
            );
        }
        let target = Target {
            path: docx,
            extension: Some("docx"),
            inputs: &files,
            force: args.force,
            replace_reports: false,
        };
        outfile::check(&target, lang)?;
    }
    if let Some(output) = &output {
        let target = Target {
            path: output,
            extension: Some("xlsx"),
            inputs: &files,
            force: args.force,
            replace_reports: true,
        };
        outfile::check(&target, lang)?;
        let bytes = plan::report::build(&aggregation, &catalogue, lang).context("report")?;
        if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| {
                format!(
                    "{} {}",
                    lang.pick("không tạo được thư mục", "cannot create the folder"),
                    dir.display()
                )
            })?;
        }
        write_atomic(output, &bytes, true).with_context(|| {
            format!("{} {}", lang.pick("không ghi được báo cáo", "cannot write the report"), output.display())
        })?;
    }
    if let Some(docx) = &args.docx {
        let bytes = plan::report::docx::build(&aggregation, &catalogue, lang).context("docx")?;
        write_atomic(docx, &bytes, true).with_context(|| {
            format!("{} {}", lang.pick("không ghi được tệp", "cannot write"), docx.display())
        })?;
    }
    match args.format {
        Format::Json => {
            let report = output.as_ref().map(|o| o.display().to_string());
            print_with(|out| {
                plan::aggregate::write_json(&aggregation, &catalogue, report.as_deref(), &mut *out)?;
                out.write_all(b"\n")
            })?
        }
        Format::Table => {
            let mut text = summary_text(&aggregation, &catalogue, lang);
            if let Some(output) = &output {
                text.push_str(&format!(
                    "{}: {}\n",
                    lang.pick("Đã ghi báo cáo", "Report written"),
                    output.display()
                ));
            }
            if let Some(docx) = &args.docx {
                text.push_str(&format!(
                    "{}: {}\n",
                    lang.pick("Đã ghi dự thảo văn bản", "Word draft written"),
                    docx.display()
                ));
            }
            print(&text)?
        }
    }
    Ok(if aggregation.complete() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn summary_text(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> String {
    let mut table = term::table();
    let header = [
        term::cell(lang.pick("Nhóm chỉ tiêu", "Group"), None),
        term::cell(lang.pick("Đạt", "Met"), Some(Tone::Good)),
        term::cell(lang.pick("Chưa đạt", "Not met"), Some(Tone::Error)),
        term::cell(lang.pick("Không phát sinh", "Did not occur"), None),
        term::cell(lang.pick("Thiếu số liệu", "No data"), Some(Tone::Warning)),
    ];
    table.set_header(header);
    for (group, counts) in catalogue.groups.iter().zip(aggregation.counts_by_group(catalogue)) {
        let counts = counts.1;
        let name = group.name_in(lang);
        table.add_row([
            format!("{}. {name}", group.number),
            counts[0].to_string(),
            counts[1].to_string(),
            counts[2].to_string(),
            counts[3].to_string(),
        ]);
    }
    let totals = aggregation.completeness(lang);
    let year = format!("{} {}", lang.pick("Năm", "Year"), aggregation.year);
    let totals = term::wrap("", &totals, 2);
    format!("{year}\n{table}\n{totals}{}", super::lists::what_matters(aggregation, catalogue, lang))
}
