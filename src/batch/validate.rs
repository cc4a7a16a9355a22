//! Checking a set of workbooks (`plan validate`, the page's «Kiểm tra»).

use super::files::gather;
use super::read::{Tick, no_tick, read_and_check};
use super::span::check_year_in_span;
use crate::catalogue::Catalogue;
use crate::lang::Lang;
use crate::rules::{Checked, Finding, Previous, code};
use crate::submission::Reader;
use anyhow::{Context, Result};
use serde_json::json;
use std::path::PathBuf;

/// What `plan validate` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct ValidateRequest {
    /// Files or folders to check.
    pub paths: Vec<PathBuf>,
    /// Also check that every file is of this year.
    pub year: Option<u16>,
    /// Files or folders of the year before, for the warnings on unusual changes.
    pub previous: Vec<PathBuf>,
    /// Name files from the folders given, as a report does ("nop-2024/x.xlsx"), not as the paths found.
    pub short_names: bool,
    /// How workbooks are read.
    pub reader: Reader,
}

/// Checks every workbook found in the paths asked for (in parallel, in the order found), keeping what was
/// read for annotated copies; returns the files and their checks, in the same order.
pub fn validate(
    request: &ValidateRequest,
    catalogue: &Catalogue,
    lang: Lang,
    tick: Tick,
) -> Result<(Vec<PathBuf>, Vec<Checked>)> {
    check_year_in_span(catalogue, request.year, lang)?;
    let files = gather(&request.paths, lang)?;
    let check_files = |files: &[PathBuf], given: &[PathBuf], previous: Option<&Previous>, tick: Tick| {
        let given = request.short_names.then_some(given);
        let inputs = read_and_check(files, given, &request.reader, catalogue, previous, tick);
        inputs.into_iter().map(|i| i.checked).collect::<Vec<Checked>>()
    };
    let previous = if request.previous.is_empty() {
        None
    } else {
        let previous_files = gather(&request.previous, lang).context("--previous")?;
        let checked = check_files(&previous_files, &request.previous, None, &no_tick);
        Some(Previous::from_submissions(checked.iter().map(|c| &c.submission)))
    };
    let mut checked = check_files(&files, &request.paths, previous.as_ref(), tick);
    if let Some(year) = request.year {
        for file in &mut checked {
            year_check(file, year);
        }
    }
    Ok((files, checked))
}

/// When a year is asked for, a file of another year is an error naming both years.
fn year_check(file: &mut Checked, year: u16) {
    let Some(found) = file.submission.year.filter(|y| *y != year) else { return };
    let finding = Finding::error(
        code::YEAR_NOT_ASKED,
        &file.submission.file,
        format!("Tệp là báo cáo năm {found}, không phải năm {year} đang kiểm tra: hãy kiểm tra ô «Năm báo cáo» hoặc bỏ tệp này ra khỏi thư mục năm {year}."),
        format!("The file reports for {found}, not {year} being checked: check its «Năm báo cáo» cell or move it out of the {year} folder."),
    )
    .found(found.to_string())
    .expected(year.to_string());
    file.findings.push(finding);
}

/// The checks of a set of workbooks in the documented JSON shape (`docs/validate-json.md`).
pub fn validate_json(checked: &[Checked], catalogue: &Catalogue) -> serde_json::Value {
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

/// What a checked workbook is, as far as it tells: the office, the unit (or every unit of a grid), the year
/// and the report date ("Phòng Y tế", "Xã Lộc Yên (18520)", "năm 2024", "ngày 05/11/2024").
pub fn described(checked: &Checked, catalogue: &Catalogue, lang: Lang) -> Vec<String> {
    let sub = &checked.submission;
    let mut parts = Vec::new();
    if let Some(office) = sub.office.as_deref().and_then(|o| catalogue.office(o)) {
        parts.push(office.short_in(office.year_or_last(sub.year)).to_string());
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
    parts
}
