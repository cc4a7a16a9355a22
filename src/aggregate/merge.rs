//! Merging the values of many submissions by (reporter, data element), as the domain notes say: the same
//! value twice is one value; a later report date replaces an earlier one (a corrected resubmission); two
//! different values with the same date are a conflict, left out of the totals and listed.

use crate::date::Date;
use crate::submission::Data;
use serde::Serialize;
use smallvec::SmallVec;

/// Indexes of sources: almost always one or two, kept inline (a national run holds hundreds of thousands).
pub type SourceList = SmallVec<[usize; 2]>;

/// One value offered by one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The value.
    pub data: Data,
    /// The report date of its workbook (`None` sorts first).
    pub date: Option<Date>,
    /// Index of the source in the register of sources.
    pub source: usize,
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
    },
    /// Different values with the same latest date: none is used.
    Conflict {
        /// The sources in conflict.
        sources: SourceList,
        /// Their values, as text.
        values: Vec<String>,
    },
}

fn text(data: &Data) -> String {
    match data {
        Data::Count(n) => n.to_string(),
        Data::YesNo(b) => if *b { "Có" } else { "Không" }.to_string(),
        Data::Amount(d) => d.to_vietnamese(),
        Data::Text(t) => t.clone(),
    }
}

/// Merges the offers of one key.
pub fn merge(offers: impl IntoIterator<Item = Offer>) -> Merged {
    let mut offers: SmallVec<[Offer; 2]> = offers.into_iter().collect();
    offers.sort_by(|a, b| a.date.cmp(&b.date).then(a.source.cmp(&b.source)));
    let latest = offers.last().map(|o| o.date).unwrap_or_default();
    let (current, earlier): (Vec<&Offer>, Vec<&Offer>) = offers.iter().partition(|o| o.date == latest);
    let first = &current[0].data;
    if current.iter().any(|o| &o.data != first) {
        let mut values: Vec<String> = current.iter().map(|o| text(&o.data)).collect();
        values.dedup();
        return Merged::Conflict { sources: current.iter().map(|o| o.source).collect(), values };
    }
    let (same, replaced): (Vec<&Offer>, Vec<&Offer>) = earlier.into_iter().partition(|o| &o.data == first);
    let mut sources: SourceList = same.iter().chain(&current).map(|o| o.source).collect();
    sources.sort();
    sources.dedup();
    Merged::Value { data: first.clone(), sources, replaced: replaced.iter().map(|o| o.source).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smallvec::smallvec;

    fn offer(n: u64, day: u8, source: usize) -> Offer {
        Offer { data: Data::Count(n), date: Date::new(2024, 10, day), source }
    }

    #[test]
    fn the_same_value_twice_is_one_value() {
        assert_eq!(
            merge(vec![offer(5, 20, 0), offer(5, 22, 1)]),
            Merged::Value { data: Data::Count(5), sources: smallvec![0, 1], replaced: smallvec![] }
        );
    }

    #[test]
    fn a_later_date_replaces_an_earlier_one() {
        assert_eq!(
            merge(vec![offer(7, 25, 1), offer(5, 20, 0)]),
            Merged::Value { data: Data::Count(7), sources: smallvec![1], replaced: smallvec![0] }
        );
    }

    #[test]
    fn different_values_with_the_same_date_conflict() {
        assert_eq!(
            merge(vec![offer(5, 20, 0), offer(6, 20, 1), offer(4, 10, 2)]),
            Merged::Conflict { sources: smallvec![0, 1], values: vec!["5".into(), "6".into()] }
        );
    }
}
