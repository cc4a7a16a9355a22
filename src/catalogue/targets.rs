//! The targets of the plan as the catalogue states them: groups, targets, their measurable parts, and how
//! a part is measured and its levels written.

use crate::attainment::YearLevel;
use crate::lang::Lang;
use serde::Serialize;

/// A group of targets in the appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Number, 1–4.
    pub number: u16,
    /// Vietnamese heading.
    pub name: String,
    /// English heading, if given.
    pub name_en: Option<String>,
}

impl Group {
    /// The heading in a language (Vietnamese when there is no English one).
    pub fn name_in(&self, lang: Lang) -> &str {
        lang.pick_given(&self.name, self.name_en.as_deref())
    }
}

/// The unit a part is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Percent of a population.
    Percent,
    /// Per thousand (live births).
    PerMille,
    /// Per 100,000 children.
    #[serde(rename = "per_100000")]
    Per100000,
    /// A number of cases.
    Cases,
    /// Percent of the units that answered, counting those answering yes.
    PercentUnits,
}

/// A level for people: "< 2,8‰", "≥ 100% (hằng năm từ 2025)"; none at all reads "không có" ("none"), as the
/// plan says it, not "= 0 trường hợp".
pub fn level_text(level: &YearLevel, unit: Measure, lang: crate::lang::Lang) -> String {
    let none = level.value.mantissa == 0
        && matches!(level.op, crate::attainment::Op::Eq | crate::attainment::Op::Le);
    let mut text = if none {
        lang.pick("không có", "none").to_string()
    } else {
        format!("{} {}{}", level.op.symbol(), lang.decimal(&level.value), unit.suffix(lang))
    };
    if let Some((from, _)) = level.held {
        text.push_str(&format!(" ({} {from})", lang.pick("hằng năm từ", "every year from")));
    }
    text
}

/// A level as a spreadsheet cell: its value, and a number format carrying the comparator, the unit and the
/// years it holds ("< "0.0"‰"), so that the number shows with the reader's own decimal separator like the
/// numbers beside it. None for a level of none at all, which [`level_text`] words.
pub fn level_cell(level: &YearLevel, unit: Measure, lang: crate::lang::Lang) -> Option<(f64, String)> {
    let none = level.value.mantissa == 0
        && matches!(level.op, crate::attainment::Op::Eq | crate::attainment::Op::Le);
    if none {
        return None;
    }
    let digits = match level.value.scale {
        0 => "0".to_string(),
        n => format!("0.{}", "0".repeat(n as usize)),
    };
    let mut after = unit.suffix(lang).to_string();
    if let Some((from, _)) = level.held {
        after.push_str(&format!(" ({} {from})", lang.pick("hằng năm từ", "every year from")));
    }
    let quoted = |text: &str| format!("\"{}\"", text.replace('"', ""));
    Some((
        level.value.to_f64(),
        format!("{}{digits}{}", quoted(&format!("{} ", level.op.symbol())), quoted(&after)),
    ))
}

impl Measure {
    /// Parses the catalogue's spelling.
    pub fn parse(text: &str) -> Option<Measure> {
        Some(match text {
            "percent" => Measure::Percent,
            "per_mille" => Measure::PerMille,
            "per_100000" => Measure::Per100000,
            "cases" => Measure::Cases,
            "percent_units" => Measure::PercentUnits,
            _ => return None,
        })
    }

    /// The factor the measure implies.
    pub fn factor(&self) -> u64 {
        match self {
            Measure::Percent | Measure::PercentUnits => 100,
            Measure::PerMille => 1000,
            Measure::Per100000 => 100_000,
            Measure::Cases => 1,
        }
    }

    /// Whether the part is a ratio with a denominator list.
    pub fn has_denominator(&self) -> bool {
        !matches!(self, Measure::Cases | Measure::PercentUnits)
    }

    /// The sign written after a value ("%", "‰", "/100.000", " trường hợp").
    pub fn suffix(&self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Measure::Percent | Measure::PercentUnits => "%",
            Measure::PerMille => "‰",
            Measure::Per100000 => lang.pick("/100.000", "/100,000"),
            Measure::Cases => lang.pick(" trường hợp", " cases"),
        }
    }

    /// The "Đơn vị tính" column.
    pub fn name(&self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Measure::Percent => "%",
            Measure::PerMille => lang.pick("‰ trẻ đẻ sống", "‰ live births"),
            Measure::Per100000 => lang.pick("/100.000 trẻ em", "per 100,000 children"),
            Measure::Cases => lang.pick("Trường hợp", "Cases"),
            Measure::PercentUnits => lang.pick("% số xã", "% of units"),
        }
    }
}

/// A measurable part of a target (1.1, 3.2…).
#[derive(Debug, Clone)]
pub struct Part {
    /// Id, "3.1".
    pub id: String,
    /// The target's number.
    pub target: u16,
    /// The plan's words for this part.
    pub text: String,
    /// Short Vietnamese name for tables.
    pub short: String,
    /// Short English name, if given.
    pub short_en: Option<String>,
    /// Leading offices in the plan's first year.
    pub offices: Vec<String>,
    /// Leading offices by span of years, covering the plan (the part's own `lead`, else the target's).
    pub leads: Vec<super::office::LeadSpan>,
    /// Unit of measure.
    pub unit: Measure,
    /// Element codes summed for the numerator.
    pub numerator: Vec<String>,
    /// Element codes summed for the denominator (empty for cases and % of units).
    pub denominator: Vec<String>,
    /// Multiplier of the ratio.
    pub factor: u64,
    /// Unit rates on a smaller denominator are flagged "số nhỏ".
    pub small_denominator: Option<u64>,
    /// One level per year that has one, in year order.
    pub levels: Vec<YearLevel>,
}

impl Part {
    /// Whether `office` leads it in some year of the plan.
    pub fn led_by(&self, office: &str) -> bool {
        self.leads.iter().any(|s| s.lead.iter().any(|l| l == office))
    }

    /// The leading offices in `year`.
    pub fn offices_in(&self, year: u16) -> &[String] {
        super::office::span_of(&self.leads, year, |s| (s.from, s.to)).map_or(&self.offices, |s| &s.lead)
    }

    /// The short name in a language (Vietnamese when there is no English one).
    pub fn short_in(&self, lang: Lang) -> &str {
        lang.pick_given(&self.short, self.short_en.as_deref())
    }
}

/// A target (chỉ tiêu) of the appendix.
#[derive(Debug, Clone)]
pub struct Target {
    /// Number, 1–24.
    pub number: u16,
    /// Group number.
    pub group: u16,
    /// Leading offices (section II) in the plan's first year.
    pub lead: Vec<String>,
    /// Leading offices by span of years, covering the plan: the `lead` until the catalogue's
    /// `[[targets.leads]]` or an office's successor says otherwise.
    pub leads: Vec<super::office::LeadSpan>,
    /// The plan's sentence.
    pub text: String,
    /// Measurable parts, in plan order.
    pub parts: Vec<Part>,
}

impl Target {
    /// Whether `office` leads it in some year of the plan.
    pub fn led_by(&self, office: &str) -> bool {
        self.leads.iter().any(|s| s.lead.iter().any(|l| l == office))
    }

    /// The leading offices in `year`.
    pub fn lead_in(&self, year: u16) -> &[String] {
        super::office::span_of(&self.leads, year, |s| (s.from, s.to)).map_or(&self.lead, |s| &s.lead)
    }
}
