//! `[[groups]]` and `[[targets]]` with their parts: numbering, lead offices, the data elements of each ratio.

use super::checker::Checker;
use super::levels::build_levels;
use super::offices::{check_changes, check_offices, resolve};
use crate::catalogue::model::*;
use crate::catalogue::raw::{RawGroup, RawPart, RawTarget};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// The groups of targets, each number once.
pub(super) fn build_groups(ck: &mut Checker, raw: &[Spanned<RawGroup>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for spanned in raw {
        let g = spanned.get_ref();
        let number = *g.number.get_ref();
        if groups.iter().any(|o| o.number == number) {
            ck.error(
                g.number.span(),
                &format!("groups[{number}]"),
                format!("nhóm số {number} bị trùng"),
                format!("duplicate group {number}"),
            );
        }
        groups.push(Group { number, name: g.name.clone(), name_en: g.name_en.clone() });
    }
    groups
}

/// The targets: each number once, a known group, lead offices, parts numbered in order.
pub(super) fn build_targets(
    ck: &mut Checker,
    raw: &[Spanned<RawTarget>],
    plan: &Plan,
    offices: &HashMap<&str, bool>,
    all_offices: &[Office],
    elements: &[Element],
    groups: &[Group],
) -> Vec<Target> {
    let element_types: HashMap<&str, ElementType> =
        elements.iter().map(|e| (e.code.as_str(), e.kind)).collect();
    let mut targets: Vec<Target> = Vec::new();
    let mut part_ids = HashSet::new();
    for spanned in raw {
        let t = spanned.get_ref();
        let number = *t.number.get_ref();
        let key = format!("targets[{number}]");
        if targets.iter().any(|o| o.number == number) {
            ck.error(
                t.number.span(),
                &key,
                format!("chỉ tiêu số {number} bị trùng"),
                format!("duplicate target {number}"),
            );
        }
        if !groups.iter().any(|g| g.number == *t.group.get_ref()) {
            ck.error(
                t.group.span(),
                &format!("{key}.group"),
                format!("nhóm {} không có trong danh sách nhóm (groups)", t.group.get_ref()),
                format!("unknown group {}", t.group.get_ref()),
            );
        }
        if t.lead.is_empty() {
            ck.error(
                spanned.span(),
                &format!("{key}.lead"),
                format!("chỉ tiêu {number} chưa có cơ quan chủ trì"),
                format!("target {number} has no lead office"),
            );
        }
        let lead = check_offices(ck, &t.lead, &format!("{key}.lead"), offices);
        let mut assigned = vec![(plan.start_year, lead.clone())];
        for change in &t.leads {
            let change = change.get_ref();
            assigned.push((
                *change.from.get_ref(),
                check_offices(ck, &change.lead, &format!("{key}.leads"), offices),
            ));
        }
        let years: Vec<Spanned<u16>> = t.leads.iter().map(|c| c.get_ref().from.clone()).collect();
        check_changes(ck, &format!("{key}.leads"), &years, plan);
        let leads = resolve(ck, spanned.span(), &format!("{key}.lead"), &assigned, all_offices, plan);
        if t.parts.is_empty() {
            ck.error(
                spanned.span(),
                &key,
                format!("chỉ tiêu {number} chưa có phần đo lường nào (targets.parts)"),
                format!("target {number} has no measurable part (targets.parts)"),
            );
        }
        let mut parts = Vec::new();
        for (index, part) in t.parts.iter().enumerate() {
            let expected = format!("{number}.{}", index + 1);
            let id = part.get_ref().id.get_ref();
            if !part_ids.insert(id.clone()) {
                ck.error(
                    part.get_ref().id.span(),
                    &format!("targets.parts[{id}]"),
                    format!("phần chỉ tiêu «{id}» bị trùng"),
                    format!("duplicate part id «{id}»"),
                );
            } else if *id != expected {
                ck.error(
                    part.get_ref().id.span(),
                    &format!("targets.parts[{id}]"),
                    format!(
                        "phần thứ {} của chỉ tiêu {number} phải có mã «{expected}», không phải «{id}»",
                        index + 1
                    ),
                    format!("part {} of target {number} must be «{expected}», not «{id}»", index + 1),
                );
            }
            let lead = (lead.as_slice(), leads.as_slice());
            parts.push(build_part(ck, part, number, lead, plan, (offices, all_offices), &element_types));
        }
        targets.push(Target { number, group: *t.group.get_ref(), lead, leads, text: t.text.clone(), parts });
    }
    targets
}

/// One part of a target: its measure and factor, its offices, a numerator and denominator of known data
/// elements of the right type, its levels.
fn build_part(
    ck: &mut Checker,
    spanned: &Spanned<RawPart>,
    target: u16,
    (target_lead, target_leads): (&[String], &[LeadSpan]),
    plan: &Plan,
    (offices, all_offices): (&HashMap<&str, bool>, &[Office]),
    element_types: &HashMap<&str, ElementType>,
) -> Part {
    let p = spanned.get_ref();
    let id = p.id.get_ref().clone();
    let key = format!("targets.parts[{id}]");
    let unit = Measure::parse(p.unit.get_ref()).unwrap_or_else(|| {
        ck.error(
            p.unit.span(),
            &format!("{key}.unit"),
            format!(
                "đơn vị tính «{}» không hợp lệ (percent, per_mille, per_100000, cases, percent_units)",
                p.unit.get_ref()
            ),
            format!(
                "unknown unit «{}» (percent, per_mille, per_100000, cases, percent_units)",
                p.unit.get_ref()
            ),
        );
        Measure::Percent
    });
    let factor = *p.factor.get_ref();
    if factor != unit.factor() {
        ck.error(
            p.factor.span(),
            &format!("{key}.factor"),
            format!(
                "hệ số {factor} không khớp đơn vị tính «{}» (phải là {})",
                p.unit.get_ref(),
                unit.factor()
            ),
            format!("factor {factor} does not match unit «{}» (must be {})", p.unit.get_ref(), unit.factor()),
        );
    }
    let (offices_of_part, leads) = match &p.lead {
        Some(lead) => {
            let lead = check_offices(ck, lead, &format!("{key}.lead"), offices);
            let assigned = [(plan.start_year, lead.clone())];
            let leads = resolve(ck, spanned.span(), &format!("{key}.lead"), &assigned, all_offices, plan);
            (lead, leads)
        }
        None => (target_lead.to_vec(), target_leads.to_vec()),
    };
    if p.numerator.get_ref().is_empty() {
        ck.error(
            p.numerator.span(),
            &format!("{key}.numerator"),
            "tử số chưa có mã dữ liệu nào".into(),
            "the numerator names no data element".into(),
        );
    }
    let numerator_type = if unit == Measure::PercentUnits { ElementType::YesNo } else { ElementType::Count };
    let numerator =
        check_terms(ck, p.numerator.get_ref(), &format!("{key}.numerator"), numerator_type, element_types);
    let denominator =
        check_terms(ck, &p.denominator, &format!("{key}.denominator"), ElementType::Count, element_types);
    match (unit.has_denominator(), p.denominator.is_empty()) {
        (true, true) => ck.error(
            spanned.span(),
            &format!("{key}.denominator"),
            format!("phần {id} là một tỷ lệ nhưng chưa có mẫu số"),
            format!("part {id} is a rate but has no denominator"),
        ),
        (false, false) => ck.error(
            p.denominator[0].span(),
            &format!("{key}.denominator"),
            format!("phần {id} tính bằng «{}» nên không có mẫu số", p.unit.get_ref()),
            format!("part {id} is measured in «{}» and takes no denominator", p.unit.get_ref()),
        ),
        _ => {}
    }
    let levels = build_levels(ck, spanned.span(), &p.levels, &key, &id, plan, unit);
    Part {
        id,
        target,
        text: p.text.clone(),
        short: p.short.clone(),
        short_en: p.short_en.clone(),
        offices: offices_of_part,
        leads,
        unit,
        numerator,
        denominator,
        factor,
        small_denominator: p.small_denominator,
        levels,
    }
}

/// The data elements of a numerator or denominator, each known and of the `wanted` type.
fn check_terms(
    ck: &mut Checker,
    terms: &[Spanned<String>],
    key: &str,
    wanted: ElementType,
    element_types: &HashMap<&str, ElementType>,
) -> Vec<String> {
    for term in terms {
        let code = term.get_ref();
        match element_types.get(code.as_str()) {
            None => ck.error(
                term.span(),
                key,
                format!("mã dữ liệu «{code}» không có trong danh sách dữ liệu (elements)"),
                format!("unknown data element «{code}»"),
            ),
            Some(kind) if *kind != wanted => {
                let (vi, en) = match wanted {
                    ElementType::Count => ("một số đếm", "a count"),
                    ElementType::YesNo => ("một câu trả lời Có/Không", "a yes/no answer"),
                };
                ck.error(
                    term.span(),
                    key,
                    format!("mã dữ liệu «{code}» phải là {vi}"),
                    format!("data element «{code}» must be {en}"),
                );
            }
            Some(_) => {}
        }
    }
    terms.iter().map(|t| t.get_ref().clone()).collect()
}
