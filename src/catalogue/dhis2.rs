//! What the catalogue says about DHIS2: the period a report year is sent as, and which units would land
//! in one organisation unit.
//!
//! Both are read by `plan catalogue check` (which refuses a catalogue that DHIS2 could not take apart)
//! and by `plan export --format dhis2` (which refuses to write such a file).

use super::model::{Catalogue, Period, Unit};
use crate::lang::Lang;

/// The DHIS2 period types a yearly report can be sent as, by the month the report's period starts:
/// January is the calendar year (`Yearly`, "2024"), the others financial years named by the year they start
/// in (`FinancialApril` "2023April", `FinancialJuly` "2023July", `FinancialOct` "2023Oct",
/// `FinancialNov` "2023Nov").
const FINANCIAL: [(u8, &str); 5] = [(1, ""), (4, "April"), (7, "July"), (10, "Oct"), (11, "Nov")];

/// The placeholders of a `dhis2_period` pattern: the report year, and the year its period starts.
const PERIOD_PLACEHOLDERS: [&str; 2] = ["{year}", "{start_year}"];

/// The period pattern of the DHIS2 period type whose years are the report's period ("{start_year}Oct" for
/// 01/10 of the previous year to 30/09, "{start_year}" for 01/01 to 31/12), or `None` when the period is
/// not a whole year starting on the first of January, April, July, October or November.
pub fn financial_pattern(period: &Period) -> Option<String> {
    if period.start_day != 1 {
        return None;
    }
    let suffix = FINANCIAL.iter().find(|(month, _)| *month == period.start_month)?.1;
    let (end_month, year_later) = if period.start_month == 1 { (12, 0) } else { (period.start_month - 1, 1) };
    let whole_year = period.end_month == end_month
        && period.end_day == last_day(end_month)
        && period.end_year_offset == period.start_year_offset + year_later;
    whole_year.then(|| format!("{{start_year}}{suffix}"))
}

