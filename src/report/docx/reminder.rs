//! The letter that chases late units (`plan status … --docx FILE`): a công văn in the form of Nghị định
//! 30/2020/NĐ-CP from what the register knows. The header of the Word draft with the letter's number and
//! its subject ("V/v đôn đốc nộp báo cáo …") under it, "Kính gửi" the offices and units concerned, who has
//! not reported (by office), who sent only workbooks with errors (each file and its count of errors), the
//! deadline in the plan's words and the new date, then "Nơi nhận" and the signature block of the catalogue.
//! The same aggregation, catalogue and new date give the same bytes.

use super::content::{office_name, reporter_name};
use super::letter::{closing, header};
use super::style::{self, body, line};
use crate::aggregate::{Aggregation, DueWorkbook, Submitted, Use};
use crate::catalogue::{Catalogue, DocumentSettings};
use crate::date::Date;
use crate::lang::Lang;
use crate::report::letter::recipient_lines;
use crate::submission::ReporterId;
use docx_rs::{AlignmentType, Docx};

/// How many days after the day it is written the letter gives by default: a week.
pub const DEFAULT_DAYS: i64 = 7;

/// Writes the letter and returns its bytes; `None` when nobody is to be chased. `new_deadline` is the date
/// the letter gives; the letter and its properties are dated by it (the day and month of signature left
/// blank), so the same inputs give the same bytes.
pub fn build(
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    new_deadline: Date,
    lang: Lang,
) -> std::io::Result<Option<Vec<u8>>> {
    if aggregation.missing() == 0 {
        return Ok(None);
    }
    let document = catalogue.document(aggregation.year);
    let title = match lang {
        Lang::Vi => format!("Công văn {}", style::lower_first(&subject(&document, aggregation.year, lang))),
        Lang::En => subject(&document, aggregation.year, lang),
    };
    let make = || compose(aggregation, catalogue, &document, new_deadline, lang);
    super::pack(make, 0, &document, catalogue, &title).map(Some)
}

/// "V/v đôn đốc nộp báo cáo kết quả thực hiện Kế hoạch hành động vì trẻ em năm 2024".
fn subject(document: &DocumentSettings, year: u16, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("V/v đôn đốc nộp báo cáo {}", style::lower_first(&document.subject_for(year))),
        Lang::En => format!("Re: reminder to submit the reports for {year}"),
    }
}

/// The letter's number: the report's without its kind ("…/BC-UBND" → "…/UBND": a công văn has no
/// abbreviation of kind).
fn number_line(document: &DocumentSettings) -> String {
    let number = match document.number.split_once('/') {
        Some((n, symbol)) => match symbol.strip_prefix("BC-") {
            Some(rest) => format!("{n}/{rest}"),
            None => document.number.clone(),
        },
        None => document.number.clone(),
    };
    format!("Số: {number}")
}

/// The bodies a unit's report is asked of: "Ủy ban nhân dân xã Phú Phong"; the body holding whole-area
/// figures by its name.
fn addressee(catalogue: &Catalogue, row: &DueWorkbook, year: u16, lang: Lang) -> Option<String> {
    let name = reporter_name(catalogue, &row.reporter, &row.office, year);
    match &row.reporter {
        ReporterId::Unit { .. } => Some(match lang {
            Lang::Vi => format!("Ủy ban nhân dân {}", style::lower_first(&name)),
            Lang::En => format!("People's Committee of {name}"),
        }),
        ReporterId::District => catalogue.area_holder(&row.office, year).map(|_| name),
    }
}

