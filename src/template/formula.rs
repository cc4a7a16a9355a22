//! A small evaluator of the formula shapes `plan` writes into its workbooks, so that each formula can store
//! the result it gives on the values written beside it (LibreOffice does not recalculate an .xlsx on load,
//! and previews show the stored result).
//!
//! Understood: numbers, text in quotes, cell references (`E20`, `$C$11`) and ranges (`D20:D40`) on the
//! formula's own sheet, `+ - * / &`, comparisons `= <> < <= > >=`, unary minus, parentheses and the
//! functions `IF AND COUNT SUM UPPER LEFT FIND IFERROR`, with the spreadsheet's rules for empty cells,
//! text and errors (Excel's where LibreOffice differs). Anything else is `None`: not evaluated.

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

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Text(String),
    Cell(u32, u16),
    Name(String),
    Op(&'static str),
    Open,
    Close,
    Comma,
    Colon,
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' => i += 1,
            '"' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        Some('"') if chars.get(i + 1) == Some(&'"') => {
                            s.push('"');
                            i += 2;
                        }
                        Some('"') => break,
                        Some(c) => {
                            s.push(*c);
                            i += 1;
                        }
                        None => return None,
                    }
                }
                i += 1;
                out.push(Token::Text(s));
            }
            '(' | ')' | ',' | ':' => {
                out.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    ',' => Token::Comma,
                    _ => Token::Colon,
                });
                i += 1;
            }
            '<' | '>' => {
                let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                let op = match two.as_str() {
                    "<=" => "<=",
                    ">=" => ">=",
                    "<>" => "<>",
                    _ if c == '<' => "<",
                    _ => ">",
                };
                i += op.len();
                out.push(Token::Op(op));
            }
            '=' | '+' | '-' | '*' | '/' | '&' => {
                out.push(Token::Op(match c {
                    '=' => "=",
                    '+' => "+",
                    '-' => "-",
                    '*' => "*",
                    '/' => "/",
                    _ => "&",
                }));
                i += 1;
            }
            '0'..='9' | '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                out.push(Token::Number(chars[start..i].iter().collect::<String>().parse().ok()?));
            }
            '$' | 'A'..='Z' | 'a'..='z' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '$') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push(match cell(&word) {
                    Some((row, col)) => Token::Cell(row, col),
                    None if word.contains('$') => return None,
                    None => Token::Name(word.to_ascii_uppercase()),
                });
            }
            _ => return None,
        }
    }
    Some(out)
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

#[derive(Debug, Clone)]
enum Expr {
    Number(f64),
    Text(String),
    Cell(u32, u16),
    Range((u32, u16), (u32, u16)),
    Neg(Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn binary(&mut self, ops: &[&str], operand: fn(&mut Parser) -> Option<Expr>) -> Option<Expr> {
        let mut left = operand(self)?;
        while let Some(Token::Op(op)) = self.peek().cloned() {
            if !ops.contains(&op) {
                break;
            }
            self.at += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(operand(self)?));
        }
        Some(left)
    }

    fn comparison(&mut self) -> Option<Expr> {
        self.binary(&["=", "<>", "<", "<=", ">", ">="], Parser::concat)
    }

    fn concat(&mut self) -> Option<Expr> {
        self.binary(&["&"], Parser::sum)
    }

    fn sum(&mut self) -> Option<Expr> {
        self.binary(&["+", "-"], Parser::product)
    }

    fn product(&mut self) -> Option<Expr> {
        self.binary(&["*", "/"], Parser::unary)
    }

