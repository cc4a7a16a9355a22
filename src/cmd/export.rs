//! `plan export PATH…`: the data values in long format (CSV, JSON) or as DHIS2 data value sets.

use super::term;
use super::years::{aggregate_years, left_out};
use super::{Globals, outfile, print};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan export --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan export examples/2024 -o so-lieu-2024.csv              CSV UTF-8 (có BOM) mở được bằng Excel
  plan export examples/ --format json -o so-lieu.json        Mọi năm, dạng JSON
  plan export examples/2024 --format dhis2 -o dhis2-2024.json
        Nhập vào DHIS2: POST /api/dataValueSets?idScheme=CODE (khi danh mục chưa có dhis2_id);
        kỳ (period) theo kỳ báo cáo của danh mục: 01/10/2023–30/09/2024 là 2023Oct";

/// Arguments of `plan export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Các tệp hoặc thư mục chứa biểu đã nộp
    #[arg(value_name = "ĐƯỜNG_DẪN", required = true, help_heading = "Đối số")]
    paths: Vec<PathBuf>,

    /// Chỉ năm này (mặc định mọi năm có trong các biểu)
    #[arg(long, value_name = "NĂM", help_heading = "Tùy chọn")]
    year: Option<u16>,

    /// Định dạng: csv (mặc định), json, hoặc dhis2 (dataValueSets)
    #[arg(long, value_enum, default_value_t = Format::Csv, hide_default_value = true, hide_possible_values = true, value_name = "ĐỊNH_DẠNG", help_heading = "Tùy chọn")]
    format: Format,

    /// Tệp cần ghi (mặc định: in ra màn hình)
    #[arg(short = 'o', long, value_name = "TỆP", help_heading = "Tùy chọn")]
    output: Option<PathBuf>,

    /// Ghi đè tệp đã có
    #[arg(long, help_heading = "Tùy chọn")]
    force: bool,
}

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// CSV, UTF-8 with BOM.
    Csv,
    /// JSON rows.
    Json,
    /// DHIS2 dataValueSets JSON.
    Dhis2,
}

/// Runs `plan export`.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let (aggregations, without_year) = aggregate_years(&args.paths, &catalogue, lang, args.year)?;
    let rows: Vec<_> = aggregations.iter().flat_map(|a| plan::export::rows(a, &catalogue)).collect();
    let text = match args.format {
        Format::Csv => plan::export::to_csv(&rows),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&plan::export::to_json(&rows))?),
        Format::Dhis2 => {
            let value = plan::export::to_dhis2(&rows, &catalogue, lang).map_err(|refused| {
                anyhow::anyhow!("{}:\n{refused}", lang.pick("không ghi tệp DHIS2", "no DHIS2 file written"))
            })?;
            format!("{}\n", serde_json::to_string_pretty(&value)?)
        }
    };
    match &args.output {
        Some(path) => {
            outfile::write(path, text.as_bytes(), args.force, None, lang)?;
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
