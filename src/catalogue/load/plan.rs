//! The `[plan]` and `[reporting]` tables: the plan's document and years, the deadline and period, who
//! receives the report and who holds whole-area figures.

use super::checker::Checker;
use super::offices::check_office;
use crate::catalogue::model::*;
use crate::catalogue::raw::{RawPlan, RawReporting};
use crate::date::Date;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// The plan: a valid date of issue, a start before the end, milestones within the years.
pub(super) fn build_plan(ck: &mut Checker, raw: &Spanned<RawPlan>) -> Plan {
    let p = raw.get_ref();
    let date = Date::parse_iso(p.date.get_ref()).unwrap_or_else(|| {
        ck.error(
            p.date.span(),
            "plan.date",
            format!("ngày «{}» không hợp lệ (viết YYYY-MM-DD)", p.date.get_ref()),
            format!("invalid date «{}» (write YYYY-MM-DD)", p.date.get_ref()),
        );
        Date { year: 1970, month: 1, day: 1 }
    });
    let (start, end) = (*p.start_year.get_ref(), *p.end_year.get_ref());
    if start > end {
        ck.error(
            p.end_year.span(),
            "plan.end_year",
            format!("năm kết thúc {end} trước năm bắt đầu {start}"),
            format!("end year {end} is before start year {start}"),
        );
    }
    for year in p.milestones.get_ref() {
        if !(start..=end).contains(year) {
            ck.error(
                p.milestones.span(),
                "plan.milestones",
                format!("năm mốc {year} nằm ngoài giai đoạn {start}–{end}"),
                format!("milestone {year} is outside the span {start}–{end}"),
            );
        }
    }
    let (level_vi, level_en) = crate::catalogue::words::level_of_area(&p.area);
    Plan {
        number: p.number.clone(),
        date,
        issuer: p.issuer.clone(),
        issuer_header: p.issuer_header.clone(),
        place: p.place.clone(),
        title: p.title.clone(),
        title_en: p.title_en.clone(),
        programme: p.programme.clone(),
        basis: p.basis.clone(),
        area: p.area.clone(),
        area_level: p.area_level.clone().unwrap_or_else(|| level_vi.to_string()),
        area_level_en: p.area_level_en.clone().unwrap_or_else(|| level_en.to_string()),
        area_code: p.area_code.clone(),
        area_dhis2_id: p.area_dhis2_id.clone(),
        province: p.province.clone(),
        start_year: start,
        end_year: end,
        milestones: p.milestones.get_ref().clone(),
        motto: p.motto.clone(),
    }
}

/// A day and month that exist in some year.
fn check_month_day(ck: &mut Checker, span: Range<usize>, key: &str, month: u8, day: u8) {
    // 2024 is a leap year, so 29/02 is accepted.
    if Date::new(2024, month, day).is_none() {
        ck.error(
            span,
            key,
            format!("ngày {day}/{month} không tồn tại"),
            format!("day {day}/{month} does not exist"),
        );
    }
}

/// The reporting: deadline and period, a known coordinator, receivers for every year without overlap, the
/// holders of whole-area figures and the document forms.
pub(super) fn build_reporting(
    ck: &mut Checker,
    raw: &Spanned<RawReporting>,
    plan: &Plan,
    offices: &HashMap<&str, bool>,
) -> Reporting {
    let r = raw.get_ref();
    let d = r.deadline.get_ref();
    check_month_day(ck, r.deadline.span(), "reporting.deadline", d.month, d.day);
    let p = r.period.get_ref();
    check_month_day(ck, r.period.span(), "reporting.period", p.start_month, p.start_day);
    check_month_day(ck, r.period.span(), "reporting.period", p.end_month, p.end_day);
    let coordinator = r.coordinator.get_ref();
    check_office(ck, r.coordinator.span(), "reporting.coordinator", coordinator, offices);
    let mut receivers: Vec<Receiver> = Vec::new();
    for spanned in &r.receivers {
        let rec = spanned.get_ref();
        ck.years_forward(spanned.span(), "reporting.receivers", rec.from, rec.to);
        if receivers.iter().any(|o| o.from <= rec.to && rec.from <= o.to) {
            ck.error(
                spanned.span(),
                "reporting.receivers",
                format!("các năm {}–{} đã có nơi nhận báo cáo khác", rec.from, rec.to),
                format!("years {}–{} already have another receiver", rec.from, rec.to),
            );
        }
        receivers.push(Receiver { from: rec.from, to: rec.to, name: rec.name.clone(), via: rec.via.clone() });
    }
    let uncovered: Vec<String> = (plan.start_year..=plan.end_year)
        .filter(|y| !receivers.iter().any(|r| (r.from..=r.to).contains(y)))
        .map(|y| y.to_string())
        .collect();
    if !uncovered.is_empty() {
        ck.warn(
            raw.span(),
            "reporting.receivers",
            format!("chưa có nơi nhận báo cáo cho các năm {}", uncovered.join(", ")),
            format!("no receiver for the years {}", uncovered.join(", ")),
        );
    }
    let area_holders = area_holders(ck, r, plan, offices);
    let period = Period {
        start_month: p.start_month,
        start_day: p.start_day,
        start_year_offset: p.start_year_offset,
        end_month: p.end_month,
        end_day: p.end_day,
        end_year_offset: p.end_year_offset,
    };
    Reporting {
        deadline: Deadline { month: d.month, day: d.day, inclusive: d.inclusive, wording: d.wording.clone() },
        dhis2_period: super::dhis2::period_pattern(ck, raw, &period),
        period,
        report_title: r.report_title.clone(),
        coordinator: coordinator.clone(),
        receivers,
        max_count: r.max_count.unwrap_or(DEFAULT_MAX_COUNT),
        documents: super::documents::build_documents(ck, raw, plan),
        area_holders,
    }
}

/// The holders of whole-area figures: a known office, years within the plan, one holder per office and year.
fn area_holders(
    ck: &mut Checker,
    r: &RawReporting,
    plan: &Plan,
    offices: &HashMap<&str, bool>,
) -> Vec<AreaHolder> {
    let mut holders: Vec<AreaHolder> = Vec::new();
    for spanned in &r.area_holders {
        let h = spanned.get_ref();
        let at = spanned.span();
        check_office(ck, at.clone(), "reporting.area_holders", &h.office, offices);
        if h.from > h.to || h.from < plan.start_year || h.to > plan.end_year {
            ck.error(
                at.clone(),
                "reporting.area_holders",
                format!("các năm {}–{} không nằm trong giai đoạn của kế hoạch", h.from, h.to),
                format!("years {}–{} are not within the plan", h.from, h.to),
            );
        }
        if h.name.trim().is_empty() {
            ck.error(
                at.clone(),
                "reporting.area_holders",
                "thiếu tên cơ quan (name)".into(),
                "the name is empty".into(),
            );
        }
        if holders.iter().any(|o| o.office == h.office && o.from <= h.to && h.from <= o.to) {
            ck.error(
                at,
                "reporting.area_holders",
                format!(
                    "các năm {}–{} đã có cơ quan giữ số liệu toàn địa bàn của «{}»",
                    h.from, h.to, h.office
                ),
                format!(
                    "years {}–{} already have a holder of «{}»'s whole-area figures",
                    h.from, h.to, h.office
                ),
            );
        }
        holders.push(AreaHolder { from: h.from, to: h.to, office: h.office.clone(), name: h.name.clone() });
    }
    holders
}
