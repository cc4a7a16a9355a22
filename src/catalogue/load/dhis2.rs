//! What DHIS2 needs of the catalogue: a period type for the report year (`[reporting] dhis2_period`, else
//! the one matching `period`), and units that do not share an organisation unit. Where the catalogue is
//! sound for everything but DHIS2, the problem is an error of `plan catalogue check` that leaves every other
//! command working (see [`super::Problem::only_dhis2`]).

use super::checker::Checker;
use crate::catalogue::dhis2::{
    financial_pattern, is_period_pattern, no_period_text, shared_org_unit_text, shared_org_units,
};
use crate::catalogue::model::{Period, Unit};
use crate::catalogue::raw::{RawReporting, RawUnit};
use crate::lang::Lang;
use toml::Spanned;

/// The DHIS2 period pattern: `"calendar"` is the report year, `"financial"` the DHIS2 financial year
/// matching the period, a pattern with `{year}` or `{start_year}` as written, and no key the one matching
/// the period (an error for the DHIS2 export alone when none does).
pub(super) fn period_pattern(
    ck: &mut Checker,
    raw: &Spanned<RawReporting>,
    period: &Period,
) -> Option<String> {
    let r = raw.get_ref();
    let p = r.period.get_ref();
    let shown = format!("{}/{}–{}/{}", p.start_day, p.start_month, p.end_day, p.end_month);
    let Some(given) = &r.dhis2_period else {
        let pattern = financial_pattern(period);
        if pattern.is_none() {
            let (vi, en) = (no_period_text(period, Lang::Vi), no_period_text(period, Lang::En));
            ck.dhis2_error(r.period.span(), "reporting.dhis2_period", vi, en);
        }
        return pattern;
    };
    match given.get_ref().as_str() {
        "calendar" => Some("{year}".to_string()),
        "financial" => {
            let pattern = financial_pattern(period);
            if pattern.is_none() {
                ck.error(
                    given.span(),
                    "reporting.dhis2_period",
                    format!(
                        "kỳ báo cáo {shown} không phải năm tài chính nào của DHIS2 (bắt đầu ngày 1 tháng 4, 7, 10 \
                         hoặc 11): ghi một mẫu như \"{{start_year}}Sep\""
                    ),
                    format!(
                        "the period {shown} is no DHIS2 financial year (starting on the 1st of April, July, \
                         October or November): write a pattern such as \"{{start_year}}Sep\""
                    ),
                );
            }
            pattern
        }
        pattern if is_period_pattern(pattern) => Some(pattern.to_string()),
        other => {
            ck.error(
                given.span(),
                "reporting.dhis2_period",
                format!(
                    "«{other}» không phải kiểu kỳ DHIS2: ghi \"calendar\", \"financial\" hoặc một mẫu có {{year}} \
                     (năm báo cáo) hay {{start_year}} (năm bắt đầu kỳ), ví dụ \"{{start_year}}Sep\""
                ),
                format!(
                    "«{other}» is no DHIS2 period: write \"calendar\", \"financial\" or a pattern with {{year}} \
                     (the report year) or {{start_year}} (the year the period starts), e.g. \"{{start_year}}Sep\""
                ),
            );
            None
        }
    }
}

/// Two different units whose values would go to one DHIS2 organisation unit (a code reused after a merger
/// without `dhis2_id`s that tell them apart): an error at the later unit, naming both.
pub(super) fn check_org_units(ck: &mut Checker, raw: &[Spanned<RawUnit>], units: &[Unit]) {
    for (first, second) in shared_org_units(units) {
        let (a, b) = (&units[first], &units[second]);
        ck.dhis2_error(
            raw[second].get_ref().code.span(),
            &format!("units[{}].dhis2_id", b.code),
            shared_org_unit_text(a, b, Lang::Vi),
            shared_org_unit_text(a, b, Lang::En),
        );
    }
}
