//! `[[offices]]` with their years, names by year and successors, and the references to them from elsewhere
//! in the catalogue: which office holds a portfolio in each year.

use super::checker::{Checker, OFFICE_ID, check_id};
use crate::catalogue::model::*;
use crate::catalogue::office::holder_in;
use crate::catalogue::raw::RawOffice;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

/// The offices, each id once and well formed, its years within the plan, its names by year apart, its
/// successor an office that exists in the year after its last.
pub(super) fn build_offices(ck: &mut Checker, raw: &[Spanned<RawOffice>], plan: &Plan) -> Vec<Office> {
    let mut seen = HashSet::new();
    let mut offices = Vec::new();
    for spanned in raw {
        let o = spanned.get_ref();
        let id = o.id.get_ref();
        let key = format!("offices[{id}]");
        check_id(ck, &mut seen, &o.id, &key, &OFFICE_ID);
        let from = o.from.as_ref().map_or(plan.start_year, |f| *f.get_ref());
        let to = o.to.as_ref().map_or(plan.end_year, |t| *t.get_ref());
        let at = o.from.as_ref().or(o.to.as_ref()).map_or(o.id.span(), Spanned::span);
        check_years(ck, at, &key, (from, to), (plan.start_year, plan.end_year));
        let mut names: Vec<OfficeName> = Vec::new();
        for n in &o.names {
            let name = n.get_ref();
            let name_key = format!("{key}.names");
            check_years(ck, n.span(), &name_key, (name.from, name.to), (from, to));
            if name.name.trim().is_empty() || name.short.trim().is_empty() {
                ck.error(
                    n.span(),
                    &name_key,
                    "thiếu tên (name) hoặc tên ngắn (short)".into(),
                    "the name or the short name is empty".into(),
                );
            }
            if let Some(other) = names.iter().find(|m| m.from <= name.to && name.from <= m.to) {
                ck.error(
                    n.span(),
                    &name_key,
                    format!(
                        "các năm {}–{} trùng với tên của các năm {}–{}",
                        name.from, name.to, other.from, other.to
                    ),
                    format!(
                        "years {}–{} overlap the name of {}–{}",
                        name.from, name.to, other.from, other.to
                    ),
                );
            }
            names.push(OfficeName {
                from: name.from,
                to: name.to,
                name: name.name.clone(),
                short: name.short.clone(),
                name_en: name.name_en.clone(),
                letterhead: name.letterhead.clone(),
            });
        }
        offices.push(Office {
            id: id.clone(),
            name: o.name.clone(),
            short: o.short.clone(),
            name_en: o.name_en.clone(),
            reports: o.reports,
            letterhead: o.letterhead.clone(),
            from,
            to,
            names,
            successor: o.successor.as_ref().map(|s| s.get_ref().clone()),
        });
    }
    for (office, spanned) in offices.iter().zip(raw) {
        if let Some(successor) = &spanned.get_ref().successor {
            check_successor(ck, successor, office, &offices, plan);
        }
    }
    offices
}

/// A span of years `from..=to` that runs forward and lies within `outer` (the plan's or the office's).
fn check_years(ck: &mut Checker, span: Range<usize>, key: &str, (from, to): (u16, u16), outer: (u16, u16)) {
    if ck.years_forward(span.clone(), key, from, to) && (from < outer.0 || to > outer.1) {
        ck.error(
            span,
            key,
            format!("các năm {from}–{to} nằm ngoài các năm {}–{}", outer.0, outer.1),
            format!("years {from}–{to} are outside {}–{}", outer.0, outer.1),
        );
    }
}

/// The successor of `office`: another office that exists in the year after `office`'s last, and reports
/// figures when `office` does.
fn check_successor(
    ck: &mut Checker,
    successor: &Spanned<String>,
    office: &Office,
    offices: &[Office],
    plan: &Plan,
) {
    let key = format!("offices[{}].successor", office.id);
    let id = successor.get_ref();
    let Some(next) = offices.iter().find(|o| &o.id == id) else {
        ck.error(
            successor.span(),
            &key,
            format!("cơ quan «{id}» không có trong danh sách cơ quan (offices)"),
            format!("unknown office «{id}»"),
        );
        return;
    };
    let (vi, en) = if office.to >= plan.end_year {
        (
            format!(
                "cơ quan «{}» còn đến hết kế hoạch ({}), không có cơ quan kế nhiệm: ghi «to»",
                office.id, plan.end_year
            ),
            format!(
                "office «{}» lasts to the plan's end ({}) and has no successor: set «to»",
                office.id, plan.end_year
            ),
        )
    } else if !next.exists_in(office.to + 1) || next.id == office.id {
        (
            format!(
                "cơ quan kế nhiệm «{id}» phải có từ năm {} (năm sau năm cuối của «{}»); «{id}» có các năm {}–{}",
                office.to + 1,
                office.id,
                next.from,
                next.to
            ),
            format!(
                "successor «{id}» must exist in {} (the year after «{}»'s last); «{id}» exists in {}–{}",
                office.to + 1,
                office.id,
                next.from,
                next.to
            ),
        )
    } else if office.reports && !next.reports {
        (
            format!("cơ quan kế nhiệm «{id}» không báo cáo số liệu (reports = false)"),
            format!("successor «{id}» reports no figures (reports = false)"),
        )
    } else {
        return;
    };
    ck.error(successor.span(), &key, vi, en);
}

