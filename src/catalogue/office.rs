//! Offices as they change over time: the years an office exists, its names and letterheads by year, the
//! office that takes over its portfolio, and which office reports an element or leads a target in a year.

use crate::lang::Lang;
use serde::Serialize;

/// An office of section II: the stable key of a portfolio, written in each workbook's stamp, with the
/// name of the body that holds it in each year.
#[derive(Debug, Clone, Serialize)]
pub struct Office {
    /// Short id, e.g. "y-te".
    pub id: String,
    /// Vietnamese name (in the years no entry of `names` covers).
    pub name: String,
    /// Short Vietnamese name for tables.
    pub short: String,
    /// English name, if given.
    pub name_en: Option<String>,
    /// Whether the office reports figures.
    pub reports: bool,
    /// The letterhead of the office's own forms, superior body first ("CÔNG AN TỈNH HÀ TĨNH", "CÔNG AN
    /// HUYỆN HƯƠNG KHÊ"); empty for an office of the district People's Committee, whose forms read "UBND
    /// HUYỆN …" over the office's name.
    pub letterhead: Vec<String>,
    /// First year the office exists (the plan's first unless the catalogue says `from`).
    pub from: u16,
    /// Last year the office exists (the plan's last unless the catalogue says `to`).
    pub to: u16,
    /// Names by span of years, each replacing the office's own name, short name, English name and
    /// letterhead in its years.
    pub names: Vec<OfficeName>,
    /// The office that takes over this one's portfolio after `to`: its elements and the targets it led
    /// pass to the successor unless the catalogue assigns them otherwise.
    pub successor: Option<String>,
}

/// The name of an office for a span of years (`[[offices.names]]`).
#[derive(Debug, Clone, Serialize)]
pub struct OfficeName {
    /// First year of the name.
    pub from: u16,
    /// Last year of the name.
    pub to: u16,
    /// Vietnamese name.
    pub name: String,
    /// Short Vietnamese name for tables.
    pub short: String,
    /// English name, if given (not inherited from the office: a new body has a new name).
    pub name_en: Option<String>,
    /// Letterhead of the body's own forms (not inherited: empty reads "UBND …" over the name).
    pub letterhead: Vec<String>,
}

impl Office {
    /// Whether the office exists in `year`.
    pub fn exists_in(&self, year: u16) -> bool {
        (self.from..=self.to).contains(&year)
    }

    fn naming(&self, year: u16) -> Option<&OfficeName> {
        self.names.iter().find(|n| (n.from..=n.to).contains(&year))
    }

    /// The Vietnamese name in `year`.
    pub fn name_in(&self, year: u16) -> &str {
        self.naming(year).map_or(&self.name, |n| &n.name)
    }

    /// The short Vietnamese name in `year`.
    pub fn short_in(&self, year: u16) -> &str {
        self.naming(year).map_or(&self.short, |n| &n.short)
    }

    /// The name in `year` and `lang` (the Vietnamese one where the catalogue gives no English).
    pub fn name_lang(&self, year: u16, lang: Lang) -> &str {
        match self.naming(year) {
            Some(n) => lang.pick_given(&n.name, n.name_en.as_deref()),
            None => lang.pick_given(&self.name, self.name_en.as_deref()),
        }
    }

    /// The letterhead of the office's own forms in `year` (empty: "UBND …" over the name).
    pub fn letterhead_in(&self, year: u16) -> &[String] {
        self.naming(year).map_or(&self.letterhead, |n| &n.letterhead)
    }

    /// The year to name the office by when no year is given: `year` when it exists then, else the
    /// office's last year.
    pub fn year_or_last(&self, year: Option<u16>) -> u16 {
        year.filter(|y| self.exists_in(*y)).unwrap_or(self.to)
    }
}

/// Which office reports an element in a span of years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeSpan {
    /// First year.
    pub from: u16,
    /// Last year.
    pub to: u16,
    /// The office's id.
    pub office: String,
}

/// Which offices lead a target or part in a span of years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadSpan {
    /// First year.
    pub from: u16,
    /// Last year.
    pub to: u16,
    /// The offices' ids.
    pub lead: Vec<String>,
}

/// The entry of `spans` (each with `from` and `to`) that covers `year`, else the first (a year outside
/// the plan is named as its first year).
pub(crate) fn span_of<T>(spans: &[T], year: u16, range: impl Fn(&T) -> (u16, u16)) -> Option<&T> {
    spans
        .iter()
        .find(|s| {
            let (from, to) = range(s);
            (from..=to).contains(&year)
        })
        .or_else(|| spans.first())
}

/// The office that holds `id`'s portfolio in `year`: `id` while it exists, then its successor (followed as
/// far as needed); `None` when no office holds it in that year or `id` is unknown.
pub(crate) fn holder_in<'a>(offices: &'a [Office], id: &'a str, year: u16) -> Option<&'a str> {
    let mut id = id;
    for _ in 0..=offices.len() {
        let office = offices.iter().find(|o| o.id == id)?;
        if office.exists_in(year) {
            return Some(&office.id);
        }
        if year < office.from {
            return None;
        }
        id = office.successor.as_deref()?;
    }
    None
}
