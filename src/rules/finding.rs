//! A finding: one problem in one file, with a stable code, the cell to fix and a message in both languages.

use crate::catalogue::Severity;
use crate::lang::Lang;
use crate::submission::Position;
use crate::text::{quote, shorten};

/// Most characters of a message: a safety net below a spreadsheet cell's 32,767 characters, for a message
/// that quotes something from a file without [`quote`].
pub const MESSAGE_MAX_CHARS: usize = 4_000;
use serde::Serialize;

/// Stable finding codes. The list, with what each means, is in `docs/validate-json.md`.
pub mod code {
    /// The file cannot be read as a spreadsheet.
    pub const FILE_UNREADABLE: &str = "file.unreadable";
    /// The file is protected by a password.
    pub const FILE_ENCRYPTED: &str = "file.encrypted";
    /// The file is too large to be a report.
    pub const FILE_TOO_LARGE: &str = "file.too_large";
    /// The reader failed on this file.
    pub const FILE_READER_CRASHED: &str = "file.reader_crashed";
    /// The workbook has no `plan` stamp.
    pub const FILE_NOT_PLAN: &str = "file.not_plan";
    /// The stamp names an office the catalogue does not have.
    pub const FILE_UNKNOWN_OFFICE: &str = "file.unknown_office";
    /// The stamp names an office that does not exist in the report year.
    pub const FILE_OFFICE_NOT_IN_YEAR: &str = "file.office_not_in_year";
    /// Made with another catalogue version whose codes mean the same (warning).
    pub const FILE_OTHER_VERSION: &str = "file.other_version";
    /// Made with another catalogue version whose codes mean something else.
    pub const FILE_INCOMPATIBLE_VERSION: &str = "file.incompatible_version";
    /// A report of this tool, not a submission.
    pub const FILE_IS_REPORT: &str = "file.is_report";
    /// No reporting unit.
    pub const UNIT_MISSING: &str = "unit.missing";
    /// A unit the catalogue does not know.
    pub const UNIT_UNKNOWN: &str = "unit.unknown";
    /// A unit that does not report in the year.
    pub const UNIT_NOT_IN_YEAR: &str = "unit.not_in_year";
    /// A unit row with no value at all (warning).
    pub const UNIT_NO_DATA: &str = "unit.no_data";
    /// No report year.
    pub const YEAR_MISSING: &str = "year.missing";
    /// A year outside the plan.
    pub const YEAR_OUT_OF_SPAN: &str = "year.out_of_span";
    /// A year typed in the workbook that differs from the year it was made for (its stamp).
    pub const YEAR_CHANGED: &str = "year.changed";
    /// A year other than the one `plan validate --year` checks for.
    pub const YEAR_NOT_ASKED: &str = "year.not_asked";
    /// No report date.
    pub const DATE_MISSING: &str = "date.missing";
    /// A report date that is not a date.
    pub const DATE_INVALID: &str = "date.invalid";
    /// A report date after the deadline (warning).
    pub const DATE_LATE: &str = "date.late";
    /// A required value is empty.
    pub const VALUE_EMPTY: &str = "value.empty";
    /// A count with a fraction.
    pub const VALUE_NOT_WHOLE: &str = "value.not_whole";
    /// A negative number.
    pub const VALUE_NEGATIVE: &str = "value.negative";
    /// Text that is not a number.
    pub const VALUE_NOT_A_NUMBER: &str = "value.not_a_number";
    /// Not Có / Không.
    pub const VALUE_NOT_YES_NO: &str = "value.not_yes_no";
    /// A formula without a stored result.
    pub const VALUE_FORMULA_NO_RESULT: &str = "value.formula_no_result";
    /// An error value such as #DIV/0!.
    pub const VALUE_ERROR: &str = "value.error";
    /// A date typed where a number is expected.
    pub const VALUE_DATE: &str = "value.date";
    /// A count larger than any unit can hold (the catalogue's `reporting.max_count`).
    pub const VALUE_IMPLAUSIBLE: &str = "value.implausible";
    /// A value read otherwise than typed (warning).
    pub const VALUE_READ_AS: &str = "value.read_as";
    /// A code the catalogue does not know (warning).
    pub const VALUE_UNKNOWN_CODE: &str = "value.unknown_code";
    /// The same code twice for one unit.
    pub const VALUE_DUPLICATE: &str = "value.duplicate";
    /// A figure this reporter does not report (warning; ignored).
    pub const VALUE_NOT_FOR_REPORTER: &str = "value.not_for_reporter";
    /// A numerator above its denominator.
    pub const NUMERATOR_ABOVE_DENOMINATOR: &str = "consistency.numerator";
    /// Prefix of a catalogue rule's code: `rule.<id>`.
    pub const RULE_PREFIX: &str = "rule.";
    /// Different values for the same unit and element with the same report date (aggregation).
    pub const MERGE_CONFLICT: &str = "merge.conflict";
    /// A large change from the previous year (warning).
    pub const PREVIOUS_CHANGE: &str = "previous.change";
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code (see [`code`]).
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// The file, as given.
    pub file: String,
    /// The cell to fix, `Sheet!E20`, when there is one.
    pub cell: Option<String>,
    /// The data element concerned.
    pub element: Option<String>,
    /// The unit concerned (administrative code), for a grid or a rule per unit.
    pub unit: Option<String>,
    /// What was found.
    pub found: Option<String>,
    /// What was expected.
    pub expected: Option<String>,
    /// What to do, in Vietnamese.
    pub message: String,
    /// What to do, in English.
    pub message_en: String,
    /// The clerk's note («Ghi chú») on the value a warning is about: the warning is explained by it.
    pub explained: Option<String>,
    /// For a check on values from several files (aggregation): each value's file and cell, in the order
    /// the message names them. Empty (and not written) otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
}

