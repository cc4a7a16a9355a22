//! Warnings for free text that names a level or a kind of unit the catalogue does not have: "trên toàn
//! huyện" in the definitions of a province's copy, "thị trấn" where no unit is one. The words are those of
//! [`crate::catalogue::words`]; a level fits when it is the area's, the province's or that of some
//! district-level unit, a kind when some unit of some year is of it. A former place ("huyện Hương Khê
//! (cũ)") and the national standard "xã, phường, thị trấn phù hợp với trẻ em" are not warned of. A place
//! the catalogue does not know ("huyện Hương Khê" in a province's copy) is named too (`place_names.rs`).

use super::checker::Checker;
use super::place_names::{known_names, unknown_places};
use crate::catalogue::model::{Plan, Unit, UnitKind};
use crate::catalogue::raw::RawCatalogue;
use crate::catalogue::words::{LEVELS, level_of_area};
use crate::lang::Lang;
use std::ops::Range;

/// Phrases naming every kind at once: a general term, not a claim about this catalogue's units.
const GENERIC: [&str; 2] = ["xã, phường, thị trấn, đặc khu", "xã, phường, thị trấn"];

/// Warns of each level word that fits neither the area nor the province and each kind word no unit has,
/// in the free text of elements, report items, groups, targets, parts and documents.
pub(super) fn check_place_words(ck: &mut Checker, raw: &RawCatalogue, plan: &Plan, units: &[Unit]) {
    // The area's level, the province's, and the levels of its own district-level units ("các huyện, thị xã,
    // thành phố" in a province that collected its districts' reports).
    let mut fitting_levels =
        vec![plan.area_level.to_lowercase(), level_of_area(&plan.province).0.to_string()];
    fitting_levels.extend(
        UnitKind::ALL
            .into_iter()
            .filter(|k| k.is_district_level() && units.iter().any(|u| u.kind == *k))
            .map(|k| k.word(Lang::Vi).to_string()),
    );
    // District-level kinds are level words too ("huyện"): the levels above judge them.
    let missing_kinds: Vec<&str> = UnitKind::ALL
        .into_iter()
        .filter(|k| !k.is_district_level() && !units.iter().any(|u| u.kind == *k))
        .map(|k| k.word(Lang::Vi))
        .collect();
    let mut texts: Vec<(Range<usize>, String, &str)> = Vec::new();
    for e in &raw.elements {
        let key = format!("elements[{}]", e.get_ref().code.get_ref());
        texts.push((e.span(), key.clone(), &e.get_ref().label));
        texts.push((e.span(), key, &e.get_ref().definition));
    }
    for r in &raw.report_items {
        texts.push((r.span(), format!("report_items[{}]", r.get_ref().code.get_ref()), &r.get_ref().label));
    }
    for g in &raw.groups {
        texts.push((g.span(), format!("groups[{}]", g.get_ref().number.get_ref()), &g.get_ref().name));
    }
    for t in &raw.targets {
        texts.push((t.span(), format!("targets[{}]", t.get_ref().number.get_ref()), &t.get_ref().text));
        for p in &t.get_ref().parts {
            let key = format!("targets.parts[{}]", p.get_ref().id.get_ref());
            texts.push((p.span(), key.clone(), &p.get_ref().text));
            texts.push((p.span(), key, &p.get_ref().short));
        }
    }
    for d in &raw.reporting.get_ref().documents {
        let doc = d.get_ref();
        let key = format!("reporting.documents[{}–{}]", doc.from, doc.to);
        texts.push((doc.subject.span(), key.clone(), doc.subject.get_ref()));
        texts.push((doc.opening.span(), key.clone(), doc.opening.get_ref()));
        if let Some(closing) = &doc.closing {
            texts.push((closing.span(), key.clone(), closing.get_ref()));
        }
    }
    let known = known_names(plan, units);
    for (span, key, text) in texts {
        for place in unknown_places(text, &known) {
            ck.warn(
                span.clone(),
                &key,
                format!("văn bản nói «{place}», một nơi không có trong danh mục (không phải địa bàn, tỉnh hay đơn vị nào): sửa lời cho đúng địa bàn"),
                format!("the text names «{place}», a place the catalogue does not have (neither the area, the province nor a unit): reword it for this area"),
            );
        }
        let (levels, kinds) = misfits(text, &fitting_levels, &missing_kinds);
        for word in levels {
            ck.warn(
                span.clone(),
                &key,
                format!(
                    "văn bản nói «{word}» nhưng địa bàn là {} ({}): sửa lời cho đúng cấp (nếu là tên một địa bàn cũ, ghi thêm «(cũ)» sau tên)",
                    plan.area, plan.area_level
                ),
                format!(
                    "the text says «{word}» but the area is {} ({}): reword it for the area's level (a former place may be marked «(cũ)» after its name)",
                    plan.area, plan.area_level_en
                ),
            );
        }
        for word in kinds {
            ck.warn(
                span.clone(),
                &key,
                format!("văn bản nói «{word}» nhưng danh mục không có đơn vị nào là {word}"),
                format!("the text says «{word}» but no unit of the catalogue is one"),
            );
        }
    }
}

