//! `plan status PATH…`: who has reported a year, on time or late, and who is missing; with `--docx` the
//! letter that chases them (written by the library, [`plan::report::docx::reminder`]).

use super::args::YearOf;
use super::outfile::{self, Target};
use super::term::{self, Tone};
use super::{Globals, print};
use anyhow::{Context, Result, bail};
use plan::aggregate::Submitted;
use plan::date::Date;
use plan::lang::Lang;
use plan::output::write_atomic;
use plan::report::docx::reminder;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples printed under `plan status --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan status nop-2024/ --year 2024      Đơn vị nào đã nộp, đúng hạn hay trễ, còn thiếu ai
  plan status nop-2024/ --missing        Chỉ danh sách đơn vị chưa nộp (để gọi điện nhắc)
  plan status nop-2024/ --docx don-doc.docx --new-deadline 15/11/2024
                                         Công văn đôn đốc (Word) gửi các đơn vị chưa nộp hoặc còn lỗi

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

    /// Ghi công văn đôn đốc (Word .docx) gửi các đơn vị chưa nộp hoặc nộp biểu còn lỗi vào tệp này
    #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
    docx: Option<PathBuf>,

    /// Hạn mới ghi trong công văn (ngày/tháng/năm; mặc định 7 ngày sau hôm nay)
    #[arg(long, value_name = "NGÀY", help_heading = "Tùy chọn")]
    new_deadline: Option<String>,

    /// Ghi đè một tệp đã có
    #[arg(long, help_heading = "Tùy chọn")]
    force: bool,
}

/// Runs `plan status`: the register only.
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    // The letter's date and file are checked before the workbooks are read.
    let new_deadline = match (&args.docx, &args.new_deadline) {
        (Some(_), Some(text)) => Some(Date::parse_vietnamese(text).with_context(|| {
            format!(
                "--new-deadline {text}: {}",
                lang.pick(
                    "ngày cần viết dạng ngày/tháng/năm, ví dụ 15/11/2024",
                    "write the date as day/month/year, e.g. 15/11/2024"
                )
            )
        })?),
        (Some(_), None) => {
            Some(Date::today_utc().plus_days(reminder::DEFAULT_DAYS).context("--new-deadline")?)
        }
        (None, Some(_)) => {
            bail!("{}", lang.pick("--new-deadline chỉ dùng cùng --docx", "--new-deadline goes with --docx"))
        }
        (None, None) => None,
    };
    if let Some(docx) = &args.docx {
        let target = Target {
            path: docx,
            extension: Some("docx"),
            inputs: &args.submitted.paths,
            force: args.force,
            replace_reports: false,
        };
        outfile::check(&target, lang)?;
    }
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
    let letter = match (&args.docx, new_deadline) {
        (Some(docx), Some(date)) => Some(write_letter(docx, &aggregation, &catalogue, date, lang)?),
        _ => None,
    };
    if args.missing {
        print(&format!(
            "{}{}",
            super::lists::missing_only(&aggregation, &catalogue, lang),
            letter.unwrap_or_default()
        ))?;
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
    let letter = letter.unwrap_or_default();
    print(&format!("{}{table}\n{lists}{letter}", term::wrap("", &line, 2)))?;
    Ok(code)
}

/// Writes the reminder letter (`--docx`, its path checked before the workbooks were read) and returns the
/// line saying so, or that nobody is to be chased (then no file is written).
fn write_letter(
    docx: &std::path::Path,
    aggregation: &plan::aggregate::Aggregation,
    catalogue: &plan::catalogue::Catalogue,
    new_deadline: Date,
    lang: Lang,
) -> Result<String> {
    let Some(bytes) = reminder::build(aggregation, catalogue, new_deadline, lang).context("docx")? else {
        return Ok(format!(
            "{} {}\n",
            lang.pick(
                "Đã nhận đủ báo cáo hợp lệ, không cần công văn đôn đốc; không ghi",
                "Every valid report is in: no reminder needed; not written:"
            ),
            docx.display()
        ));
    };
    write_atomic(docx, &bytes, true)
        .with_context(|| format!("{} {}", lang.pick("không ghi được tệp", "cannot write"), docx.display()))?;
    Ok(format!(
        "{} ({} {}): {}\n",
        lang.pick("Đã ghi công văn đôn đốc", "Reminder letter written"),
        lang.pick("hạn mới", "new date"),
        new_deadline.vietnamese(),
        docx.display()
    ))
}
