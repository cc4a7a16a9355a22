//! Spreadsheet formulas as a small typed tree: `plan` builds its own formulas with it
//! ([`crate::template`]), the formulas of other programs are parsed into it
//! ([`crate::submission::formula`]), and [`evaluate`] gives the result a formula stores (LibreOffice does not
//! recalculate an .xlsx on load, and previews show the stored result).
//!
//! A tree renders to the text Excel reads ([`Expr::text`]) exactly as written: parentheses are a node of
//! their own ([`Expr::Group`]), never added or dropped.

mod eval;
mod tree;

pub use eval::{Cells, Value, evaluate};
pub use tree::*;
