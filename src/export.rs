//! Exports of the merged data values (`plan export`): long-format rows as CSV (UTF-8 with a byte-order mark,
//! so that Excel shows Vietnamese) or JSON, and DHIS2 `dataValueSets` JSON.
//!
//! A DHIS2 import of the DHIS2 file: with ids in the catalogue (`dhis2_id` on data elements and units,
//! `area_dhis2_id` for the district) the file imports as it is; without them it carries the catalogue's
//! codes, and the import must say so: `POST /api/dataValueSets?idScheme=CODE` (or
//! `dataElementIdScheme=CODE&orgUnitIdScheme=CODE`), after giving the data elements and organisation units in
//! DHIS2 the same codes. The period is the DHIS2 period of the report year by the catalogue
//! ([`Catalogue::dhis2_period`]: "2023Oct" for 01/10/2023–30/09/2024); yes/no answers are `true`/`false`.
//! The file is refused when the catalogue has no DHIS2 period, or sends two different units' values to one
//! organisation unit (a code reused after the 2025 merger without `dhis2_id`s that part them).

use crate::aggregate::{Aggregation, Merged};
use crate::catalogue::Catalogue;
use crate::catalogue::dhis2::{no_period_text, shared_org_unit_text, shared_org_units};
use crate::lang::Lang;
use crate::submission::{Data, ReporterId};
use serde::Serialize;
use serde_json::{Value, json};

/// One data value in long format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Administrative code of the unit (the area's code for district figures).
    pub unit_code: String,
    /// Unit name.
    pub unit_name: String,
    /// Report year.
    pub year: u16,
    /// Data-element code.
    pub element: String,
    /// The data element's Vietnamese label, for people reading the CSV.
    pub element_label: String,
    /// The value as text: a count, or Có/Không.
    pub value: String,
    /// The files it came from, separated by "; ".
    pub source: String,
    /// The first year of the unit (units are known by code and first year), `None` for the area.
    #[serde(skip)]
    unit_from: Option<u16>,
    #[serde(skip)]
    dhis2_element: Option<String>,
    #[serde(skip)]
    dhis2_unit: Option<String>,
    #[serde(skip)]
    dhis2_value: String,
}

/// The data values of one aggregated year, in unit and element order. Conflicting values are left out.
pub fn rows(aggregation: &Aggregation, catalogue: &Catalogue) -> Vec<Row> {
    let mut rows = Vec::new();
    for ((reporter, code), merged) in &aggregation.values {
        let (Some(element), Merged::Value { data, sources, .. }) = (catalogue.element(code), merged) else {
            continue;
        };
        let (value, dhis2_value) = match data {
            Data::Count(n) => (n.to_string(), n.to_string()),
            Data::YesNo(b) => (crate::submission::yes_no_word(*b).to_string(), b.to_string()),
            _ => continue,
        };
        let (unit_name, dhis2_unit) = match reporter {
            ReporterId::Unit { code, from } => {
                let unit =
                    catalogue.unit_by_ref(&crate::catalogue::UnitRef { code: code.clone(), from: *from });
                (unit.map_or_else(|| code.clone(), |u| u.full_name()), unit.and_then(|u| u.dhis2_id.clone()))
            }
            ReporterId::District => {
                (format!("Toàn {}", catalogue.plan.area), catalogue.plan.area_dhis2_id.clone())
            }
        };
        let source =
            sources.iter().map(|s| aggregation.sources[*s].file.as_str()).collect::<Vec<_>>().join("; ");
        rows.push(Row {
            unit_code: reporter.code(catalogue).to_string(),
            unit_name,
            unit_from: match reporter {
                ReporterId::Unit { from, .. } => Some(*from),
                ReporterId::District => None,
            },
            year: aggregation.year,
            element: code.to_string(),
            element_label: element.label.clone(),
            value,
            source,
            dhis2_element: element.dhis2_id.clone(),
            dhis2_unit,
            dhis2_value,
        });
    }
    rows
}

/// CSV with a UTF-8 byte-order mark and a header row, lines ended by CRLF, fields quoted only when they
/// hold a comma, a quote or a line break.
pub fn to_csv(rows: &[Row]) -> String {
    let header = ["unit_code", "unit_name", "year", "element", "element_label", "value", "source"];
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    // Writing into memory cannot fail; the fields are text.
    writer.write_record(header).expect("CSV into memory");
    for row in rows {
        let year = row.year.to_string();
        let fields = [
            &row.unit_code,
            &row.unit_name,
            &year,
            &row.element,
            &row.element_label,
            &row.value,
            &row.source,
        ];
        writer.write_record(fields).expect("CSV into memory");
    }
    let bytes = writer.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 text is UTF-8")
}

/// JSON: an array of rows.
pub fn to_json(rows: &[Row]) -> Value {
    json!(rows)
}

/// Why a DHIS2 file was not written: each reason a sentence (shown as a list, a line each).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", .0.iter().map(|reason| format!("  - {reason}")).collect::<Vec<_>>().join("\n"))]
pub struct Dhis2Refused(pub Vec<String>);

/// DHIS2 `dataValueSets` JSON, each value with the DHIS2 period of its year; refused when the catalogue
/// has no DHIS2 period, or when a value's unit shares its organisation unit with another unit (each pair
/// named).
pub fn to_dhis2(rows: &[Row], catalogue: &Catalogue, lang: Lang) -> Result<Value, Dhis2Refused> {
    let mut reasons = Vec::new();
    if catalogue.reporting.dhis2_period.is_none() && !rows.is_empty() {
        reasons.push(no_period_text(&catalogue.reporting.period, lang));
    }
    let units = &catalogue.units;
    let exported =
        |i: usize| rows.iter().any(|r| r.unit_from == Some(units[i].from) && r.unit_code == units[i].code);
    for (a, b) in shared_org_units(units) {
        if exported(a) || exported(b) {
            reasons.push(shared_org_unit_text(&units[a], &units[b], lang));
        }
    }
    if !reasons.is_empty() {
        return Err(Dhis2Refused(reasons));
    }
    let values: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "dataElement": r.dhis2_element.clone().unwrap_or_else(|| r.element.clone()),
                "period": catalogue.dhis2_period(r.year).unwrap_or_default(),
                "orgUnit": r.dhis2_unit.clone().unwrap_or_else(|| r.unit_code.clone()),
                "value": r.dhis2_value,
            })
        })
        .collect();
    Ok(json!({ "dataValues": values }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit_name: &str, source: &str) -> Row {
        Row {
            unit_code: "18520".into(),
            unit_name: unit_name.into(),
            year: 2024,
            element: "e".into(),
            element_label: "Số trẻ em".into(),
            value: "12".into(),
            source: source.into(),
            unit_from: Some(2021),
            dhis2_element: None,
            dhis2_unit: None,
            dhis2_value: "12".into(),
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let csv = to_csv(&[row("Xã Lộc Yên", "a.xlsx; b.xlsx"), row("a, b", "say \"hi\"\nthere")]);
        assert_eq!(
            csv,
            "\u{feff}unit_code,unit_name,year,element,element_label,value,source\r\n\
             18520,Xã Lộc Yên,2024,e,Số trẻ em,12,a.xlsx; b.xlsx\r\n\
             18520,\"a, b\",2024,e,Số trẻ em,12,\"say \"\"hi\"\"\nthere\"\r\n"
        );
    }
}
