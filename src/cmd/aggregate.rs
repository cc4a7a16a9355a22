//! `plan aggregate PATH…`: the consolidated report of a year; `plan status PATH…`: who has reported.

use super::inputs::{collect, read_and_fold};
use super::{Globals, print, print_with};
use anyhow::{Context, Result, bail};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use plan::aggregate::{AggregateError, Aggregation, Submitted};
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::output::write_atomic;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Examples printed under `plan aggregate --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan aggregate examples/2024 --year 2024 -o bao-cao-2024.xlsx
  plan aggregate nop-2025/ --previous nop-2024/ -o bao-cao-2025.xlsx
  plan aggregate nop-2025/ --format json > tong-hop-2025.json
  plan aggregate examples/2024 -o bao-cao-2024.xlsx --docx bao-cao-2024.docx

Mã thoát: 0 đã ghi báo cáo và mọi biểu cần có đều dùng được; 1 đã ghi nhưng còn biểu thiếu, bị loại hoặc
số liệu xung đột; 2 không ghi được báo cáo.";

/// Examples printed under `plan status --help`.
pub const STATUS_AFTER_HELP: &str = "\
Ví dụ:
  plan status nop-2024/ --year 2024      Đơn vị nào đã nộp, đúng hạn hay trễ, còn thiếu ai

Mã thoát: 0 đã nhận đủ; 1 còn thiếu hoặc có biểu lỗi; 2 không chạy được.";

/// Arguments of `plan aggregate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Các tệp hoặc thư mục chứa biểu đã nộp
    #[arg(value_name = "ĐƯỜNG_DẪN", required = true, help_heading = "Đối số")]
    paths: Vec<PathBuf>,

    /// Năm báo cáo (bỏ trống nếu mọi biểu cùng một năm)
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    year: Option<u16>,

    /// Tệp báo cáo tổng hợp cần ghi (mặc định bao-cao-tong-hop-NĂM.xlsx)
    #[arg(short = 'o', long, value_name = "TỆP", help_heading = "Tùy chọn")]
    output: Option<PathBuf>,

    /// Cũng ghi dự thảo báo cáo năm bằng văn bản (Word .docx) vào tệp này
    #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
    docx: Option<PathBuf>,

    /// Ghi đè báo cáo đã có
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

/// Arguments of `plan status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Các tệp hoặc thư mục chứa biểu đã nộp
    #[arg(value_name = "ĐƯỜNG_DẪN", required = true, help_heading = "Đối số")]
    paths: Vec<PathBuf>,

    /// Năm báo cáo (bỏ trống nếu mọi biểu cùng một năm)
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    year: Option<u16>,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for the terminal.
    Table,
    /// JSON in the documented shape.
    Json,
}

fn year_error(error: AggregateError, lang: Lang) -> anyhow::Error {
    match error {
        AggregateError::SeveralYears(years) => anyhow::anyhow!(
            "{}: {}; {}",
            lang.pick("các biểu thuộc nhiều năm", "the workbooks are for several years"),
            years.iter().map(u16::to_string).collect::<Vec<_>>().join(", "),
            lang.pick("chọn năm bằng --year", "choose one with --year")
        ),
        AggregateError::NoYear => anyhow::anyhow!(
            "{}",
            lang.pick(
                "không biểu nào ghi năm báo cáo: dùng --year",
                "no workbook gives its year: use --year"
            )
        ),
    }
}

/// Reads and aggregates a set of paths.
fn run_aggregation(
    paths: &[PathBuf],
    year: Option<u16>,
    include_with_errors: bool,
    catalogue: &Catalogue,
    lang: Lang,
) -> Result<(Aggregation, Vec<PathBuf>)> {
    let files = collect(paths);
    if files.is_empty() {
        bail!("{}", lang.pick("không tìm thấy tệp bảng tính nào", "no spreadsheet found"));
    }
    let aggregator = read_and_fold(&files, catalogue, include_with_errors, lang);
    let aggregation = aggregator.finish(year).map_err(|e| year_error(e, lang))?;
    Ok((aggregation, files))
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Runs `plan aggregate`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let (mut aggregation, files) =
        run_aggregation(&args.paths, args.year, args.include_with_errors, &catalogue, lang)?;
    if !args.previous.is_empty() {
        let (previous, _) = run_aggregation(
            &args.previous,
            Some(aggregation.year - 1),
            args.include_with_errors,
            &catalogue,
            lang,
        )?;
        aggregation.previous = previous.parts.iter().map(|p| Some(p.district.clone())).collect();
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("bao-cao-tong-hop-{}.xlsx", aggregation.year)));
    if files.iter().any(|f| same_file(f, &output)) && !is_report(&output) {
        bail!(
            "{} {}",
            lang.pick("không ghi đè lên tệp đầu vào", "will not write over an input"),
            output.display()
        );
    }
    if output.exists() && !args.force {
        bail!(
            "{} {} {}",
            lang.pick("đã có tệp", "already exists:"),
            output.display(),
            lang.pick("(dùng --force để ghi đè)", "(use --force)")
        );
    }
    if let Some(docx) = &args.docx {
        check_output(docx, &files, &output, args.force, lang)?;
    }
    let bytes = plan::report::build(&aggregation, &catalogue, lang).context("report")?;
    write_output(&output, &bytes, args.force, lang)?;
    if let Some(docx) = &args.docx {
        let bytes = plan::report::docx::build(&aggregation, &catalogue, lang).context("docx")?;
        write_output(docx, &bytes, args.force, lang)?;
    }
    match args.format {
        Format::Json => {
            let report = output.display().to_string();
            print_with(|out| {
                plan::aggregate::write_json(&aggregation, &catalogue, Some(&report), &mut *out)?;
                out.write_all(b"\n")
            })?
        }
        Format::Table => {
            print(&summary_text(&aggregation, &catalogue, &output, lang))?;
            if let Some(docx) = &args.docx {
                print(&format!(
                    "{}: {}\n",
                    lang.pick("Đã ghi dự thảo văn bản", "Word draft written"),
                    docx.display()
                ))?;
            }
        }
    }
    Ok(if aggregation.complete() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Refuses a Word draft path that is an input, the workbook report itself, or an existing file without
/// --force.
fn check_output(docx: &Path, files: &[PathBuf], report: &Path, force: bool, lang: Lang) -> Result<()> {
    if files.iter().any(|f| same_file(f, docx)) || same_file(docx, report) {
        bail!(
            "{} {}",
            lang.pick(
                "không ghi đè lên tệp đầu vào hay báo cáo",
                "will not write over an input or the report"
            ),
            docx.display()
        );
    }
    if docx.exists() && !force {
        bail!(
            "{} {} {}",
            lang.pick("đã có tệp", "already exists:"),
            docx.display(),
            lang.pick("(dùng --force để ghi đè)", "(use --force)")
        );
    }
    Ok(())
}

/// Writes an output file atomically, making its folder.
fn write_output(path: &Path, bytes: &[u8], force: bool, lang: Lang) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(path, bytes, force).with_context(|| {
        format!("{} {}", lang.pick("không ghi được báo cáo", "cannot write the report"), path.display())
    })
}

