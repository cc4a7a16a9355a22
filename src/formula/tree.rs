//! The tree of a formula: references, operators, functions and expressions, and how each renders to the
//! text Excel reads.

use rust_xlsxwriter::utility::column_number_to_name;
use std::fmt::{self, Write};

/// A cell of a workbook: sheet name, 0-based row and column.
pub type Key = (String, u32, u16);

/// A reference to one cell: `E20`, `$C$11`, `'Báo cáo'!E20`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    /// The sheet it names; `None`: the formula's own.
    pub sheet: Option<String>,
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u16,
    /// `$` before the row and before the column.
    pub absolute: (bool, bool),
}

impl Ref {
    /// A relative reference on the formula's own sheet (`E20`).
    pub fn relative(row: u32, col: u16) -> Ref {
        Ref { sheet: None, row, col, absolute: (false, false) }
    }

    /// An absolute reference on the formula's own sheet (`$C$11`).
    pub fn absolute(row: u32, col: u16) -> Ref {
        Ref { sheet: None, row, col, absolute: (true, true) }
    }

    /// The same cell named from another sheet (`'Báo cáo'!E20`).
    pub fn on(self, sheet: &str) -> Ref {
        Ref { sheet: Some(sheet.to_string()), ..self }
    }

    /// The cell itself, as an expression.
    pub fn expr(&self) -> Expr {
        Expr::Ref(self.clone())
    }

    fn write(&self, out: &mut String, with_sheet: bool) {
        if let Some(sheet) = self.sheet.as_ref().filter(|_| with_sheet) {
            let _ = write!(out, "'{}'!", sheet.replace('\'', "''"));
        }
        let dollar = |on: bool| if on { "$" } else { "" };
        let col = column_number_to_name(self.col);
        let _ = write!(out, "{}{col}{}{}", dollar(self.absolute.1), dollar(self.absolute.0), self.row + 1);
    }
}

/// A binary operator, in Excel's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `&`, text joined.
    Concat,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Op {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Concat => "&",
            Op::Eq => "=",
            Op::Ne => "<>",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// Every operator, for reading them back.
    pub const ALL: [Op; 11] =
        [Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Concat, Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge];
}

/// A function understood: named in a formula and evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `IF(condition, then, [else])`
    If,
    /// `AND(…)`
    And,
    /// `COUNT(…)`: how many numbers.
    Count,
    /// `SUM(…)`
    Sum,
    /// `UPPER(text)`
    Upper,
    /// `LEFT(text, n)`
    Left,
    /// `FIND(needle, text)`
    Find,
    /// `IFERROR(value, otherwise)`
    IfError,
    /// `DAY(date)`
    Day,
    /// `MONTH(date)`
    Month,
    /// `YEAR(date)`
    Year,
}

impl Function {
    /// Every function understood.
    pub const ALL: [Function; 11] = [
        Function::If,
        Function::And,
        Function::Count,
        Function::Sum,
        Function::Upper,
        Function::Left,
        Function::Find,
        Function::IfError,
        Function::Day,
        Function::Month,
        Function::Year,
    ];

    /// The name as written.
    pub fn name(self) -> &'static str {
        match self {
            Function::If => "IF",
            Function::And => "AND",
            Function::Count => "COUNT",
            Function::Sum => "SUM",
            Function::Upper => "UPPER",
            Function::Left => "LEFT",
            Function::Find => "FIND",
            Function::IfError => "IFERROR",
            Function::Day => "DAY",
            Function::Month => "MONTH",
            Function::Year => "YEAR",
        }
    }

    /// The function of a name (any case), if understood.
    pub fn named(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// A formula, or a part of one.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Number(f64),
    /// Text in quotes.
    Text(String),
    /// One cell.
    Ref(Ref),
    /// The cells between two corners; the second corner is on the first one's sheet.
    Range(Ref, Ref),
    /// `-x`
    Neg(Box<Expr>),
    /// `a op b`
    Binary(Op, Box<Expr>, Box<Expr>),
    /// `NAME(args…)`
    Call(Function, Vec<Expr>),
    /// `(x)`: parentheses as written.
    Group(Box<Expr>),
}

