//! Places a text names that the catalogue does not know: a level or kind word followed by a capitalised
//! name ("huyện Hương Khê", "xã Lộc Yên", "tỉnh Hà Tĩnh") whose name is neither the area's, the province's,
//! the plan's place nor any unit's. A copy made for another district or province that still names the
//! original's places is warned of; the names come from the text as written, so nothing is guessed. A place
//! marked former ("huyện Lam Cũ (cũ)") is not.

use crate::catalogue::model::{Plan, Unit, UnitKind};
use crate::catalogue::words::{LEVELS, split_level};
use crate::lang::Lang;
use crate::text::fold;

/// Words that stand before a place's name: the levels, then the kinds of commune-level units (the
/// district-level kinds are levels).
fn before_names() -> impl Iterator<Item = &'static str> {
    let kinds = UnitKind::ALL.into_iter().filter(|k| !k.is_district_level()).map(|k| k.word(Lang::Vi));
    LEVELS.iter().map(|(vi, _)| *vi).chain(kinds)
}

/// The names of places the catalogue knows, folded: the area, the province, the plan's place and every
/// unit, each without its level word.
pub(super) fn known_names(plan: &Plan, units: &[Unit]) -> Vec<String> {
    let mut names: Vec<String> =
        [&plan.area, &plan.province, &plan.place].into_iter().map(|name| fold(strip_level(name))).collect();
    names.extend(units.iter().map(|u| fold(&u.name)));
    names
}

/// "huyện Hương Khê" → "Hương Khê"; a name without a level word is returned whole.
fn strip_level(name: &str) -> &str {
    split_level(name).map_or(name.trim(), |(_, rest)| rest)
}

/// The places `text` names that are not among `known` (folded), each once, as written ("huyện Hương Khê").
pub(super) fn unknown_places(text: &str, known: &[String]) -> Vec<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut found: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(width) = word_before_name(&tokens[i..]) else {
            i += 1;
            continue;
        };
        let mut name: Vec<&str> = Vec::new();
        for token in &tokens[i + width..] {
            let word = token.trim_end_matches(|c: char| !c.is_alphanumeric());
            if !word.chars().next().is_some_and(char::is_uppercase) || !word.chars().all(char::is_alphabetic)
            {
                break;
            }
            name.push(word);
            if word.len() != token.len() {
                break; // punctuation ends the name
            }
        }
        // A former place, marked "(cũ)" after its name, is history, not a mistake.
        let former = tokens
            .get(i + width + name.len())
            .is_some_and(|next| next.trim_matches(|c: char| !c.is_alphanumeric()) == "cũ");
        if !name.is_empty() && !former {
            let name_text = name.join(" ");
            if !known.contains(&fold(&name_text)) {
                let place = format!("{} {name_text}", tokens[i..i + width].join(" ").to_lowercase());
                if !found.contains(&place) {
                    found.push(place);
                }
            }
        }
        i += width + name.len();
    }
    found
}

/// How many tokens at the start of `tokens` make a level or kind word ("thị trấn" is two).
fn word_before_name(tokens: &[&str]) -> Option<usize> {
    before_names().find_map(|word| {
        let width = word.split(' ').count();
        let phrase = tokens.get(..width)?.join(" ").to_lowercase();
        (phrase == word).then_some(width)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        ["Bình Lam", "Sông Lam", "Hòa Bình"].iter().map(|n| fold(n)).collect()
    }

    #[test]
    fn a_place_of_another_catalogue_is_named() {
        let text = "Trên địa bàn huyện Hương Khê, xã Lộc Yên và tỉnh Bình Lam.";
        assert_eq!(unknown_places(text, &known()), ["huyện Hương Khê", "xã Lộc Yên"]);
    }

    #[test]
    fn known_places_lists_and_lower_case_words_are_not() {
        assert!(unknown_places("các xã, thị trấn được công nhận", &known()).is_empty());
        assert!(unknown_places("phường Sông Lam và xã Hòa Bình (cũ)", &known()).is_empty());
        assert!(unknown_places("gồm cả huyện Lam Cũ (cũ)", &known()).is_empty());
        assert!(unknown_places("Thị trấn Sông Lam; tỉnh Bình Lam", &known()).is_empty());
        assert!(unknown_places("trẻ em trên toàn tỉnh", &known()).is_empty());
        // "thị xã Kỳ Anh" is one place, named with its two-word level.
        assert_eq!(unknown_places("thị xã Kỳ Anh", &known()), ["thị xã Kỳ Anh"]);
    }

    #[test]
    fn the_level_word_is_taken_off_the_area() {
        assert_eq!(strip_level("huyện Hương Khê"), "Hương Khê");
        assert_eq!(strip_level("thành phố Hà Tĩnh"), "Hà Tĩnh");
        assert_eq!(strip_level("Bình Lam"), "Bình Lam");
    }
}
