//! The small expression language of the catalogue's consistency rules.
//!
//! A rule is a condition over data-element codes that must hold, for example
//! `tu_vong_so_sinh <= tu_vong_duoi_1` or `tu_vong_duoi_5 * 1000 <= 50 * tre_de_song`.
//!
//! Grammar (lowest precedence first):
//! ```text
//! condition  := conjunct ("or" conjunct)*
//! conjunct   := comparison ("and" comparison)*
//! comparison := sum ("<" | "<=" | ">" | ">=" | "==" | "!=") sum | "(" condition ")"
//! sum        := product (("+" | "-") product)*
//! product    := atom (("*" | "/") atom)*
//! atom       := number | code | "(" sum ")"
//! ```
//! Numbers may have a decimal comma or point. Arithmetic is exact (fractions of 128-bit integers).

use crate::decimal::Decimal;
use std::cmp::Ordering;

/// An exact fraction used to evaluate rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: i128,
    den: i128,
}

impl Ratio {
    /// A whole number.
    pub fn int(value: i128) -> Self {
        Ratio { num: value, den: 1 }
    }

    fn new(num: i128, den: i128) -> Option<Self> {
        if den == 0 {
            return None;
        }
        let g = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1) as i128;
        let sign = if den < 0 { -1 } else { 1 };
        Some(Ratio { num: sign * num / g, den: sign * den / g })
    }

    fn from_decimal(d: Decimal) -> Self {
        Ratio::new(d.mantissa as i128, d.denominator()).expect("10^scale is not zero")
    }

    fn apply(self, op: Arith, other: Ratio) -> Option<Ratio> {
        let (a, b, c, d) = (self.num, self.den, other.num, other.den);
        match op {
            Arith::Add => Ratio::new(a.checked_mul(d)?.checked_add(c.checked_mul(b)?)?, b.checked_mul(d)?),
            Arith::Sub => Ratio::new(a.checked_mul(d)?.checked_sub(c.checked_mul(b)?)?, b.checked_mul(d)?),
            Arith::Mul => Ratio::new(a.checked_mul(c)?, b.checked_mul(d)?),
            Arith::Div => Ratio::new(a.checked_mul(d)?, b.checked_mul(c)?),
        }
    }

    fn compare(self, other: Ratio) -> Option<Ordering> {
        Some(self.num.checked_mul(other.den)?.cmp(&other.num.checked_mul(self.den)?))
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// A numeric expression.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(Ratio),
    Code(String),
    Binary(Arith, Box<Value>, Box<Value>),
}

/// A condition tree.
#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Compare(Cmp, Value, Value),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

/// A parsed rule condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition(Cond);

/// A parse error with the character position (0-based) where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Character offset in the expression text.
    pub position: usize,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What is wrong, in English.
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(Decimal),
    Code(String),
    Op(&'static str),
    And,
    Or,
    Open,
    Close,
}

fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ',' || chars[i] == '.') {
                i += 1;
            }
            let literal: String = chars[start..i].iter().collect();
            let number = Decimal::parse(&literal).ok_or_else(|| ParseError {
                position: start,
                message: format!("số không hợp lệ «{literal}»"),
                message_en: format!("invalid number «{literal}»"),
            })?;
            tokens.push((start, Token::Number(number)));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let token = match word.as_str() {
                "and" => Token::And,
                "or" => Token::Or,
                _ => Token::Code(word),
            };
            tokens.push((start, token));
            continue;
        }
        let next = chars.get(i + 1).copied();
        let (token, width) = match (c, next) {
            ('<', Some('=')) => (Token::Op("<="), 2),
            ('>', Some('=')) => (Token::Op(">="), 2),
            ('=', Some('=')) => (Token::Op("=="), 2),
            ('!', Some('=')) => (Token::Op("!="), 2),
            ('<', _) => (Token::Op("<"), 1),
            ('>', _) => (Token::Op(">"), 1),
            ('+', _) => (Token::Op("+"), 1),
            ('-', _) => (Token::Op("-"), 1),
            ('*', _) => (Token::Op("*"), 1),
            ('/', _) => (Token::Op("/"), 1),
            ('(', _) => (Token::Open, 1),
            (')', _) => (Token::Close, 1),
            _ => {
                return Err(ParseError {
                    position: start,
                    message: format!("ký tự không hợp lệ «{c}»"),
                    message_en: format!("unexpected character «{c}»"),
                });
            }
        };
        tokens.push((start, token));
        i += width;
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map(|(o, _)| *o).unwrap_or(self.end)
    }

    fn error(&self, vi: &str, en: &str) -> ParseError {
        ParseError { position: self.offset(), message: vi.to_string(), message_en: en.to_string() }
    }

    fn condition(&mut self) -> Result<Cond, ParseError> {
        let mut left = self.conjunct()?;
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            left = Cond::Or(Box::new(left), Box::new(self.conjunct()?));
        }
        Ok(left)
    }

    fn conjunct(&mut self) -> Result<Cond, ParseError> {
        let mut left = self.comparison()?;
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            left = Cond::And(Box::new(left), Box::new(self.comparison()?));
        }
        Ok(left)
    }

    fn comparison(&mut self) -> Result<Cond, ParseError> {
        // A parenthesis opens either a condition or a sum; try the condition first.
        if self.peek() == Some(&Token::Open) {
            let saved = self.pos;
            self.pos += 1;
            if let Ok(inner) = self.condition()
                && self.peek() == Some(&Token::Close)
            {
                self.pos += 1;
                return Ok(inner);
            }
            self.pos = saved;
        }
        let left = self.sum()?;
        let cmp = match self.peek() {
            Some(Token::Op("<")) => Cmp::Lt,
            Some(Token::Op("<=")) => Cmp::Le,
            Some(Token::Op(">")) => Cmp::Gt,
            Some(Token::Op(">=")) => Cmp::Ge,
            Some(Token::Op("==")) => Cmp::Eq,
            Some(Token::Op("!=")) => Cmp::Ne,
            _ => {
                return Err(self.error(
                    "thiếu phép so sánh (<, <=, >, >=, ==, !=)",
                    "expected a comparison (<, <=, >, >=, ==, !=)",
                ));
            }
        };
        self.pos += 1;
        let right = self.sum()?;
        Ok(Cond::Compare(cmp, left, right))
    }

    fn sum(&mut self) -> Result<Value, ParseError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek() {
                Some(Token::Op("+")) => Arith::Add,
                Some(Token::Op("-")) => Arith::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            left = Value::Binary(op, Box::new(left), Box::new(self.product()?));
        }
    }

    fn product(&mut self) -> Result<Value, ParseError> {
        let mut left = self.atom()?;
        loop {
            let op = match self.peek() {
                Some(Token::Op("*")) => Arith::Mul,
                Some(Token::Op("/")) => Arith::Div,
                _ => return Ok(left),
            };
            self.pos += 1;
            left = Value::Binary(op, Box::new(left), Box::new(self.atom()?));
        }
    }

    fn atom(&mut self) -> Result<Value, ParseError> {
        match self.peek().cloned() {
            Some(Token::Number(n)) => {
                self.pos += 1;
                Ok(Value::Number(Ratio::from_decimal(n)))
            }
            Some(Token::Code(code)) => {
                self.pos += 1;
                Ok(Value::Code(code))
            }
            Some(Token::Open) => {
                self.pos += 1;
                let inner = self.sum()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(self.error("thiếu dấu «)»", "missing «)»"));
                }
                self.pos += 1;
                Ok(inner)
            }
            _ => {
                Err(self
                    .error("thiếu một số hoặc một mã dữ liệu", "expected a number or a data-element code"))
            }
        }
    }
}

/// Parses a rule condition.
pub fn parse(text: &str) -> Result<Condition, ParseError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens, pos: 0, end: text.chars().count() };
    let condition = parser.condition()?;
    if parser.pos < parser.tokens.len() {
        return Err(parser.error("thừa phần sau điều kiện", "unexpected text after the condition"));
    }
    Ok(Condition(condition))
}

impl Value {
    fn codes<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Value::Number(_) => {}
            Value::Code(code) => {
                if !out.contains(&code.as_str()) {
                    out.push(code);
                }
            }
            Value::Binary(_, l, r) => {
                l.codes(out);
                r.codes(out);
            }
        }
    }

    fn eval(&self, lookup: &dyn Fn(&str) -> Option<Ratio>) -> Option<Ratio> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Code(code) => lookup(code),
            Value::Binary(op, l, r) => l.eval(lookup)?.apply(*op, r.eval(lookup)?),
        }
    }
}

