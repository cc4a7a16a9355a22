//! What the written report compiles from the aggregation, as plain data: the offices' and units' texts
//! by section, spending by office and source with exact totals, the units that hold targets back.

use crate::aggregate::{Aggregation, Merged};
use crate::catalogue::{Catalogue, ReportItemType, ReportSection};
use crate::decimal::Decimal;
use crate::lang::Lang;
use crate::submission::{Data, ReporterId};
use std::collections::BTreeMap;

/// One text of an office's section and who wrote it: several reporters who sent the same words are
/// compiled into one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The reporters' names, the district's first, then the units in the catalogue's order.
    pub reporters: Vec<String>,
    /// The report item's label.
    pub label: String,
    /// The text.
    pub text: String,
}

/// The texts of one office.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeTexts {
    /// The office's name.
    pub office: String,
    /// The texts, in the order of their first reporter.
    pub entries: Vec<Entry>,
}

/// Spending by office and source, with exact totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Spending {
    /// The sources (report items of kind amount), in catalogue order.
    pub sources: Vec<String>,
    /// The measure of the amounts ("triệu đồng").
    pub measure: String,
    /// Each office's amount by source.
    pub rows: Vec<(String, Vec<Decimal>)>,
    /// The total of each source.
    pub totals: Vec<Decimal>,
}

/// The name of an office (or of the combined workbook) in `year` and a language, as prose says it.
pub(super) fn office_name(catalogue: &Catalogue, id: &str, year: u16, lang: Lang) -> String {
    match catalogue.office(id) {
        // "Phòng Y tế; Trung tâm Y tế huyện" is a list in the catalogue, "… và …" in prose.
        Some(o) => o.name_lang(year, lang).replace("; ", " và "),
        None => lang.pick("Báo cáo chung của đơn vị", "Combined report of the unit").to_string(),
    }
}

/// Offices in catalogue order, others (the combined workbook) after them.
fn office_rank(catalogue: &Catalogue, id: &str) -> (usize, String) {
    let index = catalogue.offices.iter().position(|o| o.id == id).unwrap_or(usize::MAX);
    (index, id.to_string())
}

/// The district first, then the units of the year in catalogue order.
fn reporter_rank(catalogue: &Catalogue, year: u16, reporter: &ReporterId) -> (usize, String) {
    match reporter {
        ReporterId::District => (0, String::new()),
        ReporterId::Unit { code, .. } => {
            let index = catalogue.units_in(year).position(|u| u.code == *code).unwrap_or(usize::MAX - 1);
            (index.saturating_add(1), code.clone())
        }
    }
}

/// The merged values of report items, by (office, reporter): item code and value.
fn items_by_office(aggregation: &Aggregation) -> BTreeMap<(String, ReporterId), Vec<(String, Data)>> {
    let mut map: BTreeMap<(String, ReporterId), Vec<(String, Data)>> = BTreeMap::new();
    for ((reporter, key), merged) in aggregation.values.iter() {
        let (Some((code, office)), Merged::Value { data, .. }) = (key.split_once('@'), merged) else {
            continue;
        };
        map.entry((office.to_string(), reporter.clone())).or_default().push((code.to_string(), data.clone()));
    }
    map
}

/// A text as written: the reporter's rank and name, the item's index, the text.
type Written = ((usize, String), String, usize, String);

/// How many unit names a document lists before it counts them instead.
pub const FEW: usize = 5;

