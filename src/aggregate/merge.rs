//! Merging the values of many submissions by (reporter, data element), as the domain notes say: the same
//! value twice is one value; a later report date replaces an earlier one (a corrected resubmission); two
//! different values with the same date are a conflict, left out of the totals and listed.

use crate::date::Date;
use crate::submission::Data;
use serde::Serialize;
use smallvec::SmallVec;

/// Indexes of sources: almost always one or two, kept inline (a national run holds hundreds of thousands).
pub type SourceList = SmallVec<[usize; 2]>;

/// Where a value was read, packed in 8 bytes (a national run keeps one per value): the sheet, as an index
/// into the sheet names of the run ([`super::MergedValues::sheet`]), and the 0-based row and column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellRef {
    /// Index of the sheet's name.
    pub sheet: u16,
    /// Column, 0-based (a spreadsheet has at most 16,384).
    pub col: u16,
    /// Row, 0-based.
    pub row: u32,
}

/// One value offered by one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The value.
    pub data: Data,
    /// The report date of its workbook (`None` sorts first).
    pub date: Option<Date>,
    /// Index of the source in the register of sources.
    pub source: usize,
    /// Its cell in that source.
    pub at: CellRef,
}

/// The outcome of merging the offers of one (reporter, element).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Merged {
    /// One value (possibly offered by several sources).
    Value {
        /// The value used.
        #[serde(skip)]
        data: Data,
        /// The sources that offered it.
        sources: SourceList,
        /// Sources whose earlier, different value this one replaced.
        replaced: SourceList,
        /// The value's cell in the first of `sources`.
        #[serde(skip)]
        at: CellRef,
    },
    /// Different values with the same latest date: none is used.
    Conflict {
        /// The sources in conflict.
        sources: SourceList,
        /// Their values, as text.
        values: Vec<String>,
    },
}

/// Merges the offers of one key.
pub fn merge(offers: impl IntoIterator<Item = Offer>) -> Merged {
    let mut offers: SmallVec<[Offer; 2]> = offers.into_iter().collect();
    offers.sort_by(|a, b| a.date.cmp(&b.date).then(a.source.cmp(&b.source)));
    let latest = offers.last().map(|o| o.date).unwrap_or_default();
    let (current, earlier): (Vec<&Offer>, Vec<&Offer>) = offers.iter().partition(|o| o.date == latest);
    let first = &current[0].data;
    if current.iter().any(|o| &o.data != first) {
        let mut values: Vec<String> = current.iter().map(|o| o.data.text()).collect();
        values.dedup();
        return Merged::Conflict { sources: current.iter().map(|o| o.source).collect(), values };
    }
    let (same, replaced): (Vec<&Offer>, Vec<&Offer>) = earlier.into_iter().partition(|o| &o.data == first);
    let at = same.iter().chain(&current).min_by_key(|o| o.source).map_or_else(CellRef::default, |o| o.at);
    let mut sources: SourceList = same.iter().chain(&current).map(|o| o.source).collect();
    sources.sort();
    sources.dedup();
    let replaced = replaced.iter().map(|o| o.source).collect();
    Merged::Value { data: first.clone(), sources, replaced, at }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smallvec::smallvec;

    fn offer(n: u64, day: u8, source: usize) -> Offer {
        let at = CellRef { sheet: 0, col: 3, row: 10 + source as u32 };
        Offer { data: Data::Count(n), date: Date::new(2024, 10, day), source, at }
    }

    fn row(source: u32) -> CellRef {
        CellRef { sheet: 0, col: 3, row: 10 + source }
    }

    #[test]
    fn the_same_value_twice_is_one_value() {
        assert_eq!(
            merge(vec![offer(5, 22, 1), offer(5, 20, 0)]),
            Merged::Value {
                data: Data::Count(5),
                sources: smallvec![0, 1],
                replaced: smallvec![],
                at: row(0)
            }
        );
    }

    #[test]
    fn a_later_date_replaces_an_earlier_one() {
        assert_eq!(
            merge(vec![offer(7, 25, 1), offer(5, 20, 0)]),
            Merged::Value { data: Data::Count(7), sources: smallvec![1], replaced: smallvec![0], at: row(1) }
        );
    }

    #[test]
    fn different_values_with_the_same_date_conflict() {
        assert_eq!(
            merge(vec![offer(5, 20, 0), offer(6, 20, 1), offer(4, 10, 2)]),
            Merged::Conflict { sources: smallvec![0, 1], values: vec!["5".into(), "6".into()] }
        );
    }

    #[test]
    fn a_value_keeps_its_cell_in_eight_bytes() {
        // A national run keeps hundreds of thousands of merged values: the cell adds 8 bytes to each.
        assert_eq!(size_of::<CellRef>(), 8);
        assert!(size_of::<Merged>() <= 80, "{}", size_of::<Merged>());
    }
}