impl Expr {
    /// Text in quotes.
    pub fn text(text: impl Into<String>) -> Expr {
        Expr::Text(text.into())
    }

    /// A number.
    pub fn number(n: impl Into<f64>) -> Expr {
        Expr::Number(n.into())
    }

    /// `self op other`.
    pub fn op(self, op: Op, other: Expr) -> Expr {
        Expr::Binary(op, Box::new(self), Box::new(other))
    }

    /// `(self)`.
    pub fn group(self) -> Expr {
        Expr::Group(Box::new(self))
    }

    /// `self & other`: the operands joined left to right, as a spreadsheet reads `a&b&c`.
    pub fn concat(parts: impl IntoIterator<Item = Expr>) -> Expr {
        Expr::chain(Op::Concat, parts)
    }

    /// `a op b op c…`, left to right (empty text for no operand).
    pub fn chain(op: Op, parts: impl IntoIterator<Item = Expr>) -> Expr {
        let mut parts = parts.into_iter();
        let first = parts.next().unwrap_or(Expr::Text(String::new()));
        parts.fold(first, |acc, next| acc.op(op, next))
    }

    /// `NAME(args…)`.
    pub fn call(function: Function, args: impl IntoIterator<Item = Expr>) -> Expr {
        Expr::Call(function, args.into_iter().collect())
    }

    /// `IF(condition, then, otherwise)`.
    pub fn if_(condition: Expr, then: Expr, otherwise: Expr) -> Expr {
        Expr::call(Function::If, [condition, then, otherwise])
    }

    /// The formula's text, `=` first, as Excel reads it.
    pub fn formula(&self) -> String {
        format!("={self}")
    }
}

impl fmt::Display for Expr {
    /// The expression as written in a formula (without the leading `=`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Number(n) => write!(f, "{n}"),
            Expr::Text(t) => write!(f, "\"{}\"", t.replace('"', "\"\"")),
            Expr::Ref(r) => {
                let mut out = String::new();
                r.write(&mut out, true);
                f.write_str(&out)
            }
            Expr::Range(from, to) => {
                let mut out = String::new();
                from.write(&mut out, true);
                out.push(':');
                to.write(&mut out, false);
                f.write_str(&out)
            }
            Expr::Neg(inner) => write!(f, "-{inner}"),
            Expr::Binary(op, a, b) => write!(f, "{a}{}{b}", op.symbol()),
            Expr::Call(function, args) => {
                write!(f, "{}(", function.name())?;
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{arg}")?;
                }
                f.write_char(')')
            }
            Expr::Group(inner) => write!(f, "({inner})"),
        }
    }
}

/// A reference such as `E20` or `$C$11`: 0-based row and column.
pub fn cell(text: &str) -> Option<(u32, u16)> {
    let text = text.replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.chars().fold(0u32, |acc, c| acc * 26 + (c.to_ascii_uppercase() as u32 - 64));
    let row: u32 = digits.parse().ok()?;
    (row >= 1 && (1..=16_384).contains(&col)).then(|| (row - 1, (col - 1) as u16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_renders_as_excel_reads_it() {
        let year = Ref::absolute(10, 2);
        let shown = Expr::if_(
            year.expr().op(Op::Eq, Expr::text("")),
            Expr::text("say \"none\""),
            Expr::concat([Expr::text("Năm "), year.expr().op(Op::Sub, Expr::number(1)).group()]),
        );
        assert_eq!(shown.formula(), "=IF($C$11=\"\",\"say \"\"none\"\"\",\"Năm \"&($C$11-1))");
        let range = Expr::Range(Ref::relative(19, 4).on("It's"), Ref::relative(39, 4));
        assert_eq!(Expr::call(Function::Sum, [range]).formula(), "=SUM('It''s'!E20:E40)");
        assert_eq!(Expr::number(100).to_string(), "100");
        assert_eq!(Expr::number(0.5).to_string(), "0.5");
    }
}