    fn unary(&mut self) -> Option<Expr> {
        if self.peek() == Some(&Token::Op("-")) {
            self.at += 1;
            return Some(Expr::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Option<Expr> {
        match self.next()? {
            Token::Number(n) => Some(Expr::Number(n)),
            Token::Text(t) => Some(Expr::Text(t)),
            Token::Cell(row, col) => {
                if self.peek() == Some(&Token::Colon) {
                    self.at += 1;
                    let Some(Token::Cell(r2, c2)) = self.next() else { return None };
                    return Some(Expr::Range((row.min(r2), col.min(c2)), (row.max(r2), col.max(c2))));
                }
                Some(Expr::Cell(row, col))
            }
            Token::Open => {
                let inner = self.comparison()?;
                (self.next()? == Token::Close).then_some(inner)
            }
            Token::Name(name) => {
                if self.next()? != Token::Open {
                    return None;
                }
                let mut args = Vec::new();
                if self.peek() == Some(&Token::Close) {
                    self.at += 1;
                    return Some(Expr::Call(name, args));
                }
                loop {
                    args.push(self.comparison()?);
                    match self.next()? {
                        Token::Comma => continue,
                        Token::Close => return Some(Expr::Call(name, args)),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }
}

/// Evaluates `formula` (with or without its leading `=`) on the cells `cell` gives; `None` when the
/// formula is not of a shape understood.
pub fn evaluate(formula: &str, cell: &dyn Fn(u32, u16) -> Value) -> Option<Value> {
    let text = formula.strip_prefix('=').unwrap_or(formula);
    let mut parser = Parser { tokens: tokens(text)?, at: 0 };
    let expr = parser.comparison()?;
    if parser.at != parser.tokens.len() {
        return None;
    }
    let value = Eval { cell }.scalar(&expr)?;
    // A formula that refers to an empty cell shows 0, not an empty cell.
    Some(if value == Value::Empty { Value::Number(0.0) } else { value })
}

struct Eval<'a> {
    cell: &'a dyn Fn(u32, u16) -> Value,
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

impl Eval<'_> {
    fn cells(&self, expr: &Expr) -> Option<Vec<Value>> {
        match expr {
            Expr::Cell(row, col) => Some(vec![(self.cell)(*row, *col)]),
            Expr::Range((r1, c1), (r2, c2)) => {
                let cells = (*r1..=*r2).flat_map(|r| (*c1..=*c2).map(move |c| (r, c)));
                Some(cells.map(|(r, c)| (self.cell)(r, c)).collect())
            }
            _ => None,
        }
    }

    fn scalar(&self, expr: &Expr) -> Option<Value> {
        let result = |r: Result<Value, &'static str>| Some(r.unwrap_or_else(Value::Error));
        Some(match expr {
            Expr::Number(n) => Value::Number(*n),
            Expr::Text(t) => Value::Text(t.clone()),
            Expr::Cell(row, col) => (self.cell)(*row, *col),
            Expr::Range(..) => Value::Error(VALUE),
            Expr::Neg(inner) => return result(number(&self.scalar(inner)?).map(|n| Value::Number(-n))),
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.scalar(a)?, self.scalar(b)?);
                return result(binary(op, &a, &b));
            }
            Expr::Call(name, args) => return self.call(name, args),
        })
    }

    fn call(&self, name: &str, args: &[Expr]) -> Option<Value> {
        let result = |r: Result<Value, &'static str>| Some(r.unwrap_or_else(Value::Error));
        match (name, args) {
            ("IF", [c, a, rest @ ..]) if rest.len() <= 1 => match truth(&self.scalar(c)?) {
                Ok(true) => self.scalar(a),
                Ok(false) => rest.first().map_or(Some(Value::Bool(false)), |b| self.scalar(b)),
                Err(e) => Some(Value::Error(e)),
            },
            ("AND", args) if !args.is_empty() => {
                let mut all = true;
                for arg in args {
                    match truth(&self.scalar(arg)?) {
                        Ok(t) => all &= t,
                        Err(e) => return Some(Value::Error(e)),
                    }
                }
                Some(Value::Bool(all))
            }
            ("COUNT", args) => {
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
            ("SUM", args) => {
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
            ("UPPER", [a]) => result(text(&self.scalar(a)?).map(|t| Value::Text(t.to_uppercase()))),
            ("LEFT", [a, n]) => {
                let (a, n) = (self.scalar(a)?, self.scalar(n)?);
                result(text(&a).and_then(|t| {
                    let n = number(&n)?;
                    if n < 0.0 {
                        return Err(VALUE);
                    }
                    Ok(Value::Text(t.chars().take(n as usize).collect()))
                }))
            }
            ("FIND", [needle, hay]) => {
                let (needle, hay) = (self.scalar(needle)?, self.scalar(hay)?);
                result(text(&needle).and_then(|needle| {
                    let hay = text(&hay)?;
                    let at = hay.find(&needle).ok_or(VALUE)?;
                    Ok(Value::Number((hay[..at].chars().count() + 1) as f64))
                }))
            }
            ("IFERROR", [a, b]) => match self.scalar(a)? {
                Value::Error(_) => self.scalar(b),
                value => Some(value),
            },
            _ => None,
        }
    }
}

fn binary(op: &str, a: &Value, b: &Value) -> Result<Value, &'static str> {
    use std::cmp::Ordering::*;
    let arithmetic = |f: fn(f64, f64) -> f64| -> Result<Value, &'static str> {
        let n = f(number(a)?, number(b)?);
        if n.is_finite() { Ok(Value::Number(n)) } else { Err(NUM) }
    };
    match op {
        "+" => arithmetic(|x, y| x + y),
        "-" => arithmetic(|x, y| x - y),
        "*" => arithmetic(|x, y| x * y),
        "/" => {
            let (x, y) = (number(a)?, number(b)?);
            match x / y {
                _ if y == 0.0 => Err(DIV0),
                n if n.is_finite() => Ok(Value::Number(n)),
                _ => Err(NUM),
            }
        }
        "&" => Ok(Value::Text(text(a)? + &text(b)?)),
        _ => {
            let order = compare(a, b)?;
            Ok(Value::Bool(match op {
                "=" => order == Equal,
                "<>" => order != Equal,
                "<" => order == Less,
                "<=" => order != Greater,
                ">" => order == Greater,
                _ => order != Less,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid<'a>(cells: &'a [(&'a str, Value)]) -> impl Fn(u32, u16) -> Value + 'a {
        move |row, col| {
            cells.iter().find(|(at, _)| cell(at) == Some((row, col))).map_or(Value::Empty, |(_, v)| v.clone())
        }
    }

    #[test]
    fn a_live_result_gives_its_rate_its_zero_case_and_its_missing_case() {
        let formula =
            "=IF(COUNT(E20,E21)<2,\"Chưa đủ số liệu\",IF((E21)=0,\"Không phát sinh\",(E20)*100/(E21)))";
        let full = [("E20", Value::Number(96.0)), ("E21", Value::Number(80.0))];
        assert_eq!(evaluate(formula, &grid(&full)), Some(Value::Number(120.0)));
        let zero = [("E20", Value::Number(0.0)), ("E21", Value::Number(0.0))];
        assert_eq!(evaluate(formula, &grid(&zero)), Some(Value::Text("Không phát sinh".into())));
        let text = [("E20", Value::Text("12".into())), ("E21", Value::Number(5.0))];
        assert_eq!(evaluate(formula, &grid(&text)), Some(Value::Text("Chưa đủ số liệu".into())));
        assert_eq!(evaluate(formula, &grid(&[])), Some(Value::Text("Chưa đủ số liệu".into())));
        let third = [("E20", Value::Number(1.0)), ("E21", Value::Number(3.0))];
        assert_eq!(evaluate(formula, &grid(&third)).unwrap().cached(), "33.333333333333336");
    }

    #[test]
    fn header_text_follows_the_fields() {
        let unit = "=IF(C10=\"\",\"……\",UPPER(IFERROR(LEFT(C10,FIND(\" (\",C10)-1),C10)))";
        let lộc_yên = [("C10", Value::Text("Xã Lộc Yên (18520)".into()))];
        assert_eq!(evaluate(unit, &grid(&lộc_yên)), Some(Value::Text("XÃ LỘC YÊN".into())));
        let plain = [("C10", Value::Text("Xã Lộc Yên".into()))];
        assert_eq!(evaluate(unit, &grid(&plain)), Some(Value::Text("XÃ LỘC YÊN".into())));
        assert_eq!(evaluate(unit, &grid(&[])), Some(Value::Text("……".into())));
        let period = "=IF($C$11=\"\",\"Năm ……\",\"Năm \"&$C$11&\" (từ \"&($C$11-1)&\")\")";
        let year = [("C11", Value::Number(2024.0))];
        assert_eq!(evaluate(period, &grid(&year)), Some(Value::Text("Năm 2024 (từ 2023)".into())));
        let receiver = "=IF(AND($C$11>=2021,$C$11<=2025),\"A\",IF(AND($C$11>=2026,$C$11<=2030),\"B\",\"?\"))";
        assert_eq!(evaluate(receiver, &grid(&year)), Some(Value::Text("A".into())));
        let later = [("C11", Value::Number(2027.0))];
        assert_eq!(evaluate(receiver, &grid(&later)), Some(Value::Text("B".into())));
        // Text compares above every number, as in the spreadsheet.
        let word = [("C11", Value::Text("năm nay".into()))];
        assert_eq!(evaluate(receiver, &grid(&word)), Some(Value::Text("?".into())));
        assert_eq!(evaluate(period, &grid(&word)), Some(Value::Error("#VALUE!")));
    }

    #[test]
    fn sums_skip_text_and_blanks_and_unknown_shapes_are_not_guessed() {
        let cells =
            [("D20", Value::Number(2000.0)), ("D21", Value::Text("x".into())), ("D23", Value::Number(5.5))];
        assert_eq!(evaluate("=SUM(D20:D24)", &grid(&cells)), Some(Value::Number(2005.5)));
        assert_eq!(evaluate("=SUM(D30:D31)", &grid(&cells)), Some(Value::Number(0.0)));
        assert_eq!(evaluate("=D20/D30", &grid(&cells)), Some(Value::Error("#DIV/0!")));
        assert_eq!(evaluate("=VLOOKUP(D20,A1:B2,2)", &grid(&cells)), None);
        assert_eq!(evaluate("='Other'!A1", &grid(&cells)), None);
        assert_eq!(evaluate("=D20+", &grid(&cells)), None);
    }
}
