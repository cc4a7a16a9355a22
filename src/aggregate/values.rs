//! The merged values of a year, stored compactly: a national run holds hundreds of thousands of them
//! (units × data elements), so each reporter and each code is stored once and every value is keyed by
//! their ranks, in a sorted vector (no tree nodes, no string per value).

use super::merge::{Merged, Offer, merge};
use crate::submission::ReporterId;
use smallvec::SmallVec;
use std::collections::HashMap;

/// Merged values by reporter and code, in (reporter, code) order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergedValues {
    reporters: Vec<ReporterId>,
    codes: Vec<String>,
    entries: Vec<(u32, u32, Merged)>,
    /// The names of the sheets values were read from, indexed by [`super::merge::CellRef::sheet`].
    sheets: Vec<String>,
}

impl MergedValues {
    /// The name of a sheet values were read from (`None` past the table: more names than a `u16` counts).
    pub fn sheet(&self, index: u16) -> Option<&str> {
        self.sheets.get(usize::from(index)).map(String::as_str)
    }

    /// The merged value of one reporter and code.
    pub fn get(&self, reporter: &ReporterId, code: &str) -> Option<&Merged> {
        self.of(reporter).get(code)
    }

    /// The values of one reporter, for many lookups (one search for the reporter, then one per code in
    /// its few values).
    pub fn of(&self, reporter: &ReporterId) -> ReporterValues<'_> {
        let entries = match self.reporters.binary_search(reporter) {
            Ok(r) => {
                let r = r as u32;
                let start = self.entries.partition_point(|(er, ..)| *er < r);
                let end = self.entries.partition_point(|(er, ..)| *er <= r);
                &self.entries[start..end]
            }
            Err(_) => &[],
        };
        ReporterValues { codes: &self.codes, entries }
    }

    /// Every value with its reporter and code, in order.
    pub fn iter(&self) -> impl Iterator<Item = ((&ReporterId, &str), &Merged)> {
        self.entries
            .iter()
            .map(|(r, c, merged)| ((&self.reporters[*r as usize], self.codes[*c as usize].as_str()), merged))
    }

    /// Every merged value, in order.
    pub fn merged(&self) -> impl Iterator<Item = &Merged> {
        self.entries.iter().map(|(_, _, merged)| merged)
    }

    /// How many values.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The merged values of one reporter (see [`MergedValues::of`]).
#[derive(Debug, Clone, Copy)]
pub struct ReporterValues<'a> {
    codes: &'a [String],
    entries: &'a [(u32, u32, Merged)],
}

impl<'a> ReporterValues<'a> {
    /// The merged value of one code.
    pub fn get(&self, code: &str) -> Option<&'a Merged> {
        let c = self.codes.binary_search_by(|x| x.as_str().cmp(code)).ok()? as u32;
        let at = self.entries.binary_search_by(|(_, ec, _)| ec.cmp(&c)).ok()?;
        Some(&self.entries[at].2)
    }
}

