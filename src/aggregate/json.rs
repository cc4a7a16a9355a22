//! The aggregation as JSON (`plan aggregate --format json`), in the shape of `docs/aggregate-json.md`.

use super::{Aggregation, Merged};
use crate::catalogue::Catalogue;
use serde_json::{Value, json};

/// The whole aggregation as a JSON value.
pub fn to_json(aggregation: &Aggregation, catalogue: &Catalogue) -> Value {
    let parts: Vec<Value> = catalogue
        .parts()
        .zip(&aggregation.parts)
        .zip(&aggregation.previous)
        .map(|((part, figures), previous)| {
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
                "status_vi": district.judgement.status.label_vi(),
                "target_used": level,
                "coverage": {"units": figures.coverage.0, "expected": figures.coverage.1},
                "previous_value": previous.as_ref().and_then(|p| p.value_text(part.factor, 2)),
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
        })
        .collect();
    let conflicts: Vec<Value> = aggregation
        .values
        .iter()
        .filter_map(|((reporter, code), merged)| match merged {
            Merged::Conflict { sources, values } => Some(json!({
                "unit": reporter.code(catalogue),
                "element": code,
                "values": values,
                "files": sources.iter().map(|s| aggregation.sources[*s].file.clone()).collect::<Vec<_>>(),
            })),
            Merged::Value { .. } => None,
        })
        .collect();
    let register: Vec<Value> = aggregation
        .register
        .iter()
        .map(|r| {
            json!({
                "unit": r.reporter.code(catalogue),
                "unit_name": r.reporter.name(catalogue),
                "office": r.office,
                "status": r.status,
                "report_date": r.date.map(|d| d.iso()),
                "files": r.sources.iter().map(|s| aggregation.sources[*s].file.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "format": "plan-aggregate",
        "format_version": 1,
        "catalogue_version": catalogue.version,
        "year": aggregation.year,
        "complete": aggregation.complete(),
        "totals": {
            "expected_workbooks": aggregation.register.len(),
            "missing_workbooks": aggregation.missing(),
            "files": aggregation.sources.len(),
            "files_not_used": aggregation.excluded(),
            "conflicts": aggregation.conflicts(),
        },
        "parts": parts,
        "conflicts": conflicts,
        "register": register,
        "findings": aggregation.findings,
        "sources": aggregation.sources,
    })
}
