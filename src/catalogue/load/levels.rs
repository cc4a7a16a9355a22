//! The levels of a target's part (`levels`): comparator, exact value, years, and the plan's words they quote.

use super::checker::Checker;
use crate::attainment::{Op, YearLevel};
use crate::catalogue::model::*;
use crate::catalogue::raw::{RawLevel, RawNumber};
use crate::decimal::Decimal;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// A level's value, exact: an integer or a decimal written as text (a TOML float is refused), not negative.
fn level_value(ck: &mut Checker, raw: &Spanned<RawLevel>, key: &str) -> Option<Decimal> {
    let value = match &raw.get_ref().value {
        RawNumber::Int(i) => Some(Decimal::from_int(*i)),
        RawNumber::Text(text) => Decimal::parse(text),
        RawNumber::Float(f) => {
            ck.error(
                raw.span(),
                key,
                format!(
                    "viết số thập phân {f} trong dấu nháy, ví dụ value = \"2,8\", để giữ giá trị chính xác"
                ),
                format!("write the decimal {f} as a string, e.g. value = \"2,8\", to keep it exact"),
            );
            return None;
        }
    };
    if value.is_none() {
        ck.error(
            raw.span(),
            key,
            "giá trị mục tiêu không phải là số (ví dụ 90 hoặc \"2,8\")".into(),
            "the level is not a number (e.g. 90 or \"2,8\")".into(),
        );
    }
    value.filter(|v| {
        let negative = v.mantissa < 0;
        if negative {
            ck.error(raw.span(), key, "giá trị mục tiêu âm".into(), "negative level".into());
        }
        !negative
    })
}

/// A part's levels by year: a known comparator, a value, a year or span of years within the plan, one
/// level a year.
pub(super) fn build_levels(
    ck: &mut Checker,
    part_span: Range<usize>,
    raw: &[Spanned<RawLevel>],
    key: &str,
    id: &str,
    plan: &Plan,
    unit: Measure,
) -> Vec<YearLevel> {
    let key = format!("{key}.levels");
    if raw.is_empty() {
        ck.error(
            part_span,
            &key,
            format!("phần {id} chưa có mục tiêu nào (levels)"),
            format!("part {id} has no target level (levels)"),
        );
    }
    let mut by_year: BTreeMap<u16, YearLevel> = BTreeMap::new();
    for spanned in raw {
        let l = spanned.get_ref();
        let op = Op::parse(&l.op);
        if op.is_none() {
            ck.error(
                spanned.span(),
                &key,
                format!("phép so sánh «{}» không hợp lệ (<, <=, >, >=, ==)", l.op),
                format!("unknown comparator «{}» (<, <=, >, >=, ==)", l.op),
            );
        }
        let value = level_value(ck, spanned, &key);
        if let (Some(v), Measure::Cases) = (&value, unit)
            && !v.is_integer()
        {
            ck.error(
                spanned.span(),
                &key,
                "số trường hợp phải là số nguyên".into(),
                "a number of cases must be whole".into(),
            );
        }
        let (years, held) = match (l.year, l.from, l.to) {
            (Some(year), None, None) => (year..=year, None),
            (None, Some(from), Some(to)) if from <= to => (from..=to, Some((from, to))),
            _ => {
                ck.error(
                    spanned.span(),
                    &key,
                    "mục tiêu cần «year = N» hoặc «from = N, to = M» (N ≤ M)".into(),
                    "a level needs «year = N» or «from = N, to = M» (N ≤ M)".into(),
                );
                continue;
            }
        };
        for year in years.clone() {
            if !(plan.start_year..=plan.end_year).contains(&year) {
                ck.error(
                    spanned.span(),
                    &key,
                    format!("năm mục tiêu {year} nằm ngoài giai đoạn {}–{}", plan.start_year, plan.end_year),
                    format!("target year {year} is outside the span {}–{}", plan.start_year, plan.end_year),
                );
                break;
            }
        }
        let (Some(op), Some(value)) = (op, value) else { continue };
        check_wording(ck, spanned, &key, op, value);
        for year in years {
            let level = YearLevel { year, op, value, held, wording: l.wording.as_str().into() };
            if by_year.insert(year, level).is_some() {
                ck.error(
                    spanned.span(),
                    &key,
                    format!("phần {id} có hai mục tiêu cho năm {year}"),
                    format!("part {id} has two levels for {year}"),
                );
            }
        }
    }
    by_year.into_values().collect()
}

/// Warns when a level's comparator or value disagrees with the plan's words it quotes.
fn check_wording(ck: &mut Checker, spanned: &Spanned<RawLevel>, key: &str, op: Op, value: Decimal) {
    let wording = &spanned.get_ref().wording;
    let Some((said_op, said_value)) = crate::catalogue::wording::read(wording) else { return };
    if said_op != op || said_value != value {
        let said = format!("{} {}", said_op.as_str(), said_value.to_vietnamese());
        let written = format!("{} {}", op.as_str(), value.to_vietnamese());
        ck.warn(
            spanned.span(),
            key,
            format!("lời văn «{wording}» được hiểu là «{said}» nhưng mục tiêu ghi «{written}»"),
            format!("the wording «{wording}» reads as «{said}» but the level says «{written}»"),
        );
    }
}
