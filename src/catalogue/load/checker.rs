//! Collecting the problems of a catalogue with their lines, and the checks every table makes of its ids.

use crate::catalogue::model::Severity;
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

/// A problem found in a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error (the catalogue is refused) or warning (it is used).
    pub severity: Severity,
    /// 1-based line in the TOML file, when known.
    pub line: Option<usize>,
    /// Where in the catalogue, e.g. `targets.parts[3.1].numerator`.
    pub key: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What is wrong, in English.
    pub message_en: String,
    /// An error that only the DHIS2 export cannot live with (two units in one organisation unit, no DHIS2
    /// period): `plan catalogue check` counts it, every other command uses the catalogue.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub only_dhis2: bool,
}

impl Problem {
    /// The message in the chosen language.
    pub fn text(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }
}

/// Collects problems while the catalogue is built.
pub(super) struct Checker<'a> {
    line_starts: Vec<usize>,
    pub(super) problems: Vec<Problem>,
    _text: &'a str,
}

impl<'a> Checker<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let line_starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect::<Vec<_>>();
        Checker { line_starts, problems: Vec::new(), _text: text }
    }

    fn line(&self, span: Range<usize>) -> usize {
        self.line_starts.partition_point(|&start| start <= span.start)
    }

    pub(super) fn push(&mut self, severity: Severity, span: Range<usize>, key: &str, vi: String, en: String) {
        let line = Some(self.line(span));
        let key = key.to_string();
        self.problems.push(Problem { severity, line, key, message: vi, message_en: en, only_dhis2: false });
    }

    /// An error that refuses the DHIS2 export alone (see [`Problem::only_dhis2`]).
    pub(super) fn dhis2_error(&mut self, span: Range<usize>, key: &str, vi: String, en: String) {
        self.push(Severity::Error, span, key, vi, en);
        if let Some(last) = self.problems.last_mut() {
            last.only_dhis2 = true;
        }
    }

    pub(super) fn error(&mut self, span: Range<usize>, key: &str, vi: String, en: String) {
        self.push(Severity::Error, span, key, vi, en);
    }

    pub(super) fn warn(&mut self, span: Range<usize>, key: &str, vi: String, en: String) {
        self.push(Severity::Warning, span, key, vi, en);
    }

    /// An error at `span` when the span of years `from..=to` runs backwards; whether it runs forward.
    pub(super) fn years_forward(&mut self, span: Range<usize>, key: &str, from: u16, to: u16) -> bool {
        if from > to {
            self.error(
                span,
                key,
                format!("năm bắt đầu {from} sau năm kết thúc {to}"),
                format!("from {from} is after to {to}"),
            );
        }
        from <= to
    }

    pub(super) fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error && !p.only_dhis2)
    }
}

/// What the ids of a table are called, and the character that joins their words.
pub(super) struct IdKind {
    vi: &'static str,
    en: &'static str,
    separator: char,
    separator_vi: &'static str,
    separator_en: &'static str,
}

/// The ids of `[[offices]]`: `y-te`.
pub(super) const OFFICE_ID: IdKind = IdKind {
    vi: "mã cơ quan",
    en: "office id",
    separator: '-',
    separator_vi: "dấu gạch ngang",
    separator_en: "hyphens",
};

/// The codes of `[[elements]]`: `so_tre_em`.
pub(super) const ELEMENT_CODE: IdKind = IdKind {
    vi: "mã dữ liệu",
    en: "element code",
    separator: '_',
    separator_vi: "dấu gạch dưới",
    separator_en: "underscores",
};

/// An id of a table: once in it (`seen`), and lowercase ASCII letters, digits and the kind's separator,
/// starting with a letter.
pub(super) fn check_id(
    ck: &mut Checker,
    seen: &mut HashSet<String>,
    id: &Spanned<String>,
    key: &str,
    kind: &IdKind,
) {
    check_duplicate(ck, seen, id, key);
    let text = id.get_ref();
    if !is_slug(text, kind.separator) {
        ck.error(
            id.span(),
            key,
            format!("{} «{text}» chỉ được gồm chữ thường không dấu, số và {}", kind.vi, kind.separator_vi),
            format!("{} «{text}» must be lowercase ASCII letters, digits and {}", kind.en, kind.separator_en),
        );
    }
}

/// Lowercase ASCII letters, digits and `extra`, starting with a letter.
fn is_slug(text: &str, extra: char) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == extra)
}

/// An id met once so far in its table (`seen`).
pub(super) fn check_duplicate(ck: &mut Checker, seen: &mut HashSet<String>, id: &Spanned<String>, key: &str) {
    if !seen.insert(id.get_ref().clone()) {
        ck.error(
            id.span(),
            key,
            format!("mã «{}» bị trùng", id.get_ref()),
            format!("duplicate id «{}»", id.get_ref()),
        );
    }
}
