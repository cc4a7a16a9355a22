//! Reading what clerks type: numbers as text with Vietnamese separators, "-" or "không" for zero, "x" for
//! yes. What is unambiguous is read and the reading is reported; what is not is refused with the reason.
//! Nothing unreadable ever becomes 0.

use super::raw::Raw;
use crate::date::Date;
use crate::decimal::Decimal;
use crate::text::fold;

/// The outcome of reading one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed<T> {
    /// Nothing in the cell.
    Empty,
    /// Read as typed.
    Value(T),
    /// Read, but not as typed: the text says how (e.g. "1.234" read as 1234).
    Reread(T, Reading),
    /// Refused.
    Invalid(Problem),
}

/// How a value was read when it was not typed as expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A number typed as text.
    TextNumber,
    /// A dash or "không" read as zero.
    DashAsZero,
    /// A yes/no answer written another way ("x", "có", TRUE, 1).
    YesNoVariant,
}

/// Why a cell was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A number with a fraction where a count is expected.
    NotWhole,
    /// Below zero.
    Negative,
    /// Text that is not a number ("12 trẻ", "khoảng 50").
    NotANumber,
    /// Not Có or Không.
    NotYesNo,
    /// A formula whose result the file does not store.
    FormulaWithoutResult,
    /// An error value (#DIV/0!, #REF!…).
    ErrorValue,
    /// A date where a number is expected.
    DateInNumber,
    /// Not a date.
    NotADate,
    /// A count larger than any unit can hold (the catalogue's `max_count`).
    Implausible,
}

/// Parses "1.234", "1 234", "4,5", "1.234,5", "-3": dots or spaces group thousands, a comma is the decimal
/// mark. `None` when the text is not a number in that convention.
pub fn vietnamese_number(text: &str) -> Option<Decimal> {
    let t: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, t.as_str()),
    };
    let (whole, frac) = match body.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let grouped = groups.len() > 1;
    if groups.iter().any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    if grouped && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits = groups.concat();
    let text = match frac {
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => return None,
        Some(f) => format!("{}{digits}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{digits}", if negative { "-" } else { "" }),
    };
    Decimal::parse(&text)
}

fn refuse_other(raw: &Raw) -> Option<Problem> {
    match raw {
        // A formula stored without its result, or typed into a text cell where it is never calculated.
        Raw::FormulaWithoutResult(_) => Some(Problem::FormulaWithoutResult),
        Raw::Text(t) if t.trim_start().starts_with('=') => Some(Problem::FormulaWithoutResult),
        Raw::Error(_) => Some(Problem::ErrorValue),
        _ => None,
    }
}

/// The longest text read as a number, in bytes ("1 234 567 890,5" with room for spaces).
const NUMBER_MAX_BYTES: usize = 64;

/// Reads a count: a whole number ≥ 0.
pub fn count(raw: &Raw) -> Parsed<u64> {
    if let Some(problem) = refuse_other(raw) {
        return Parsed::Invalid(problem);
    }
    let (value, reading) = match raw {
        Raw::Empty => return Parsed::Empty,
        Raw::Number(n) => (Decimal::parse(&format!("{n}")), None),
        // No count is written in more characters than this: a longer text is not folded or parsed at all.
        Raw::Text(t) if t.trim().len() > NUMBER_MAX_BYTES => return Parsed::Invalid(Problem::NotANumber),
        Raw::Text(t) => {
            let folded = fold(t);
            if matches!(folded.as_str(), "-" | "–" | "—" | "khong" | "k") {
                return Parsed::Reread(0, Reading::DashAsZero);
            }
            match vietnamese_number(t) {
                Some(d) => (Some(d), Some(Reading::TextNumber)),
                None => return Parsed::Invalid(Problem::NotANumber),
            }
        }
        Raw::Date(_) => return Parsed::Invalid(Problem::DateInNumber),
        Raw::Bool(_) => return Parsed::Invalid(Problem::NotANumber),
        Raw::Error(_) | Raw::FormulaWithoutResult(_) => unreachable!("refused above"),
    };
    let Some(value) = value else { return Parsed::Invalid(Problem::NotANumber) };
    if value.mantissa < 0 {
        return Parsed::Invalid(Problem::Negative);
    }
    if !value.is_integer() {
        return Parsed::Invalid(Problem::NotWhole);
    }
    let n = value.mantissa as u64;
    match reading {
        Some(reading) => Parsed::Reread(n, reading),
        None => Parsed::Value(n),
    }
}

