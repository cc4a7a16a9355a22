//! The checked catalogue: the plan, its offices, units, data elements, targets and rules.

use super::document::DocumentSettings;
// The plan's own settings, re-exported with the model that holds them.
pub use super::office::{LeadSpan, Office, OfficeName, OfficeSpan};
pub use super::plan::{AreaHolder, Deadline, Period, Plan, Receiver};
pub use super::targets::{Group, Measure, Part, Target, level_cell, level_text};
use crate::expr::Condition;
use crate::lang::Lang;
use serde::Serialize;
use std::collections::HashMap;

/// How and when reports are made.
#[derive(Debug, Clone, Serialize)]
pub struct Reporting {
    /// The yearly deadline.
    pub deadline: Deadline,
    /// The period a yearly report covers.
    pub period: Period,
    /// Title printed on report forms.
    pub report_title: String,
    /// The office that receives and consolidates reports.
    pub coordinator: String,
    /// Receiving bodies by year.
    pub receivers: Vec<Receiver>,
    /// The largest count one unit's report may give ([`DEFAULT_MAX_COUNT`] unless the catalogue says
    /// `max_count`): more than any commune holds, so a larger one is a typing slip, and sums of counts
    /// stay far from overflowing.
    pub max_count: u64,
    /// The DHIS2 period of a report year as a pattern ("{start_year}Oct": the report of 2024 is "2023Oct"),
    /// or `None` when the period matches no DHIS2 period type and the catalogue names none
    /// (`dhis2_period`): the DHIS2 export is then refused (`catalogue/dhis2.rs`).
    pub dhis2_period: Option<String>,
    /// The consolidated report as an administrative document, by span of years.
    pub documents: Vec<DocumentSettings>,
    /// Who holds each office's whole-area figures, by year; a year without an entry expects them from the
    /// area itself ("Toàn huyện …").
    pub area_holders: Vec<AreaHolder>,
}

/// The largest count of one unit unless the catalogue says otherwise: a million, above the population of
/// any Vietnamese commune or ward.
pub const DEFAULT_MAX_COUNT: u64 = 1_000_000;

/// The kind of a reporting unit: a commune-level unit (xã, thị trấn, phường), or a district-level one
/// (huyện, thị xã, thành phố, quận) when a province collects the districts' consolidated reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// Xã (rural commune).
    Xa,
    /// Thị trấn (township).
    ThiTran,
    /// Phường (urban ward).
    Phuong,
    /// Huyện (rural district), reporting by its consolidated report.
    Huyen,
    /// Thị xã (district-level town), reporting by its consolidated report.
    ThiXa,
    /// Thành phố thuộc tỉnh (provincial city), reporting by its consolidated report.
    ThanhPho,
    /// Quận (urban district), reporting by its consolidated report.
    Quan,
    /// Đặc khu (special zone, an island commune since 2025).
    DacKhu,
}

impl UnitKind {
    /// Every kind, in the catalogue's spelling.
    pub const SPELLINGS: [(UnitKind, &'static str); 8] = [
        (UnitKind::Xa, "xa"),
        (UnitKind::ThiTran, "thi-tran"),
        (UnitKind::Phuong, "phuong"),
        (UnitKind::Huyen, "huyen"),
        (UnitKind::ThiXa, "thi-xa"),
        (UnitKind::ThanhPho, "thanh-pho"),
        (UnitKind::Quan, "quan"),
        (UnitKind::DacKhu, "dac-khu"),
    ];

    /// Parses the catalogue's spelling: `xa`, `thi-tran`, `phuong`, `dac-khu`, `huyen`, `thi-xa`, `thanh-pho`,
    /// `quan`.
    pub fn parse(text: &str) -> Option<UnitKind> {
        Self::SPELLINGS.iter().find(|(_, spelling)| *spelling == text).map(|(kind, _)| *kind)
    }

    /// The catalogue's spellings, for messages: "xa, thi-tran, …".
    pub fn spellings() -> String {
        Self::SPELLINGS.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(", ")
    }

    /// The Vietnamese word, capitalised as at the start of a name ("Xã", "Thị trấn", "Đặc khu", "Huyện").
    pub fn title(&self) -> &'static str {
        match self {
            UnitKind::Xa => "Xã",
            UnitKind::ThiTran => "Thị trấn",
            UnitKind::Phuong => "Phường",
            UnitKind::Huyen => "Huyện",
            UnitKind::ThiXa => "Thị xã",
            UnitKind::ThanhPho => "Thành phố",
            UnitKind::Quan => "Quận",
            UnitKind::DacKhu => "Đặc khu",
        }
    }

