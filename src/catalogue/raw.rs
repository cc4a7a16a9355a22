//! The TOML shape of `indicators.toml`, as read by serde, with the positions needed to point at problems.
//!
//! Nothing here is checked beyond types; [`super::load`] turns it into the checked model.

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogue {
    pub schema: Spanned<u32>,
    pub version: String,
    pub plan: Spanned<RawPlan>,
    pub reporting: Spanned<RawReporting>,
    #[serde(default)]
    pub offices: Vec<Spanned<RawOffice>>,
    #[serde(default)]
    pub units: Vec<Spanned<RawUnit>>,
    #[serde(default)]
    pub elements: Vec<Spanned<RawElement>>,
    #[serde(default)]
    pub report_items: Vec<Spanned<RawReportItem>>,
    #[serde(default)]
    pub groups: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    pub targets: Vec<Spanned<RawTarget>>,
    #[serde(default)]
    pub rules: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub number: String,
    pub date: Spanned<String>,
    pub issuer: String,
    #[serde(default)]
    pub issuer_header: Vec<String>,
    pub place: String,
    pub title: String,
    pub title_en: Option<String>,
    pub programme: String,
    #[serde(default)]
    pub basis: Vec<String>,
    pub area: String,
    pub area_level: Option<String>,
    pub area_level_en: Option<String>,
    pub area_code: String,
    pub area_dhis2_id: Option<String>,
    pub province: String,
    pub start_year: Spanned<u16>,
    pub end_year: Spanned<u16>,
    pub milestones: Spanned<Vec<u16>>,
    #[serde(default)]
    pub motto: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeadline {
    pub month: u8,
    pub day: u8,
    pub inclusive: bool,
    pub wording: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    pub start_month: u8,
    pub start_day: u8,
    pub start_year_offset: i32,
    pub end_month: u8,
    pub end_day: u8,
    pub end_year_offset: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReceiver {
    pub from: u16,
    pub to: u16,
    pub name: String,
    pub via: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAreaHolder {
    pub from: u16,
    pub to: u16,
    pub office: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReporting {
    pub deadline: Spanned<RawDeadline>,
    pub period: Spanned<RawPeriod>,
    pub report_title: String,
    pub coordinator: Spanned<String>,
    #[serde(default)]
    pub receivers: Vec<Spanned<RawReceiver>>,
    pub max_count: Option<u64>,
    pub dhis2_period: Option<Spanned<String>>,
    #[serde(default)]
    pub area_holders: Vec<Spanned<RawAreaHolder>>,
    #[serde(default)]
    pub documents: Vec<Spanned<RawDocument>>,
}

/// The consolidated report as an administrative document, for a span of years.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub from: u16,
    pub to: u16,
    pub issuer_header: Option<Vec<String>>,
    pub number: String,
    pub place: Option<String>,
    pub title: String,
    pub subject: Spanned<String>,
    #[serde(default)]
    pub recipients: Vec<String>,
    pub opening: Spanned<String>,
    pub closing: Option<Spanned<String>>,
    #[serde(default)]
    pub copies: Vec<String>,
    #[serde(default)]
    pub signature: Vec<String>,
    #[serde(default)]
    pub signer: String,
    #[serde(default)]
    pub signed_by: crate::catalogue::document::SignedBy,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffice {
    pub id: Spanned<String>,
    pub name: String,
    pub short: String,
    pub name_en: Option<String>,
    pub reports: bool,
    #[serde(default)]
    pub letterhead: Vec<String>,
    /// First year the office exists (the plan's first when not given).
    pub from: Option<Spanned<u16>>,
    /// Last year the office exists (the plan's last when not given).
    pub to: Option<Spanned<u16>>,
    /// Names by span of years, overriding the office's own.
    #[serde(default)]
    pub names: Vec<Spanned<RawOfficeName>>,
    /// The office that takes over the portfolio after `to`.
    pub successor: Option<Spanned<String>>,
}

/// `[[offices.names]]`: the office's name, short name, English name and letterhead for a span of years.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOfficeName {
    pub from: u16,
    pub to: u16,
    pub name: String,
    pub short: String,
    pub name_en: Option<String>,
    #[serde(default)]
    pub letterhead: Vec<String>,
}

/// `[[elements.offices]]`: the office that reports an element from a year on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawElementOffice {
    pub from: Spanned<u16>,
    pub office: Spanned<String>,
}

/// `[[targets.leads]]`: the offices that lead a target from a year on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargetLead {
    pub from: Spanned<u16>,
    pub lead: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    pub code: Spanned<String>,
    pub name: String,
    pub kind: Spanned<String>,
    pub from: Spanned<u16>,
    pub to: Spanned<u16>,
    #[serde(default)]
    pub covers: Vec<Spanned<String>>,
    pub dhis2_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawElement {
    pub code: Spanned<String>,
    pub label: String,
    pub label_en: Option<String>,
    pub definition: String,
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    pub office: Spanned<String>,
    pub measure: Option<String>,
    pub level: Spanned<String>,
    pub dhis2_id: Option<String>,
    /// Changes of the reporting office from a year on.
    #[serde(default)]
    pub offices: Vec<Spanned<RawElementOffice>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReportItem {
    pub code: Spanned<String>,
    pub label: String,
    pub label_en: Option<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    pub measure: Option<String>,
    pub section: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub number: Spanned<u16>,
    pub name: String,
    pub name_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub number: Spanned<u16>,
    pub group: Spanned<u16>,
    pub lead: Vec<Spanned<String>>,
    /// Changes of the lead offices from a year on.
    #[serde(default)]
    pub leads: Vec<Spanned<RawTargetLead>>,
    pub text: String,
    #[serde(default)]
    pub parts: Vec<Spanned<RawPart>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub id: Spanned<String>,
    pub text: String,
    pub short: String,
    pub short_en: Option<String>,
    /// Offices leading this part, when they differ from the target's.
    pub lead: Option<Vec<Spanned<String>>>,
    pub unit: Spanned<String>,
    pub numerator: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub denominator: Vec<Spanned<String>>,
    pub factor: Spanned<u64>,
    pub small_denominator: Option<u64>,
    #[serde(default)]
    pub levels: Vec<Spanned<RawLevel>>,
}

/// A number written either as a TOML integer or as a string ("2,8").
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawNumber {
    Int(i64),
    Text(String),
    /// Refused with a message: a TOML float is not exact.
    Float(f64),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub year: Option<u16>,
    pub from: Option<u16>,
    pub to: Option<u16>,
    pub op: String,
    pub value: RawNumber,
    #[serde(default)]
    pub wording: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub expr: Spanned<String>,
    pub severity: Spanned<String>,
    pub message: String,
    pub message_en: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_aux::serde_introspection::serde_introspect;

    /// Every table of the file by its heading in `docs/catalogue-json.md`, with the keys serde accepts in it.
    fn tables() -> Vec<(&'static str, &'static [&'static str])> {
        vec![
            ("(top level)", serde_introspect::<RawCatalogue>()),
            ("`[plan]`", serde_introspect::<RawPlan>()),
            ("`[reporting]`", serde_introspect::<RawReporting>()),
            ("`reporting.deadline`", serde_introspect::<RawDeadline>()),
            ("`reporting.period`", serde_introspect::<RawPeriod>()),
            ("`[[reporting.receivers]]`", serde_introspect::<RawReceiver>()),
            ("`[[reporting.area_holders]]`", serde_introspect::<RawAreaHolder>()),
            ("`[[reporting.documents]]`", serde_introspect::<RawDocument>()),
            ("`[[offices]]`", serde_introspect::<RawOffice>()),
            ("`[[offices.names]]`", serde_introspect::<RawOfficeName>()),
            ("`[[elements.offices]]`", serde_introspect::<RawElementOffice>()),
            ("`[[targets.leads]]`", serde_introspect::<RawTargetLead>()),
            ("`[[units]]`", serde_introspect::<RawUnit>()),
            ("`[[elements]]`", serde_introspect::<RawElement>()),
            ("`[[report_items]]`", serde_introspect::<RawReportItem>()),
            ("`[[groups]]`", serde_introspect::<RawGroup>()),
            ("`[[targets]]`", serde_introspect::<RawTarget>()),
            ("`[[targets.parts]]`", serde_introspect::<RawPart>()),
            ("`targets.parts.levels`", serde_introspect::<RawLevel>()),
            ("`[[rules]]`", serde_introspect::<RawRule>()),
        ]
    }

    /// The keys named in backticks on a section's "- " lines, up to the next heading.
    fn documented(doc: &str, heading: &str) -> std::collections::BTreeSet<String> {
        let start = doc.find(&format!("\n### {heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
        let section = &doc[start + 1..];
        let end = section[4..].find("\n#").map_or(section.len(), |i| i + 4);
        let mut keys = std::collections::BTreeSet::new();
        for line in section[..end].lines().filter(|l| l.starts_with("- ")) {
            // The keys the line describes: the backticked words before its colon, outside parentheses.
            let mut head = String::new();
            let mut depth = 0;
            for c in line.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ':' if depth == 0 => break,
                    c if depth == 0 => head.push(c),
                    _ => {}
                }
            }
            keys.extend(head.split('`').skip(1).step_by(2).map(str::to_string));
        }
        keys
    }

    // Regression (issue 23): `dhis2_id`, `area_dhis2_id` and `max_count` were described only in the README.
    #[test]
    fn every_key_the_loader_accepts_is_documented_and_no_other() {
        let doc = include_str!("../../docs/catalogue-json.md");
        for (heading, fields) in tables() {
            let accepted: std::collections::BTreeSet<String> = fields.iter().map(|f| f.to_string()).collect();
            assert!(!accepted.is_empty(), "{heading}");
            assert_eq!(documented(doc, heading), accepted, "docs/catalogue-json.md, section {heading}");
        }
    }

    #[test]
    fn every_key_is_named_in_a_comment_of_the_built_in_catalogue() {
        let comments: String = super::super::DEFAULT_TOML
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix('#'))
            .collect::<Vec<_>>()
            .join("\n");
        for (heading, fields) in tables() {
            for field in fields {
                assert!(
                    comments.contains(&format!("`{field}`")),
                    "indicators.toml: no comment names `{field}` ({heading})"
                );
            }
        }
    }
}