/// Reads a yes/no answer: "Có" / "Không" as offered, or an unambiguous variant.
pub fn yes_no(raw: &Raw) -> Parsed<bool> {
    if let Some(problem) = refuse_other(raw) {
        return Parsed::Invalid(problem);
    }
    match raw {
        Raw::Empty => Parsed::Empty,
        Raw::Text(t) if t.trim() == "Có" => Parsed::Value(true),
        Raw::Text(t) if t.trim() == "Không" => Parsed::Value(false),
        Raw::Text(t) if t.trim().len() > NUMBER_MAX_BYTES => Parsed::Invalid(Problem::NotYesNo),
        Raw::Text(t) => match fold(t).as_str() {
            "co" | "x" | "yes" | "dat" | "true" => Parsed::Reread(true, Reading::YesNoVariant),
            "khong" | "k" | "no" | "chua" | "false" => Parsed::Reread(false, Reading::YesNoVariant),
            _ => Parsed::Invalid(Problem::NotYesNo),
        },
        Raw::Bool(b) => Parsed::Reread(*b, Reading::YesNoVariant),
        Raw::Number(n) if *n == 1.0 => Parsed::Reread(true, Reading::YesNoVariant),
        Raw::Number(n) if *n == 0.0 => Parsed::Reread(false, Reading::YesNoVariant),
        _ => Parsed::Invalid(Problem::NotYesNo),
    }
}

/// Reads an amount of money (decimals allowed, ≥ 0).
pub fn amount(raw: &Raw) -> Parsed<Decimal> {
    if let Some(problem) = refuse_other(raw) {
        return Parsed::Invalid(problem);
    }
    match raw {
        Raw::Empty => Parsed::Empty,
        Raw::Number(n) => match Decimal::parse(&format!("{n}")) {
            Some(d) if d.mantissa < 0 => Parsed::Invalid(Problem::Negative),
            Some(d) => Parsed::Value(d),
            None => Parsed::Invalid(Problem::NotANumber),
        },
        Raw::Text(t) if t.trim().len() > NUMBER_MAX_BYTES => Parsed::Invalid(Problem::NotANumber),
        Raw::Text(t) => match vietnamese_number(t) {
            Some(d) if d.mantissa < 0 => Parsed::Invalid(Problem::Negative),
            Some(d) => Parsed::Reread(d, Reading::TextNumber),
            None if matches!(fold(t).as_str(), "-" | "khong") => {
                Parsed::Reread(Decimal::from_int(0), Reading::DashAsZero)
            }
            None => Parsed::Invalid(Problem::NotANumber),
        },
        Raw::Date(_) => Parsed::Invalid(Problem::DateInNumber),
        _ => Parsed::Invalid(Problem::NotANumber),
    }
}

