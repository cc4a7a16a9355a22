//! Folding checked inputs into the aggregation one at a time, in any order, so that no run holds every
//! workbook at once: each input leaves its source row, the reporters it covers, its findings and its values
//! (as offers waiting to be merged); its cells and typed values are dropped as soon as it is folded.
//!
//! Every input has an index fixed before reading (its rank by file name), so that the result does not
//! depend on the order in which inputs are folded.

use super::merge::{CellRef, Offer};
use super::model::{AggregateError, Aggregation, Input};
use super::register;
use super::source::{Source, Use};
use super::values::Pending;
use crate::catalogue::Catalogue;
use crate::rules::{Checked, Finding};
use crate::submission::{Note, ReporterId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What aggregation keeps of one input besides its values: its source row (usage decided at the end),
/// the reporters it covers, and its findings.
#[derive(Debug)]
struct Entry {
    source: Source,
    covers: Vec<ReporterId>,
    findings: Vec<Finding>,
    notes: Vec<Note>,
}

/// What one input leaves once folded (made outside any lock, in the thread that read it).
#[derive(Debug)]
pub struct Folded {
    entry: Entry,
    /// Each offer's cell names its sheet by an index into `sheets` (this input's own, few), renumbered
    /// into the run's table when the input is added.
    offers: Vec<((ReporterId, String), Offer)>,
    sheets: Vec<String>,
}

impl Folded {
    /// The year the input reports for.
    pub fn year(&self) -> Option<u16> {
        self.entry.source.year
    }
}

/// Reduces a checked input to what aggregation keeps. `index` is its rank by file name.
pub fn fold(index: usize, input: Input, catalogue: &Catalogue, include_with_errors: bool) -> Folded {
    let (errors, warnings, unreadable) =
        (input.checked.errors(), input.checked.warnings(), input.checked.unreadable());
    let Checked { submission: sub, findings, .. } = input.checked;
    let usable = sub.template_id.is_some() && sub.year.is_some() && (errors == 0 || include_with_errors);
    let covers = match sub.layout.as_deref() {
        Some("units") => {
            let seen: BTreeSet<&ReporterId> = sub.values.iter().map(|v| &v.reporter).collect();
            seen.into_iter().cloned().collect()
        }
        _ => sub.reporter.iter().cloned().collect(),
    };
    let office = sub.office.as_deref().unwrap_or("chung");
    let notes = if usable { sub.notes } else { Vec::new() };
    let mut sheets: Vec<String> = Vec::new();
    let offers = if usable {
        sub.values
            .into_iter()
            .map(|value| {
                // Past u16 indices (a workbook of 65,535 sheets) lose their sheet's name, not the value.
                let at = CellRef {
                    sheet: super::values::sheet_index(&mut sheets, &value.at.sheet),
                    col: u16::try_from(value.at.col).unwrap_or(u16::MAX),
                    row: value.at.row,
                };
                // Spending and text belong to each office's own report: merged by office as well as by unit.
                let code = if catalogue.element(&value.code).is_some() {
                    value.code
                } else {
                    format!("{}@{office}", value.code)
                };
                ((value.reporter, code), Offer { data: value.data, date: sub.date, source: index, at })
            })
            .collect()
    } else {
        Vec::new()
    };
    let source = Source {
        file: sub.file,
        sha256: input.sha256,
        office: sub.office,
        reporter: sub.reporter,
        layout: sub.layout,
        year: sub.year,
        date: sub.date,
        errors,
        warnings,
        usage: match (&sub.template_id, unreadable) {
            (Some(_), _) => Use::Used,
            (None, true) => Use::Unreadable,
            (None, false) => Use::NotSubmission,
        },
        replaced_values: 0,
    };
    Folded { entry: Entry { source, covers, findings, notes }, offers, sheets }
}

/// The aggregation being built: sources by index, and the values offered, by year, not yet merged.
#[derive(Debug)]
pub struct Aggregator<'c> {
    catalogue: &'c Catalogue,
    include_with_errors: bool,
    entries: Vec<(usize, Entry)>,
    offers: BTreeMap<u16, Pending>,
    /// For each content hash, the input whose values were offered: a byte-identical copy (the same file
    /// sent twice) offers nothing more, whichever of the two was read first.
    holders: HashMap<String, usize>,
}

impl<'c> Aggregator<'c> {
    /// An empty aggregator. Inputs are added with an index (their rank by file name among every file of the
    /// run), each once; indices need not be contiguous (one run can feed one aggregator per year).
    pub fn new(catalogue: &'c Catalogue, include_with_errors: bool) -> Self {
        Aggregator {
            catalogue,
            include_with_errors,
            entries: Vec::new(),
            offers: BTreeMap::new(),
            holders: HashMap::new(),
        }
    }

