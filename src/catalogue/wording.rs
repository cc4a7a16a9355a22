//! Reading a comparator and a level from the plan's Vietnamese wording, to cross-check the catalogue.
//!
//! The rules (domain notes, "Wording → comparator"): the comparator word nearest before the number decides;
//! "dưới X" → `<`; "xuống X", "xuống còn X", "giảm … X" → `<=`; "trên X" → `>`; "đạt", "phấn đấu",
//! "duy trì" or no word → `>=`; "không có" → `== 0`. A word in parentheses, "(dưới) 1%", records a
//! comparator carried over from the first level of the sentence.

use crate::attainment::Op;
use crate::decimal::Decimal;

/// Comparator words, each with the comparator it means.
const WORDS: &[(&str, Op)] = &[
    ("dưới", Op::Lt),
    ("xuống còn", Op::Le),
    ("xuống", Op::Le),
    ("giảm", Op::Le),
    ("trên", Op::Gt),
    ("đạt", Op::Ge),
    ("phấn đấu", Op::Ge),
    ("duy trì", Op::Ge),
];

/// The comparator and level a phrase states, e.g. "xuống dưới 7,8% vào năm 2025" → (`<`, 7,8).
/// `None` when the phrase holds no level.
pub fn read(phrase: &str) -> Option<(Op, Decimal)> {
    let lower = phrase.to_lowercase();
    if lower.contains("không có") {
        return Some((Op::Eq, Decimal::from_int(0)));
    }
    let (start, number) = first_number(&lower)?;
    let before = &lower[..start];
    let op = WORDS
        .iter()
        .filter_map(|(word, op)| before.rfind(word).map(|at| (at + word.len(), *op)))
        .max_by_key(|(end, _)| *end)
        .map_or(Op::Ge, |(_, op)| op);
    Some((op, number))
}

/// The first number in the text that is not a year of the plan's span, with its byte offset.
fn first_number(text: &str) -> Option<(usize, Decimal)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (bytes[i] == b',' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let literal = &text[start..i];
            let is_year = literal.len() == 4 && text[..start].trim_end().ends_with("năm");
            if !is_year {
                return Decimal::parse(literal).map(|d| (start, d));
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op_value(phrase: &str) -> (Op, String) {
        let (op, value) = read(phrase).unwrap();
        (op, value.to_vietnamese())
    }

    #[test]
    fn nearest_word_decides() {
        assert_eq!(op_value("xuống dưới 7,8% vào năm 2025"), (Op::Lt, "7,8".into()));
        assert_eq!(op_value("đạt trên 95% vào năm 2025"), (Op::Gt, "95".into()));
        assert_eq!(op_value("xuống 4,5% vào năm 2025"), (Op::Le, "4,5".into()));
        assert_eq!(op_value("xuống còn 16/100.000 trẻ em vào năm 2025"), (Op::Le, "16".into()));
        assert_eq!(op_value("đạt 90% vào năm 2025"), (Op::Ge, "90".into()));
        assert_eq!(op_value("95% … vào năm 2025"), (Op::Ge, "95".into()));
        assert_eq!(op_value("(dưới) 1% vào năm 2030"), (Op::Lt, "1".into()));
        assert_eq!(op_value("phấn đấu 100% (hằng năm)"), (Op::Ge, "100".into()));
    }

    #[test]
    fn none_means_zero_and_years_are_not_levels() {
        assert_eq!(op_value("đến năm 2030 không có"), (Op::Eq, "0".into()));
        assert_eq!(op_value("vào năm 2024 đạt 100%"), (Op::Ge, "100".into()));
        assert_eq!(read("vào năm 2025"), None);
    }
}
