//! The plan as data: loading, checking and the embedded default catalogue (`indicators.toml`).
//!
//! [`Catalogue::embedded`] is the catalogue built into the binary; [`Catalogue::from_path`] reads another
//! district's copy. Both go through [`load`], which reports every problem it finds with its line.

pub mod dhis2;
mod document;
mod json;
mod load;
mod model;
mod office;
mod plan;
mod raw;
mod targets;
pub mod wording;
pub mod words;

/// The calendar, used by the catalogue and re-exported here for the paths that knew it there.
pub use crate::date::Date;
pub use document::{DocumentSettings, SignedBy, YEAR_PLACEHOLDER};
pub use json::to_json;
pub use load::{Loaded, Problem, load};
pub use model::*;

use std::path::Path;

/// The text of the default catalogue, `indicators.toml` at the root of the repository.
pub const DEFAULT_TOML: &str = include_str!("../../indicators.toml");

impl Catalogue {
    /// The catalogue embedded in the binary.
    pub fn embedded() -> Catalogue {
        match load(DEFAULT_TOML) {
            Ok((catalogue, _)) => catalogue,
            // A test guards this: the embedded catalogue always loads.
            Err(problems) => panic!("the embedded catalogue is unsound: {problems:?}"),
        }
    }
}

/// A fingerprint of what a set of data-element codes mean (type, office, level, label), independent of the
/// rest of the catalogue: two catalogue versions whose fingerprints agree on a workbook's codes read it
/// the same way.
pub fn elements_fingerprint<'a>(elements: impl IntoIterator<Item = &'a Element>) -> String {
    use sha2::{Digest, Sha256};
    let mut lines: Vec<String> = elements
        .into_iter()
        .map(|e| format!("{}|{:?}|{}|{:?}|{}", e.code, e.kind, e.office, e.level, e.label))
        .collect();
    lines.sort();
    lines.dedup();
    hex::encode(Sha256::digest(lines.join("\n").as_bytes()))
}

/// Reads a catalogue file as UTF-8 text, without a byte-order mark that Windows editors may add.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    let text =
        String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

#[cfg(test)]
mod office_tests;
#[cfg(test)]
mod tests;