    /// Whether the unit is a district-level one, which reports by the consolidated report `plan aggregate`
    /// wrote for it, not by filling a template.
    pub fn is_district_level(&self) -> bool {
        matches!(self, UnitKind::Huyen | UnitKind::ThiXa | UnitKind::ThanhPho | UnitKind::Quan)
    }
}

/// A reference to a unit by its code and first year (codes alone are reused).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct UnitRef {
    /// Administrative code.
    pub code: String,
    /// First year the unit reports.
    pub from: u16,
}

/// A reporting unit: commune-level, or district-level in a province that collects districts' reports.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// Administrative code (may be reused by a later unit).
    pub code: String,
    /// Name without the kind ("Lộc Yên").
    pub name: String,
    /// Xã, thị trấn, phường or đặc khu.
    pub kind: UnitKind,
    /// First year the unit reports.
    pub from: u16,
    /// Last year the unit reports.
    pub to: u16,
    /// The earlier units whose territory this unit took.
    pub covers: Vec<UnitRef>,
    /// The unit's organisation unit id in DHIS2, if known.
    pub dhis2_id: Option<String>,
}

impl Unit {
    /// The name with its kind: "Xã Lộc Yên", "Thị trấn Hương Khê".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.title(), self.name)
    }

    /// Whether the unit reports for `year`.
    pub fn reports_in(&self, year: u16) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// This unit's reference.
    pub fn key(&self) -> UnitRef {
        UnitRef { code: self.code.clone(), from: self.from }
    }
}

/// What a data element holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementType {
    /// A whole number ≥ 0.
    Count,
    /// Có / Không.
    YesNo,
}

/// Who reports a data element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportLevel {
    /// Every commune-level unit.
    Unit,
    /// The district office alone, for the whole district.
    District,
}

/// A raw figure that one office reports.
#[derive(Debug, Clone, Serialize)]
pub struct Element {
    /// Code, as printed in the `Mã` column.
    pub code: String,
    /// Vietnamese label.
    pub label: String,
    /// English label, if given.
    pub label_en: Option<String>,
    /// What exactly is counted.
    pub definition: String,
    /// Count or yes/no.
    #[serde(rename = "type")]
    pub kind: ElementType,
    /// The office that reports it in the plan's first year.
    pub office: String,
    /// The office that reports it in each span of years, covering the plan: the `office` until the
    /// catalogue's `[[elements.offices]]` or an office's successor says otherwise.
    pub offices: Vec<OfficeSpan>,
    /// What is counted, for the "Đơn vị tính" column ("Người", "Cơ sở"…).
    pub measure: Option<String>,
    /// Each unit, or the district.
    pub level: ReportLevel,
    /// The data element's id in DHIS2, if known.
    pub dhis2_id: Option<String>,
}

impl Element {
    /// The label in `lang` (the Vietnamese one where the catalogue gives no English).
    pub fn label_in(&self, lang: Lang) -> &str {
        lang.pick_given(&self.label, self.label_en.as_deref())
    }

    /// Whether `office` reports it in some year of the plan.
    pub fn reported_by(&self, office: &str) -> bool {
        self.offices.iter().any(|s| s.office == office)
    }

    /// The office that reports it in `year`.
    pub fn office_in(&self, year: u16) -> &str {
        super::office::span_of(&self.offices, year, |s| (s.from, s.to)).map_or(&self.office, |s| &s.office)
    }

    /// The "Đơn vị tính" text: the catalogue's, else "Có/Không" for a yes/no answer or "Số lượng".
    pub fn measure_text(&self) -> &str {
        match (&self.measure, self.kind) {
            (Some(m), _) => m,
            (None, ElementType::YesNo) => "Có/Không",
            (None, ElementType::Count) => "Số lượng",
        }
    }
}

/// What a report item holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportItemType {
    /// An amount of money, decimals allowed.
    Amount,
    /// Free text.
    Text,
}

