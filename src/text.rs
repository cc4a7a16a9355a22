//! Vietnamese text helpers: folding names for matching, and ASCII slugs for file names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a name for matching: without diacritics, lower case, single spaces. "Thuỷ", "Thủy", "THUY" and
/// the NFD form of either all fold to "thuy", so old and new tone-mark placement match.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An ASCII slug for file names that survive any file system: "Lộc Yên" → "loc-yen".
pub fn slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Edit distance between two strings, by characters (for "did you mean").
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_tone_mark_placement_case_and_normal_forms() {
        assert_eq!(fold("Hương Thủy"), "huong thuy");
        assert_eq!(fold("Hương Thuỷ"), "huong thuy");
        assert_eq!(fold("Hòa Hải"), fold("Hoà Hải"));
        let nfd: String = "Lộc Yên".nfd().collect();
        assert_eq!(fold(&nfd), "loc yen");
        assert_eq!(fold("  ĐIỀN   MỸ "), "dien my");
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("loc yen", "loc yen"), 0);
        assert_eq!(distance("loc yem", "loc yen"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Lộc Yên"), "loc-yen");
        assert_eq!(slug("Thị trấn Hương Khê"), "thi-tran-huong-khe");
        assert_eq!(slug("Phòng LĐ-TB&XH"), "phong-ld-tb-xh");
    }
}