/// "Kính gửi": the offices concerned in the catalogue's order (those whose communes' or own whole-area
/// reports are chased; not an office whose whole-area figures a body of its own holds), then the units
/// and bodies in the register's order, each once.
fn recipients(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Vec<String> {
    let year = aggregation.year;
    let rows: Vec<&DueWorkbook> = aggregation.register.iter().filter(|r| r.outstanding()).collect();
    let concerns = |r: &DueWorkbook, office: &str| {
        r.office == office
            && (matches!(r.reporter, ReporterId::Unit { .. })
                || catalogue.area_holder(office, year).is_none())
    };
    let mut names: Vec<String> = catalogue
        .offices
        .iter()
        .filter(|o| rows.iter().any(|r| concerns(r, &o.id)))
        .map(|o| office_name(catalogue, &o.id, year, lang))
        .collect();
    for row in &rows {
        if let Some(name) = addressee(catalogue, row, year, lang)
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names
}

/// "- Phòng Giáo dục và Đào tạo: Xã Phú Phong, Xã Hương Long." for each office with a report missing.
fn missing_lines(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Vec<String> {
    let year = aggregation.year;
    catalogue
        .offices
        .iter()
        .filter_map(|office| {
            let who: Vec<String> = aggregation
                .register
                .iter()
                .filter(|r| r.status == Submitted::Missing && r.office == office.id)
                .map(|r| reporter_name(catalogue, &r.reporter, &r.office, year))
                .collect();
            (!who.is_empty())
                .then(|| format!("- {}: {}.", office_name(catalogue, &office.id, year, lang), who.join(", ")))
        })
        .collect()
}

/// "- Xã Lộc Yên (Phòng Văn hóa - Thông tin): tệp «yes-no-bad.xlsx» có 1 lỗi." for each report received
/// only with errors.
fn error_lines(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Vec<String> {
    let year = aggregation.year;
    aggregation
        .register
        .iter()
        .filter(|r| r.status == Submitted::OnlyWithErrors)
        .map(|r| {
            let files: Vec<String> = r
                .sources
                .iter()
                .map(|i| &aggregation.sources[*i])
                .filter(|s| s.usage == Use::ExcludedErrors)
                .map(|s| {
                    let name = std::path::Path::new(&s.file)
                        .file_name()
                        .map_or_else(|| s.file.clone(), |n| n.to_string_lossy().into_owned());
                    match lang {
                        Lang::Vi => format!("tệp «{name}» có {} lỗi", s.errors),
                        Lang::En => format!("file «{name}» has {} error{}", s.errors, plural(s.errors)),
                    }
                })
                .collect();
            format!(
                "- {} ({}): {}.",
                reporter_name(catalogue, &r.reporter, &r.office, year),
                office_name(catalogue, &r.office, year, lang),
                files.join("; ")
            )
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The letter, its parts in the order they print.
fn compose(
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    document: &DocumentSettings,
    new_deadline: Date,
    lang: Lang,
) -> Docx {
    let year = aggregation.year;
    let date_line = document.date_line(new_deadline.year.clamp(0, u16::MAX as i32) as u16);
    let mut docx = style::document(new_deadline).add_table(header(
        catalogue,
        document,
        &number_line(document),
        &date_line,
        Some(&subject(document, year, lang)),
    ));
    docx = docx.add_paragraph(line("", AlignmentType::Center));
    for l in recipient_lines(&recipients(aggregation, catalogue, lang), lang) {
        docx = docx.add_paragraph(line(&l, AlignmentType::Center));
    }
    docx = docx.add_paragraph(line("", AlignmentType::Center));
    let texts = paragraphs(aggregation, catalogue, new_deadline, lang);
    let last = texts.len().saturating_sub(1);
    for (i, text) in texts.iter().enumerate() {
        // The last paragraph stays on the page of the signature (Nghị định 30: never a page of it alone).
        docx = docx.add_paragraph(body(text).keep_next(i == last));
    }
    let copies = vec![
        lang.pick("Như trên;", "As above;").to_string(),
        document.copies.iter().find(|c| c.starts_with("Lưu")).cloned().unwrap_or_else(|| "Lưu: VT.".into()),
    ];
    // A line between the body and "Nơi nhận".
    docx.add_paragraph(line("", AlignmentType::Center).keep_next(true))
        .add_table(closing(document, &copies, lang))
}

/// The body: the plan's request and deadline, what was received, who has not reported, who sent
/// workbooks with errors, the new date.
fn paragraphs(
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    new_deadline: Date,
    lang: Lang,
) -> Vec<String> {
    let year = aggregation.year;
    let plan = &catalogue.plan;
    let wording = &catalogue.reporting.deadline.wording;
    let expected = aggregation.register.len();
    let received = expected - aggregation.missing();
    let mut texts = vec![match lang {
        Lang::Vi => format!(
            "Thực hiện Kế hoạch số {} ngày {} của {}, các cơ quan, đơn vị báo cáo kết quả thực hiện năm {year} {wording}. Đến nay mới nhận được {received}/{expected} báo cáo đầy đủ, hợp lệ.",
            plan.number,
            plan.date.vietnamese(),
            plan.issuer
        ),
        Lang::En => format!(
            "Under Plan {} of {} of {}, the offices and units report on {year} by the deadline «{wording}». So far {received} of the {expected} reports expected have been received complete and valid.",
            plan.number,
            plan.date.vietnamese(),
            plan.issuer
        ),
    }];
    let missing = missing_lines(aggregation, catalogue, lang);
    let errors = error_lines(aggregation, catalogue, lang);
    // The two lists are numbered when both are there; one alone is not "1." of nothing.
    let both = !missing.is_empty() && !errors.is_empty();
    if !missing.is_empty() {
        let title =
            lang.pick("Chưa gửi báo cáo (theo cơ quan nhận):", "Not yet reported (by receiving office):");
        texts.push(if both { format!("1. {title}") } else { title.to_string() });
        texts.extend(missing);
    }
    let with_errors = !errors.is_empty();
    if with_errors {
        let title = lang
            .pick("Đã gửi nhưng báo cáo còn lỗi, chưa tổng hợp được:", "Sent with errors, so not compiled:");
        texts.push(if both { format!("2. {title}") } else { title.to_string() });
        texts.extend(errors);
    }
    let to = match catalogue.receiver(year) {
        Some(r) => match &r.via {
            Some(via) => format!("{} ({} {via})", r.name, lang.pick("qua", "through")),
            None => r.name.clone(),
        },
        None => plan.issuer.clone(),
    };
    let date = new_deadline.vietnamese();
    // The files to correct are spoken of only when some are listed.
    let correct = match (with_errors, lang) {
        (false, _) => "",
        (true, Lang::Vi) => " (tệp có lỗi thì sửa theo chú thích kèm theo rồi gửi lại)",
        (true, Lang::En) => " (workbooks with errors corrected as annotated and sent again)",
    };
    texts.push(match lang {
        Lang::Vi => format!(
            "Đề nghị các cơ quan, đơn vị nêu trên khẩn trương hoàn thành, gửi báo cáo{correct} về {to} chậm nhất ngày {date}. Các cơ quan chuyên môn đôn đốc, hướng dẫn đơn vị cấp xã thuộc lĩnh vực phụ trách thực hiện./."
        ),
        Lang::En => format!(
            "The offices and units above are asked to complete and send their reports{correct} to {to} by {date} at the latest. The offices follow up with the communes in their field./."
        ),
    });
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Aggregator;

    #[test]
    fn the_letter_number_drops_the_kind_of_the_report() {
        let catalogue = Catalogue::embedded();
        assert_eq!(number_line(&catalogue.document(2024)), "Số: …/UBND");
        assert_eq!(number_line(&catalogue.document(2025)), "Số: …/SYT");
    }

    #[test]
    fn with_nothing_received_every_office_and_unit_is_addressed_and_the_bytes_repeat() {
        let catalogue = Catalogue::embedded();
        let aggregation = Aggregator::new(&catalogue, false).finish(Some(2024)).unwrap();
        let to = recipients(&aggregation, &catalogue, Lang::Vi);
        assert!(to.contains(&"Phòng Y tế và Trung tâm Y tế huyện".to_string()), "{to:?}");
        assert!(to.contains(&"Ủy ban nhân dân xã Phú Phong".to_string()), "{to:?}");
        assert!(to.contains(&"Công an huyện Hương Khê".to_string()), "{to:?}");
        // The police office holds its figures itself: addressed once, by the holder's name.
        assert!(!to.contains(&"Công an huyện".to_string()), "{to:?}");
        let date = Date::new(2024, 11, 15).unwrap();
        let first = build(&aggregation, &catalogue, date, Lang::Vi).unwrap().unwrap();
        assert_eq!(first, build(&aggregation, &catalogue, date, Lang::Vi).unwrap().unwrap());
        let later = build(&aggregation, &catalogue, date.plus_days(1).unwrap(), Lang::Vi).unwrap().unwrap();
        assert_ne!(first, later);
    }

    #[test]
    fn a_letter_with_one_list_numbers_nothing_and_speaks_of_no_files_to_correct() {
        // Regression (issue 22, looked at in LibreOffice): with only units that had not reported, the
        // letter said "1. Chưa gửi báo cáo" with no 2., and asked to correct files with errors it did not
        // list.
        let catalogue = Catalogue::embedded();
        let aggregation = Aggregator::new(&catalogue, false).finish(Some(2024)).unwrap();
        let texts = paragraphs(&aggregation, &catalogue, Date::new(2024, 11, 15).unwrap(), Lang::Vi);
        assert!(texts.iter().any(|t| t == "Chưa gửi báo cáo (theo cơ quan nhận):"), "{texts:?}");
        assert!(!texts.iter().any(|t| t.starts_with("1. ") || t.contains("tệp có lỗi")), "{texts:?}");
    }
}
