//! The plan itself as the catalogue states it: its title, span and dates, the deadline and period of the
//! yearly report, who receives it, and who holds the area's own figures.

use crate::date::Date;
use serde::Serialize;

/// The plan the catalogue describes.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Document number, e.g. "80/KH-UBND".
    pub number: String,
    /// Date of issue.
    pub date: Date,
    /// Issuing body.
    pub issuer: String,
    /// Issuing body as printed in the top-left header, one line each.
    pub issuer_header: Vec<String>,
    /// Place name used in "…, ngày … tháng … năm …".
    pub place: String,
    /// Full title.
    pub title: String,
    /// English title, if given.
    pub title_en: Option<String>,
    /// The national programme the plan implements.
    pub programme: String,
    /// Documents the plan is based on.
    pub basis: Vec<String>,
    /// The area covered ("huyện Hương Khê").
    pub area: String,
    /// The area's level as the program names it ("huyện", "tỉnh"): `area_level`, or the first word(s) of
    /// `area` (see [`crate::catalogue::words::level_of_area`]).
    pub area_level: String,
    /// The level in English ("district", "province").
    pub area_level_en: String,
    /// Administrative code of the area ("444"), used for figures reported for the whole area.
    pub area_code: String,
    /// The area's organisation unit id in DHIS2, if known.
    pub area_dhis2_id: Option<String>,
    /// The province ("tỉnh Hà Tĩnh").
    pub province: String,
    /// First year of the plan.
    pub start_year: u16,
    /// Last year of the plan.
    pub end_year: u16,
    /// Milestone years (2025, 2030).
    pub milestones: Vec<u16>,
    /// National motto, one line each.
    pub motto: Vec<String>,
}

/// The yearly deadline for reports.
#[derive(Debug, Clone, Serialize)]
pub struct Deadline {
    /// Month of the deadline.
    pub month: u8,
    /// Day of the deadline.
    pub day: u8,
    /// Whether a report dated on the deadline day is on time ("trước ngày 30/10" is not inclusive).
    pub inclusive: bool,
    /// The plan's words.
    pub wording: String,
}

impl Deadline {
    /// Whether a report for `year` dated `date` is on time.
    pub fn is_on_time(&self, year: u16, date: Date) -> bool {
        let deadline = Date { year: year as i32, month: self.month, day: self.day };
        if self.inclusive { date <= deadline } else { date < deadline }
    }
}

/// The period a yearly report covers, relative to the report year.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    /// Month the period starts.
    pub start_month: u8,
    /// Day the period starts.
    pub start_day: u8,
    /// Year of the start relative to the report year (-1: the previous year).
    pub start_year_offset: i32,
    /// Month the period ends.
    pub end_month: u8,
    /// Day the period ends.
    pub end_day: u8,
    /// Year of the end relative to the report year.
    pub end_year_offset: i32,
}

impl Period {
    /// First and last day covered by the report of `year`.
    pub fn for_year(&self, year: u16) -> (Date, Date) {
        let y = year as i32;
        (
            Date { year: y + self.start_year_offset, month: self.start_month, day: self.start_day },
            Date { year: y + self.end_year_offset, month: self.end_month, day: self.end_day },
        )
    }
}

/// Who receives the reports during a span of years.
#[derive(Debug, Clone, Serialize)]
pub struct Receiver {
    /// First year.
    pub from: u16,
    /// Last year.
    pub to: u16,
    /// The receiving body.
    pub name: String,
    /// The office through which reports are sent, if any.
    pub via: Option<String>,
}

/// The body that holds an office's whole-area figures (elements of level "district") during a span of
/// years: the district health centre, then the area health centre after the 2025 reform.
#[derive(Debug, Clone, Serialize)]
pub struct AreaHolder {
    /// First year.
    pub from: u16,
    /// Last year.
    pub to: u16,
    /// The office whose area-level elements it reports.
    pub office: String,
    /// The body, as printed ("Trung tâm Y tế huyện Hương Khê").
    pub name: String,
}
