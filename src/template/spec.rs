//! What a workbook holds and for whom: its layout, scope and reporter ([`Spec`]), its file name and stamp
//! id, its elements grouped by target, and the parts it can show live.

use crate::catalogue::{Catalogue, Element, Office, Part, ReportLevel, Unit};
use crate::text::slug;

/// How a workbook is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One reporting unit: a table of values.
    Unit,
    /// One office for a whole year: a row per unit, a column per element.
    Units,
}

impl Layout {
    /// The stamp's spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Layout::Unit => "unit",
            Layout::Units => "units",
        }
    }
}

/// Which elements a workbook holds.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The elements one office reports.
    Office(&'a Office),
    /// Every element ("báo cáo chung").
    All,
}

/// Who a workbook is prefilled for.
#[derive(Debug, Clone, Copy)]
pub enum Reporter<'a> {
    /// A commune-level unit.
    Unit(&'a Unit),
    /// The whole district (figures only the district holds).
    District,
}

/// One workbook to write.
#[derive(Debug, Clone, Copy)]
pub struct Spec<'a> {
    /// Elements of one office, or all.
    pub scope: Scope<'a>,
    /// Layout.
    pub layout: Layout,
    /// Prefilled reporting unit, if any (layout `Unit` only).
    pub reporter: Option<Reporter<'a>>,
    /// Prefilled report year, if any (required by layout `Units`).
    pub year: Option<u16>,
}

/// The scopes of "every office": each reporting office, and the combined form ("báo cáo chung") for
/// one-unit workbooks unless they are made for every unit.
pub fn every_scope(catalogue: &Catalogue, layout: Layout, all_units: bool) -> Vec<Scope<'_>> {
    let mut scopes: Vec<Scope> = catalogue.reporting_offices().map(Scope::Office).collect();
    if layout == Layout::Unit && !all_units {
        scopes.push(Scope::All);
    }
    scopes
}

/// Every unit that fills in templates in `year`, and the district (for the figures only it holds).
pub fn every_reporter(catalogue: &Catalogue, year: u16) -> Vec<Option<Reporter<'_>>> {
    let mut list: Vec<Option<Reporter>> =
        catalogue.template_units_in(year).map(|u| Some(Reporter::Unit(u))).collect();
    list.push(Some(Reporter::District));
    list
}

/// One workbook for each scope and reporter that has something to report.
pub fn specs_for<'a>(
    catalogue: &'a Catalogue,
    scopes: &[Scope<'a>],
    reporters: &[Option<Reporter<'a>>],
    layout: Layout,
    year: Option<u16>,
) -> Vec<Spec<'a>> {
    let mut specs = Vec::new();
    for scope in scopes {
        for reporter in reporters {
            let spec = Spec { scope: *scope, layout, reporter: *reporter, year };
            if !spec.elements(catalogue).is_empty() {
                specs.push(spec);
            }
        }
    }
    specs
}

impl<'a> Spec<'a> {
    /// Stamp id, e.g. `y-te/unit` or `chung/unit`.
    pub fn template_id(&self) -> String {
        format!("{}/{}", self.scope_slug(), self.layout.as_str())
    }

    fn scope_slug(&self) -> &str {
        match self.scope {
            Scope::Office(o) => &o.id,
            Scope::All => "chung",
        }
    }

    /// A file name that sorts well and survives any file system, e.g. `2024_18520_loc-yen_y-te.xlsx`,
    /// `bao-cao-y-te.xlsx`, `2024_y-te_theo-don-vi.xlsx`.
    pub fn file_name(&self, catalogue: &Catalogue) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(year) = self.year {
            parts.push(year.to_string());
        }
        match self.reporter {
            Some(Reporter::Unit(unit)) => parts.push(format!("{}_{}", unit.code, slug(&unit.name))),
            Some(Reporter::District) => {
                parts.push(format!("{}_{}", catalogue.plan.area_code, slug(&catalogue.plan.area)))
            }
            None => {}
        }
        let scope = self.scope_slug();
        let name = match (self.layout, parts.is_empty()) {
            (Layout::Units, _) => format!("{}_{scope}_theo-don-vi", parts.join("_")),
            (Layout::Unit, true) => format!("bao-cao-{scope}"),
            (Layout::Unit, false) => format!("{}_{scope}", parts.join("_")),
        };
        format!("{name}.xlsx")
    }

    /// The year whose names the workbook prints (offices change over time): its report year, else the
    /// last year of its office, else the plan's last year.
    pub fn naming_year(&self, catalogue: &Catalogue) -> u16 {
        match self.scope {
            Scope::Office(o) => o.year_or_last(self.year),
            Scope::All => self.year.unwrap_or(catalogue.plan.end_year),
        }
    }

    /// The data elements the workbook holds in its year ([`Spec::naming_year`]), in catalogue order;
    /// none for an office that does not exist in the workbook's report year.
    pub fn elements(&self, catalogue: &'a Catalogue) -> Vec<&'a Element> {
        let year = self.naming_year(catalogue);
        if let (Scope::Office(o), Some(year)) = (self.scope, self.year)
            && !o.exists_in(year)
        {
            return Vec::new();
        }
        catalogue
            .elements
            .iter()
            .filter(|e| match self.scope {
                Scope::Office(o) => e.office_in(year) == o.id,
                Scope::All => catalogue.office(e.office_in(year)).is_some_and(|o| o.reports),
            })
            .filter(|e| match self.reporter {
                Some(Reporter::Unit(_)) => e.level == ReportLevel::Unit,
                Some(Reporter::District) => e.level == ReportLevel::District,
                None => true,
            })
            .collect()
    }
}