/// The changes of an assignment from a year on (`[[elements.offices]]`, `[[targets.leads]]`): each year
/// within the plan and after the one before.
pub(super) fn check_changes(ck: &mut Checker, key: &str, years: &[Spanned<u16>], plan: &Plan) {
    let mut last = None;
    for year in years {
        let y = *year.get_ref();
        if !(plan.start_year..=plan.end_year).contains(&y) {
            ck.error(
                year.span(),
                key,
                format!("năm {y} nằm ngoài giai đoạn {}–{}", plan.start_year, plan.end_year),
                format!("year {y} is outside the span {}–{}", plan.start_year, plan.end_year),
            );
        } else if last.is_some_and(|l| y <= l) {
            ck.error(
                year.span(),
                key,
                format!("năm {y} phải sau năm của thay đổi trước"),
                format!("year {y} must come after the previous change's"),
            );
        }
        last = Some(y);
    }
}

/// Each year of the plan with the offices assigned in it (`assigned`: offices from a year on, in order,
/// the first from the plan's start) resolved through successors; an error at `span` for each office that
/// holds no portfolio in some year it is assigned.
pub(super) fn resolve(
    ck: &mut Checker,
    span: Range<usize>,
    key: &str,
    assigned: &[(u16, Vec<String>)],
    offices: &[Office],
    plan: &Plan,
) -> Vec<LeadSpan> {
    let mut spans: Vec<LeadSpan> = Vec::new();
    let mut missing: Vec<(&str, Vec<u16>)> = Vec::new();
    for year in plan.start_year..=plan.end_year {
        let ids = assigned.iter().rev().find(|(from, _)| *from <= year).or(assigned.first());
        let mut held: Vec<String> = Vec::new();
        for id in ids.map(|(_, ids)| ids.as_slice()).unwrap_or_default() {
            match holder_in(offices, id, year) {
                Some(holder) if !held.iter().any(|h| h == holder) => held.push(holder.to_string()),
                Some(_) => {}
                // An unknown office has its own error.
                None if offices.iter().all(|o| &o.id != id) => held.push(id.clone()),
                None => match missing.iter_mut().find(|(m, _)| m == id) {
                    Some((_, years)) => years.push(year),
                    None => missing.push((id, vec![year])),
                },
            }
        }
        match spans.last_mut() {
            Some(last) if last.lead == held => last.to = year,
            _ => spans.push(LeadSpan { from: year, to: year, lead: held }),
        }
    }
    for (id, years) in missing {
        let office = offices.iter().find(|o| o.id == id);
        let (from, to) = office.map_or((0, 0), |o| (o.from, o.to));
        let years = year_ranges(&years);
        ck.error(
            span.clone(),
            key,
            format!(
                "cơ quan «{id}» chỉ có các năm {from}–{to}, không có năm {years} và không có cơ quan kế nhiệm (successor): ghi cơ quan của các năm ấy"
            ),
            format!(
                "office «{id}» exists only in {from}–{to}, not in {years}, and has no successor: name the office of those years"
            ),
        );
    }
    spans
}

/// Years as ranges: "2025–2027, 2030".
fn year_ranges(years: &[u16]) -> String {
    let mut ranges: Vec<(u16, u16)> = Vec::new();
    for &y in years {
        match ranges.last_mut() {
            Some((_, to)) if *to + 1 == y => *to = y,
            _ => ranges.push((y, y)),
        }
    }
    ranges
        .iter()
        .map(|(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `id` names an office of the catalogue (`offices`: id → reports); an error at `span` when not.
pub(super) fn check_office(
    ck: &mut Checker,
    span: Range<usize>,
    key: &str,
    id: &str,
    offices: &HashMap<&str, bool>,
) -> bool {
    let known = offices.contains_key(id);
    if !known {
        ck.error(
            span,
            key,
            format!("cơ quan «{id}» không có trong danh sách cơ quan (offices)"),
            format!("unknown office «{id}»"),
        );
    }
    known
}

/// The offices named by `ids`, each checked ([`check_office`]).
pub(super) fn check_offices(
    ck: &mut Checker,
    ids: &[Spanned<String>],
    key: &str,
    offices: &HashMap<&str, bool>,
) -> Vec<String> {
    for id in ids {
        check_office(ck, id.span(), key, id.get_ref(), offices);
    }
    ids.iter().map(|i| i.get_ref().clone()).collect()
}
