//! The catalogue as JSON (`plan catalogue --format json`). The shape is documented in
//! `docs/catalogue-json.md` and kept stable: fields are added, never renamed or removed, within a
//! `format_version`.

use super::model::*;
use crate::attainment::YearLevel;
use serde_json::{Value, json};

/// The version of the JSON shape.
pub const FORMAT_VERSION: u32 = 1;

/// A decimal as a JSON number: an integer when it has no fraction (90, not 90.0).
fn number(value: &crate::decimal::Decimal) -> Value {
    if value.is_integer() { json!(value.mantissa) } else { json!(value.to_f64()) }
}

fn level_json(level: &YearLevel) -> Value {
    json!({
        "year": level.year,
        "op": level.op.as_str(),
        "value": number(&level.value),
        "value_text": level.value.to_string(),
        "kind": if level.held.is_some() { "held" } else { "milestone" },
        "held_from": level.held.map(|(from, _)| from),
        "held_to": level.held.map(|(_, to)| to),
        "wording": &*level.wording,
    })
}

fn part_json(part: &Part) -> Value {
    json!({
        "id": part.id,
        "target": part.target,
        "text": part.text,
        "short": part.short,
        "short_en": part.short_en,
        "offices": part.offices,
        "leads": part.leads,
        "unit": part.unit,
        "numerator": part.numerator,
        "denominator": part.denominator,
        "factor": part.factor,
        "small_denominator": part.small_denominator,
        "targets": part.levels.iter().map(level_json).collect::<Vec<_>>(),
    })
}

/// The whole catalogue as a JSON value.
pub fn to_json(catalogue: &Catalogue) -> Value {
    let offices: Vec<Value> = catalogue
        .offices
        .iter()
        .map(|o| {
            let leads: Vec<u16> =
                catalogue.targets.iter().filter(|t| t.led_by(&o.id)).map(|t| t.number).collect();
            let elements: Vec<&str> = catalogue.elements_of(&o.id).map(|e| e.code.as_str()).collect();
            json!({
                "id": o.id, "name": o.name, "short": o.short, "name_en": o.name_en,
                "reports": o.reports, "letterhead": o.letterhead, "from": o.from, "to": o.to,
                "names": o.names, "successor": o.successor, "leads": leads, "elements": elements,
            })
        })
        .collect();
    let units: Vec<Value> = catalogue
        .units
        .iter()
        .map(|u| {
            let covers: Vec<Value> = u
                .covers
                .iter()
                .filter_map(|key| catalogue.unit_by_ref(key))
                .map(|c| json!({"code": c.code, "name": c.name, "from": c.from, "to": c.to}))
                .collect();
            json!({
                "code": u.code, "name": u.name, "full_name": u.full_name(), "kind": u.kind,
                "from": u.from, "to": u.to, "covers": covers, "dhis2_id": u.dhis2_id,
            })
        })
        .collect();
    let elements: Vec<Value> = catalogue
        .elements
        .iter()
        .map(|e| {
            let feeds: Vec<&str> = catalogue.parts_fed_by(&e.code).map(|p| p.id.as_str()).collect();
            let mut value = serde_json::to_value(e).expect("elements serialize");
            value["feeds"] = json!(feeds);
            value
        })
        .collect();
    let groups: Vec<Value> = catalogue
        .groups
        .iter()
        .map(|g| {
            let targets: Vec<u16> =
                catalogue.targets.iter().filter(|t| t.group == g.number).map(|t| t.number).collect();
            json!({"number": g.number, "name": g.name, "name_en": g.name_en, "targets": targets})
        })
        .collect();
    let targets: Vec<Value> = catalogue
        .targets
        .iter()
        .map(|t| {
            json!({
                "number": t.number, "group": t.group, "lead": t.lead, "leads": t.leads, "text": t.text,
                "parts": t.parts.iter().map(part_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "format": "plan-catalogue",
        "format_version": FORMAT_VERSION,
        "schema": catalogue.schema,
        "version": catalogue.version,
        "sha256": catalogue.sha256,
        "plan": catalogue.plan,
        "reporting": catalogue.reporting,
        "offices": offices,
        "units": units,
        "elements": elements,
        "report_items": catalogue.report_items,
        "groups": groups,
        "targets": targets,
        "rules": catalogue.rules,
    })
}
