//! `plan status PATH…`: who has reported a year, on time or late, and who is missing.

use super::args::YearOf;
use super::term::{self, Tone};
use super::{Globals, print};
use anyhow::Result;
use plan::aggregate::Submitted;
use plan::lang::Lang;
use std::process::ExitCode;

/// Examples printed under `plan status --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan status nop-2024/ --year 2024      Đơn vị nào đã nộp, đúng hạn hay trễ, còn thiếu ai
  plan status nop-2024/ --missing        Chỉ danh sách đơn vị chưa nộp (để gọi điện nhắc)

Mã thoát: 0 đã nhận đủ; 1 còn thiếu hoặc có biểu lỗi; 2 không chạy được.";

/// Arguments of `plan status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    // The workbooks and their year.
    #[command(flatten)]
    submitted: YearOf,

    /// Chỉ in danh sách đơn vị chưa nộp (đơn vị · cơ quan); mã thoát 1 khi còn người chưa nộp
    #[arg(long, help_heading = "Tùy chọn")]
    missing: bool,
}

/// Runs `plan status`: the register only.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let (aggregation, _) = super::bar::with_bar(lang, |tick| {
        plan::batch::aggregate_year(
            &args.submitted.paths,
            &crate::process::reader(),
            args.submitted.year,
            false,
            &catalogue,
            lang,
            tick,
        )
    })?;
    let code = if aggregation.missing() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) };
    if args.missing {
        print(&super::lists::missing_only(&aggregation, &catalogue, lang))?;
        return Ok(code);
    }
    let offices: Vec<_> = catalogue
        .reporting_offices()
        .filter(|o| aggregation.register.iter().any(|r| r.office == o.id))
        .collect();
    let mut table = term::table();
    // At 80 columns: offices without the word "Phòng", units without their code (the lists below have it).
    let mut header = vec![lang.pick("Đơn vị", "Unit").to_string()];
    let year = aggregation.year;
    header.extend(offices.iter().map(|o| o.short_in(year).trim_start_matches("Phòng ").to_string()));
    table.set_header(header);
    let mut reporters: Vec<_> = aggregation.register.iter().map(|r| r.reporter.clone()).collect();
    reporters.dedup();
    for reporter in reporters {
        let name = reporter.name(&catalogue);
        let name = name.rsplit_once(" (").map_or(name.as_str(), |(n, _)| n).to_string();
        let mut row = vec![term::cell(name, None)];
        for office in &offices {
            let found = aggregation.register.iter().find(|r| r.reporter == reporter && r.office == office.id);
            row.push(found.map_or(term::cell("", None), |r| {
                let date = r.date.map(|d| format!(" {:02}/{:02}", d.day, d.month)).unwrap_or_default();
                match (r.status, lang) {
                    (Submitted::OnTime, _) => term::cell(format!("✓{date}"), Some(Tone::Good)),
                    (Submitted::Late, Lang::Vi) => term::cell(format!("trễ{date}"), Some(Tone::Warning)),
                    (Submitted::Late, Lang::En) => term::cell(format!("late{date}"), Some(Tone::Warning)),
                    (Submitted::OnlyWithErrors, Lang::Vi) => term::cell("lỗi", Some(Tone::Error)),
                    (Submitted::OnlyWithErrors, Lang::En) => term::cell("errors", Some(Tone::Error)),
                    (Submitted::Missing, _) => term::cell("—", Some(Tone::Error)),
                }
            }));
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
    let unreadable =
        aggregation.sources.iter().filter(|s| s.usage == plan::aggregate::Use::Unreadable).count();
    let (year, expected) = (aggregation.year, aggregation.register.len());
    let line = match lang {
        Lang::Vi => format!(
            "Năm {year}: đúng hạn {on_time}, trễ hạn {late}, có lỗi {errors}, chưa nộp {missing} (trên {expected} biểu cần có); tệp không đọc được: {unreadable}"
        ),
        Lang::En => format!(
            "Year {year}: on time {on_time}, late {late}, with errors {errors}, missing {missing} (of {expected} expected); unreadable files: {unreadable}"
        ),
    };
    term::keep_columns(&mut table, 1..offices.len() + 1);
    let lists = super::lists::what_matters(&aggregation, &catalogue, lang);
    print(&format!("{}{table}\n{lists}", term::wrap("", &line, 2)))?;
    Ok(code)
}