/// The last day of a month (no financial year ends in February, so leap years do not matter here).
fn last_day(month: u8) -> u8 {
    match month {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The DHIS2 period of the report of `year` by a pattern: `{year}` is the report year, `{start_year}` the
/// year its period starts ("{start_year}Oct" → "2023Oct" for the report of 2024 from 01/10/2023).
pub fn period_of(pattern: &str, period: &Period, year: u16) -> String {
    let start_year = i32::from(year) + period.start_year_offset;
    pattern.replace("{year}", &year.to_string()).replace("{start_year}", &start_year.to_string())
}

impl Catalogue {
    /// The DHIS2 period of the report of `year` ("2023Oct" for 01/10/2023–30/09/2024), or `None` when
    /// the catalogue has none (see [`super::Reporting::dhis2_period`]).
    pub fn dhis2_period(&self, year: u16) -> Option<String> {
        let pattern = self.reporting.dhis2_period.as_deref()?;
        Some(period_of(pattern, &self.reporting.period, year))
    }
}

/// Whether a pattern names a year by a placeholder and has no other braces.
pub fn is_period_pattern(pattern: &str) -> bool {
    let mut rest = pattern.to_string();
    let mut named = false;
    for placeholder in PERIOD_PLACEHOLDERS {
        named |= rest.contains(placeholder);
        rest = rest.replace(placeholder, "");
    }
    named && !rest.contains(['{', '}'])
}

/// The organisation unit a unit's values go to: its `dhis2_id`, else its code.
fn org_unit(unit: &Unit) -> &str {
    unit.dhis2_id.as_deref().unwrap_or(&unit.code)
}

/// Whether `later` only carries on `earlier` (same name, and covering nothing but it), so that DHIS2 may
/// keep them in one organisation unit: a thị trấn that became a xã with the same territory.
fn continues(earlier: &Unit, later: &Unit) -> bool {
    earlier.name == later.name
        && later.covers.iter().all(|c| c.code == earlier.code && c.from == earlier.from)
}

/// The pairs of different units (by index, earlier first) whose values would go to one DHIS2 organisation
/// unit: a code reused by another unit after a merger (18550, Hương Trà until 2024 and Hương Đô from 2025)
/// without a `dhis2_id` that tells them apart, or two units given the same `dhis2_id`.
pub fn shared_org_units(units: &[Unit]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, a) in units.iter().enumerate() {
        for (j, b) in units.iter().enumerate().skip(i + 1) {
            // A code reused in overlapping years is refused for everything already.
            let overlapping = a.code == b.code && a.from <= b.to && b.from <= a.to;
            if org_unit(a) != org_unit(b) || overlapping {
                continue;
            }
            let (first, second) = if a.from <= b.from { (i, j) } else { (j, i) };
            if !continues(&units[first], &units[second]) {
                pairs.push((first, second));
            }
        }
    }
    pairs
}

/// Why the report's period has no DHIS2 period, and what to write in the catalogue.
pub fn no_period_text(period: &Period, lang: Lang) -> String {
    let shown =
        format!("{}/{}–{}/{}", period.start_day, period.start_month, period.end_day, period.end_month);
    match lang {
        Lang::Vi => format!(
            "kỳ báo cáo {shown} không khớp kiểu kỳ nào của DHIS2 (năm dương lịch 1/1–31/12, năm tài chính bắt \
             đầu ngày 1 tháng 4, 7, 10 hoặc 11): ghi dhis2_period = \"calendar\" (năm báo cáo) hoặc một mẫu như \
             \"{{start_year}}Sep\" trong [reporting] của danh mục"
        ),
        Lang::En => format!(
            "the period {shown} matches no DHIS2 period type (calendar year 1/1–31/12, financial year starting \
             on the 1st of April, July, October or November): set dhis2_period = \"calendar\" (the report year) \
             or a pattern such as \"{{start_year}}Sep\" in the catalogue's [reporting]"
        ),
    }
}

/// Why two units may not share an organisation unit, naming both: "Xã Hương Trà (18550, 2021–2024) và Xã
/// Hương Đô (18550, 2025–2030) đều gửi vào đơn vị tổ chức DHIS2 «18550»…".
pub fn shared_org_unit_text(a: &Unit, b: &Unit, lang: Lang) -> String {
    let described = |u: &Unit| format!("{} ({}, {}–{})", u.full_name(), u.code, u.from, u.to);
    let (a_name, b_name, id) = (described(a), described(b), org_unit(a));
    match lang {
        Lang::Vi => format!(
            "{a_name} và {b_name} đều gửi vào đơn vị tổ chức DHIS2 «{id}»: số liệu của hai đơn vị sẽ bị gộp làm \
             một. Ghi dhis2_id khác nhau cho hai đơn vị (mã đơn vị tổ chức của mỗi đơn vị trong DHIS2)"
        ),
        Lang::En => format!(
            "{a_name} and {b_name} both go to the DHIS2 organisation unit «{id}»: their values would be merged \
             into one. Give the two units different dhis2_id (each one's organisation unit in DHIS2)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(start: (u8, u8, i32), end: (u8, u8, i32)) -> Period {
        Period {
            start_month: start.0,
            start_day: start.1,
            start_year_offset: start.2,
            end_month: end.0,
            end_day: end.1,
            end_year_offset: end.2,
        }
    }

    #[test]
    fn the_period_type_follows_the_reporting_period() {
        let october = period((10, 1, -1), (9, 30, 0));
        let pattern = financial_pattern(&october).unwrap();
        assert_eq!(period_of(&pattern, &october, 2024), "2023Oct");
        let calendar = period((1, 1, 0), (12, 31, 0));
        assert_eq!(period_of(&financial_pattern(&calendar).unwrap(), &calendar, 2024), "2024");
        for (month, end, name) in [(4, 3, "2023April"), (7, 6, "2023July"), (11, 10, "2023Nov")] {
            let p = period((month, 1, -1), (end, last_day(end), 0));
            assert_eq!(period_of(&financial_pattern(&p).unwrap(), &p, 2024), name);
        }
        // Not a DHIS2 year: 16/12 to 15/12, a September start, a year cut short.
        assert_eq!(financial_pattern(&period((12, 16, -1), (12, 15, 0))), None);
        assert_eq!(financial_pattern(&period((9, 1, -1), (8, 31, 0))), None);
        assert_eq!(financial_pattern(&period((10, 1, -1), (9, 29, 0))), None);
        // The report year, whatever its period, with "{year}".
        assert_eq!(period_of("{year}", &october, 2024), "2024");
    }

    #[test]
    fn patterns_name_a_year() {
        assert!(is_period_pattern("{start_year}Sep"));
        assert!(is_period_pattern("{year}"));
        assert!(!is_period_pattern("2024"));
        assert!(!is_period_pattern("{nam}Oct"));
        assert!(!is_period_pattern("{year}{"));
    }
}
