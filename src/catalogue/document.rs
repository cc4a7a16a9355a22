//! The consolidated report as an administrative document (Nghị định 30/2020/NĐ-CP): who issues it, its
//! number, place, title, recipients, copies and signature block, by span of years (the district level is
//! abolished from 1/7/2025, so the issuer and the receivers change).

use super::plan::{Plan, Receiver};
use serde::Serialize;

/// The placeholder replaced by the report year in `subject` and `opening`.
pub const YEAR_PLACEHOLDER: &str = "{year}";

/// The catalogue's settings for the official documents of a span of years: issuing body, letterhead, number,
/// place, addressee and signature (Nghị định 30/2020), used by the consolidated report and the Word draft.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DocumentSettings {
    /// First year.
    pub from: u16,
    /// Last year.
    pub to: u16,
    /// The issuing body in the top-left corner, one line each (the plan's `issuer_header` if not given).
    pub issuer_header: Vec<String>,
    /// The number and symbol after "Số: " ("…/BC-UBND": the number is given when the document is
    /// registered).
    pub number: String,
    /// The place name of "…, ngày … tháng … năm …" (the plan's `place` if not given).
    pub place: String,
    /// The kind of document, in capitals ("BÁO CÁO").
    pub title: String,
    /// The subject under the title; `{year}` is the report year.
    pub subject: String,
    /// The bodies after "Kính gửi:".
    pub recipients: Vec<String>,
    /// The sentence opening the body; `{year}` is the report year.
    pub opening: String,
    /// The sentence closing the body ("Trên đây là báo cáo …./."); `{year}` is the report year; empty for
    /// none.
    pub closing: String,
    /// The "Nơi nhận:" list, one entry each.
    pub copies: Vec<String>,
    /// The signature block above the signer's name ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    pub signature: Vec<String>,
    /// The signer's name; empty leaves a dotted line to write it on.
    pub signer: String,
    /// Who signs: a deputy for the head (the `signature` as written, "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH",
    /// the default) or the head himself (the "KT." line left out and the head's title under the rest).
    pub signed_by: SignedBy,
}

/// Who signs the document (Nghị định 30/2020, appendix I: "KT." when a deputy signs for the head).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignedBy {
    /// A deputy signs for the head: the signature block as the catalogue writes it.
    #[default]
    Deputy,
    /// The head signs himself: "TM. ỦY BAN NHÂN DÂN" over "CHỦ TỊCH".
    Head,
}

/// The dotted line left for the signer's name when the catalogue gives none.
pub const NAME_LINE: &str = "……………………………";

impl DocumentSettings {
    /// The form used when the catalogue has none for a year: the plan's issuer and place, the receiver of
    /// the year, a signature block left for the issuer to write.
    pub fn fallback(
        plan: &Plan,
        receiver: Option<&Receiver>,
        report_title: &str,
        year: u16,
    ) -> DocumentSettings {
        DocumentSettings {
            from: year,
            to: year,
            issuer_header: plan.issuer_header.clone(),
            number: "……/BC".to_string(),
            place: plan.place.clone(),
            title: "BÁO CÁO".to_string(),
            subject: format!("{} năm {YEAR_PLACEHOLDER}", sentence_case(report_title)),
            recipients: receiver.map(|r| r.name.clone()).into_iter().collect(),
            opening: format!(
                "Thực hiện Kế hoạch số {} ngày {} của {}, kết quả thực hiện năm {YEAR_PLACEHOLDER} như sau:",
                plan.number,
                plan.date.vietnamese(),
                plan.issuer
            ),
            closing: format!("Trên đây là báo cáo kết quả thực hiện năm {YEAR_PLACEHOLDER}./."),
            copies: vec!["Như trên;".to_string(), "Lưu: VT.".to_string()],
            signature: Vec::new(),
            signer: String::new(),
            signed_by: SignedBy::Deputy,
        }
    }

