//! II. The targets: how many parts were met, not met, did not occur or lack data, and the table of the
//! parts with their value (and last year's with the change, given `--previous`), the level judged
//! against, the status (a milestone still ahead says how many years remain) and the coverage; then the
//! units short of the level, counted, named where few.

use super::content;
use super::style::{body, cell, header_row, heading, mm, narrow_margins, shade, subheading, table_text};
use crate::aggregate::{Aggregation, Figure};
use crate::attainment::Status;
use crate::catalogue::{Catalogue, Measure, Part, level_text};
use crate::decimal::Decimal;
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
    // Parts judged against a milestone still ahead, by its year.
    let mut ahead: Vec<(u16, usize)> = Vec::new();
    for figures in &aggregation.parts {
        if let Status::BelowNext(y) = figures.district.judgement.status {
            match ahead.iter_mut().find(|(year, _)| *year == y) {
                Some((_, n)) => *n += 1,
                None => ahead.push((y, 1)),
            }
        }
    }
    ahead.sort();
    let ahead_text: Vec<String> = ahead
        .iter()
        .map(|(y, n)| match lang {
            Lang::Vi => format!("{n} chỉ tiêu chưa đạt mức năm {y}, còn {} năm", y - year),
            Lang::En => format!("{n} not yet at the level of {y}, {} years left", y - year),
        })
        .collect();
    let ahead_text = if ahead_text.is_empty() {
        String::new()
    } else {
        format!(" ({} {})", lang.pick("trong đó", "of which"), ahead_text.join("; "))
    };
    let counts_text = match lang {
        Lang::Vi => format!(
            "Trong {total_parts} chỉ tiêu thành phần: {} đạt, {} chưa đạt{ahead_text}, {} không phát sinh, {} thiếu số liệu. Giá trị {} là tỷ lệ của tổng số liệu các đơn vị đã báo cáo (độ phủ: số đơn vị có số liệu trên số đơn vị phải báo cáo).",
            counts[0],
            counts[1],
            counts[2],
            counts[3],
            catalogue.whole_area(lang)
        ),
        Lang::En => format!(
            "Of the {total_parts} parts: {} met, {} not met{ahead_text}, {} did not occur, {} without data. The {} value is the ratio of the summed figures of the units that reported (coverage: units with figures of units expected).",
            counts[0],
            counts[1],
            counts[2],
            counts[3],
            catalogue.area_level(lang)
        ),
    };
    // The sentence stays on the page where the table starts.
    let docx = docx
        .add_paragraph(subheading(lang.pick("1. Kết quả các chỉ tiêu", "1. The parts")))
        .add_paragraph(body(&counts_text).keep_next(true))
        .add_table(targets_table(aggregation, catalogue, lang));
    holding_back(docx, aggregation, catalogue, lang)
}

