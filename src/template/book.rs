//! The cells of a workbook, values and formulas, as a reader reads them back; and the result each
//! formula gives on them, formulas at other cells evaluated in turn.

use crate::formula::{Expr, Key, Value, evaluate};
use crate::submission::{Raw, Sheet};
use rust_xlsxwriter::{ColNum, RowNum};
use std::collections::{BTreeMap, HashMap};

/// Every non-empty value of a workbook, by sheet.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Book {
    sheets: HashMap<String, BTreeMap<(RowNum, ColNum), Raw>>,
}

impl Book {
    /// The cells of `sheets`.
    pub fn of(sheets: &[Sheet]) -> Book {
        let mut book = Book::default();
        for sheet in sheets {
            let cells = book.sheets.entry(sheet.name.clone()).or_default();
            for (row, cols) in &sheet.rows {
                for (col, raw) in cols {
                    if let Ok(col) = ColNum::try_from(*col) {
                        cells.insert((*row, col), raw.clone());
                    }
                }
            }
        }
        book
    }

    /// The value at a cell, if any.
    pub fn get(&self, key: &Key) -> Option<&Raw> {
        self.sheets.get(&key.0)?.get(&(key.1, key.2))
    }

    /// Sets the value at a cell; an empty one removes it.
    pub fn set(&mut self, key: &Key, raw: &Raw) {
        let cells = self.sheets.entry(key.0.clone()).or_default();
        match raw {
            Raw::Empty => cells.remove(&(key.1, key.2)),
            raw => cells.insert((key.1, key.2), raw.clone()),
        };
    }

    /// The cells of a sheet that hold a value.
    pub fn keys_of<'a>(&'a self, sheet: &'a str) -> impl Iterator<Item = Key> + 'a {
        self.sheets
            .get(sheet)
            .into_iter()
            .flat_map(move |cells| cells.keys().map(move |(row, col)| (sheet.to_string(), *row, *col)))
    }
}

/// A cell's value as a formula sees it.
fn value(raw: &Raw) -> Value {
    match raw {
        Raw::Empty => Value::Empty,
        Raw::Number(n) | Raw::Date(n) => Value::Number(*n),
        Raw::Text(t) => Value::Text(t.clone()),
        Raw::Bool(b) => Value::Bool(*b),
        Raw::Error(e) => Value::Error(match e.as_str() {
            "#DIV/0!" => "#DIV/0!",
            "#N/A" => "#N/A",
            "#NAME?" => "#NAME?",
            "#NUM!" => "#NUM!",
            "#REF!" => "#REF!",
            "#NULL!" => "#NULL!",
            _ => "#VALUE!",
        }),
        // Written as its text ("=1/0") in the copy.
        Raw::FormulaWithoutResult(_) => Value::Text(raw.display()),
    }
}

/// A workbook's values and formulas; a formula not understood is `None`.
#[derive(Debug, Default, Clone)]
pub struct Cells {
    /// The values.
    pub book: Book,
    /// The formulas, by cell.
    pub formulas: BTreeMap<Key, Option<Expr>>,
}

/// How deep formulas referring to formulas are followed.
const DEPTH: u8 = 8;

impl Cells {
    /// The value of the formula at `key` on these cells; `None` when there is none understood there.
    pub fn evaluate(&self, key: &Key) -> Option<Value> {
        self.eval(key, 0)
    }

    fn eval(&self, key: &Key, depth: u8) -> Option<Value> {
        let formula = self.formulas.get(key)?.as_ref()?;
        let cell = |sheet: Option<&str>, row: RowNum, col: ColNum| {
            let at = (sheet.unwrap_or(&key.0).to_string(), row, col);
            match self.formulas.contains_key(&at) && depth < DEPTH {
                true => self.eval(&at, depth + 1).unwrap_or(Value::Error("#VALUE!")),
                false => self.book.get(&at).map_or(Value::Empty, value),
            }
        };
        evaluate(formula, &cell)
    }

    /// The result every formula understood stores: its value on these cells. A formula not understood
    /// has none: it stores no result rather than one the cells may no longer give.
    pub fn results(&self) -> HashMap<Key, String> {
        self.formulas.keys().filter_map(|key| Some((key.clone(), self.evaluate(key)?.cached()))).collect()
    }
}