/// Elements grouped under the first target they feed, in target order; elements that feed no target
/// come last under `None`.
pub fn group_by_target<'a>(
    catalogue: &'a Catalogue,
    elements: &[&'a Element],
) -> Vec<(Option<u16>, Vec<&'a Element>)> {
    let first_target =
        |e: &Element| catalogue.parts_fed_by(&e.code).map(|p: &Part| p.target).min_by_key(|t| *t);
    let mut groups: Vec<(Option<u16>, Vec<&Element>)> = Vec::new();
    let mut keys: Vec<Option<u16>> = elements.iter().map(|e| first_target(e)).collect();
    keys.sort_by_key(|k| k.unwrap_or(u16::MAX));
    keys.dedup();
    for key in keys {
        let members: Vec<&Element> = elements.iter().copied().filter(|e| first_target(e) == key).collect();
        groups.push((key, members));
    }
    groups
}

/// Parts whose every element is in the workbook, so that it can show the unit's own value live.
/// Parts counting units that answered yes are left out: one unit's answer is not a rate.
pub fn live_parts<'a>(catalogue: &'a Catalogue, elements: &[&Element]) -> Vec<&'a Part> {
    let has = |code: &String| elements.iter().any(|e| &e.code == code);
    catalogue
        .parts()
        .filter(|p| p.unit != crate::catalogue::Measure::PercentUnits)
        .filter(|p| p.numerator.iter().chain(&p.denominator).all(has))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_sort_and_are_ascii() {
        let catalogue = Catalogue::embedded();
        let office = catalogue.office("y-te").unwrap();
        let unit = catalogue.unit("18520", 2024).unwrap();
        let spec = Spec {
            scope: Scope::Office(office),
            layout: Layout::Unit,
            reporter: Some(Reporter::Unit(unit)),
            year: Some(2024),
        };
        assert_eq!(spec.file_name(&catalogue), "2024_18520_loc-yen_y-te.xlsx");
        let blank = Spec { reporter: None, year: None, ..spec };
        assert_eq!(blank.file_name(&catalogue), "bao-cao-y-te.xlsx");
        let all = Spec { scope: Scope::All, ..blank };
        assert_eq!(all.file_name(&catalogue), "bao-cao-chung.xlsx");
        let grid = Spec { layout: Layout::Units, year: Some(2025), ..blank };
        assert_eq!(grid.file_name(&catalogue), "2025_y-te_theo-don-vi.xlsx");
        let district = Spec { reporter: Some(Reporter::District), ..spec };
        assert_eq!(district.file_name(&catalogue), "2024_444_huyen-huong-khe_y-te.xlsx");
    }

    #[test]
    fn elements_follow_office_and_level() {
        let catalogue = Catalogue::embedded();
        let police = catalogue.office("cong-an").unwrap();
        let spec = Spec { scope: Scope::Office(police), layout: Layout::Unit, reporter: None, year: None };
        let codes: Vec<&str> = spec.elements(&catalogue).iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["tre_bi_xam_hai"]);
        let unit = catalogue.unit("18520", 2024).unwrap();
        let for_unit = Spec { reporter: Some(Reporter::Unit(unit)), ..spec };
        assert!(for_unit.elements(&catalogue).is_empty());
        let all = Spec { scope: Scope::All, ..spec };
        assert_eq!(all.elements(&catalogue).len(), catalogue.elements.len());
    }

    #[test]
    fn elements_sit_under_the_first_target_they_feed() {
        let catalogue = Catalogue::embedded();
        let health = catalogue.office("y-te").unwrap();
        let spec = Spec { scope: Scope::Office(health), layout: Layout::Unit, reporter: None, year: None };
        let elements = spec.elements(&catalogue);
        let groups = group_by_target(&catalogue, &elements);
        let targets: Vec<Option<u16>> = groups.iter().map(|(t, _)| *t).collect();
        assert_eq!(targets, [Some(3), Some(4), Some(5), Some(6)]);
        // Children under 5 feed 5.2, 14.1 and 15.1; they sit under target 5, once.
        let five: Vec<&str> = groups[2].1.iter().map(|e| e.code.as_str()).collect();
        assert!(five.contains(&"tre_duoi_5"));
        let live: Vec<&str> = live_parts(&catalogue, &elements).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(live, ["3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "6.1"]);
    }
}
