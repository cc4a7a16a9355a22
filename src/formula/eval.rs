//! The value of a formula on the cells beside it, with the spreadsheet's rules for empty cells, text and
//! errors (Excel's where LibreOffice differs). A function called with arguments it does not take, or a date
//! before March 1900, is not evaluated: `None`, never a guess.

use super::tree::{Expr, Function, Op};

/// A cell's value, or a formula's result.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty cell.
    Empty,
    /// A number (dates are their serial numbers).
    Number(f64),
    /// Text.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value such as `#DIV/0!`.
    Error(&'static str),
}

impl Value {
    /// The text stored as the cached result of a formula cell.
    pub fn cached(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Number(n) => format!("{n}"),
            Value::Text(t) => t.clone(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Error(e) => e.to_string(),
        }
    }
}

const DIV0: &str = "#DIV/0!";
const VALUE: &str = "#VALUE!";
const NUM: &str = "#NUM!";

/// The cells a formula is evaluated on: the value at a sheet (`None`: the formula's own sheet), row and
/// column.
pub type Cells<'a> = &'a dyn Fn(Option<&str>, u32, u16) -> Value;

/// Evaluates `expr` on the cells `cell` gives; `None` when it is not of a shape understood.
pub fn evaluate(expr: &Expr, cell: Cells) -> Option<Value> {
    let value = Eval { cell }.scalar(expr)?;
    // A formula that refers to an empty cell shows 0, not an empty cell.
    Some(if value == Value::Empty { Value::Number(0.0) } else { value })
}

struct Eval<'a> {
    cell: Cells<'a>,
}

fn number(value: &Value) -> Result<f64, &'static str> {
    match value {
        Value::Empty => Ok(0.0),
        Value::Number(n) => Ok(*n),
        Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        Value::Text(t) => t.trim().parse::<f64>().ok().filter(|n| n.is_finite()).ok_or(VALUE),
        Value::Error(e) => Err(e),
    }
}

/// A number as the spreadsheet turns it into text (general format, up to 15 significant digits).
fn number_text(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let digits = if n == 0.0 { 1 } else { n.abs().log10().floor() as i32 + 1 };
    let decimals = (15 - digits).clamp(0, 20) as usize;
    let text = format!("{n:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

fn text(value: &Value) -> Result<String, &'static str> {
    match value {
        Value::Empty => Ok(String::new()),
        Value::Number(n) => Ok(number_text(*n)),
        Value::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Value::Text(t) => Ok(t.clone()),
        Value::Error(e) => Err(e),
    }
}

fn truth(value: &Value) -> Result<bool, &'static str> {
    match value {
        Value::Empty => Ok(false),
        Value::Number(n) => Ok(*n != 0.0),
        Value::Bool(b) => Ok(*b),
        Value::Text(t) if t.eq_ignore_ascii_case("TRUE") => Ok(true),
        Value::Text(t) if t.eq_ignore_ascii_case("FALSE") => Ok(false),
        Value::Text(_) => Err(VALUE),
        Value::Error(e) => Err(e),
    }
}

