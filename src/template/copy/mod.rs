//! Annotated copies (`plan validate --annotate`): the template filled with the clerk's own entries, every
//! cell of the original kept at its place, every cell with a problem highlighted with a note that says
//! what to fix, and a sheet listing them all.
//!
//! The template is written once, recording its cells ([`super::sheet::Record`]); the original's cells that
//! differ are laid over them ([`patch`]). When they differ only in the clerk's inputs and the problem cells,
//! the template's formulas store the results they give on the cells laid over, and the original's
//! formulas theirs where they are understood ([`crate::submission::formula::parse`]); a formula not
//! understood is written with no stored result (the spreadsheet computes it on opening), never the
//! original's, which the copy's cells may no longer give. An original laid out otherwise is copied sheet by
//! sheet ([`plain`]).

mod apply;
mod patch;
mod plain;

use super::annotations::{Annotations, Original};
use super::styles::Styles;
use crate::formula::Key;
use crate::submission::formula::parse;
use apply::apply;
use patch::{Content, patches};
pub use plain::{Plain, Write};
use rust_xlsxwriter::XlsxError;
use std::collections::BTreeSet;

/// The annotated copy of `original` with `annotations`; `write` writes the template filled with the
/// clerk's entries.
pub fn annotated(
    annotations: &Annotations,
    original: &Original,
    styles: &Styles,
    write: Write,
) -> Result<Vec<u8>, XlsxError> {
    let (mut workbook, mut record) = write(None)?;
    let patches = patches(&record.cells.book, &record.texts(), original, &annotations.notes);
    // The hidden stamp may differ (another catalogue version): the original's is kept either way.
    let fits = patches.iter().filter(|p| p.key.0 != crate::contract::STAMP_SHEET).all(|p| {
        p.notes.is_some() || (annotations.inputs.contains(&p.key) && matches!(p.content, Content::Value(_)))
    });
    if !fits {
        return plain::copy(annotations, original, styles, write);
    }
    let cells = &mut record.cells;
    for patch in &patches {
        match &patch.content {
            Content::Value(raw) => {
                cells.book.set(&patch.key, raw);
                cells.formulas.remove(&patch.key);
            }
            Content::Formula(text, _) => {
                cells.formulas.insert(patch.key.clone(), parse(text));
            }
        }
    }
    let results = cells.results();
    let patched: BTreeSet<Key> = patches.iter().map(|p| p.key.clone()).collect();
    record.store(&mut workbook, &results, &patched)?;
    let (inputs, lines) = (&annotations.inputs, &BTreeSet::new());
    apply(&mut workbook, &patches, &results, (inputs, lines), record.formats(), styles)?;
    record.save(&mut workbook)
}
