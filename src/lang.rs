//! The language of messages and reports: Vietnamese by default, English with `--lang en`.

use serde::Serialize;

/// A language for user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Chooses the text for this language.
    pub fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Chooses between a Vietnamese text and an English one that may be missing (a catalogue's labels):
    /// the Vietnamese where there is no English.
    pub fn pick_given<'a>(&self, vi: &'a str, en: Option<&'a str>) -> &'a str {
        match (self, en) {
            (Lang::En, Some(en)) => en,
            _ => vi,
        }
    }

    /// Writes a float with two decimals the way this language does ("2,80" or "2.80"), rounded half away
    /// from zero as the workbooks are ([`crate::decimal::round_f64`]), for display only.
    pub fn decimal_f64(&self, value: f64) -> String {
        let text = crate::decimal::round_f64(value, 2);
        match self {
            Lang::Vi => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// Writes a decimal number the way this language does ("2,8" or "2.8").
    pub fn decimal(&self, value: &crate::decimal::Decimal) -> String {
        match self {
            Lang::Vi => value.to_vietnamese(),
            Lang::En => value.to_string(),
        }
    }
}

/// What a type says in both languages: it writes each ([`Bilingual::vi`], [`Bilingual::en`]), callers read it
/// in the language asked for ([`Bilingual::text`]).
pub trait Bilingual {
    /// In Vietnamese.
    fn vi(&self) -> String;
    /// In English.
    fn en(&self) -> String;
    /// In `lang`.
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.en(),
        }
    }
}

/// A count with its noun: "3 tệp" in Vietnamese (no plural), "1 file" or "2 files" in English.
pub fn count(n: usize, vi: &str, en_one: &str, en_many: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} {vi}"),
        Lang::En => en(n, en_one, en_many),
    }
}

/// "1 file", "2 files", in English.
pub fn en(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}
