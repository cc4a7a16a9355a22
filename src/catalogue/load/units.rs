//! `[[units]]`: the communes and towns that report, with their years and which older units each covers.

use super::checker::Checker;
use crate::catalogue::model::*;
use crate::catalogue::raw::RawUnit;
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// The units: a known kind, a code of digits not used by another unit in the same years, years within the
/// plan, and the older units each covers.
pub(super) fn build_units(ck: &mut Checker, raw: &[Spanned<RawUnit>], plan: &Plan) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    // Units by code, to find overlapping years without comparing every pair.
    let mut by_code: HashMap<String, Vec<usize>> = HashMap::new();
    for spanned in raw {
        let u = spanned.get_ref();
        let code = u.code.get_ref();
        let key = format!("units[{code}]");
        let kind = UnitKind::parse(u.kind.get_ref()).unwrap_or_else(|| {
            ck.error(
                u.kind.span(),
                &key,
                format!("loại đơn vị «{}» không hợp lệ ({})", u.kind.get_ref(), UnitKind::spellings()),
                format!("unknown unit kind «{}» ({})", u.kind.get_ref(), UnitKind::spellings()),
            );
            UnitKind::Xa
        });
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            ck.error(
                u.code.span(),
                &key,
                format!("mã đơn vị hành chính «{code}» phải là dãy chữ số"),
                format!("administrative code «{code}» must be digits"),
            );
        }
        let (from, to) = (*u.from.get_ref(), *u.to.get_ref());
        for (year, span, field) in [(from, u.from.span(), "from"), (to, u.to.span(), "to")] {
            if !(plan.start_year..=plan.end_year).contains(&year) {
                ck.error(
                    span,
                    &format!("{key}.{field}"),
                    format!("năm {year} nằm ngoài giai đoạn {}–{}", plan.start_year, plan.end_year),
                    format!("year {year} is outside the span {}–{}", plan.start_year, plan.end_year),
                );
            }
        }
        ck.years_forward(u.to.span(), &key, from, to);
        let same_code = by_code.get(code).map_or(&[][..], Vec::as_slice);
        if same_code.iter().any(|&i| units[i].from <= to && from <= units[i].to) {
            ck.error(
                u.code.span(),
                &key,
                format!("mã {code} đã được dùng cho một đơn vị khác trong cùng các năm"),
                format!("code {code} is already used by another unit in overlapping years"),
            );
        }
        by_code.entry(code.clone()).or_default().push(units.len());
        units.push(Unit {
            code: code.clone(),
            name: u.name.clone(),
            kind,
            from,
            to,
            covers: Vec::new(),
            dhis2_id: u.dhis2_id.clone(),
        });
    }
    // Resolve `covers` against the units reporting in the year before each unit starts.
    for (index, spanned) in raw.iter().enumerate() {
        let u = spanned.get_ref();
        let from = units[index].from;
        let mut covers = Vec::new();
        for code in &u.covers {
            let candidates = by_code.get(code.get_ref()).map_or(&[][..], Vec::as_slice);
            match candidates.iter().map(|&i| &units[i]).find(|o| o.reports_in(from.saturating_sub(1))) {
                Some(older) => covers.push(older.key()),
                None => ck.error(
                    code.span(),
                    &format!("units[{}].covers", u.code.get_ref()),
                    format!(
                        "không có đơn vị mã {} báo cáo năm {} để đơn vị này tiếp nhận",
                        code.get_ref(),
                        from - 1
                    ),
                    format!(
                        "no unit with code {} reports in {} for this unit to cover",
                        code.get_ref(),
                        from - 1
                    ),
                ),
            }
        }
        units[index].covers = covers;
    }
    check_successors(ck, raw, &units, plan);
    units
}

/// Warns about a unit that stops reporting before the plan ends while no later unit covers it.
fn check_successors(ck: &mut Checker, raw: &[Spanned<RawUnit>], units: &[Unit], plan: &Plan) {
    let starts: HashSet<u16> = units.iter().map(|u| u.from).collect();
    let covered: HashSet<&UnitRef> = units.iter().flat_map(|u| &u.covers).collect();
    for (spanned, unit) in raw.iter().zip(units) {
        if unit.to >= plan.end_year || !starts.contains(&(unit.to + 1)) {
            continue;
        }
        // Districts giving way to communes (the 2025 reform) change level: communes do not cover districts.
        let next_level = units.iter().filter(|u| u.from == unit.to + 1).map(|u| u.kind.is_district_level());
        if unit.kind.is_district_level() && next_level.into_iter().all(|district| !district) {
            continue;
        }
        let key = unit.key();
        if !covered.contains(&key) {
            ck.warn(
                spanned.span(),
                &format!("units[{}]", unit.code),
                format!(
                    "{} ({}, {}–{}) không thuộc đơn vị nào từ năm {}: thêm mã {} vào «covers» của đơn vị đã tiếp nhận địa bàn này",
                    unit.full_name(),
                    unit.code,
                    unit.from,
                    unit.to,
                    unit.to + 1,
                    unit.code
                ),
                format!(
                    "{} ({}, {}–{}) is covered by no unit from {}: add {} to the «covers» of the unit that took its territory",
                    unit.full_name(),
                    unit.code,
                    unit.from,
                    unit.to,
                    unit.to + 1,
                    unit.code
                ),
            );
        }
    }
}
