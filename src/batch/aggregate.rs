//! Aggregating a year, or every year, of a set of workbooks (`plan aggregate`, `plan status`, `plan
//! progress`, `plan export`, the page's «Tổng hợp» and «Tiến độ»).

use super::files::{gather, shown_name};
use super::read::{Tick, no_tick, read_and_fold, read_and_fold_by_year};
use super::span::check_year_in_span;
use crate::aggregate::{AggregateError, Aggregation};
use crate::catalogue::Catalogue;
use crate::lang::Lang;
use crate::submission::Reader;
use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// What `plan aggregate` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct AggregateRequest {
    /// Files or folders of the year's submissions.
    pub paths: Vec<PathBuf>,
    /// The year (when the workbooks are of several).
    pub year: Option<u16>,
    /// Use workbooks with errors as well.
    pub include_with_errors: bool,
    /// Files or folders of the year before, for the previous year's column.
    pub previous: Vec<PathBuf>,
    /// How workbooks are read.
    pub reader: Reader,
}

/// Reads and aggregates the year asked for, with the previous year's district figures when asked; returns
/// the aggregation and the files read.
pub fn aggregate(
    request: &AggregateRequest,
    catalogue: &Catalogue,
    lang: Lang,
    tick: Tick,
) -> Result<(Aggregation, Vec<PathBuf>)> {
    let (mut aggregation, files) = aggregate_year(
        &request.paths,
        &request.reader,
        request.year,
        request.include_with_errors,
        catalogue,
        lang,
        tick,
    )?;
    if !request.previous.is_empty() {
        let (previous, _) = aggregate_year(
            &request.previous,
            &request.reader,
            Some(aggregation.year - 1),
            request.include_with_errors,
            catalogue,
            lang,
            &no_tick,
        )
        .context("--previous")?;
        aggregation.previous = previous.parts.iter().map(|p| Some(p.district.clone())).collect();
    }
    Ok((aggregation, files))
}

/// Reads (as `reader` does) and aggregates a set of paths for a year inside the plan's span that some file
/// is of.
pub fn aggregate_year(
    paths: &[PathBuf],
    reader: &Reader,
    year: Option<u16>,
    include_with_errors: bool,
    catalogue: &Catalogue,
    lang: Lang,
    tick: Tick,
) -> Result<(Aggregation, Vec<PathBuf>)> {
    check_year_in_span(catalogue, year, lang)?;
    let files = gather(paths, lang)?;
    let aggregator = read_and_fold(&files, paths, reader, catalogue, include_with_errors, tick);
    let aggregation = aggregator.finish(year).map_err(|e| year_error(e, lang))?;
    check_year_in_span(catalogue, Some(aggregation.year), lang)?;
    check_files_of_year(&aggregation, lang)?;
    Ok((aggregation, files))
}

fn year_error(error: AggregateError, lang: Lang) -> anyhow::Error {
    anyhow::Error::new(YearUnclear { error, lang })
}

/// The workbooks do not tell which year to aggregate (they are of several years, or give none) and none was
/// chosen. Each front end says how to choose it in its own words ([`YearUnclear::sentence`]: "--year" on
/// the command line, the year box on the page); shown as it is, it says to choose the year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.sentence(self.lang.pick("hãy chọn năm báo cáo", "choose the year")))]
pub struct YearUnclear {
    /// Why the year is not known.
    pub error: AggregateError,
    /// The language of the sentence.
    pub lang: Lang,
}

impl YearUnclear {
    /// What is wrong, then `choose`, the front end's words for choosing a year: "các biểu thuộc nhiều năm:
    /// 2023, 2024; chọn năm bằng --year".
    pub fn sentence(&self, choose: &str) -> String {
        let lang = self.lang;
        match &self.error {
            AggregateError::SeveralYears(years) => format!(
                "{}: {}; {choose}",
                lang.pick("các biểu thuộc nhiều năm", "the workbooks are for several years"),
                years.iter().map(u16::to_string).collect::<Vec<_>>().join(", "),
            ),
            AggregateError::NoYear => {
                format!(
                    "{}: {choose}",
                    lang.pick("không biểu nào ghi năm báo cáo", "no workbook gives its year")
                )
            }
        }
    }
}

/// An error when no file is of the aggregation's year: "88 tệp là của năm 2024, không có tệp nào của năm
/// 2023".
fn check_files_of_year(aggregation: &Aggregation, lang: Lang) -> Result<()> {
    let year = aggregation.year;
    if aggregation.sources.iter().any(|s| s.year == Some(year)) {
        return Ok(());
    }
    let mut by_year = BTreeMap::<u16, usize>::new();
    for source in &aggregation.sources {
        if let Some(y) = source.year {
            *by_year.entry(y).or_default() += 1;
        }
    }
    let others: Vec<String> = by_year
        .iter()
        .map(|(y, n)| match lang {
            Lang::Vi => format!("{n} tệp là của năm {y}"),
            Lang::En => format!("{} for {y}", crate::lang::en(*n, "file is", "files are")),
        })
        .collect();
    let none = match lang {
        Lang::Vi => format!("không có tệp nào của năm {year}"),
        Lang::En => format!("none is for {year}"),
    };
    if others.is_empty() {
        bail!("{}; {none}", lang.pick("không tệp nào ghi năm báo cáo", "no file gives its year"));
    }
    bail!("{}, {none}", others.join(", "))
}

/// One aggregation per year found in the submissions (or only `only`), the files no year holds
/// (unreadable, or giving no year), and the files read.
pub fn aggregate_years(
    paths: &[PathBuf],
    reader: &Reader,
    catalogue: &Catalogue,
    lang: Lang,
    only: Option<u16>,
    tick: Tick,
) -> Result<(Vec<Aggregation>, Vec<String>)> {
    check_year_in_span(catalogue, only, lang)?;
    let files = gather(paths, lang)?;
    let by_year = read_and_fold_by_year(&files, paths, reader, catalogue, tick);
    let known: Vec<u16> = by_year.keys().copied().collect();
    let all: Vec<Aggregation> =
        by_year.into_iter().filter_map(|(year, aggregator)| aggregator.finish(Some(year)).ok()).collect();
    let counted: HashSet<&str> = all.iter().flat_map(|a| a.sources.iter().map(|s| s.file.as_str())).collect();
    let without_year: Vec<String> =
        files.iter().map(|f| shown_name(f, paths)).filter(|f| !counted.contains(f.as_str())).collect();
    let chosen: Vec<Aggregation> = all.into_iter().filter(|a| only.is_none_or(|o| o == a.year)).collect();
    if chosen.is_empty() {
        match only {
            Some(year) if !known.is_empty() => {
                let years: Vec<String> = known.iter().map(u16::to_string).collect();
                bail!(
                    "{} {year}; {}: {}",
                    lang.pick("không có tệp nào của năm", "no file is for"),
                    lang.pick("các tệp là của năm", "the files are for"),
                    years.join(", ")
                )
            }
            _ => bail!("{}", lang.pick("không biểu nào ghi năm báo cáo", "no workbook gives its year")),
        }
    }
    Ok((chosen, without_year))
}
