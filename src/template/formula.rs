//! A small evaluator of the formula shapes `plan` writes into its workbooks, so that each formula can store
//! the result it gives on the values written beside it (LibreOffice does not recalculate an .xlsx on load,
//! and previews show the stored result).
//!
//! Understood: numbers, text in quotes, cell references (`E20`, `$C$11`) and ranges (`D20:D40`) on the
//! formula's own sheet or on another one (`'Báo cáo'!E20`, `Sheet2!A1:B3`), `+ - * / &`, comparisons `= <> < <= > >=`, unary minus, parentheses and the
//! functions `IF AND COUNT SUM UPPER LEFT FIND IFERROR DAY MONTH YEAR`, with the spreadsheet's rules for empty cells,
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
    /// A reference: the sheet it names (none: the formula's own), row and column.
    Cell(Option<String>, u32, u16),
    Name(String),
    Op(&'static str),
    Open,
    Close,
    Comma,
    Colon,
}

/// The text quoted by `quote` at `start` (a quote inside is doubled) and the position after it; `None`
/// when it is not closed.
fn quoted(chars: &[char], start: usize, quote: char) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut i = start + 1;
    loop {
        match chars.get(i) {
            Some(&c) if c == quote && chars.get(i + 1) == Some(&quote) => {
                text.push(quote);
                i += 2;
            }
            Some(&c) if c == quote => return Some((text, i + 1)),
            Some(&c) => {
                text.push(c);
                i += 1;
            }
            None => return None,
        }
    }
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
                let (s, next) = quoted(&chars, i, '"')?;
                i = next;
                out.push(Token::Text(s));
            }
            '\'' => {
                // A quoted sheet name ('Báo cáo'!E20; a quote inside is doubled), then its cell.
                let (name, next) = quoted(&chars, i, '\'')?;
                i = next;
                if chars.get(i) != Some(&'!') {
                    return None;
                }
                i += 1;
                let (at, word) = word_at(&chars, i);
                i = at;
                let (row, col) = cell(&word)?;
                out.push(Token::Cell(Some(name), row, col));
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
                let (at, word) = word_at(&chars, i);
                i = at;
                if chars.get(i) == Some(&'!') && !word.contains('$') {
                    // An unquoted sheet name (Sheet2!A1), then its cell.
                    let (at, reference) = word_at(&chars, i + 1);
                    i = at;
                    let (row, col) = cell(&reference)?;
                    out.push(Token::Cell(Some(word), row, col));
                    continue;
                }
                out.push(match cell(&word) {
                    Some((row, col)) => Token::Cell(None, row, col),
                    None if word.contains('$') => return None,
                    None => Token::Name(word.to_ascii_uppercase()),
                });
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The word (letters, digits, `$`, `_`) that starts at `i`, and where it ends.
fn word_at(chars: &[char], mut i: usize) -> (usize, String) {
    let start = i;
    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '$' || chars[i] == '_') {
        i += 1;
    }
    (i, chars[start..i].iter().collect())
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
    Cell(Option<String>, u32, u16),
    Range(Option<String>, (u32, u16), (u32, u16)),
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
            Token::Cell(sheet, row, col) => {
                if self.peek() == Some(&Token::Colon) {
                    self.at += 1;
                    // The second corner is on the first one's sheet ('Báo cáo'!E20:E24).
                    let Some(Token::Cell(other, r2, c2)) = self.next() else { return None };
                    if other.is_some() && other != sheet {
                        return None;
                    }
                    let (from, to) = ((row.min(r2), col.min(c2)), (row.max(r2), col.max(c2)));
                    return Some(Expr::Range(sheet, from, to));
                }
                Some(Expr::Cell(sheet, row, col))
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

/// The cells a formula is evaluated on: the value at a sheet (`None`: the formula's own sheet), row and
/// column.
pub type Cells<'a> = &'a dyn Fn(Option<&str>, u32, u16) -> Value;

/// Evaluates `formula` (with or without its leading `=`) on the cells `cell` gives; `None` when the
/// formula is not of a shape understood.
pub fn evaluate(formula: &str, cell: Cells) -> Option<Value> {
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

impl Eval<'_> {
    fn cells(&self, expr: &Expr) -> Option<Vec<Value>> {
        match expr {
            Expr::Cell(sheet, row, col) => Some(vec![(self.cell)(sheet.as_deref(), *row, *col)]),
            Expr::Range(sheet, (r1, c1), (r2, c2)) => {
                let cells = (*r1..=*r2).flat_map(|r| (*c1..=*c2).map(move |c| (r, c)));
                Some(cells.map(|(r, c)| (self.cell)(sheet.as_deref(), r, c)).collect())
            }
            _ => None,
        }
    }

    fn scalar(&self, expr: &Expr) -> Option<Value> {
        let result = |r: Result<Value, &'static str>| Some(r.unwrap_or_else(Value::Error));
        Some(match expr {
            Expr::Number(n) => Value::Number(*n),
            Expr::Text(t) => Value::Text(t.clone()),
            Expr::Cell(sheet, row, col) => (self.cell)(sheet.as_deref(), *row, *col),
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
            ("DAY" | "MONTH" | "YEAR", [a]) => {
                let n = match number(&self.scalar(a)?) {
                    Ok(n) => n,
                    Err(e) => return Some(Value::Error(e)),
                };
                // Serial numbers before 1 March 1900 follow the spreadsheet's own calendar: not evaluated.
                let date = crate::catalogue::Date::from_excel_serial(n).filter(|_| n >= 61.0)?;
                let part = match name {
                    "DAY" => date.day as f64,
                    "MONTH" => date.month as f64,
                    _ => date.year as f64,
                };
                Some(Value::Number(part))
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

    fn grid<'a>(cells: &'a [(&'a str, Value)]) -> impl Fn(Option<&str>, u32, u16) -> Value + 'a {
        move |sheet, row, col| {
            let found = cells.iter().find(|(at, _)| match (sheet, at.rsplit_once('!')) {
                (None, None) => cell(at) == Some((row, col)),
                (Some(sheet), Some((name, at))) => name == sheet && cell(at) == Some((row, col)),
                _ => false,
            });
            found.map_or(Value::Empty, |(_, v)| v.clone())
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
        assert_eq!(evaluate("='Other'!A1:", &grid(&cells)), None);
        assert_eq!(evaluate("='Other!A1", &grid(&cells)), None);
        assert_eq!(evaluate("='Other'!A1:Third!A2", &grid(&cells)), None);
        assert_eq!(evaluate("=D20+", &grid(&cells)), None);
    }

    #[test]
    fn the_date_line_follows_the_report_date() {
        let line = crate::template::date_line_formula("Lộc Yên", "$C$12");
        let on = |serial: f64| evaluate(&line, &grid(&[("C12", Value::Number(serial))]));
        // 45,590 is 25/10/2024; 45,663 is 06/01/2025.
        assert_eq!(on(45_590.0), Some(Value::Text("Lộc Yên, ngày 25 tháng 10 năm 2024".into())));
        assert_eq!(on(45_663.0), Some(Value::Text("Lộc Yên, ngày 06 tháng 01 năm 2025".into())));
        let blank = Some(Value::Text("Lộc Yên, ngày …… tháng …… năm ………".into()));
        assert_eq!(evaluate(&line, &grid(&[])), blank);
        assert_eq!(evaluate(&line, &grid(&[("C12", Value::Text("25/10/2024".into()))])), blank);
        assert_eq!(on(3.0), None, "before March 1900 the spreadsheet's calendar is its own");
    }

    #[test]
    fn references_to_another_sheet_read_that_sheet() {
        let cells = [
            ("Báo cáo!E20", Value::Number(96.0)),
            ("Báo cáo!E21", Value::Number(80.0)),
            ("E20", Value::Number(1.0)),
            ("Sheet2!A1", Value::Number(7.0)),
            ("It's!B2", Value::Text("x".into())),
        ];
        let formula = "=IF(COUNT('Báo cáo'!E20,'Báo cáo'!$E$21)<2,\"Chưa đủ số liệu\",                       IF(('Báo cáo'!E21)=0,\"Không phát sinh\",('Báo cáo'!E20)*100/('Báo cáo'!E21)))";
        assert_eq!(evaluate(formula, &grid(&cells)), Some(Value::Number(120.0)));
        assert_eq!(evaluate("=SUM('Báo cáo'!E20:E22)+E20", &grid(&cells)), Some(Value::Number(177.0)));
        assert_eq!(evaluate("=Sheet2!A1*2", &grid(&cells)), Some(Value::Number(14.0)));
        assert_eq!(evaluate("='It''s'!B2&\"y\"", &grid(&cells)), Some(Value::Text("xy".into())));
        assert_eq!(evaluate("='Báo cáo'!E99", &grid(&cells)), Some(Value::Number(0.0)));
    }
}
