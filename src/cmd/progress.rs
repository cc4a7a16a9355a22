//! `plan progress PATH…`: trends and assessment over the years, on the terminal and as a workbook.

use super::args::Format;
use super::term;
use super::years::{aggregate_years, left_out};
use super::{Globals, outfile, print};
use anyhow::{Context, Result};
use plan::catalogue::Catalogue;
use plan::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan progress --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan progress examples/ -o tien-do.xlsx     Chuỗi số liệu 2021–2025, đánh giá tiến độ, dự báo 2025 và 2030
  plan progress nop-2021/ nop-2022/ nop-2023/ --format json

Phương pháp (Thống kê Canada / Open SDG): tốc độ thay đổi bình quân năm quan sát được từ năm gốc so với tốc
độ cần có để đạt mức của mốc tiếp theo; xem README.";

/// Arguments of `plan progress`.
#[derive(Debug, clap::Args)]
pub struct Args {
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

/// Runs `plan progress`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let (aggregations, without_year) = aggregate_years(&args.paths, &catalogue, lang, None)?;
    let trend = plan::progress::build(&aggregations, &catalogue);
    if let Some(path) = &args.output {
        let bytes = plan::progress::workbook::build(&trend, &catalogue, lang).context("progress workbook")?;
        outfile::write(path, &bytes, args.force, Some("xlsx"), lang)?;
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
                // The exact figure, rounded as the workbooks and the draft round it; a count (6.1, 13.2)
                // as a whole number.
                progress
                    .figures
                    .iter()
                    .find(|(y, _)| y == year)
                    .and_then(|(_, f)| f.value_text(part.factor, 2))
                    .map_or("—".into(), |v| match lang {
                        Lang::Vi => v.replace('.', ","),
                        Lang::En => v,
                    })
            })
            .collect();
        let target = progress
            .target
            .as_ref()
            .map(|l| format!("{}: {}", l.year, plan::catalogue::level_text(l, part.unit, lang)))
            .unwrap_or_default();
        let a = progress.progress.assessment;
        let assessment = a.label(lang).to_string();
        let ratio = progress.progress.ratio.map(|r| lang.decimal_f64(r)).unwrap_or_default();
        if list {
            let id = format!("{:<5}", part.id);
            text.push_str(&term::wrap(&id, part.short_in(lang), 5));
            let series: Vec<String> =
                trend.years.iter().zip(&values).map(|(y, v)| format!("{y}: {v}")).collect();
            text.push_str(&term::wrap("     ", &series.join(" · "), 5));
            use plan::progress::Assessment;
            let tone = match a {
                Assessment::Achieved | Assessment::OnTrack => Some(term::Tone::Good),
                Assessment::Accelerate | Assessment::Slow => Some(term::Tone::Warning),
                Assessment::Regressing => Some(term::Tone::Error),
                Assessment::InsufficientData => None,
            };
            let shown = tone.map_or_else(|| assessment.clone(), |t| term::paint(&assessment, t));
            let mut verdict = vec![];
            if !target.is_empty() {
                verdict.push(format!("{} {target}", lang.pick("mục tiêu", "level")));
            }
            if !ratio.is_empty() {
                verdict.push(format!("R = {ratio}"));
            }
            let rest = verdict.iter().map(|v| format!(" · {v}")).collect::<String>();
            text.push_str(&term::wrap(&format!("     {shown}"), &rest, 5));
        } else {
            let mut row = vec![part.id.clone(), part.short_in(lang).to_string()];
            row.extend(values);
            row.extend([target, assessment, ratio]);
            table.add_row(row);
        }
    }
    if list { text } else { format!("{table}\n") }
}