impl<'a> IntoIterator for &'a MergedValues {
    type Item = ((&'a ReporterId, &'a str), &'a Merged);
    type IntoIter = Box<dyn Iterator<Item = Self::Item> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// Offers of one (reporter, code): almost always one.
type Offers = SmallVec<[Offer; 1]>;

/// Values offered and not yet merged, keyed by interned reporter and code.
#[derive(Debug, Default)]
pub struct Pending {
    reporters: HashMap<ReporterId, u32>,
    codes: HashMap<String, u32>,
    offers: HashMap<(u32, u32), Offers>,
    sheets: Vec<String>,
}

/// The index of `name` in `names`, added at the end when new: a sheet's number in a cell reference
/// ([`super::merge::CellRef::sheet`]); `u16::MAX` (no name) once the list is full, which no real run
/// reaches (workbooks share a handful of sheet names).
pub(crate) fn sheet_index(names: &mut Vec<String>, name: &str) -> u16 {
    if let Some(index) = names.iter().position(|n| n == name) {
        return u16::try_from(index).unwrap_or(u16::MAX);
    }
    match u16::try_from(names.len()) {
        Ok(next) if next < u16::MAX => {
            names.push(name.to_string());
            next
        }
        _ => u16::MAX,
    }
}

fn intern<K: std::hash::Hash + Eq>(table: &mut HashMap<K, u32>, key: K) -> u32 {
    let next = table.len() as u32;
    *table.entry(key).or_insert(next)
}

/// Ranks of interned keys in sorted order (indexed by id), and the keys sorted.
fn ranks<K: Ord>(table: HashMap<K, u32>) -> (Vec<u32>, Vec<K>) {
    let mut keys: Vec<(K, u32)> = table.into_iter().collect();
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut rank = vec![0u32; keys.len()];
    for (position, (_, id)) in keys.iter().enumerate() {
        rank[*id as usize] = position as u32;
    }
    (rank, keys.into_iter().map(|(key, _)| key).collect())
}

impl Pending {
    /// The index of a sheet's name in this run ([`sheet_index`]).
    pub fn sheet(&mut self, name: &str) -> u16 {
        sheet_index(&mut self.sheets, name)
    }

    /// Adds one offer.
    pub fn offer(&mut self, reporter: ReporterId, code: String, offer: Offer) {
        let key = (intern(&mut self.reporters, reporter), intern(&mut self.codes, code));
        self.offers.entry(key).or_default().push(offer);
    }

    /// Merges the offers key by key, each under the source `source_of` gives it (`None`: left out).
    pub fn merge(self, source_of: impl Fn(&Offer) -> Option<usize>) -> MergedValues {
        let sheets = self.sheets;
        let (reporter_rank, reporters) = ranks(self.reporters);
        let (code_rank, codes) = ranks(self.codes);
        let mut keyed: Vec<(u32, u32, Offers)> = self
            .offers
            .into_iter()
            .map(|((r, c), offers)| (reporter_rank[r as usize], code_rank[c as usize], offers))
            .collect();
        keyed.sort_unstable_by_key(|(r, c, _)| (*r, *c));
        let mut entries = Vec::with_capacity(keyed.len());
        for (r, c, offers) in keyed {
            let mut used = offers
                .into_iter()
                .filter_map(|offer| source_of(&offer).map(|source| Offer { source, ..offer }))
                .peekable();
            if used.peek().is_some() {
                entries.push((r, c, merge(used)));
            }
        }
        entries.shrink_to_fit();
        MergedValues { reporters, codes, entries, sheets }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::submission::Data;

    fn unit(code: &str) -> ReporterId {
        ReporterId::Unit { code: code.into(), from: 2021 }
    }

    fn offer(n: u64, day: u8, source: usize) -> Offer {
        Offer { data: Data::Count(n), date: Date::new(2024, 10, day), source, at: Default::default() }
    }

    #[test]
    fn values_are_found_by_reporter_and_code_in_order_whatever_the_order_offered() {
        let mut pending = Pending::default();
        pending.offer(unit("18523"), "tre_em".into(), offer(7, 20, 4));
        pending.offer(ReporterId::District, "tre_bi_xam_hai".into(), offer(2, 20, 9));
        pending.offer(unit("18520"), "tre_em".into(), offer(5, 20, 1));
        pending.offer(unit("18520"), "tre_de_song".into(), offer(3, 20, 1));
        pending.offer(unit("18520"), "tre_de_song".into(), offer(4, 25, 2));
        pending.offer(unit("18529"), "tre_em".into(), offer(1, 20, 3));
        // Source 3 is left out; source 2 is renumbered 12.
        let values = pending.merge(|o| match o.source {
            3 => None,
            2 => Some(12),
            s => Some(s),
        });
        let keys: Vec<(&ReporterId, &str)> = values.iter().map(|(key, _)| key).collect();
        assert_eq!(
            keys,
            [
                (&unit("18520"), "tre_de_song"),
                (&unit("18520"), "tre_em"),
                (&unit("18523"), "tre_em"),
                (&ReporterId::District, "tre_bi_xam_hai"),
            ]
        );
        assert_eq!(values.len(), 4);
        assert_eq!(
            values.get(&unit("18520"), "tre_de_song"),
            Some(&Merged::Value {
                data: Data::Count(4),
                sources: smallvec::smallvec![12],
                replaced: smallvec::smallvec![1],
                at: Default::default(),
            })
        );
        let lyen = values.of(&unit("18520"));
        assert!(matches!(lyen.get("tre_em"), Some(Merged::Value { data: Data::Count(5), .. })));
        assert_eq!(lyen.get("tre_bi_xam_hai"), None, "another reporter's code");
        assert_eq!(values.get(&unit("18529"), "tre_em"), None, "its only offer was left out");
        assert_eq!(values.get(&unit("99999"), "tre_em"), None);
        assert!(values.get(&ReporterId::District, "tre_bi_xam_hai").is_some());
    }

    #[test]
    fn sheet_names_are_kept_once_and_found_by_index() {
        let mut pending = Pending::default();
        let (report, grid) = (pending.sheet("Báo cáo"), pending.sheet("Số liệu"));
        assert_eq!(pending.sheet("Báo cáo"), report);
        let at = crate::aggregate::merge::CellRef { sheet: grid, col: 3, row: 24 };
        pending.offer(unit("18520"), "tre_em".into(), Offer { at, ..offer(5, 20, 0) });
        let values = pending.merge(|o| Some(o.source));
        assert_eq!((values.sheet(report), values.sheet(grid)), (Some("Báo cáo"), Some("Số liệu")));
        assert_eq!(values.sheet(7), None);
        assert!(
            matches!(values.get(&unit("18520"), "tre_em"), Some(Merged::Value { at: a, .. }) if *a == at)
        );
    }
}
