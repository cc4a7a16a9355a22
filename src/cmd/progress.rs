//! `plan progress PATH…`: trends and assessment over the years; `plan export PATH…`: the data values in long
//! format (CSV, JSON) or as DHIS2 data value sets.

use super::outfile::{self, Target};
use super::term;
use super::{Globals, print};
use anyhow::{Context, Result};
use plan::aggregate::{Aggregation, Use};
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use plan::output::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan progress --help`.
pub const PROGRESS_AFTER_HELP: &str = "\
Ví dụ:
  plan progress examples/ -o tien-do.xlsx     Chuỗi số liệu 2021–2025, đánh giá tiến độ, dự báo 2025 và 2030
  plan progress nop-2021/ nop-2022/ nop-2023/ --format json

Phương pháp (Thống kê Canada / Open SDG): tốc độ thay đổi bình quân năm quan sát được từ năm gốc so với tốc
độ cần có để đạt mức của mốc tiếp theo; xem README.";

/// Examples printed under `plan export --help`.
pub const EXPORT_AFTER_HELP: &str = "\
Ví dụ:
  plan export examples/2024 -o so-lieu-2024.csv              CSV UTF-8 (có BOM) mở được bằng Excel
  plan export examples/ --format json -o so-lieu.json        Mọi năm, dạng JSON
  plan export examples/2024 --format dhis2 -o dhis2-2024.json
        Nhập vào DHIS2: POST /api/dataValueSets?idScheme=CODE (khi danh mục chưa có dhis2_id)";

/// Arguments of `plan progress`.
#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    /// Các tệp hoặc thư mục chứa biểu đã nộp của nhiều năm
    #[arg(value_name = "ĐƯỜNG_DẪN", required = true, help_heading = "Đối số")]
    paths: Vec<PathBuf>,

    /// Tệp Excel cần ghi (bảng xu hướng, đánh giá, biểu đồ)
    #[arg(short = 'o', long, value_name = "TỆP", help_heading = "Tùy chọn")]
    output: Option<PathBuf>,

    /// Ghi đè tệp đã có
    #[arg(long, help_heading = "Tùy chọn")]
    force: bool,

    /// Định dạng trên màn hình: table (mặc định) hoặc json
    #[arg(long, value_enum, default_value_t = Format::Table, hide_default_value = true, hide_possible_values = true, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    format: Format,
}

/// Arguments of `plan export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Các tệp hoặc thư mục chứa biểu đã nộp
    #[arg(value_name = "ĐƯỜNG_DẪN", required = true, help_heading = "Đối số")]
    paths: Vec<PathBuf>,

    /// Chỉ năm này (mặc định mọi năm có trong các biểu)
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    year: Option<u16>,

    /// Định dạng: csv (mặc định), json, hoặc dhis2 (dataValueSets)
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv, hide_default_value = true, hide_possible_values = true, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    format: ExportFormat,

    /// Tệp cần ghi (mặc định: in ra màn hình)
    #[arg(short = 'o', long, value_name = "TỆP", help_heading = "Tùy chọn")]
    output: Option<PathBuf>,

    /// Ghi đè tệp đã có
    #[arg(long, help_heading = "Tùy chọn")]
    force: bool,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for the terminal.
    Table,
    /// JSON.
    Json,
}

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// CSV, UTF-8 with BOM.
    Csv,
    /// JSON rows.
    Json,
    /// DHIS2 dataValueSets JSON.
    Dhis2,
}

/// One aggregation per year (or only `only`) with a progress bar, and the files no year holds.
fn aggregate_years(
    paths: &[PathBuf],
    catalogue: &Catalogue,
    lang: Lang,
    only: Option<u16>,
) -> Result<(Vec<Aggregation>, Vec<String>)> {
    let reader = crate::process::reader();
    super::bar::with_bar(lang, |tick| {
        plan::batch::aggregate_years(paths, &reader, catalogue, lang, only, tick)
    })
}

fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
    force: bool,
    extension: Option<&str>,
    lang: Lang,
) -> Result<()> {
    let target = Target { path, extension, inputs: &[], force, replace_reports: false };
    outfile::check(&target, lang)?;
    write_atomic(path, bytes, force)
        .with_context(|| format!("{} {}", lang.pick("không ghi được tệp", "cannot write"), path.display()))
}

/// What was left out of the years read, for people: files not used (with why) and conflicting values.
fn left_out(without_year: &[String], aggregations: &[Aggregation], lang: Lang) -> String {
    let mut files: Vec<String> = without_year
        .iter()
        .map(|f| {
            format!(
                "{f}: {}",
                lang.pick("không đọc được hoặc không ghi năm báo cáo", "unreadable, or gives no year")
            )
        })
        .collect();
    let mut conflicts = 0;
    for aggregation in aggregations {
        conflicts += aggregation.conflicts();
        for source in &aggregation.sources {
            if matches!(source.usage, Use::Unreadable | Use::ExcludedErrors | Use::NotSubmission) {
                let why = match lang {
                    Lang::Vi => source.usage.label_vi(&aggregation.sources),
                    Lang::En => source.usage.label_en(&aggregation.sources),
                };
                files.push(format!("{}: {why}", source.file));
            }
        }
    }
    let mut text = String::new();
    if !files.is_empty() {
        let title = term::count(files.len(), "tệp bị bỏ qua", "file skipped", "files skipped", lang);
        text.push_str(&format!("{title}:\n{}", term::capped(&files, 10, "", lang)));
    }
    if conflicts > 0 {
        text.push_str(&match lang {
            Lang::Vi => format!(
                "{conflicts} số liệu xung đột (hai tệp cùng ngày, giá trị khác nhau) không được tính\n"
            ),
            Lang::En => format!(
                "{} (two files of the same date, different values) left out\n",
                term::en(conflicts, "conflicting value", "conflicting values")
            ),
        });
    }
    text
}

