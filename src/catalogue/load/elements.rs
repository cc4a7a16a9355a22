//! `[[elements]]` and `[[report_items]]`: the data elements offices report, and the other items of the report.

use super::checker::{Checker, ELEMENT_CODE, check_duplicate, check_id};
use super::offices::{check_changes, check_office, resolve};
use crate::catalogue::model::*;
use crate::catalogue::raw::{RawElement, RawReportItem};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// The data elements: each code once and well formed, a known type and level, an office that reports.
pub(super) fn build_elements(
    ck: &mut Checker,
    raw: &[Spanned<RawElement>],
    offices: &HashMap<&str, bool>,
    all_offices: &[Office],
    plan: &Plan,
) -> Vec<Element> {
    let mut seen = HashSet::new();
    let mut elements = Vec::new();
    for spanned in raw {
        let e = spanned.get_ref();
        let code = e.code.get_ref();
        let key = format!("elements[{code}]");
        check_id(ck, &mut seen, &e.code, &key, &ELEMENT_CODE);
        let kind = match e.kind.get_ref().as_str() {
            "count" => ElementType::Count,
            "yesno" => ElementType::YesNo,
            other => {
                ck.error(
                    e.kind.span(),
                    &format!("{key}.type"),
                    format!("kiểu dữ liệu «{other}» không hợp lệ (count, yesno)"),
                    format!("unknown type «{other}» (count, yesno)"),
                );
                ElementType::Count
            }
        };
        let level = match e.level.get_ref().as_str() {
            "unit" => ReportLevel::Unit,
            "district" => ReportLevel::District,
            other => {
                ck.error(
                    e.level.span(),
                    &format!("{key}.level"),
                    format!("cấp báo cáo «{other}» không hợp lệ (unit, district)"),
                    format!("unknown level «{other}» (unit, district)"),
                );
                ReportLevel::Unit
            }
        };
        let office = e.office.get_ref();
        let office_key = format!("{key}.office");
        let changes = e.offices.iter().map(|c| &c.get_ref().office);
        for id in std::iter::once(&e.office).chain(changes) {
            if check_office(ck, id.span(), &office_key, id.get_ref(), offices)
                && !offices[id.get_ref().as_str()]
            {
                ck.error(
                    id.span(),
                    &office_key,
                    format!("cơ quan «{}» không báo cáo số liệu (reports = false)", id.get_ref()),
                    format!("office «{}» reports no figures (reports = false)", id.get_ref()),
                );
            }
        }
        let years: Vec<Spanned<u16>> = e.offices.iter().map(|c| c.get_ref().from.clone()).collect();
        check_changes(ck, &format!("{key}.offices"), &years, plan);
        let assigned: Vec<(u16, Vec<String>)> = std::iter::once((plan.start_year, vec![office.clone()]))
            .chain(
                e.offices
                    .iter()
                    .map(|c| (*c.get_ref().from.get_ref(), vec![c.get_ref().office.get_ref().clone()])),
            )
            .collect();
        let offices_by_year = resolve(ck, e.office.span(), &office_key, &assigned, all_offices, plan)
            .into_iter()
            .map(|s| OfficeSpan {
                from: s.from,
                to: s.to,
                office: s.lead.into_iter().next().unwrap_or_else(|| office.clone()),
            })
            .collect();
        elements.push(Element {
            code: code.clone(),
            label: e.label.clone(),
            label_en: e.label_en.clone(),
            definition: e.definition.clone(),
            kind,
            office: office.clone(),
            offices: offices_by_year,
            measure: e.measure.clone(),
            level,
            dhis2_id: e.dhis2_id.clone(),
        });
    }
    elements
}

/// The report's other items (amounts, texts): codes apart from the elements', a section that fits the type.
pub(super) fn build_report_items(
    ck: &mut Checker,
    raw: &[Spanned<RawReportItem>],
    elements: &[Element],
) -> Vec<ReportItem> {
    let mut seen: HashSet<String> = elements.iter().map(|e| e.code.clone()).collect();
    let mut items = Vec::new();
    for spanned in raw {
        let r = spanned.get_ref();
        let code = r.code.get_ref();
        let key = format!("report_items[{code}]");
        check_duplicate(ck, &mut seen, &r.code, &key);
        let kind = match r.kind.get_ref().as_str() {
            "amount" => ReportItemType::Amount,
            "text" => ReportItemType::Text,
            other => {
                ck.error(
                    r.kind.span(),
                    &format!("{key}.type"),
                    format!("kiểu «{other}» không hợp lệ (amount, text)"),
                    format!("unknown type «{other}» (amount, text)"),
                );
                ReportItemType::Text
            }
        };
        let section = match (kind, r.section.as_ref().map(|s| (s.get_ref().as_str(), s.span()))) {
            (ReportItemType::Amount, None | Some(("spending", _))) => ReportSection::Spending,
            (ReportItemType::Text, None | Some(("results", _))) => ReportSection::Results,
            (ReportItemType::Text, Some(("difficulties", _))) => ReportSection::Difficulties,
            (_, Some((other, span))) => {
                ck.error(
                    span,
                    &format!("{key}.section"),
                    format!(
                        "mục «{other}» không hợp lệ: số tiền thuộc «spending», văn bản thuộc «results» hoặc «difficulties»"
                    ),
                    format!(
                        "section «{other}» does not fit: an amount is «spending», a text «results» or «difficulties»"
                    ),
                );
                ReportSection::Results
            }
        };
        items.push(ReportItem {
            code: code.clone(),
            label: r.label.clone(),
            label_en: r.label_en.clone(),
            kind,
            measure: r.measure.clone(),
            section,
        });
    }
    items
}
