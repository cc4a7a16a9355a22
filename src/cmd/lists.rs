//! The lists that end `aggregate` and `status`, in plain words and capped for large districts: who is
//! missing, who was late, which files were not used and why, which values conflict, which checks fail on
//! values from several files.

use super::term::{self, Tone};
use plan::aggregate::{Aggregation, DueWorkbook, Merged, Submitted, Use};
use plan::catalogue::{Catalogue, Severity};
use plan::lang::Lang;

/// How many lines of each list are printed; the rest is counted and the sheet named.
const CAP: usize = 10;

fn who(row: &DueWorkbook, catalogue: &Catalogue, year: u16) -> String {
    format!("{} · {}", row.who(catalogue, year), catalogue.office_short_in(&row.office, year))
}

fn section(title: &str, tone: Tone, items: &[String], sheet: &str, lang: Lang) -> String {
    if items.is_empty() {
        return String::new();
    }
    let rest = match lang {
        Lang::Vi => format!(", xem sheet «{sheet}»"),
        Lang::En => format!(", see sheet «{sheet}»"),
    };
    format!("{} ({}):\n{}", term::paint(title, tone), items.len(), term::capped(items, CAP, &rest, lang))
}

fn rows_with(aggregation: &Aggregation, status: Submitted) -> impl Iterator<Item = &DueWorkbook> {
    aggregation.register.iter().filter(move |r| r.status == status)
}

/// Why a file was not used, for people.
fn reason(aggregation: &Aggregation, index: usize, lang: Lang) -> String {
    let source = &aggregation.sources[index];
    match source.usage {
        Use::Unreadable => aggregation
            .findings
            .iter()
            .find(|f| f.file == source.file && f.severity == Severity::Error)
            .map_or_else(|| source.usage.label(&aggregation.sources, Lang::Vi), |f| f.text(lang).to_string()),
        usage => usage.label(&aggregation.sources, lang),
    }
}

/// Every list that has something in it, each with its count and the sheet holding the rest.
pub fn what_matters(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> String {
    let year = aggregation.year;
    let missing: Vec<String> =
        rows_with(aggregation, Submitted::Missing).map(|r| who(r, catalogue, year)).collect();
    let with_errors: Vec<String> =
        rows_with(aggregation, Submitted::OnlyWithErrors).map(|r| who(r, catalogue, year)).collect();
    let late: Vec<String> = rows_with(aggregation, Submitted::Late)
        .map(|r| {
            let date = r.date.map(|d| format!(" ({} {})", lang.pick("ngày", "dated"), d.vietnamese()));
            format!("{}{}", who(r, catalogue, year), date.unwrap_or_default())
        })
        .collect();
    let not_used: Vec<String> = (0..aggregation.sources.len())
        .filter(|i| {
            matches!(
                aggregation.sources[*i].usage,
                Use::Unreadable | Use::ExcludedErrors | Use::NotSubmission
            )
        })
        .map(|i| format!("{}: {}", aggregation.sources[i].file, reason(aggregation, i, lang)))
        .collect();
    let other_year: Vec<String> = aggregation
        .sources
        .iter()
        .filter(|s| s.usage == Use::OtherYear)
        .map(|s| {
            let year = s.year.map(|y| format!(" ({} {y})", lang.pick("năm", "year"))).unwrap_or_default();
            // A year the clerk changed from the template's: the finding names both.
            let changed = aggregation
                .findings
                .iter()
                .find(|f| f.file == s.file && f.code == plan::rules::code::YEAR_CHANGED)
                .map(|f| format!(": {}", f.text(lang)))
                .unwrap_or_default();
            format!("{}{year}{changed}", s.file)
        })
        .collect();
    let conflicts: Vec<String> = aggregation
        .values
        .iter()
        .filter_map(|((reporter, code), merged)| {
            let Merged::Conflict { sources, values } = merged else { return None };
            let label = catalogue.element(code).map_or(code, |e| e.label.as_str());
            let files: Vec<&str> = sources.iter().map(|i| aggregation.sources[*i].file.as_str()).collect();
            Some(format!(
                "{} · «{label}»: {} ({})",
                reporter.name(catalogue),
                values.join(lang.pick(" và ", " and ")),
                files.join(", ")
            ))
        })
        .collect();
    // Checks on values from several files (a rule across two offices' workbooks): said nowhere else.
    let across: Vec<String> = aggregation
        .findings
        .iter()
        .filter(|f| !f.places.is_empty())
        .map(|f| {
            let level = match f.severity {
                Severity::Error => lang.pick("Lỗi", "Error"),
                Severity::Warning => lang.pick("Cảnh báo", "Warning"),
            };
            format!("{level}: {}", f.text(lang))
        })
        .collect();
    let (register, sources, checks) = match lang {
        Lang::Vi => ("Tiến độ nộp", "Nguồn", "Kiểm tra"),
        Lang::En => ("Submissions", "Sources", "Checks"),
    };
    let titles = match lang {
        Lang::Vi => [
            "Chưa nộp",
            "Đã nộp nhưng có lỗi, chưa dùng",
            "Nộp trễ hạn",
            "Tệp không dùng",
            "Số liệu xung đột, không tính vào tổng",
            "Tệp của năm khác, không dùng",
            "Số liệu của các biểu khác nhau không khớp nhau",
        ],
        Lang::En => [
            "Missing",
            "Received with errors, not used",
            "Late",
            "Files not used",
            "Conflicting values, left out of the totals",
            "Files of another year, left out",
            "Figures of different workbooks that do not agree",
        ],
    };
    [
        section(titles[0], Tone::Error, &missing, register, lang),
        section(titles[1], Tone::Error, &with_errors, register, lang),
        section(titles[2], Tone::Warning, &late, register, lang),
        section(titles[3], Tone::Error, &not_used, sources, lang),
        section(titles[4], Tone::Error, &conflicts, checks, lang),
        section(titles[6], Tone::Error, &across, checks, lang),
        section(titles[5], Tone::Warning, &other_year, sources, lang),
    ]
    .concat()
}

/// `status --missing`: who has not reported, one per line, the list an officer phones through.
pub fn missing_only(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> String {
    let year = aggregation.year;
    let rows: Vec<&DueWorkbook> = aggregation.register.iter().filter(|r| r.outstanding()).collect();
    if rows.is_empty() {
        return match lang {
            Lang::Vi => format!("Năm {year}: đã nhận đủ {} biểu.\n", aggregation.register.len()),
            Lang::En => format!("Year {year}: all {} workbooks received.\n", aggregation.register.len()),
        };
    }
    let mut text = match lang {
        Lang::Vi => format!("Năm {year}: còn {}/{} biểu chưa nộp:\n", rows.len(), aggregation.register.len()),
        Lang::En => format!(
            "Year {year}: {} of {} still missing:\n",
            term::en(rows.len(), "workbook", "workbooks"),
            aggregation.register.len()
        ),
    };
    for row in rows {
        let note = match (row.status, lang) {
            (Submitted::OnlyWithErrors, Lang::Vi) => " (đã nộp nhưng có lỗi)",
            (Submitted::OnlyWithErrors, Lang::En) => " (received with errors)",
            _ => "",
        };
        text.push_str(&format!("{}{note}\n", who(row, catalogue, year)));
    }
    text
}