/// 2. The units short of the level, part by part: how many, named where few.
fn holding_back(docx: Docx, aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Docx {
    let tier = catalogue.units_tier(Some(aggregation.year), lang);
    let heading = match lang {
        Lang::Vi => format!("2. Các {tier} chưa đạt mức phấn đấu"),
        Lang::En => "2. Units short of the level".to_string(),
    };
    let mut docx = docx.add_paragraph(subheading(&heading));
    let back = content::holding_back(aggregation, catalogue, lang);
    if back.is_empty() {
        return docx.add_paragraph(body(lang.pick(
            "Không có đơn vị nào chưa đạt mức phấn đấu ở các chỉ tiêu được đánh giá theo đơn vị.",
            "No unit is short of the level in the parts judged by unit.",
        )));
    }
    let units: Vec<String> = catalogue.units_in(aggregation.year).map(|u| u.full_name()).collect();
    for (id, short, names) in &back {
        let phrase = content::units_phrase(names, &units, &tier, lang);
        // A few names are the whole phrase: say how many as well.
        let phrase = if names.len() <= content::FEW && names.len() < units.len() {
            match lang {
                Lang::Vi => format!("{}/{} {tier} ({phrase})", names.len(), units.len()),
                Lang::En => format!("{} of {} units ({phrase})", names.len(), units.len()),
            }
        } else {
            phrase
        };
        docx = docx.add_paragraph(body(&format!("{id} {short}: {phrase}.")));
    }
    docx
}

/// Last year's value and, on a second line, the change in words: "95,20%", "tăng 0,91 điểm phần trăm";
/// the change has the values' two decimals (a count, none).
fn previous_text(
    figures: &crate::aggregate::PartFigures,
    previous: Option<&Figure>,
    part: &Part,
    lang: Lang,
) -> String {
    let Some(before) = previous.and_then(|p| p.value_text(part.factor, 2)) else {
        return "—".to_string();
    };
    let shown = with_suffix(&before, part, lang);
    let now = figures.district.value_text(part.factor, 2);
    let change =
        now.as_deref().and_then(Decimal::parse).zip(Decimal::parse(&before)).and_then(|(a, b)| {
            a.checked_add(Decimal { mantissa: b.mantissa.checked_neg()?, scale: b.scale })
        });
    let Some(change) = change else { return shown };
    if change.mantissa == 0 {
        return format!("{shown}\n{}", lang.pick("không đổi", "unchanged"));
    }
    let mut size = Decimal { mantissa: change.mantissa.abs(), scale: change.scale };
    if part.unit != Measure::Cases {
        while size.scale < 2 {
            size = Decimal { mantissa: size.mantissa.saturating_mul(10), scale: size.scale + 1 };
        }
    }
    let amount = match (part.unit, lang) {
        (Measure::Percent | Measure::PercentUnits, Lang::Vi) => {
            format!("{} điểm phần trăm", size.to_vietnamese())
        }
        (Measure::Percent | Measure::PercentUnits, Lang::En) => format!("{size} percentage points"),
        _ => with_suffix(&size.to_string(), part, lang),
    };
    let word = match (change.mantissa > 0, lang) {
        (true, Lang::Vi) => "tăng",
        (false, Lang::Vi) => "giảm",
        (true, Lang::En) => "up",
        (false, Lang::En) => "down",
    };
    format!("{shown}\n{word} {amount}")
}

/// A value written with a point ("96.11") as the document prints it, with its measure ("96,11%").
fn with_suffix(value: &str, part: &Part, lang: Lang) -> String {
    let v = match lang {
        Lang::Vi => value.replace('.', ","),
        Lang::En => value.to_string(),
    };
    format!("{v}{}", part.unit.suffix(lang))
}

/// The value of a part as printed: "96,88%", "4 trường hợp", or the status when there is none.
fn value_text(figures: &crate::aggregate::PartFigures, part: &crate::catalogue::Part, lang: Lang) -> String {
    let district = &figures.district;
    match district.value_text(part.factor, 2) {
        Some(v) => with_suffix(&v, part, lang),
        None => status_text(district.judgement.status, lang),
    }
}

/// The status as the table prints it: a milestone still ahead says how many years remain ("Chưa đạt mức
/// 2025 (còn 1 năm)"), so that it is not read as a failure of the report year.
fn status_cell(status: Status, year: u16, lang: Lang) -> String {
    match status {
        Status::BelowNext(y) if y > year => match lang {
            Lang::Vi => format!("{} (còn {} năm)", status_text(status, lang), y - year),
            Lang::En => format!("{} ({} years left)", status_text(status, lang), y - year),
        },
        _ => status_text(status, lang),
    }
}

/// II. The targets table: part, short name, value, last year's value and the change (given
/// `--previous`), level judged against, status, coverage.
fn targets_table(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Table {
    let with_previous = aggregation.previous.iter().any(Option::is_some);
    let before = format!("{} {}", lang.pick("Năm", "Year"), aggregation.year - 1);
    let (widths, headers): (Vec<u32>, Vec<&str>) = if with_previous {
        (
            // The value, last year's and the level each hold "582,59/100.000" on one line.
            vec![mm(10), mm(33), mm(30), mm(30), mm(29), mm(20), mm(13)],
            vec![
                lang.pick("Mã", "Part"),
                lang.pick("Chỉ tiêu", "Target"),
                lang.pick("Kết quả", "Value"),
                &before,
                lang.pick("Mức phấn đấu", "Level"),
                lang.pick("Đánh giá", "Status"),
                lang.pick("Độ phủ", "Coverage"),
            ],
        )
    } else {
        (
            vec![mm(13), mm(45), mm(31), mm(29), mm(26), mm(21)],
            vec![
                lang.pick("Mã", "Part"),
                lang.pick("Chỉ tiêu", "Target"),
                lang.pick("Kết quả", "Value"),
                lang.pick("Mức phấn đấu", "Level"),
                lang.pick("Đánh giá", "Status"),
                lang.pick("Độ phủ", "Coverage"),
            ],
        )
    };
    let header_row = header_row(
        headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| cell(&[table_text(h, AlignmentType::Center, true)], *w).shading(shade("D9E2F3")))
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
        for (index, (part, figures)) in catalogue.parts().zip(&aggregation.parts).enumerate() {
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
            let coverage =
                if expected > 0 { format!("{covered}/{expected}") } else { catalogue.area_tier(lang) };
            let mut texts = vec![
                (part.id.clone(), AlignmentType::Center),
                (part.short_in(lang).to_string(), AlignmentType::Left),
                (value_text(figures, part, lang), AlignmentType::Right),
                (level, AlignmentType::Center),
                (status_cell(judgement.status, aggregation.year, lang), AlignmentType::Center),
                (coverage, AlignmentType::Center),
            ];
            if with_previous {
                let previous = aggregation.previous.get(index).and_then(Option::as_ref);
                texts.insert(3, (previous_text(figures, previous, part, lang), AlignmentType::Right));
            }
            rows.push(
                TableRow::new(
                    texts
                        .iter()
                        .zip(&widths)
                        .map(|((t, a), w)| {
                            // A value and its change are two lines of one cell.
                            let lines: Vec<_> = t.lines().map(|l| table_text(l, *a, false)).collect();
                            cell(&lines, *w)
                        })
                        .collect(),
                )
                .cant_split(),
            );
        }
    }
    Table::new(rows)
        .margins(narrow_margins())
        .set_grid(widths.iter().map(|w| *w as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(total as usize, WidthType::Dxa)
}
