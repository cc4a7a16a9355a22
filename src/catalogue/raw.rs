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
