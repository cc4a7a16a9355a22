//! The words the program says itself about the area and its units, drawn from the catalogue in use: the
//! area's level ("toàn huyện", "cấp tỉnh", "District total") and the kinds of the units of a year ("các xã,
//! thị trấn", "các xã, phường"). Every front end and output builds these phrases here, so a province's
//! catalogue never hears of a district of xã and thị trấn.

use super::model::{Catalogue, UnitKind};
use crate::lang::Lang;
use crate::text::capitalise;

/// Level words an area's name may start with, longest first, with their English.
pub const LEVELS: [(&str, &str); 5] = [
    ("thành phố", "city"),
    ("thị xã", "town"),
    ("huyện", "district"),
    ("tỉnh", "province"),
    ("quận", "district"),
];

/// The level an area's name starts with ("huyện Hương Khê" → ("huyện", "district")); a name without one
/// of [`LEVELS`] gives ("địa bàn", "area"), which still reads well in "toàn địa bàn".
pub fn level_of_area(area: &str) -> (&'static str, &'static str) {
    split_level(area).map_or(("địa bàn", "area"), |(level, _)| level)
}

/// A place's name split into its level (one of [`LEVELS`], as a whole word) and the rest: "huyện Hương
/// Khê" → (("huyện", "district"), "Hương Khê"); `None` when it starts with no level.
pub fn split_level(name: &str) -> Option<((&'static str, &'static str), &str)> {
    let trimmed = name.trim();
    let lower = trimmed.to_lowercase();
    LEVELS
        .iter()
        .find(|(vi, _)| {
            lower.starts_with(vi)
                && trimmed.is_char_boundary(vi.len())
                && lower[vi.len()..].chars().next().is_none_or(char::is_whitespace)
        })
        .map(|level| (*level, trimmed[level.0.len()..].trim()))
}

impl UnitKind {
    /// Every kind, in the order the program lists them ("xã, phường, thị trấn, đặc khu", then the
    /// district-level kinds of a province's earlier years).
    pub const ALL: [UnitKind; 8] = [
        UnitKind::Xa,
        UnitKind::Phuong,
        UnitKind::ThiTran,
        UnitKind::DacKhu,
        UnitKind::Huyen,
        UnitKind::ThiXa,
        UnitKind::ThanhPho,
        UnitKind::Quan,
    ];

    /// The kind as a lowercase word ("xã", "thị trấn") or its English plural ("communes", "townships").
    pub fn word(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (UnitKind::Xa, Lang::Vi) => "xã",
            (UnitKind::ThiTran, Lang::Vi) => "thị trấn",
            (UnitKind::Phuong, Lang::Vi) => "phường",
            (UnitKind::DacKhu, Lang::Vi) => "đặc khu",
            (UnitKind::Xa, Lang::En) => "communes",
            (UnitKind::ThiTran, Lang::En) => "townships",
            (UnitKind::Phuong, Lang::En) => "wards",
            (UnitKind::DacKhu, Lang::En) => "special zones",
            (UnitKind::Huyen, Lang::Vi) => "huyện",
            (UnitKind::ThiXa, Lang::Vi) => "thị xã",
            (UnitKind::ThanhPho, Lang::Vi) => "thành phố",
            (UnitKind::Quan, Lang::Vi) => "quận",
            (UnitKind::Huyen, Lang::En) => "districts",
            (UnitKind::ThiXa, Lang::En) => "towns",
            (UnitKind::ThanhPho, Lang::En) => "cities",
            (UnitKind::Quan, Lang::En) => "urban districts",
        }
    }
}

impl Catalogue {
    /// The area's level: "huyện", "tỉnh" ("district", "province").
    pub fn area_level(&self, lang: Lang) -> &str {
        lang.pick(&self.plan.area_level, &self.plan.area_level_en)
    }

