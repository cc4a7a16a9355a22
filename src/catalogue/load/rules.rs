//! `[[rules]]`, the consistency rules between data elements, and the warnings about pieces nothing uses.

use super::checker::{Checker, check_duplicate};
use crate::catalogue::model::*;
use crate::catalogue::raw::{RawCatalogue, RawRule};
use crate::expr;
use std::collections::HashSet;
use toml::Spanned;

/// The rules: each id once, a known severity, an expression that parses and compares counts only.
pub(super) fn build_rules(ck: &mut Checker, raw: &[Spanned<RawRule>], elements: &[Element]) -> Vec<Rule> {
    let mut seen = HashSet::new();
    let mut rules = Vec::new();
    for spanned in raw {
        let r = spanned.get_ref();
        let id = r.id.get_ref();
        let key = format!("rules[{id}]");
        check_duplicate(ck, &mut seen, &r.id, &key);
        let severity = match r.severity.get_ref().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => {
                ck.error(
                    r.severity.span(),
                    &format!("{key}.severity"),
                    format!("mức độ «{other}» không hợp lệ (error, warning)"),
                    format!("unknown severity «{other}» (error, warning)"),
                );
                Severity::Error
            }
        };
        let condition = match expr::parse(r.expr.get_ref()) {
            Ok(condition) => condition,
            Err(e) => {
                ck.error(
                    r.expr.span(),
                    &format!("{key}.expr"),
                    format!("quy tắc không đọc được tại ký tự {}: {}", e.position + 1, e.message),
                    format!("the rule does not parse at character {}: {}", e.position + 1, e.message_en),
                );
                continue;
            }
        };
        for code in condition.codes() {
            match elements.iter().find(|e| e.code == code) {
                None => ck.error(
                    r.expr.span(),
                    &format!("{key}.expr"),
                    format!("quy tắc dùng mã dữ liệu «{code}» không có trong danh sách dữ liệu (elements)"),
                    format!("the rule names unknown data element «{code}»"),
                ),
                Some(e) if e.kind != ElementType::Count => ck.error(
                    r.expr.span(),
                    &format!("{key}.expr"),
                    format!("quy tắc chỉ so sánh số đếm; «{code}» là câu trả lời Có/Không"),
                    format!("rules compare counts; «{code}» is a yes/no answer"),
                ),
                Some(_) => {}
            }
        }
        rules.push(Rule {
            id: id.clone(),
            expr: r.expr.get_ref().clone(),
            condition,
            severity,
            message: r.message.clone(),
            message_en: r.message_en.clone(),
        });
    }
    rules
}

/// Warnings about pieces that nothing uses.
pub(super) fn check_coverage(
    ck: &mut Checker,
    raw: &RawCatalogue,
    offices: &[Office],
    elements: &[Element],
    targets: &[Target],
    rules: &[Rule],
) {
    for (office, spanned) in offices.iter().zip(&raw.offices) {
        if office.reports && !elements.iter().any(|e| e.reported_by(&office.id)) {
            ck.warn(
                spanned.span(),
                &format!("offices[{}]", office.id),
                format!("cơ quan «{}» được đánh dấu báo cáo nhưng không báo cáo mã dữ liệu nào", office.id),
                format!("office «{}» is marked as reporting but reports no data element", office.id),
            );
        }
    }
    let used: HashSet<&str> = targets
        .iter()
        .flat_map(|t| &t.parts)
        .flat_map(|p| p.numerator.iter().chain(&p.denominator))
        .map(String::as_str)
        .chain(rules.iter().flat_map(|r| r.condition.codes()))
        .collect();
    for (element, spanned) in elements.iter().zip(&raw.elements) {
        if !used.contains(element.code.as_str()) {
            ck.warn(
                spanned.span(),
                &format!("elements[{}]", element.code),
                format!("mã dữ liệu «{}» không được dùng cho chỉ tiêu hay quy tắc nào", element.code),
                format!("data element «{}» feeds no part and no rule", element.code),
            );
        }
    }
}
