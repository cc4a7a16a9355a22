//! What an annotated copy (`plan validate --annotate`) is made from: the clerk's entries, the notes by
//! cell, the list of problems and the original file's cells.

use crate::formula::Key;
use crate::submission::{Field, Raw, Sheet};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Key of a value: the unit's code on a grid row (`None` in a one-unit table) and the code.
pub type ValueKey = (Option<String>, String);

/// What an annotated copy keeps of the original file.
#[derive(Debug, Default, Clone)]
pub struct Original {
    /// Every sheet as read.
    pub sheets: Vec<Sheet>,
    /// The cells that hold a formula, with its text (`=…`, spreadsheet syntax).
    pub formulas: HashMap<Key, String>,
}

/// What an annotated copy carries.
#[derive(Debug, Default, Clone)]
pub struct Annotations {
    /// The clerk's entries in the header fields.
    pub fields: HashMap<Field, Raw>,
    /// The clerk's entries by unit and code.
    pub values: HashMap<ValueKey, Raw>,
    /// What to fix, by cell of the original (sheet, row, column).
    pub notes: BTreeMap<Key, Vec<String>>,
    /// Every problem for the list sheet: level, where in the original file, what to do.
    pub problems: Vec<[String; 3]>,
    /// The original's cells, kept at their places in the copy.
    pub original: Option<Original>,
    /// The original's input cells: the clerk's values and header fields.
    pub inputs: BTreeSet<Key>,
}

impl Annotations {
    /// The entry of a value.
    pub fn value(&self, unit: Option<&str>, code: &str) -> Option<&Raw> {
        self.values.get(&(unit.map(str::to_string), code.to_string()))
    }

    /// The entry of a field.
    pub fn field(&self, field: Field) -> Option<&Raw> {
        self.fields.get(&field)
    }

    /// The names of the sheets that hold problem cells, in order.
    pub fn problem_sheets(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.notes.keys().map(|(sheet, _, _)| sheet.as_str()).collect();
        names.dedup();
        names
    }
}