/// One value's file and cell, for a finding about values from several files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file, as given.
    pub file: String,
    /// The cell, `Sheet!E20`.
    pub cell: String,
    /// The data element read there.
    pub element: String,
}

/// How a message names the file a value of a check across files comes from: "tệp a.xlsx," before its cell.
pub fn file_mention(file: &str, lang: Lang) -> String {
    format!("{} {file},", lang.pick("tệp", "file"))
}

impl Finding {
    /// A finding with its code, severity and messages; the rest is added with the `with_*` methods.
    pub fn new(code: &str, severity: Severity, file: &str, message: String, message_en: String) -> Finding {
        Finding {
            code: code.to_string(),
            severity,
            file: file.to_string(),
            cell: None,
            element: None,
            unit: None,
            found: None,
            expected: None,
            message: shorten(&message, MESSAGE_MAX_CHARS).into_owned(),
            message_en: shorten(&message_en, MESSAGE_MAX_CHARS).into_owned(),
            explained: None,
            places: Vec::new(),
        }
    }

    /// An error.
    pub fn error(code: &str, file: &str, message: String, message_en: String) -> Finding {
        Finding::new(code, Severity::Error, file, message, message_en)
    }

    /// A warning.
    pub fn warning(code: &str, file: &str, message: String, message_en: String) -> Finding {
        Finding::new(code, Severity::Warning, file, message, message_en)
    }

    /// Sets the cell.
    pub fn at(mut self, position: &Position) -> Finding {
        self.cell = Some(position.to_string());
        self
    }

    /// Sets the data element.
    pub fn element(mut self, code: &str) -> Finding {
        self.element = Some(quote(code).into_owned());
        self
    }

    /// Sets the unit.
    pub fn unit(mut self, code: Option<&str>) -> Finding {
        self.unit = code.map(|c| quote(c).into_owned());
        self
    }

    /// Sets what was found.
    pub fn found(mut self, found: impl Into<String>) -> Finding {
        self.found = Some(quote(&found.into()).into_owned());
        self
    }

    /// Sets what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Finding {
        self.expected = Some(quote(&expected.into()).into_owned());
        self
    }

    /// Adds the file and cell of one of the values compared.
    pub fn place(mut self, file: &str, cell: String, element: &str) -> Finding {
        self.places.push(Place {
            file: file.to_string(),
            cell: quote(&cell).into_owned(),
            element: quote(element).into_owned(),
        });
        self
    }

    /// Names a file of its places by another name, in the places and in the messages (the page shows the
    /// name the user gave a file, not the one it was stored under).
    pub fn rename_file(&mut self, from: &str, to: &str) {
        for place in self.places.iter_mut().filter(|p| p.file == from) {
            place.file = to.to_string();
        }
        for (message, lang) in [(&mut self.message, Lang::Vi), (&mut self.message_en, Lang::En)] {
            *message = message.replace(&file_mention(from, lang), &file_mention(to, lang));
        }
    }

    /// The message in a language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }
}
