//! A submission after reading and checking: who reported, for which year, and typed values with their
//! cells. This is what aggregation consumes.

use super::raw::Position;
use crate::catalogue::{Catalogue, UnitRef};
use crate::date::Date;
use crate::decimal::Decimal;
use serde::Serialize;

/// Who a value is reported for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReporterId {
    /// A commune-level unit, known by its code and first year.
    Unit {
        /// Administrative code.
        code: String,
        /// First year the unit reports (codes are reused).
        from: u16,
    },
    /// The whole district (figures only the district holds).
    District,
}

impl ReporterId {
    /// The reporter of a unit reference.
    pub fn of(unit: &UnitRef) -> ReporterId {
        ReporterId::Unit { code: unit.code.clone(), from: unit.from }
    }

    /// The administrative code: the unit's, or the area's.
    pub fn code<'a>(&'a self, catalogue: &'a Catalogue) -> &'a str {
        match self {
            ReporterId::Unit { code, .. } => code,
            ReporterId::District => &catalogue.plan.area_code,
        }
    }

    /// The name for people: "Xã Lộc Yên (18520)", "Toàn huyện Hương Khê (444)".
    pub fn name(&self, catalogue: &Catalogue) -> String {
        match self {
            ReporterId::Unit { code, from } => catalogue
                .unit_by_ref(&UnitRef { code: code.clone(), from: *from })
                .map_or_else(|| code.clone(), |u| format!("{} ({})", u.full_name(), u.code)),
            ReporterId::District => format!("Toàn {} ({})", catalogue.plan.area, catalogue.plan.area_code),
        }
    }
}

/// A typed value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Data {
    /// A count.
    Count(u64),
    /// A yes/no answer.
    YesNo(bool),
    /// An amount of money.
    Amount(#[serde(serialize_with = "decimal_text")] Decimal),
    /// Free text.
    Text(String),
}

/// A yes/no answer as the forms write it: «Có» or «Không».
pub fn yes_no_word(yes: bool) -> &'static str {
    if yes { "Có" } else { "Không" }
}

impl Data {
    /// The value as a reader of the forms would type it: "12", «Có», "1.234,5", the text.
    pub fn text(&self) -> String {
        match self {
            Data::Count(n) => n.to_string(),
            Data::YesNo(b) => yes_no_word(*b).to_string(),
            Data::Amount(d) => d.to_vietnamese(),
            Data::Text(t) => t.clone(),
        }
    }
}

fn decimal_text<S: serde::Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

/// One value of one reporter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// Who it is for.
    pub reporter: ReporterId,
    /// Data-element or report-item code.
    pub code: String,
    /// The value.
    pub data: Data,
    /// Where it was read.
    #[serde(serialize_with = "position_text")]
    pub at: Position,
}

fn position_text<S: serde::Serializer>(value: &Position, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

/// A workbook as understood: identity and typed values. Fields are `None` when the workbook did not say
/// (a finding then says so).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Submission {
    /// The file, as given.
    pub file: String,
    /// The stamp's template id.
    pub template_id: Option<String>,
    /// The reporting office (`None` for a combined workbook).
    pub office: Option<String>,
    /// `unit` or `units`.
    pub layout: Option<String>,
    /// Report year.
    pub year: Option<u16>,
    /// Report date.
    pub date: Option<Date>,
    /// The reporter of a one-unit workbook.
    pub reporter: Option<ReporterId>,
    /// Catalogue version the workbook was made with.
    pub catalogue_version: Option<String>,
    /// Typed values.
    pub values: Vec<Value>,
    /// The clerk's notes on values («Ghi chú»), in the order read.
    pub notes: Vec<Note>,
}

impl Submission {
    /// A one-unit workbook of counts as the reader makes of a filled form (`office` `None` for a combined
    /// workbook; every value at one cell): for tests and generated data sets.
    pub fn of_counts(
        file: &str,
        office: Option<&str>,
        reporter: ReporterId,
        year: u16,
        date: Option<Date>,
        values: &[(&str, u64)],
    ) -> Submission {
        Submission {
            file: file.into(),
            template_id: Some(format!("{}/unit", office.unwrap_or("chung"))),
            office: office.map(str::to_string),
            layout: Some("unit".into()),
            year: Some(year),
            date,
            reporter: Some(reporter.clone()),
            catalogue_version: None,
            notes: vec![],
            values: values
                .iter()
                .map(|(code, n)| Value {
                    reporter: reporter.clone(),
                    code: code.to_string(),
                    data: Data::Count(*n),
                    at: Position { sheet: "Báo cáo".into(), row: 0, col: 4 },
                })
                .collect(),
        }
    }
}

/// The clerk's note on one value: why a figure is what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// Who the value is for.
    pub reporter: ReporterId,
    /// The data element or report item.
    pub code: String,
    /// The note's text.
    pub text: String,
}
