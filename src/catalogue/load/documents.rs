//! `[[reporting.documents]]`: the administrative form of the consolidated report, by span of years.

use super::checker::Checker;
use crate::catalogue::document::{DocumentSettings, unknown_placeholders};
use crate::catalogue::model::Plan;
use crate::catalogue::raw::RawReporting;
use toml::Spanned;

/// The administrative form of the consolidated report, by span of years.
pub(super) fn build_documents(
    ck: &mut Checker,
    raw: &Spanned<RawReporting>,
    plan: &Plan,
) -> Vec<DocumentSettings> {
    let mut documents: Vec<DocumentSettings> = Vec::new();
    for spanned in &raw.get_ref().documents {
        let d = spanned.get_ref();
        let key = "reporting.documents";
        ck.years_forward(spanned.span(), key, d.from, d.to);
        if documents.iter().any(|o| o.from <= d.to && d.from <= o.to) {
            ck.error(
                spanned.span(),
                key,
                format!("các năm {}–{} đã có mẫu văn bản báo cáo khác", d.from, d.to),
                format!("years {}–{} already have another document form", d.from, d.to),
            );
        }
        for text in [Some(&d.subject), Some(&d.opening), d.closing.as_ref()].into_iter().flatten() {
            for placeholder in unknown_placeholders(text.get_ref()) {
                ck.error(
                    text.span(),
                    key,
                    format!("«{placeholder}» không phải chỗ điền được; chỉ có {{year}} (năm báo cáo)"),
                    format!("«{placeholder}» is not a placeholder; only {{year}} (the report year) is"),
                );
            }
        }
        if d.recipients.is_empty() {
            ck.warn(
                spanned.span(),
                key,
                "chưa ghi nơi «Kính gửi» (recipients)".to_string(),
                "no «Kính gửi» recipients".to_string(),
            );
        }
        if d.signature.is_empty() {
            ck.warn(
                spanned.span(),
                key,
                "chưa ghi thẩm quyền ký (signature), ví dụ \"TM. ỦY BAN NHÂN DÂN\"".to_string(),
                "no signature block (signature), e.g. \"TM. ỦY BAN NHÂN DÂN\"".to_string(),
            );
        }
        documents.push(DocumentSettings {
            from: d.from,
            to: d.to,
            issuer_header: d.issuer_header.clone().unwrap_or_else(|| plan.issuer_header.clone()),
            number: d.number.clone(),
            place: d.place.clone().unwrap_or_else(|| plan.place.clone()),
            title: d.title.clone(),
            subject: d.subject.get_ref().clone(),
            recipients: d.recipients.clone(),
            opening: d.opening.get_ref().clone(),
            closing: d.closing.as_ref().map(|c| c.get_ref().clone()).unwrap_or_default(),
            copies: d.copies.clone(),
            signature: d.signature.clone(),
            signer: d.signer.clone(),
            signed_by: d.signed_by,
        });
    }
    let uncovered: Vec<String> = (plan.start_year..=plan.end_year)
        .filter(|y| !documents.iter().any(|d| (d.from..=d.to).contains(y)))
        .map(|y| y.to_string())
        .collect();
    if !documents.is_empty() && !uncovered.is_empty() {
        ck.warn(
            raw.span(),
            "reporting.documents",
            format!("chưa có mẫu văn bản báo cáo cho các năm {}", uncovered.join(", ")),
            format!("no document form for the years {}", uncovered.join(", ")),
        );
    }
    documents
}
