//! `[[offices]]`, and the references to them from elsewhere in the catalogue.

use super::checker::{Checker, OFFICE_ID, check_id};
use crate::catalogue::model::*;
use crate::catalogue::raw::RawOffice;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

/// The offices, each id once and well formed.
pub(super) fn build_offices(ck: &mut Checker, raw: &[Spanned<RawOffice>]) -> Vec<Office> {
    let mut seen = HashSet::new();
    let mut offices = Vec::new();
    for spanned in raw {
        let o = spanned.get_ref();
        let id = o.id.get_ref();
        let key = format!("offices[{id}]");
        check_id(ck, &mut seen, &o.id, &key, &OFFICE_ID);
        offices.push(Office {
            id: id.clone(),
            name: o.name.clone(),
            short: o.short.clone(),
            name_en: o.name_en.clone(),
            reports: o.reports,
            letterhead: o.letterhead.clone(),
        });
    }
    offices
}

/// Whether `id` names an office of the catalogue (`offices`: id → reports); an error at `span` when not.
pub(super) fn check_office(
    ck: &mut Checker,
    span: Range<usize>,
    key: &str,
    id: &str,
    offices: &HashMap<&str, bool>,
) -> bool {
    let known = offices.contains_key(id);
    if !known {
        ck.error(
            span,
            key,
            format!("cơ quan «{id}» không có trong danh sách cơ quan (offices)"),
            format!("unknown office «{id}»"),
        );
    }
    known
}

/// The offices named by `ids`, each checked ([`check_office`]).
pub(super) fn check_offices(
    ck: &mut Checker,
    ids: &[Spanned<String>],
    key: &str,
    offices: &HashMap<&str, bool>,
) -> Vec<String> {
    for id in ids {
        check_office(ck, id.span(), key, id.get_ref(), offices);
    }
    ids.iter().map(|i| i.get_ref().clone()).collect()
}
