//! Blank workbooks for offices and units (`plan template`), written with rust_xlsxwriter, and annotated
//! copies of filled ones (`plan validate --annotate`).
//!
//! Two layouts: [`Layout::Unit`], one reporting unit per workbook, a table of `Mã | Số liệu` rows grouped
//! by target ([`form`], part II in [`results`]); and [`Layout::Units`], one workbook per office for a whole
//! year, a row per unit ([`grid`]). Both carry the administrative header ([`header`]), the header fields
//! ([`fields`]), the signatures ([`signatures`]), the instructions sheet ([`guide`]), the drop-down lists
//! ([`lists`]) and the stamp ([`stamp`]), and follow the reading contract of [`crate::contract`].
//!
//! Layers, each file importing only those before it: [`spec`], [`layout`], [`styles`], [`annotations`] →
//! [`formulas`] (plan's formulas as trees) → [`book`], [`sheet`] (the sheet writer that records every cell,
//! so that each formula stores its result in one pass) → [`context`], [`page`] → the sections → [`form`],
//! [`grid`] (printed as [`grid_print`] says) → [`problems`], [`copy`] (annotated copies) → this file.
//! Output is byte-deterministic: the document date is the plan's date, never the clock.

mod annotations;
mod book;
mod context;
mod copy;
mod fields;
mod form;
mod formulas;
mod grid;
mod grid_print;
mod guide;
mod header;
mod inputs;
mod layout;
mod lists;
mod page;
mod problems;
mod results;
mod sheet;
mod signatures;
mod spec;
mod stamp;
mod styles;
mod table;

pub use crate::formula::Key;
pub use annotations::{Annotations, Original, ValueKey};
pub use spec::{
    Layout, Reporter, Scope, Spec, every_reporter, every_scope, group_by_target, live_parts, specs_for,
};

use crate::catalogue::Catalogue;
use context::Context;
use copy::Plain;
use rust_xlsxwriter::{Workbook, XlsxError};
use sheet::Record;
use std::collections::BTreeSet;

/// Writes the workbook `spec` describes and returns its bytes.
pub fn build(catalogue: &Catalogue, spec: &Spec) -> Result<Vec<u8>, XlsxError> {
    build_with(catalogue, spec, None)
}

/// Writes the workbook filled with entries; problems, when there are any, highlighted and listed.
pub fn build_annotated(
    catalogue: &Catalogue,
    spec: &Spec,
    annotations: &Annotations,
) -> Result<Vec<u8>, XlsxError> {
    build_with(catalogue, spec, Some(annotations))
}

fn build_with(catalogue: &Catalogue, spec: &Spec, notes: Option<&Annotations>) -> Result<Vec<u8>, XlsxError> {
    let ctx = Context::new(catalogue, spec, notes);
    let write = |plain: Option<Plain>| write_workbook(&ctx, plain);
    if let Some((notes, original)) = notes.and_then(|n| Some((n, n.original.as_ref()?))) {
        return copy::annotated(notes, original, &ctx.styles, &write);
    }
    let (mut workbook, mut record) = write(None)?;
    let results = record.cells.results();
    record.store(&mut workbook, &results, &BTreeSet::new())?;
    record.save(&mut workbook)
}

/// Writes every sheet of the workbook: the data sheets of its layout (or, with `plain`, the original's
/// sheets of an annotated copy), the problems of an annotated copy, the instructions, the lists and the
/// stamp.
fn write_workbook(ctx: &Context, plain: Option<Plain>) -> Result<(Workbook, Record), XlsxError> {
    let mut workbook = page::new_workbook(ctx.catalogue)?;
    // Only an annotated copy of an original file writes cells over with the formats the template gave them.
    let mut record = Record::keeping_formats(ctx.notes.is_some_and(|n| n.original.is_some()));
    match (plain, ctx.spec.layout) {
        (Some(plain), _) => plain(&mut workbook)?,
        (None, Layout::Unit) => form::write(ctx, &mut workbook, &mut record)?,
        (None, Layout::Units) => grid::write(ctx, &mut workbook, &mut record)?,
    }
    if let Some(notes) = ctx.notes.filter(|n| !n.problems.is_empty()) {
        problems::write(&mut workbook, &mut record, &ctx.styles, notes)?;
    }
    guide::write(ctx, &mut workbook, &mut record)?;
    lists::write(ctx, &mut workbook, &mut record)?;
    if workbook.worksheet_from_name(crate::contract::STAMP_SHEET).is_err() {
        stamp::write(ctx, &mut workbook, &mut record)?;
    }
    Ok((workbook, record))
}

#[cfg(test)]
mod tests;