/// The spreadsheet's ordering: numbers < text < booleans; an empty cell is 0, "" or FALSE beside them.
fn compare(a: &Value, b: &Value) -> Result<std::cmp::Ordering, &'static str> {
    use std::cmp::Ordering;
    let rank = |v: &Value| match v {
        Value::Number(_) => 0,
        Value::Text(_) => 1,
        _ => 2,
    };
    let blank_as = |blank: &Value, other: &Value| match (blank, other) {
        (Value::Empty, Value::Text(_)) => Value::Text(String::new()),
        (Value::Empty, Value::Bool(_)) => Value::Bool(false),
        (Value::Empty, _) => Value::Number(0.0),
        (v, _) => v.clone(),
    };
    let (a, b) = (blank_as(a, b), blank_as(b, a));
    Ok(match (&a, &b) {
        (Value::Error(e), _) | (_, Value::Error(e)) => return Err(e),
        (Value::Number(x), Value::Number(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Value::Text(x), Value::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => rank(&a).cmp(&rank(&b)),
    })
}

fn result(r: Result<Value, &'static str>) -> Option<Value> {
    Some(r.unwrap_or_else(Value::Error))
}

impl Eval<'_> {
    /// The values of a reference or a range; `None` for any other expression.
    fn cells(&self, expr: &Expr) -> Option<Vec<Value>> {
        match expr {
            Expr::Ref(r) => Some(vec![(self.cell)(r.sheet.as_deref(), r.row, r.col)]),
            Expr::Range(from, to) => {
                let (r1, r2) = (from.row.min(to.row), from.row.max(to.row));
                let (c1, c2) = (from.col.min(to.col), from.col.max(to.col));
                let cells = (r1..=r2).flat_map(|r| (c1..=c2).map(move |c| (r, c)));
                Some(cells.map(|(r, c)| (self.cell)(from.sheet.as_deref(), r, c)).collect())
            }
            _ => None,
        }
    }

    fn scalar(&self, expr: &Expr) -> Option<Value> {
        Some(match expr {
            Expr::Number(n) => Value::Number(*n),
            Expr::Text(t) => Value::Text(t.clone()),
            Expr::Ref(r) => (self.cell)(r.sheet.as_deref(), r.row, r.col),
            Expr::Range(..) => Value::Error(VALUE),
            Expr::Neg(inner) => return result(number(&self.scalar(inner)?).map(|n| Value::Number(-n))),
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.scalar(a)?, self.scalar(b)?);
                return result(binary(*op, &a, &b));
            }
            Expr::Call(function, args) => return self.call(*function, args),
            Expr::Group(inner) => return self.scalar(inner),
        })
    }

    fn call(&self, function: Function, args: &[Expr]) -> Option<Value> {
        match (function, args) {
            (Function::If, [c, a, rest @ ..]) if rest.len() <= 1 => match truth(&self.scalar(c)?) {
                Ok(true) => self.scalar(a),
                Ok(false) => rest.first().map_or(Some(Value::Bool(false)), |b| self.scalar(b)),
                Err(e) => Some(Value::Error(e)),
            },
            (Function::And, args) if !args.is_empty() => {
                let mut all = true;
                for arg in args {
                    match truth(&self.scalar(arg)?) {
                        Ok(t) => all &= t,
                        Err(e) => return Some(Value::Error(e)),
                    }
                }
                Some(Value::Bool(all))
            }
            (Function::Count, args) => {
                let mut count = 0;
                for arg in args {
                    let values = match self.cells(arg) {
                        Some(values) => values,
                        None => vec![self.scalar(arg)?],
                    };
                    count += values.iter().filter(|v| matches!(v, Value::Number(_))).count();
                }
                Some(Value::Number(count as f64))
            }
            (Function::Sum, args) => {
                let mut total = 0.0;
                for arg in args {
                    let add = match self.cells(arg) {
                        Some(values) => values
                            .iter()
                            .map(|v| match v {
                                Value::Number(n) => Ok(*n),
                                Value::Error(e) => Err(*e),
                                _ => Ok(0.0),
                            })
                            .sum::<Result<f64, &'static str>>(),
                        None => number(&self.scalar(arg)?),
                    };
                    match add {
                        Ok(n) => total += n,
                        Err(e) => return Some(Value::Error(e)),
                    }
                }
                Some(Value::Number(total))
            }
            (Function::Upper, [a]) => result(text(&self.scalar(a)?).map(|t| Value::Text(t.to_uppercase()))),
            (Function::Left, [a, n]) => {
                let (a, n) = (self.scalar(a)?, self.scalar(n)?);
                result(text(&a).and_then(|t| {
                    let n = number(&n)?;
                    if n < 0.0 {
                        return Err(VALUE);
                    }
                    Ok(Value::Text(t.chars().take(n as usize).collect()))
                }))
            }
            (Function::Find, [needle, hay]) => {
                let (needle, hay) = (self.scalar(needle)?, self.scalar(hay)?);
                result(text(&needle).and_then(|needle| {
                    let hay = text(&hay)?;
                    let at = hay.find(&needle).ok_or(VALUE)?;
                    Ok(Value::Number((hay[..at].chars().count() + 1) as f64))
                }))
            }
            (Function::Day | Function::Month | Function::Year, [a]) => {
                let n = match number(&self.scalar(a)?) {
                    Ok(n) => n,
                    Err(e) => return Some(Value::Error(e)),
                };
                // Serial numbers before 1 March 1900 follow the spreadsheet's own calendar: not evaluated.
                let date = crate::catalogue::Date::from_excel_serial(n).filter(|_| n >= 61.0)?;
                let part = match function {
                    Function::Day => date.day as f64,
                    Function::Month => date.month as f64,
                    _ => date.year as f64,
                };
                Some(Value::Number(part))
            }
            (Function::IfError, [a, b]) => match self.scalar(a)? {
                Value::Error(_) => self.scalar(b),
                value => Some(value),
            },
            _ => None,
        }
    }
}

fn binary(op: Op, a: &Value, b: &Value) -> Result<Value, &'static str> {
    use std::cmp::Ordering::*;
    let arithmetic = |f: fn(f64, f64) -> f64| -> Result<Value, &'static str> {
        let n = f(number(a)?, number(b)?);
        if n.is_finite() { Ok(Value::Number(n)) } else { Err(NUM) }
    };
    match op {
        Op::Add => arithmetic(|x, y| x + y),
        Op::Sub => arithmetic(|x, y| x - y),
        Op::Mul => arithmetic(|x, y| x * y),
        Op::Div => {
            let (x, y) = (number(a)?, number(b)?);
            match x / y {
                _ if y == 0.0 => Err(DIV0),
                n if n.is_finite() => Ok(Value::Number(n)),
                _ => Err(NUM),
            }
        }
        Op::Concat => Ok(Value::Text(text(a)? + &text(b)?)),
        comparison => {
            let order = compare(a, b)?;
            Ok(Value::Bool(match comparison {
                Op::Eq => order == Equal,
                Op::Ne => order != Equal,
                Op::Lt => order == Less,
                Op::Le => order != Greater,
                Op::Gt => order == Greater,
                _ => order != Less,
            }))
        }
    }
}