/// How a document names some of the year's units (`named`, among `units`): all of them ("Tất cả 21 đơn vị
/// cấp xã"), the names when they are few, the count and the few left out ("20/21 đơn vị cấp xã (trừ Xã
/// Phú Phong)"), else the count ("12/21 đơn vị cấp xã"); `tier` is the units' level
/// ([`Catalogue::units_tier`]).
pub fn units_phrase(named: &[String], units: &[String], tier: &str, lang: Lang) -> String {
    let (k, n) = (named.len(), units.len());
    if n >= 2 && k == n {
        return match lang {
            Lang::Vi => format!("Tất cả {n} {tier}"),
            Lang::En => format!("All {n} {tier}"),
        };
    }
    if k <= FEW {
        return named.join(", ");
    }
    let count = match lang {
        Lang::Vi => format!("{k}/{n} {tier}"),
        Lang::En => format!("{k} of {n} {tier}"),
    };
    let left_out: Vec<&str> = units.iter().filter(|u| !named.contains(u)).map(String::as_str).collect();
    if left_out.is_empty() || left_out.len() > FEW {
        return count;
    }
    format!("{count} ({} {})", lang.pick("trừ", "except"), left_out.join(", "))
}

/// The units among an entry's reporters said as [`units_phrase`] does, before the other reporters.
fn name_units(entry: &mut Entry, units: &[String], tier: &str, lang: Lang) {
    let named: Vec<String> = units.iter().filter(|u| entry.reporters.contains(u)).cloned().collect();
    if named.len() <= FEW && named.len() < units.len() {
        return;
    }
    entry.reporters.retain(|r| !units.contains(r));
    entry.reporters.insert(0, units_phrase(&named, units, tier, lang));
}

/// A reporter's name in a document: the unit's full name; for the whole area, the body that holds the
/// office's whole-area figures that year (the district health centre, the police…) or the area itself.
pub(super) fn reporter_name(catalogue: &Catalogue, reporter: &ReporterId, office: &str, year: u16) -> String {
    match reporter {
        ReporterId::Unit { code, from } => catalogue
            .unit_by_ref(&crate::catalogue::UnitRef { code: code.clone(), from: *from })
            .map_or_else(|| code.clone(), |u| u.full_name()),
        ReporterId::District => catalogue
            .area_holder(office, year)
            .map_or_else(|| format!("Toàn {}", catalogue.plan.area), |h| h.name.clone()),
    }
}

/// The non-empty texts of the report items of `section`, by office; the same words from several
/// reporters of an office are one entry naming them all.
pub fn texts(
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    section: ReportSection,
    lang: Lang,
) -> Vec<OfficeTexts> {
    let items: Vec<_> = catalogue
        .report_items
        .iter()
        .filter(|i| i.kind == ReportItemType::Text && i.section == section)
        .collect();
    let units: Vec<String> = catalogue.units_in(aggregation.year).map(|u| u.full_name()).collect();
    let mut grouped: BTreeMap<(usize, String), Vec<Written>> = BTreeMap::new();
    for ((office, reporter), values) in items_by_office(aggregation) {
        let rank = reporter_rank(catalogue, aggregation.year, &reporter);
        for (index, item) in items.iter().enumerate() {
            let text = values.iter().find_map(|(code, data)| match data {
                Data::Text(t) if *code == item.code && !t.trim().is_empty() => Some(t.trim().to_string()),
                _ => None,
            });
            if let Some(text) = text {
                grouped.entry(office_rank(catalogue, &office)).or_default().push((
                    rank.clone(),
                    reporter_name(catalogue, &reporter, &office, aggregation.year),
                    index,
                    text,
                ));
            }
        }
    }
    let offices: Vec<OfficeTexts> = grouped
        .into_iter()
        .map(|((_, office), mut texts)| {
            texts.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
            let mut entries: Vec<(usize, Entry)> = Vec::new();
            for (_, reporter, index, text) in texts {
                match entries.iter_mut().find(|(i, e)| *i == index && e.text == text) {
                    Some((_, entry)) => entry.reporters.push(reporter),
                    None => {
                        let item = items[index];
                        let label = item.label_in(lang).to_string();
                        entries.push((index, Entry { reporters: vec![reporter], label, text }));
                    }
                }
            }
            // Each item's texts together, in the order of the items.
            entries.sort_by_key(|(index, _)| *index);
            OfficeTexts {
                office: office_name(catalogue, &office, aggregation.year, lang),
                entries: entries.into_iter().map(|(_, e)| e).collect(),
            }
        })
        .collect();
    let mut merged = merge_offices(offices, lang);
    let tier = catalogue.units_tier(Some(aggregation.year), lang);
    for office in &mut merged {
        for entry in &mut office.entries {
            name_units(entry, &units, &tier, lang);
        }
    }
    merged
}