/// Whether a file is a report of this tool (which may be replaced with --force).
fn is_report(path: &Path) -> bool {
    plan::submission::read_path(path)
        .is_ok_and(|raw| raw.stamp.get("kind").map(String::as_str) == Some(plan::report::REPORT_KIND))
}

fn summary_text(aggregation: &Aggregation, catalogue: &Catalogue, output: &Path, lang: Lang) -> String {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    if table.width().is_none() {
        table.set_width(120);
    }
    table.set_header([
        lang.pick("Nhóm chỉ tiêu", "Group"),
        lang.pick("Đạt", "Met"),
        lang.pick("Chưa đạt", "Not met"),
        lang.pick("Không phát sinh", "Did not occur"),
        lang.pick("Thiếu số liệu", "No data"),
    ]);
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
    let received = aggregation.register.len() - aggregation.missing();
    let warnings =
        aggregation.findings.iter().filter(|f| f.severity == plan::catalogue::Severity::Warning).count();
    let errors = aggregation.findings.len() - warnings;
    match lang {
        Lang::Vi => format!(
            "Năm {}\n{table}\nBiểu đã nhận và dùng được: {received}/{} · tệp không dùng: {} · số liệu xung đột: {} · {errors} lỗi, {warnings} cảnh báo\nĐã ghi báo cáo: {}\n",
            aggregation.year,
            aggregation.register.len(),
            aggregation.excluded(),
            aggregation.conflicts(),
            output.display()
        ),
        Lang::En => format!(
            "Year {}\n{table}\nWorkbooks received and used: {received}/{} · files not used: {} · conflicting values: {} · {errors} errors, {warnings} warnings\nReport written: {}\n",
            aggregation.year,
            aggregation.register.len(),
            aggregation.excluded(),
            aggregation.conflicts(),
            output.display()
        ),
    }
}

/// Runs `plan status`: the register only.
pub fn run_status(globals: &Globals, args: StatusArgs) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let (aggregation, _) = run_aggregation(&args.paths, args.year, false, &catalogue, lang)?;
    let offices: Vec<_> = catalogue
        .reporting_offices()
        .filter(|o| aggregation.register.iter().any(|r| r.office == o.id))
        .collect();
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    if table.width().is_none() {
        table.set_width(140);
    }
    let mut header = vec![lang.pick("Đơn vị", "Unit").to_string()];
    header.extend(offices.iter().map(|o| o.short.clone()));
    table.set_header(header);
    let mut reporters: Vec<_> = aggregation.register.iter().map(|r| r.reporter.clone()).collect();
    reporters.dedup();
    for reporter in reporters {
        let mut row = vec![reporter.name(&catalogue)];
        for office in &offices {
            let cell = aggregation
                .register
                .iter()
                .find(|r| r.reporter == reporter && r.office == office.id)
                .map_or(String::new(), |r| {
                    let date = r.date.map(|d| format!(" {:02}/{:02}", d.day, d.month)).unwrap_or_default();
                    match (r.status, lang) {
                        (Submitted::OnTime, _) => format!("✓{date}"),
                        (Submitted::Late, Lang::Vi) => format!("trễ{date}"),
                        (Submitted::Late, Lang::En) => format!("late{date}"),
                        (Submitted::OnlyWithErrors, Lang::Vi) => "lỗi".into(),
                        (Submitted::OnlyWithErrors, Lang::En) => "errors".into(),
                        (Submitted::Missing, _) => "—".into(),
                    }
                });
            row.push(cell);
        }
        table.add_row(row);
    }
    let count = |s: Submitted| aggregation.register.iter().filter(|r| r.status == s).count();
    let (on_time, late, errors, missing) = (
        count(Submitted::OnTime),
        count(Submitted::Late),
        count(Submitted::OnlyWithErrors),
        count(Submitted::Missing),
    );
    let (year, expected) = (aggregation.year, aggregation.register.len());
    let text = match lang {
        Lang::Vi => format!(
            "Năm {year}: đúng hạn {on_time}, trễ hạn {late}, có lỗi {errors}, chưa nộp {missing} (trên {expected} biểu cần có)\n{table}\n"
        ),
        Lang::En => format!(
            "Year {year}: on time {on_time}, late {late}, with errors {errors}, missing {missing} (of {expected} expected)\n{table}\n"
        ),
    };
    print(&text)?;
    Ok(if aggregation.missing() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
