//! Turning the TOML text into a checked [`Catalogue`], reporting every problem with its line and key: one
//! file per table of the catalogue, [`checker`] collecting the problems.

mod checker;
mod dhis2;
mod documents;
mod elements;
mod levels;
mod offices;
mod place_names;
mod place_words;
mod plan;
mod rules;
mod targets;
mod toml_error;
mod units;

pub use checker::Problem;

use super::model::*;
use super::raw::RawCatalogue;
use checker::Checker;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The outcome of [`load`]: the catalogue and its warnings, or every problem found.
pub type Loaded = Result<(Catalogue, Vec<Problem>), Vec<Problem>>;

/// Parses and checks a catalogue. On success returns the catalogue and its warnings; otherwise every
/// problem found (errors and warnings), in file order.
pub fn load(text: &str) -> Loaded {
    let mut ck = Checker::new(text);
    let raw: RawCatalogue = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let at = text.get(span.clone()).unwrap_or_default();
            ck.error(
                span,
                "",
                format!("tệp TOML không đọc được: {}", toml_error::vietnamese(&message, at)),
                format!("the TOML file cannot be read: {message}"),
            );
            return Err(ck.problems);
        }
    };
    let sha256 = hex::encode(Sha256::digest(text.as_bytes()));
    let catalogue = build(&mut ck, raw, sha256);
    ck.problems.sort_by_key(|p| p.line);
    if ck.has_errors() { Err(ck.problems) } else { Ok((catalogue, ck.problems)) }
}

/// The catalogue from its tables, each checked, then what nothing uses.
fn build(ck: &mut Checker, raw: RawCatalogue, sha256: String) -> Catalogue {
    if *raw.schema.get_ref() != 1 {
        ck.error(
            raw.schema.span(),
            "schema",
            format!("phiên bản lược đồ {} không được hỗ trợ (chỉ hỗ trợ 1)", raw.schema.get_ref()),
            format!("schema {} is not supported (only 1)", raw.schema.get_ref()),
        );
    }
    let plan = plan::build_plan(ck, &raw.plan);
    let offices = offices::build_offices(ck, &raw.offices, &plan);
    let office_ids: HashMap<&str, bool> = offices.iter().map(|o| (o.id.as_str(), o.reports)).collect();
    let reporting = plan::build_reporting(ck, &raw.reporting, &plan, &office_ids);
    let units = units::build_units(ck, &raw.units, &plan);
    dhis2::check_org_units(ck, &raw.units, &units);
    let elements = elements::build_elements(ck, &raw.elements, &office_ids, &offices, &plan);
    let report_items = elements::build_report_items(ck, &raw.report_items, &elements);
    let groups = targets::build_groups(ck, &raw.groups);
    let targets = targets::build_targets(ck, &raw.targets, &plan, &office_ids, &offices, &elements, &groups);
    let rules = rules::build_rules(ck, &raw.rules, &elements);
    rules::check_coverage(ck, &raw, &offices, &elements, &targets, &rules);
    place_words::check_place_words(ck, &raw, &plan, &units);
    let mut catalogue = Catalogue {
        schema: *raw.schema.get_ref(),
        version: raw.version,
        sha256,
        plan,
        reporting,
        offices,
        units,
        elements,
        report_items,
        groups,
        targets,
        rules,
        unit_index: HashMap::new(),
    };
    catalogue.index_units();
    catalogue
}