    /// Folds and adds one input.
    pub fn add(&mut self, index: usize, input: Input) {
        let folded = fold(index, input, self.catalogue, self.include_with_errors);
        self.add_folded(index, folded);
    }

    /// Adds an input already folded with [`fold`] (with this aggregator's `include_with_errors`).
    pub fn add_folded(&mut self, index: usize, folded: Folded) {
        let Folded { entry, offers, sheets } = folded;
        let copy = !entry.source.sha256.is_empty()
            && *self.holders.entry(entry.source.sha256.clone()).or_insert(index) != index;
        if let Some(year) = entry.source.year.filter(|_| !copy) {
            let pending = self.offers.entry(year).or_default();
            let sheets: Vec<u16> = sheets.iter().map(|name| pending.sheet(name)).collect();
            for ((reporter, code), mut offer) in offers {
                offer.at.sheet = sheets.get(usize::from(offer.at.sheet)).copied().unwrap_or(u16::MAX);
                pending.offer(reporter, code, offer);
            }
        }
        self.entries.push((index, entry));
    }

    /// The years the inputs report for.
    pub fn years(&self) -> BTreeSet<u16> {
        self.entries.iter().filter_map(|(_, entry)| entry.source.year).collect()
    }

    /// The year of the report: the one given, or the one every dated input agrees on.
    pub fn year(&self, given: Option<u16>) -> Result<u16, AggregateError> {
        if let Some(year) = given {
            return Ok(year);
        }
        let years = self.years();
        match years.len() {
            0 => Err(AggregateError::NoYear),
            1 => Ok(*years.iter().next().expect("one year")),
            _ => Err(AggregateError::SeveralYears(years.into_iter().collect())),
        }
    }

    /// Decides how each input is used, merges the values of `year` (or the year the inputs agree on) and
    /// computes the figures and the register.
    pub fn finish(mut self, year: Option<u16>) -> Result<Aggregation, AggregateError> {
        let year = self.year(year)?;
        let catalogue = self.catalogue;
        // Sources are numbered by rank of index; offers carry the index they were added with.
        self.entries.sort_unstable_by_key(|(index, _)| *index);
        let position: HashMap<usize, usize> =
            self.entries.iter().enumerate().map(|(position, (index, _))| (*index, position)).collect();
        let mut sources = Vec::with_capacity(self.entries.len());
        let mut covers = Vec::with_capacity(self.entries.len());
        let mut findings = Vec::new();
        let mut notes = Vec::new();
        let mut first_of_hash: HashMap<String, usize> = HashMap::new();
        for (index, (_, Entry { mut source, covers: covered, findings: found, notes: noted })) in
            self.entries.into_iter().enumerate()
        {
            let duplicate_of =
                first_of_hash.get(&source.sha256).copied().filter(|_| !source.sha256.is_empty());
            source.usage = match duplicate_of {
                Some(first) => Use::Duplicate(first),
                None if matches!(source.usage, Use::NotSubmission | Use::Unreadable) => source.usage,
                None if source.year != Some(year) => Use::OtherYear,
                None if source.errors > 0 && !self.include_with_errors => Use::ExcludedErrors,
                None => Use::Used,
            };
            if !source.sha256.is_empty() {
                first_of_hash.entry(source.sha256.clone()).or_insert(index);
            }
            if source.usage == Use::Used {
                notes.extend(noted.into_iter().map(|note| (note, index)));
            }
            sources.push(source);
            covers.push(covered);
            findings.extend(found);
        }
        let register = register::build(catalogue, year, &sources, &covers);
        let offers = self.offers.remove(&year).unwrap_or_default();
        drop(self.offers);
        // The values a copy's first-read twin offered stand for the first of them by name.
        let stands_for: HashMap<usize, usize> = self
            .holders
            .iter()
            .filter_map(|(hash, holder)| {
                let holder = position[holder];
                first_of_hash.get(hash).filter(|first| **first != holder).map(|first| (holder, *first))
            })
            .collect();
        let values = offers.merge(|offer| {
            let source = position[&offer.source];
            let source = stands_for.get(&source).copied().unwrap_or(source);
            (sources[source].usage == Use::Used).then_some(source)
        });
        let mut aggregation = super::complete::complete(year, sources, values, register, findings, catalogue);
        aggregation.notes = notes;
        Ok(aggregation)
    }
}
