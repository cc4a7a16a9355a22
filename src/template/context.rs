//! What every writer of a workbook is given: the catalogue, the workbook's spec, the formats and, for an
//! annotated copy, the clerk's entries.

use super::annotations::Annotations;
use super::spec::Spec;
use super::styles::Styles;
use crate::catalogue::Catalogue;
use crate::submission::{Field, Raw};

/// The workbook being written.
pub struct Context<'a> {
    /// The plan.
    pub catalogue: &'a Catalogue,
    /// What the workbook holds and for whom.
    pub spec: &'a Spec<'a>,
    /// The formats.
    pub styles: Styles,
    /// The clerk's entries and the problems, in an annotated copy.
    pub notes: Option<&'a Annotations>,
}

impl<'a> Context<'a> {
    /// The context of the workbook `spec` describes.
    pub fn new(catalogue: &'a Catalogue, spec: &'a Spec<'a>, notes: Option<&'a Annotations>) -> Self {
        Context { catalogue, spec, styles: Styles::new(), notes }
    }

    /// The clerk's entry in a header field.
    pub fn field(&self, field: Field) -> Option<&'a Raw> {
        self.notes.and_then(|n| n.field(field))
    }

    /// The clerk's entry of a value (`unit`: the row's unit in a grid).
    pub fn value(&self, unit: Option<&str>, code: &str) -> Option<&'a Raw> {
        self.notes.and_then(|n| n.value(unit, code))
    }
}