/// Reads a date: a date cell, or text "25/10/2024", "25-10-2024" or "2024-10-25".
pub fn date(raw: &Raw) -> Parsed<Date> {
    if let Some(problem) = refuse_other(raw) {
        return Parsed::Invalid(problem);
    }
    match raw {
        Raw::Empty => Parsed::Empty,
        Raw::Date(serial) => {
            Date::from_excel_serial(*serial).map_or(Parsed::Invalid(Problem::NotADate), Parsed::Value)
        }
        Raw::Text(t) => {
            let t = t.trim();
            if let Some(d) = Date::parse_iso(t) {
                return Parsed::Reread(d, Reading::TextNumber);
            }
            let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
            match parts.as_slice() {
                [d, m, y] => match (d.parse(), m.parse(), y.parse::<i32>()) {
                    (Ok(d), Ok(m), Ok(y)) if y >= 1900 => Date::new(y, m, d)
                        .map_or(Parsed::Invalid(Problem::NotADate), |d| {
                            Parsed::Reread(d, Reading::TextNumber)
                        }),
                    _ => Parsed::Invalid(Problem::NotADate),
                },
                _ => Parsed::Invalid(Problem::NotADate),
            }
        }
        _ => Parsed::Invalid(Problem::NotADate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Raw {
        Raw::Text(s.into())
    }

    #[test]
    fn vietnamese_separators() {
        assert_eq!(vietnamese_number("1.234"), Decimal::parse("1234"));
        assert_eq!(vietnamese_number(" 1 234 "), Decimal::parse("1234"));
        assert_eq!(vietnamese_number("4,5"), Decimal::parse("4.5"));
        assert_eq!(vietnamese_number("1.234.567,25"), Decimal::parse("1234567.25"));
        assert_eq!(vietnamese_number("-3"), Decimal::parse("-3"));
        for bad in ["1.23", "12.3456", "12 trẻ", "khoảng 50", "1,2,3", "", "-", "1.234,", "5%"] {
            assert_eq!(vietnamese_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_as_clerks_type_them() {
        assert_eq!(count(&Raw::Number(107.0)), Parsed::Value(107));
        assert_eq!(count(&t("1.234")), Parsed::Reread(1234, Reading::TextNumber));
        assert_eq!(count(&t(" 56 ")), Parsed::Reread(56, Reading::TextNumber));
        assert_eq!(count(&t("-")), Parsed::Reread(0, Reading::DashAsZero));
        assert_eq!(count(&t("không")), Parsed::Reread(0, Reading::DashAsZero));
        assert_eq!(count(&t("Không")), Parsed::Reread(0, Reading::DashAsZero));
        assert_eq!(count(&t("4,5")), Parsed::Invalid(Problem::NotWhole));
        assert_eq!(count(&Raw::Number(4.5)), Parsed::Invalid(Problem::NotWhole));
        assert_eq!(count(&Raw::Number(-2.0)), Parsed::Invalid(Problem::Negative));
        assert_eq!(count(&t("12 trẻ")), Parsed::Invalid(Problem::NotANumber));
        assert_eq!(count(&t("khoảng 50")), Parsed::Invalid(Problem::NotANumber));
        assert_eq!(count(&Raw::Error("#DIV/0!".into())), Parsed::Invalid(Problem::ErrorValue));
        assert_eq!(
            count(&Raw::FormulaWithoutResult("A1+1".into())),
            Parsed::Invalid(Problem::FormulaWithoutResult)
        );
        assert_eq!(count(&Raw::Date(45590.0)), Parsed::Invalid(Problem::DateInNumber));
        assert_eq!(count(&t("=A1+1")), Parsed::Invalid(Problem::FormulaWithoutResult));
        assert_eq!(count(&Raw::Empty), Parsed::Empty);
    }

    #[test]
    fn yes_no_variants() {
        assert_eq!(yes_no(&t("Có")), Parsed::Value(true));
        assert_eq!(yes_no(&t("Không")), Parsed::Value(false));
        assert_eq!(yes_no(&t("có")), Parsed::Reread(true, Reading::YesNoVariant));
        assert_eq!(yes_no(&t("x")), Parsed::Reread(true, Reading::YesNoVariant));
        assert_eq!(yes_no(&Raw::Bool(true)), Parsed::Reread(true, Reading::YesNoVariant));
        assert_eq!(yes_no(&t("khong")), Parsed::Reread(false, Reading::YesNoVariant));
        assert_eq!(yes_no(&t("đang xây dựng")), Parsed::Invalid(Problem::NotYesNo));
        assert_eq!(yes_no(&Raw::Number(2.0)), Parsed::Invalid(Problem::NotYesNo));
    }

    #[test]
    fn amounts_and_dates() {
        assert_eq!(amount(&t("12,5")), Parsed::Reread(Decimal::parse("12.5").unwrap(), Reading::TextNumber));
        assert_eq!(amount(&Raw::Number(200.0)), Parsed::Value(Decimal::from_int(200)));
        assert_eq!(date(&Raw::Date(45590.0)), Parsed::Value(Date::new(2024, 10, 25).unwrap()));
        assert_eq!(
            date(&t("25/10/2024")),
            Parsed::Reread(Date::new(2024, 10, 25).unwrap(), Reading::TextNumber)
        );
        assert_eq!(date(&t("31/02/2024")), Parsed::Invalid(Problem::NotADate));
        assert_eq!(date(&t("hôm qua")), Parsed::Invalid(Problem::NotADate));
    }
}