/// The level words (not fitting) and kind words (missing) a text names, each once, in order found.
fn misfits(text: &str, fitting_levels: &[String], missing_kinds: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut lower = text.to_lowercase();
    for phrase in GENERIC {
        lower = lower.replace(phrase, &" ".repeat(phrase.len()));
    }
    let (mut levels, mut kinds) = (Vec::new(), Vec::new());
    // Levels first, longest first, each blanked out so "thị xã" is not read again as "xã".
    for (word, _) in LEVELS {
        let found = find_words(&lower, word);
        let named = found.iter().any(|&at| !is_former(&lower[at + word.len()..]));
        if named && !fitting_levels.iter().any(|f| f == word) && !levels.contains(&word.to_string()) {
            levels.push(word.to_string());
        }
        for at in found {
            lower.replace_range(at..at + word.len(), &" ".repeat(word.len()));
        }
    }
    for word in missing_kinds {
        let named = find_words(&lower, word).into_iter().any(|at| {
            let after = lower[at + word.len()..].trim_start();
            let before = lower[..at].trim_end();
            // "xã hội" (society) and "cấp xã" (the commune level, whatever its kinds) are not units.
            !after.starts_with("hội") && !before.ends_with("cấp")
        });
        if named {
            kinds.push(word.to_string());
        }
    }
    (levels, kinds)
}

/// Byte offsets where `word` stands as a whole word in `text`.
fn find_words(text: &str, word: &str) -> Vec<usize> {
    text.match_indices(word)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(at, _)| at)
        .collect()
}

/// Whether the place named right after a level word is marked former: "(cũ)" or "cũ" within its next
/// five words ("huyện Hương Khê (cũ)", "huyện cũ").
fn is_former(after: &str) -> bool {
    after.split_whitespace().take(5).any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == "cũ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, area_level: &str, missing: &[&str]) -> (Vec<String>, Vec<String>) {
        misfits(text, &[area_level.to_string(), "tỉnh".to_string()], missing)
    }

    #[test]
    fn a_district_word_in_a_province_is_named() {
        let (levels, _) = check("Số trẻ trên toàn huyện (Trung tâm Y tế huyện tổng hợp)", "tỉnh", &[]);
        assert_eq!(levels, ["huyện"]);
        assert_eq!(check("Số trẻ trên toàn tỉnh", "tỉnh", &[]).0, Vec::<String>::new());
    }

    #[test]
    fn former_places_society_and_the_standard_are_not() {
        assert!(check("trên địa bàn huyện Hương Khê (cũ)", "tỉnh", &[]).0.is_empty());
        assert!(check("các xã trên địa bàn huyện cũ", "tỉnh", &[]).0.is_empty());
        let standard = "đạt tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em";
        assert_eq!(check(standard, "huyện", &["phường"]), (vec![], vec![]));
        assert!(check("Phòng Lao động - Thương binh và Xã hội", "tỉnh", &["xã"]).1.is_empty());
        assert!(check("đơn vị cấp xã", "tỉnh", &["xã"]).1.is_empty());
    }

    #[test]
    fn a_kind_no_unit_has_is_named_and_thi_xa_is_a_level() {
        assert_eq!(check("Có nếu xã, thị trấn được công nhận", "tỉnh", &["thị trấn"]).1, ["thị trấn"]);
        // "thị xã" is a level, not the kind "xã".
        assert_eq!(check("thị xã Kỳ Anh", "tỉnh", &["xã"]), (vec!["thị xã".to_string()], vec![]));
        // "huyệnx" is not the word "huyện".
        assert!(check("huyệnx", "tỉnh", &[]).0.is_empty());
    }
}