    /// The subject with the year filled in.
    pub fn subject_for(&self, year: u16) -> String {
        self.subject.replace(YEAR_PLACEHOLDER, &year.to_string())
    }

    /// The opening sentence with the year filled in.
    pub fn opening_for(&self, year: u16) -> String {
        self.opening.replace(YEAR_PLACEHOLDER, &year.to_string())
    }

    /// The closing sentence with the year filled in.
    pub fn closing_for(&self, year: u16) -> String {
        self.closing.replace(YEAR_PLACEHOLDER, &year.to_string())
    }

    /// The lines of the signature block above the name: as written when a deputy signs; when the head
    /// signs, without the "KT. …" line and with the head's title ("CHỦ TỊCH") in place of the deputy's.
    pub fn signature_lines(&self) -> Vec<String> {
        let head = self.signature.iter().find_map(|l| l.strip_prefix("KT. "));
        match (self.signed_by, head) {
            (SignedBy::Head, Some(head)) => {
                let mut lines: Vec<String> =
                    self.signature.iter().take_while(|l| !l.starts_with("KT. ")).cloned().collect();
                lines.push(head.to_string());
                lines
            }
            _ => self.signature.clone(),
        }
    }

    /// The signer's name, or a dotted line to write it on.
    pub fn name_line(&self) -> &str {
        if self.signer.trim().is_empty() { NAME_LINE } else { self.signer.as_str() }
    }

    /// "Số: …/BC-UBND".
    pub fn number_line(&self) -> String {
        format!("Số: {}", self.number)
    }

    /// "Hương Khê, ngày      tháng      năm 2024": day and month left for the date of signature.
    pub fn date_line(&self, year: u16) -> String {
        format!("{}, ngày      tháng      năm {year}", self.place)
    }
}

/// "BÁO CÁO KẾT QUẢ…" as "Báo cáo kết quả…" (the first letter kept capital).
fn sentence_case(text: &str) -> String {
    crate::text::capitalise(&text.to_lowercase())
}

/// Placeholders `{…}` other than `{year}` in a text.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let Some(end) = after.find('}') else { break };
        let placeholder = &after[..=end];
        if placeholder != YEAR_PLACEHOLDER {
            found.push(placeholder.to_string());
        }
        rest = &after[end + 1..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_other_than_the_year_are_found() {
        assert!(unknown_placeholders("năm {year}").is_empty());
        assert_eq!(unknown_placeholders("năm {nam} và {year} {x}"), ["{nam}", "{x}"]);
        assert!(unknown_placeholders("không có").is_empty());
    }

    #[test]
    fn the_fallback_form_takes_the_plan_and_the_receiver_of_the_year() {
        let catalogue = crate::catalogue::Catalogue::embedded();
        let plan = &catalogue.plan;
        let form = DocumentSettings::fallback(plan, catalogue.receiver(2024), "BÁO CÁO KẾT QUẢ", 2024);
        assert_eq!(form.issuer_header, plan.issuer_header);
        assert_eq!(form.subject_for(2024), "Báo cáo kết quả năm 2024");
        assert_eq!(form.recipients, ["Ủy ban nhân dân huyện Hương Khê"]);
        assert_eq!(form.date_line(2024), "Hương Khê, ngày      tháng      năm 2024");
    }

    #[test]
    fn the_head_signs_without_the_deputy_lines() {
        let catalogue = crate::catalogue::Catalogue::embedded();
        let mut form = catalogue.document(2024);
        assert_eq!(form.signature_lines(), ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert_eq!(form.name_line(), NAME_LINE);
        form.signed_by = SignedBy::Head;
        form.signer = "Nguyễn Văn A".to_string();
        assert_eq!(form.signature_lines(), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        assert_eq!(form.name_line(), "Nguyễn Văn A");
        let mut sở = catalogue.document(2025);
        sở.signed_by = SignedBy::Head;
        assert_eq!(sở.signature_lines(), ["GIÁM ĐỐC"]);
    }
}