/// Offices whose texts are the same words (item by item) are one heading naming them all, each text
/// with every reporter who wrote it to any of them (each once, in the order first met).
fn merge_offices(offices: Vec<OfficeTexts>, lang: Lang) -> Vec<OfficeTexts> {
    let same_words = |a: &OfficeTexts, b: &OfficeTexts| {
        a.entries.len() == b.entries.len()
            && a.entries.iter().zip(&b.entries).all(|(x, y)| x.label == y.label && x.text == y.text)
    };
    let mut merged: Vec<(Vec<String>, OfficeTexts)> = Vec::new();
    for office in offices {
        match merged.iter_mut().find(|(_, m)| same_words(m, &office)) {
            Some((names, into)) => {
                names.push(office.office);
                for (entry, more) in into.entries.iter_mut().zip(office.entries) {
                    for reporter in more.reporters {
                        if !entry.reporters.contains(&reporter) {
                            entry.reporters.push(reporter);
                        }
                    }
                }
            }
            None => merged.push((vec![office.office.clone()], office)),
        }
    }
    merged
        .into_iter()
        .map(|(names, mut office)| {
            office.office = join_words(&names, lang);
            office
        })
        .collect()
}

/// "A, B và C" ("A, B and C").
pub fn join_words(words: &[String], lang: Lang) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.pick("và", "and")),
    }
}

/// Spending by office and source, summed exactly over the office's reporters.
pub fn spending(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Spending {
    let amounts: Vec<_> =
        catalogue.report_items.iter().filter(|i| i.kind == ReportItemType::Amount).collect();
    let zero = Decimal::from_int(0);
    let mut by_office: BTreeMap<(usize, String), Vec<Decimal>> = BTreeMap::new();
    for ((office, _), values) in items_by_office(aggregation) {
        let row =
            by_office.entry(office_rank(catalogue, &office)).or_insert_with(|| vec![zero; amounts.len()]);
        for (j, item) in amounts.iter().enumerate() {
            for (code, data) in &values {
                if let (true, Data::Amount(d)) = (*code == item.code, data) {
                    // Amounts are at most millions of millions of đồng: an overflow cannot come from a form
                    // that passed validation; it would leave the sum unchanged rather than wrap.
                    row[j] = row[j].checked_add(*d).unwrap_or(row[j]);
                }
            }
        }
    }
    let rows: Vec<(String, Vec<Decimal>)> = by_office
        .into_iter()
        .filter(|(_, sums)| sums.iter().any(|d| d.mantissa != 0))
        .map(|((_, office), sums)| (office_name(catalogue, &office, aggregation.year, lang), sums))
        .collect();
    let totals = (0..amounts.len())
        .map(|j| rows.iter().fold(zero, |acc, (_, sums)| acc.checked_add(sums[j]).unwrap_or(acc)))
        .collect();
    let sources = amounts.iter().map(|i| i.label_in(lang).to_string()).collect();
    let measure = amounts.iter().find_map(|i| i.measure.clone()).unwrap_or_default();
    Spending { sources, measure, rows, totals }
}

/// The parts some units fall short of: part id, short name, the units' names.
pub fn holding_back(
    aggregation: &Aggregation,
    catalogue: &Catalogue,
    lang: Lang,
) -> Vec<(String, String, Vec<String>)> {
    catalogue
        .parts()
        .zip(&aggregation.parts)
        .filter(|(_, f)| !f.short.is_empty())
        .map(|(part, figures)| {
            let names = figures
                .short
                .iter()
                .map(|code| {
                    catalogue.unit(code, aggregation.year).map_or_else(|| code.to_string(), |u| u.full_name())
                })
                .collect();
            (part.id.clone(), part.short_in(lang).to_string(), names)
        })
        .collect()
}