/// Runs `plan progress`.
pub fn run_progress(globals: &Globals, args: ProgressArgs) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let (aggregations, without_year) = aggregate_years(&args.paths, &catalogue, lang, None)?;
    let trend = plan::progress::build(&aggregations, &catalogue);
    if let Some(path) = &args.output {
        let bytes = plan::progress::report::build(&trend, &catalogue, lang).context("progress workbook")?;
        write_output(path, &bytes, args.force, Some("xlsx"), lang)?;
    }
    match args.format {
        Format::Json => print(&format!("{}\n", serde_json::to_string_pretty(&trend)?))?,
        Format::Table => {
            let text = trend_text(&trend, &catalogue, lang);
            let written = args
                .output
                .as_ref()
                .map(|p| format!("{}: {}\n", lang.pick("Đã ghi", "Written"), p.display()))
                .unwrap_or_default();
            print(&format!("{text}{}{written}", left_out(&without_year, &aggregations, lang)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Below this width the trend is a list, not a table: ten columns do not fit 80.
const LIST_BELOW: u16 = 120;

/// The trend for the terminal: a table on a wide one, else two or three lines a part.
fn trend_text(trend: &plan::progress::Trend, catalogue: &Catalogue, lang: Lang) -> String {
    let list = term::width() < LIST_BELOW;
    let mut table = term::table();
    let mut header = vec![lang.pick("Mã", "Part").to_string(), lang.pick("Chỉ tiêu", "Target").to_string()];
    header.extend(trend.years.iter().map(u16::to_string));
    header.extend([
        lang.pick("Mục tiêu", "Level").into(),
        lang.pick("Đánh giá", "Assessment").into(),
        "R".into(),
    ]);
    table.set_header(header);
    let mut text = String::new();
    for (part, progress) in catalogue.parts().zip(&trend.parts) {
        let values: Vec<String> = trend
            .years
            .iter()
            .map(|year| {
                progress
                    .values
                    .iter()
                    .find(|(y, _)| y == year)
                    .map_or("—".into(), |(_, v)| lang.decimal_f64(*v))
            })
            .collect();
        let target = progress
            .target
            .as_ref()
            .map(|l| format!("{}: {}", l.year, plan::catalogue::level_text(l, part.unit, lang)))
            .unwrap_or_default();
        let a = progress.progress.assessment;
        let assessment = lang.pick(a.label_vi(), a.label_en()).to_string();
        let ratio = progress.progress.ratio.map(|r| lang.decimal_f64(r)).unwrap_or_default();
        if list {
            let id = format!("{:<5}", part.id);
            text.push_str(&term::wrap(&id, 5, part.short_in(lang), 5));
            let series: Vec<String> =
                trend.years.iter().zip(&values).map(|(y, v)| format!("{y}: {v}")).collect();
            text.push_str(&term::wrap("     ", 5, &series.join(" · "), 5));
            use plan::progress::Assessment;
            let tone = match a {
                Assessment::Achieved | Assessment::OnTrack => Some(term::Tone::Good),
                Assessment::Accelerate | Assessment::Slow => Some(term::Tone::Warning),
                Assessment::Regressing => Some(term::Tone::Error),
                Assessment::InsufficientData => None,
            };
            let shown = tone.map_or_else(|| assessment.clone(), |t| term::paint(&assessment, t));
            let plain_width = assessment.chars().count();
            let mut verdict = vec![];
            if !target.is_empty() {
                verdict.push(format!("{} {target}", lang.pick("mục tiêu", "level")));
            }
            if !ratio.is_empty() {
                verdict.push(format!("R = {ratio}"));
            }
            let rest = verdict.iter().map(|v| format!(" · {v}")).collect::<String>();
            text.push_str(&term::wrap(&format!("     {shown}"), 5 + plain_width, &rest, 5));
        } else {
            let mut row = vec![part.id.clone(), part.short_in(lang).to_string()];
            row.extend(values);
            row.extend([target, assessment, ratio]);
            table.add_row(row);
        }
    }
    if list { text } else { format!("{table}\n") }
}

/// Runs `plan export`.
pub fn run_export(globals: &Globals, args: ExportArgs) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let (aggregations, without_year) = aggregate_years(&args.paths, &catalogue, lang, args.year)?;
    let rows: Vec<_> = aggregations.iter().flat_map(|a| plan::export::rows(a, &catalogue)).collect();
    let text = match args.format {
        ExportFormat::Csv => plan::export::to_csv(&rows),
        ExportFormat::Json => format!("{}\n", serde_json::to_string_pretty(&plan::export::to_json(&rows))?),
        ExportFormat::Dhis2 => format!("{}\n", serde_json::to_string_pretty(&plan::export::to_dhis2(&rows))?),
    };
    match &args.output {
        Some(path) => {
            write_output(path, text.as_bytes(), args.force, None, lang)?;
            eprintln!(
                "{} {}: {}",
                lang.pick("Đã ghi", "Wrote"),
                term::count(rows.len(), "số liệu", "value", "values", lang),
                path.display()
            );
        }
        None => print(&text)?,
    }
    // The data go to standard output: what was left out goes to the error stream.
    eprint!("{}", left_out(&without_year, &aggregations, lang));
    Ok(ExitCode::SUCCESS)
}