impl Condition {
    /// The data-element codes the condition names, in the order they are written, each once.
    pub fn codes(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.0.collect(&mut out);
        out
    }

    /// Evaluates the condition with the values `lookup` gives. `None` when it cannot be decided: a code has
    /// no value, or a division by zero.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<Ratio>) -> Option<bool> {
        self.0.eval(lookup)
    }
}

impl Cond {
    fn collect<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Cond::Compare(_, l, r) => {
                l.codes(out);
                r.codes(out);
            }
            Cond::And(l, r) | Cond::Or(l, r) => {
                l.collect(out);
                r.collect(out);
            }
        }
    }

    fn eval(&self, lookup: &dyn Fn(&str) -> Option<Ratio>) -> Option<bool> {
        match self {
            Cond::Compare(cmp, l, r) => {
                let ordering = l.eval(lookup)?.compare(r.eval(lookup)?)?;
                Some(match cmp {
                    Cmp::Lt => ordering == Ordering::Less,
                    Cmp::Le => ordering != Ordering::Greater,
                    Cmp::Gt => ordering == Ordering::Greater,
                    Cmp::Ge => ordering != Ordering::Less,
                    Cmp::Eq => ordering == Ordering::Equal,
                    Cmp::Ne => ordering != Ordering::Equal,
                })
            }
            Cond::And(l, r) => Some(l.eval(lookup)? && r.eval(lookup)?),
            Cond::Or(l, r) => Some(l.eval(lookup)? || r.eval(lookup)?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn eval(text: &str, values: &[(&str, i128)]) -> Option<bool> {
        let map: HashMap<&str, i128> = values.iter().copied().collect();
        parse(text).unwrap().eval(&|code| map.get(code).map(|v| Ratio::int(*v)))
    }

    #[test]
    fn compares_codes_exactly() {
        assert_eq!(eval("a <= b", &[("a", 3), ("b", 3)]), Some(true));
        assert_eq!(eval("a < b", &[("a", 3), ("b", 3)]), Some(false));
        assert_eq!(eval("a + b <= c", &[("a", 1), ("b", 2), ("c", 3)]), Some(true));
        assert_eq!(eval("d * 1000 <= 50 * b", &[("d", 5), ("b", 100)]), Some(true));
        assert_eq!(eval("d * 1000 <= 50 * b", &[("d", 6), ("b", 100)]), Some(false));
        // 0,1 + 0,2 == 0,3 holds exactly.
        assert_eq!(eval("0,1 + 0.2 == 0,3", &[]), Some(true));
    }

    #[test]
    fn precedence_and_logic() {
        assert_eq!(eval("1 + 2 * 3 == 7", &[]), Some(true));
        assert_eq!(eval("(1 + 2) * 3 == 9", &[]), Some(true));
        assert_eq!(eval("a <= b and b <= c", &[("a", 1), ("b", 2), ("c", 1)]), Some(false));
        assert_eq!(eval("a > b or b > c", &[("a", 1), ("b", 2), ("c", 1)]), Some(true));
        assert_eq!(eval("(a > b or b > c) and a != c", &[("a", 1), ("b", 2), ("c", 1)]), Some(false));
        assert_eq!(eval("10 - 4 - 3 == 3", &[]), Some(true));
    }

    #[test]
    fn undecidable_without_values_or_on_division_by_zero() {
        assert_eq!(eval("a <= b", &[("a", 1)]), None);
        assert_eq!(eval("a / b <= 1", &[("a", 1), ("b", 0)]), None);
    }

    #[test]
    fn lists_codes() {
        let condition = parse("tre_11_15 <= tre_7_15 and tre_7_15 <= tre_em").unwrap();
        assert_eq!(condition.codes(), ["tre_11_15", "tre_7_15", "tre_em"]);
        assert_eq!(parse("b * 2 <= a + b").unwrap().codes(), ["b", "a"]);
    }

    #[test]
    fn reports_where_parsing_fails() {
        assert_eq!(parse("a <=").unwrap_err().position, 4);
        assert_eq!(parse("a b").unwrap_err().position, 2);
        assert_eq!(parse("a <= b)").unwrap_err().position, 6);
        assert_eq!(parse("a ≤ b").unwrap_err().position, 2);
        assert_eq!(parse("a + b").unwrap_err().position, 5);
        assert!(parse("(a <= b").is_err());
        assert!(parse("1,2,3 < a").is_err());
    }
}