/// A part of every yearly report beyond the figures: spending and text sections.
#[derive(Debug, Clone, Serialize)]
pub struct ReportItem {
    /// Code.
    pub code: String,
    /// Vietnamese label.
    pub label: String,
    /// English label, if given.
    pub label_en: Option<String>,
    /// Amount or text.
    #[serde(rename = "type")]
    pub kind: ReportItemType,
    /// Unit of an amount ("triệu đồng").
    pub measure: Option<String>,
    /// Where the district's written report compiles it.
    pub section: ReportSection,
}

impl ReportItem {
    /// The label in `lang` (the Vietnamese one where the catalogue gives no English).
    pub fn label_in(&self, lang: Lang) -> &str {
        lang.pick_given(&self.label, self.label_en.as_deref())
    }
}

/// The section of the district's written report that compiles a report item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportSection {
    /// III. Spending by source and office (every amount).
    Spending,
    /// I. Results and activities of each office and unit.
    Results,
    /// IV. Difficulties and recommendations.
    Difficulties,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed.
    Error,
    /// Worth a look.
    Warning,
}

/// A consistency rule between data elements.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// The condition as written.
    pub expr: String,
    /// The parsed condition.
    #[serde(skip)]
    pub condition: Condition,
    /// Error or warning.
    pub severity: Severity,
    /// Vietnamese message.
    pub message: String,
    /// English message, if given.
    pub message_en: Option<String>,
}

/// The whole catalogue, checked.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Schema version of the file format.
    pub schema: u32,
    /// Version of the content.
    pub version: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// The plan.
    pub plan: Plan,
    /// Reporting arrangements.
    pub reporting: Reporting,
    /// Offices.
    pub offices: Vec<Office>,
    /// Units, each with the years it reports.
    pub units: Vec<Unit>,
    /// Data elements.
    pub elements: Vec<Element>,
    /// Spending and text items.
    pub report_items: Vec<ReportItem>,
    /// Groups of targets.
    pub groups: Vec<Group>,
    /// Targets with their parts.
    pub targets: Vec<Target>,
    /// Consistency rules.
    pub rules: Vec<Rule>,
    /// Positions in `units` by code (codes are reused, so several), for lookups at national scale.
    pub unit_index: HashMap<String, Vec<usize>>,
}

impl Catalogue {
    /// Indexes the units by code; call after changing `units`.
    pub fn index_units(&mut self) {
        self.unit_index.clear();
        for (i, unit) in self.units.iter().enumerate() {
            self.unit_index.entry(unit.code.clone()).or_default().push(i);
        }
    }

