//! II. The targets: how many parts were met, not met, did not occur or lack data, and the table of the
//! parts with their value, the level judged against, the status and the coverage.

use super::style::{body, cell, header_row, heading, mm, shade, table_text};
use crate::aggregate::Aggregation;
use crate::catalogue::{Catalogue, level_text};
use crate::lang::Lang;
use crate::report::status_text;
use docx_rs::{AlignmentType, Docx, Table, TableLayoutType, TableRow, WidthType};

/// Writes the section: its heading, the counts and the table.
pub(super) fn section(docx: Docx, aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Docx {
    let year = aggregation.year;
    let docx = docx.add_paragraph(heading(&match lang {
        Lang::Vi => format!("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {year}"),
        Lang::En => format!("II. THE TARGETS IN {year}"),
    }));
    let counts = aggregation.counts_by_group(catalogue).iter().fold([0; 4], |mut acc, (_, c)| {
        for (a, b) in acc.iter_mut().zip(c) {
            *a += b;
        }
        acc
    });
    let total_parts = catalogue.parts().count();
    let counts_text = match lang {
        Lang::Vi => format!(
            "Trong {total_parts} chỉ tiêu thành phần: {} đạt, {} chưa đạt, {} không phát sinh, {} thiếu số liệu. Giá trị toàn huyện là tỷ lệ của tổng số liệu các đơn vị đã báo cáo (độ phủ: số đơn vị có số liệu trên số đơn vị phải báo cáo).",
            counts[0], counts[1], counts[2], counts[3]
        ),
        Lang::En => format!(
            "Of the {total_parts} parts: {} met, {} not met, {} did not occur, {} without data. The district value is the ratio of the summed figures of the units that reported (coverage: units with figures of units expected).",
            counts[0], counts[1], counts[2], counts[3]
        ),
    };
    // The sentence stays on the page where the table starts.
    docx.add_paragraph(body(&counts_text).keep_next(true)).add_table(targets_table(
        aggregation,
        catalogue,
        lang,
    ))
}

/// The value of a part as printed: "96,88%", "4 trường hợp", or the status when there is none.
fn value_text(figures: &crate::aggregate::PartFigures, part: &crate::catalogue::Part, lang: Lang) -> String {
    let district = &figures.district;
    match district.value_text(part.factor, 2) {
        Some(v) => {
            let v = match lang {
                Lang::Vi => v.replace('.', ","),
                Lang::En => v,
            };
            format!("{v}{}", part.unit.suffix(lang))
        }
        None => status_text(district.judgement.status, lang),
    }
}

/// II. The targets table: part, short name, value, level judged against, status, coverage.
fn targets_table(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Table {
    let widths = [mm(13), mm(45), mm(31), mm(29), mm(26), mm(21)];
    let headers = [
        lang.pick("Mã", "Part"),
        lang.pick("Chỉ tiêu", "Target"),
        lang.pick("Kết quả", "Value"),
        lang.pick("Mức phấn đấu", "Level"),
        lang.pick("Đánh giá", "Status"),
        lang.pick("Độ phủ", "Coverage"),
    ];
    let header_row = header_row(
        headers
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(&[table_text(h, AlignmentType::Center, true)], w).shading(shade("D9E2F3")))
            .collect(),
    );
    let mut rows = vec![header_row];
    let total: u32 = widths.iter().sum();
    for group in &catalogue.groups {
        let name = format!("{}. {}", group.number, group.name_in(lang));
        rows.push(
            TableRow::new(vec![
                // A group's row stays with its first part.
                cell(&[table_text(&name, AlignmentType::Left, true).keep_next(true)], total)
                    .grid_span(widths.len())
                    .shading(shade("EDEDED")),
            ])
            .cant_split(),
        );
        for (part, figures) in catalogue.parts().zip(&aggregation.parts) {
            if catalogue.group_of(part) != Some(group.number) {
                continue;
            }
            let judgement = &figures.district.judgement;
            // A level held every year says so; a milestone says its year.
            let level = judgement.level.as_ref().map_or_else(
                || "—".to_string(),
                |l| match l.held {
                    Some(_) => level_text(l, part.unit, lang),
                    None => format!("{} ({})", level_text(l, part.unit, lang), l.year),
                },
            );
            let (covered, expected) = figures.coverage;
            let coverage = if expected > 0 {
                format!("{covered}/{expected}")
            } else {
                lang.pick("cấp huyện", "district").into()
            };
            let texts = [
                (part.id.clone(), AlignmentType::Center),
                (part.short_in(lang).to_string(), AlignmentType::Left),
                (value_text(figures, part, lang), AlignmentType::Right),
                (level, AlignmentType::Center),
                (status_text(judgement.status, lang), AlignmentType::Center),
                (coverage, AlignmentType::Center),
            ];
            rows.push(
                TableRow::new(
                    texts
                        .iter()
                        .zip(widths)
                        .map(|((t, a), w)| cell(&[table_text(t, *a, false)], w))
                        .collect(),
                )
                .cant_split(),
            );
        }
    }
    Table::new(rows)
        .set_grid(widths.iter().map(|w| *w as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(total as usize, WidthType::Dxa)
}