    /// The whole area by its level: "toàn huyện" ("the whole district").
    pub fn whole_area(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("toàn {}", self.plan.area_level),
            Lang::En => format!("the whole {}", self.plan.area_level_en),
        }
    }

    /// The total row of the whole area: "Cộng toàn huyện" ("District total").
    pub fn area_total(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("Cộng toàn {}", self.plan.area_level),
            Lang::En => format!("{} total", capitalise(&self.plan.area_level_en)),
        }
    }

    /// Figures of the area's own level: "cấp huyện" ("district").
    pub fn area_tier(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("cấp {}", self.plan.area_level),
            Lang::En => self.plan.area_level_en.clone(),
        }
    }

    /// The kinds of the units reporting in `year` (of every year when `None`), in [`UnitKind::ALL`]'s order;
    /// a year without units gives the kinds of every year, a catalogue without units none.
    pub fn unit_kinds(&self, year: Option<u16>) -> Vec<UnitKind> {
        let present = |year: Option<u16>| -> Vec<UnitKind> {
            UnitKind::ALL
                .into_iter()
                .filter(|k| self.units.iter().any(|u| u.kind == *k && year.is_none_or(|y| u.reports_in(y))))
                .collect()
        };
        let kinds = present(year);
        if kinds.is_empty() && year.is_some() { present(None) } else { kinds }
    }

    /// The units of `year` (of every year when `None`) by their level: "đơn vị cấp xã" ("commune-level
    /// units"); when every one is district-level (a province's districts before the reform) their kinds,
    /// "huyện, thị xã, thành phố" ("districts, towns and cities"); "đơn vị" ("units") when the levels mix.
    pub fn units_tier(&self, year: Option<u16>, lang: Lang) -> String {
        let kinds = self.unit_kinds(year);
        let district = kinds.iter().filter(|k| k.is_district_level()).count();
        match (lang, district) {
            (Lang::Vi, 0) => "đơn vị cấp xã".into(),
            (Lang::En, 0) => "commune-level units".into(),
            (_, d) if d == kinds.len() => self.unit_kind_words(year, lang),
            (Lang::Vi, _) => "đơn vị".into(),
            (Lang::En, _) => "units".into(),
        }
    }

    /// The kinds of a year's units as a list: "xã, thị trấn", "xã, phường" ("communes and townships");
    /// "đơn vị cấp xã" ("units") when the catalogue has no units.
    pub fn unit_kind_words(&self, year: Option<u16>, lang: Lang) -> String {
        kind_list(&self.unit_kinds(year), lang)
    }

    /// The kinds of the units that fill in forms in some year, as a list (the district-level units of a
    /// province's earlier years send their consolidated reports instead): "xã, phường".
    pub fn form_unit_kind_words(&self, lang: Lang) -> String {
        let kinds: Vec<UnitKind> =
            self.unit_kinds(None).into_iter().filter(|k| !k.is_district_level()).collect();
        kind_list(&kinds, lang)
    }

    /// The offices in a word fitting the area's level: "sở, ngành" for a province, "phòng, ngành" below
    /// ("departments" or "offices").
    pub fn office_kinds(&self, lang: Lang) -> &'static str {
        let province = self.plan.area_level == "tỉnh";
        match lang {
            Lang::Vi => {
                if province {
                    "sở, ngành"
                } else {
                    "phòng, ngành"
                }
            }
            Lang::En => {
                if province {
                    "departments"
                } else {
                    "offices"
                }
            }
        }
    }
}

/// Kinds of units as a list: "xã, thị trấn" ("communes and townships"); "đơn vị cấp xã" ("units") for none.
fn kind_list(kinds: &[UnitKind], lang: Lang) -> String {
    let words: Vec<&str> = kinds.iter().map(|k| k.word(lang)).collect();
    match (lang, words.as_slice()) {
        (Lang::Vi, []) => "đơn vị cấp xã".into(),
        (Lang::En, []) => "units".into(),
        (Lang::Vi, _) => words.join(", "),
        (Lang::En, [one]) => (*one).into(),
        (Lang::En, [init @ .., last]) => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_is_the_first_word_of_the_area() {
        assert_eq!(level_of_area("huyện Hương Khê"), ("huyện", "district"));
        assert_eq!(level_of_area("Tỉnh Bình Lam"), ("tỉnh", "province"));
        assert_eq!(level_of_area("thành phố Hà Tĩnh"), ("thành phố", "city"));
        assert_eq!(level_of_area("thị xã Hồng Lĩnh"), ("thị xã", "town"));
        // "Huyệnx" is not "huyện".
        assert_eq!(level_of_area("Huyệnx"), ("địa bàn", "area"));
    }

    #[test]
    fn the_built_in_catalogue_keeps_its_words() {
        let c = Catalogue::embedded();
        assert_eq!(c.whole_area(Lang::Vi), "toàn huyện");
        assert_eq!(c.area_tier(Lang::Vi), "cấp huyện");
        assert_eq!(c.area_tier(Lang::En), "district");
        assert_eq!(c.unit_kind_words(Some(2024), Lang::Vi), "xã, thị trấn");
        assert_eq!(c.unit_kind_words(Some(2024), Lang::En), "communes and townships");
        // Hương Khê's 2025 units are the 7 merged xã.
        assert_eq!(c.unit_kind_words(Some(2025), Lang::Vi), "xã");
        assert_eq!(c.unit_kind_words(None, Lang::Vi), "xã, thị trấn");
        // A year outside the plan names the kinds of every year.
        assert_eq!(c.unit_kind_words(Some(1999), Lang::Vi), "xã, thị trấn");
        assert_eq!(c.office_kinds(Lang::Vi), "phòng, ngành");
        assert_eq!(c.units_tier(Some(2024), Lang::Vi), "đơn vị cấp xã");
    }

    // Regression (issue 23): a province's Word draft counted its three districts of 2024 as
    // "Tất cả 3 đơn vị cấp xã".
    #[test]
    fn a_provinces_districts_are_district_level_units() {
        let mut c = Catalogue::embedded();
        c.units[0].kind = UnitKind::Huyen;
        c.units.retain(|u| u.kind == UnitKind::Huyen || u.from >= 2025);
        assert_eq!(c.units_tier(Some(2024), Lang::Vi), "huyện");
        assert_eq!(c.units_tier(Some(2025), Lang::En), "commune-level units");
        assert_eq!(c.units_tier(None, Lang::Vi), "đơn vị");
    }
}