    fn units_with_code<'a>(&'a self, code: &str) -> impl Iterator<Item = &'a Unit> + 'a {
        self.unit_index.get(code).into_iter().flatten().map(|&i| &self.units[i])
    }

    /// The office with this id.
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }

    /// The office that holds the portfolio of office `id` in `year`: `id` itself while it exists, then its
    /// successor; `None` when none does.
    pub fn office_holder_in(&self, id: &str, year: u16) -> Option<&Office> {
        let holder = super::office::holder_in(&self.offices, id, year)?;
        self.office(holder)
    }

    /// Why office `id` has no forms in `year`, when it does not exist then: its years, and the office
    /// that reports its portfolio in `year` ("«ldtbxh» chỉ có các năm 2021–2024: từ năm 2025 lĩnh vực này
    /// do Sở Y tế báo cáo"). `None` when it exists in `year` or is unknown.
    pub fn office_absent_in(&self, id: &str, year: u16, lang: Lang) -> Option<String> {
        let office = self.office(id).filter(|o| !o.exists_in(year))?;
        let mut text = match lang {
            Lang::Vi => format!("«{id}» chỉ có các năm {}–{}", office.from, office.to),
            Lang::En => format!("«{id}» exists only in {}–{}", office.from, office.to),
        };
        if let Some(next) = self.office_holder_in(id, year) {
            text.push_str(&match lang {
                Lang::Vi => format!(
                    ": từ năm {} lĩnh vực này do {} («{}») báo cáo",
                    office.to + 1,
                    next.name_in(year),
                    next.id
                ),
                Lang::En => format!(
                    ": from {} this portfolio is reported by {} («{}»)",
                    office.to + 1,
                    next.name_lang(year, lang),
                    next.id
                ),
            });
        }
        Some(text)
    }

    /// Offices that report figures in some year.
    pub fn reporting_offices(&self) -> impl Iterator<Item = &Office> {
        self.offices.iter().filter(|o| o.reports)
    }

    /// Offices that report figures in `year`.
    pub fn reporting_offices_in(&self, year: u16) -> impl Iterator<Item = &Office> {
        self.offices.iter().filter(move |o| o.reports && o.exists_in(year))
    }

    /// The short name of the office `id` in `year`, or the id itself when the catalogue has no such office.
    pub fn office_short_in<'a>(&'a self, id: &'a str, year: u16) -> &'a str {
        self.office(id).map_or(id, |o| o.short_in(year))
    }

    /// The data element with this code.
    pub fn element(&self, code: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.code == code)
    }

    /// Data elements an office reports in some year.
    pub fn elements_of<'a>(&'a self, office: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements.iter().filter(move |e| e.reported_by(office))
    }

    /// Data elements an office reports in `year`.
    pub fn elements_of_in<'a>(
        &'a self,
        office: &'a str,
        year: u16,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements.iter().filter(move |e| e.office_in(year) == office)
    }

    /// Every part, in plan order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.targets.iter().flat_map(|t| t.parts.iter())
    }

    /// The number of the group a part belongs to (through its target).
    pub fn group_of(&self, part: &Part) -> Option<u16> {
        self.targets.iter().find(|t| t.number == part.target).map(|t| t.group)
    }

    /// The part with this id.
    pub fn part(&self, id: &str) -> Option<&Part> {
        self.parts().find(|p| p.id == id)
    }

    /// Parts whose numerator or denominator uses an element.
    pub fn parts_fed_by<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Part> + 'a {
        self.parts().filter(move |p| p.numerator.iter().chain(&p.denominator).any(|c| c == code))
    }

    /// Units that report in `year`.
    pub fn units_in(&self, year: u16) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(move |u| u.reports_in(year))
    }

    /// Units that fill in templates in `year`: the commune-level ones (a district-level unit sends its
    /// consolidated report instead).
    pub fn template_units_in(&self, year: u16) -> impl Iterator<Item = &Unit> {
        self.units_in(year).filter(|u| !u.kind.is_district_level())
    }

    /// The unit with this code that reports in `year`.
    pub fn unit(&self, code: &str, year: u16) -> Option<&Unit> {
        self.units_with_code(code).find(|u| u.reports_in(year))
    }

    /// Units a user names by code or by name (with or without diacritics or the kind), reporting in
    /// `year` when given.
    pub fn find_units(&self, query: &str, year: Option<u16>) -> Vec<&Unit> {
        let by_code: Vec<&Unit> =
            self.units_with_code(query.trim()).filter(|u| year.is_none_or(|y| u.reports_in(y))).collect();
        if !by_code.is_empty() {
            return by_code;
        }
        let wanted = crate::text::fold(query);
        self.units
            .iter()
            .filter(|u| year.is_none_or(|y| u.reports_in(y)))
            .filter(|u| {
                u.code == query.trim()
                    || crate::text::fold(&u.name) == wanted
                    || crate::text::fold(&u.full_name()) == wanted
            })
            .collect()
    }

    /// The unit a reference names.
    pub fn unit_by_ref(&self, key: &UnitRef) -> Option<&Unit> {
        self.units_with_code(&key.code).find(|u| u.from == key.from)
    }

    /// The administrative form of the consolidated report of `year`: the catalogue's, or one made from the
    /// plan's issuer and the receiver of the year when the catalogue has none.
    pub fn document(&self, year: u16) -> DocumentSettings {
        self.reporting.documents.iter().find(|d| (d.from..=d.to).contains(&year)).cloned().unwrap_or_else(
            || {
                DocumentSettings::fallback(
                    &self.plan,
                    self.receiver(year),
                    &self.reporting.report_title,
                    year,
                )
            },
        )
    }

    /// The body that receives reports for `year`.
    pub fn receiver(&self, year: u16) -> Option<&Receiver> {
        self.reporting.receivers.iter().find(|r| (r.from..=r.to).contains(&year))
    }

    /// The body that holds `office`'s whole-area figures in `year`, when the catalogue names one.
    pub fn area_holder(&self, office: &str, year: u16) -> Option<&AreaHolder> {
        self.reporting.area_holders.iter().find(|h| h.office == office && (h.from..=h.to).contains(&year))
    }

    /// Whether `year` is within the plan.
    pub fn in_span(&self, year: u16) -> bool {
        (self.plan.start_year..=self.plan.end_year).contains(&year)
    }
}
