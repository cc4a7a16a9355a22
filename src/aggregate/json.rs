//! The aggregation as JSON (`plan aggregate --format json`), in the shape of `docs/aggregate-json.md`.
//!
//! Written as it is serialized, part by part and row by row: at national scale the document is tens of
//! megabytes, and a tree of JSON values holding it whole would take ten times that.

use super::{Aggregation, DueWorkbook, Merged, Source};
use crate::catalogue::{Catalogue, Part};
use crate::rules::Finding;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use std::cell::RefCell;

/// A sequence serialized from an iterator, once.
struct Lazy<I>(RefCell<Option<I>>);

impl<I: Iterator<Item = Value>> Serialize for Lazy<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        serializer.collect_seq(items.into_iter().flatten())
    }
}

fn lazy<I: Iterator<Item = Value>>(items: I) -> Lazy<I> {
    Lazy(RefCell::new(Some(items)))
}

/// Counts at the top of the document.
#[derive(Serialize)]
struct Totals {
    expected_workbooks: usize,
    missing_workbooks: usize,
    files: usize,
    files_not_used: usize,
    conflicts: usize,
}

/// The document, in the documented key order.
#[derive(Serialize)]
#[serde(bound(
    serialize = "P: Iterator<Item = Value>, C: Iterator<Item = Value>, R: Iterator<Item = Value>"
))]
struct Document<'a, P, C, R> {
    format: &'static str,
    format_version: u32,
    catalogue_version: &'a str,
    year: u16,
    complete: bool,
    totals: Totals,
    parts: Lazy<P>,
    conflicts: Lazy<C>,
    register: Lazy<R>,
    findings: &'a [Finding],
    notes: Vec<Value>,
    sources: &'a [Source],
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a str>,
}

fn part_json(part: &Part, figures: &super::PartFigures, previous: Option<&super::Figure>) -> Value {
    let district = &figures.district;
    let level = district
        .judgement
        .level
        .as_ref()
        .map(|l| json!({"year": l.year, "op": l.op.as_str(), "value": l.value.to_string()}));
    json!({
        "id": part.id,
        "unit": part.unit,
        "numerator": district.numerator,
        "denominator": district.denominator,
        "value": district.value_text(part.factor, 2),
        "status": district.judgement.status,
        "status_vi": district.judgement.status.label(crate::lang::Lang::Vi),
        "target_used": level,
        "coverage": {"units": figures.coverage.0, "expected": figures.coverage.1},
        "previous_value": previous.and_then(|p| p.value_text(part.factor, 2)),
        "units_short": figures.short,
        "units": figures.units.iter().map(|(code, f)| json!({
            "unit": code,
            "numerator": f.numerator,
            "denominator": f.denominator,
            "value": f.value_text(part.factor, 2),
            "status": f.judgement.status,
            "small": f.small,
        })).collect::<Vec<_>>(),
    })
}

fn register_json(row: &DueWorkbook, aggregation: &Aggregation, catalogue: &Catalogue) -> Value {
    json!({
        "unit": row.reporter.code(catalogue),
        "unit_name": row.who(catalogue, aggregation.year),
        "office": row.office,
        "status": row.status,
        "report_date": row.date.map(|d| d.iso()),
        "files": row.sources.iter().map(|s| aggregation.sources[*s].file.clone()).collect::<Vec<_>>(),
    })
}

/// Writes the aggregation as pretty JSON; `report` is the consolidated workbook written, if any.
pub fn write_json(
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    report: Option<&str>,
    out: impl std::io::Write,
) -> serde_json::Result<()> {
    let parts = catalogue
        .parts()
        .zip(&aggregation.parts)
        .zip(&aggregation.previous)
        .map(|((part, figures), previous)| part_json(part, figures, previous.as_ref()));
    let conflicts = aggregation.values.iter().filter_map(|((reporter, code), merged)| match merged {
        Merged::Conflict { sources, values } => Some(json!({
            "unit": reporter.code(catalogue),
            "element": code,
            "values": values,
            "files": sources.iter().map(|s| aggregation.sources[*s].file.clone()).collect::<Vec<_>>(),
        })),
        Merged::Value { .. } => None,
    });
    let register = aggregation.register.iter().map(|row| register_json(row, aggregation, catalogue));
    let document = Document {
        format: "plan-aggregate",
        format_version: 1,
        catalogue_version: &catalogue.version,
        year: aggregation.year,
        complete: aggregation.complete(),
        totals: Totals {
            expected_workbooks: aggregation.register.len(),
            missing_workbooks: aggregation.missing(),
            files: aggregation.sources.len(),
            files_not_used: aggregation.excluded(),
            conflicts: aggregation.conflicts(),
        },
        parts: lazy(parts),
        conflicts: lazy(conflicts),
        register: lazy(register),
        findings: &aggregation.findings,
        notes: aggregation
            .notes
            .iter()
            .map(|(note, source)| {
                json!({
                    "unit": note.reporter.code(catalogue),
                    "element": note.code,
                    "text": note.text,
                    "file": aggregation.sources[*source].file,
                })
            })
            .collect(),
        sources: &aggregation.sources,
        report,
    };
    serde_json::to_writer_pretty(out, &document)
}
