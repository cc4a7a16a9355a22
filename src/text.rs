//! Vietnamese text helpers: folding names for matching, ASCII slugs for file names, quoting values from a
//! file in messages (shortened) and showing them on a terminal (control characters escaped).

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

/// The first letter in capitals, the rest as it is ("huyện" → "Huyện").
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
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

/// Most characters of a value from a file quoted in a message: a message stays readable and far below a
/// spreadsheet cell's 32,767 characters whatever the file holds.
pub const QUOTE_MAX_CHARS: usize = 120;

/// A value from a file (a cell's text, a sheet name, a reader's error) as a message quotes it: at most
/// [`QUOTE_MAX_CHARS`] characters, a longer one cut with "…" and its length given. Every message that
/// quotes what a file holds goes through here.
pub fn quote(value: &str) -> std::borrow::Cow<'_, str> {
    shorten(value, QUOTE_MAX_CHARS)
}

/// `text` cut to `max` characters with "…" and its full length, when longer. Linear in `max`, not in the
/// text's length beyond the count of its characters.
pub fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => {
            let total = text.chars().count();
            std::borrow::Cow::Owned(format!("{}… ({total})", &text[..end]))
        }
    }
}

/// Text as it may be printed on a terminal: control characters (escape sequences that could rewrite the
/// screen, a lone carriage return, bells…) shown escaped as `\u{1b}`; line feeds, tabs and CRLF line ends
/// (CSV) kept.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_at = |i: usize, c: char| {
        c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && text[i + 1..].starts_with('\n'))
    };
    if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if unsafe_at(i, c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
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
    fn long_values_are_quoted_shortened_and_controls_escaped() {
        assert_eq!(quote("Lộc Yên"), "Lộc Yên");
        let long = "ệ".repeat(40_000);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), QUOTE_MAX_CHARS + " (40000)".len() + 1);
        assert!(quoted.ends_with("… (40000)"), "{quoted}");
        assert_eq!(terminal_safe("a\u{1b}[2Jb\rX\nc\td\r\n"), "a\\u{1b}[2Jb\\u{d}X\nc\td\r\n");
        assert_eq!(terminal_safe("Xã Lộc Yên"), "Xã Lộc Yên");
    }

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
