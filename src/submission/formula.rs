//! Formulas written by other programs, read from a workbook's file: their text as each program spells it
//! ([`formula_cells`], in the spelling of an .xlsx), and parsed into [`crate::formula::Expr`] ([`parse`])
//! when they are of a shape understood, so that an annotated copy stores the result they give.
//!
//! Understood: numbers, text in quotes, cell references (`E20`, `$C$11`) and ranges (`D20:D40`) on the
//! formula's own sheet or on another one (`'Báo cáo'!E20`, `Sheet2!A1:B3`), `+ - * / &`, comparisons
//! `= <> < <= > >=`, unary minus, parentheses and the functions of [`Function`]. Anything else is `None`.

use crate::formula::{Expr, Function, Key, Op, Ref};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Text(String),
    Cell(Ref),
    Name(String),
    Op(Op),
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
                let (at, word) = word_at(&chars, i + 1);
                i = at;
                out.push(Token::Cell(reference(&word)?.on(&name)));
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
            '=' | '+' | '-' | '*' | '/' | '&' | '<' | '>' => {
                let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                let op =
                    [Op::Le, Op::Ge, Op::Ne].into_iter().find(|op| op.symbol() == two).or_else(|| {
                        Op::ALL.into_iter().find(|op| op.symbol().starts_with(c) && op.symbol().len() == 1)
                    })?;
                i += op.symbol().len();
                out.push(Token::Op(op));
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
                    let (at, at_cell) = word_at(&chars, i + 1);
                    i = at;
                    out.push(Token::Cell(reference(&at_cell)?.on(&word)));
                    continue;
                }
                out.push(match reference(&word) {
                    Some(cell) => Token::Cell(cell),
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

/// A reference on the formula's own sheet such as `E20`, `$C$11` or `E$20`.
fn reference(word: &str) -> Option<Ref> {
    let (row, col) = crate::formula::cell(word)?;
    let absolute_col = word.starts_with('$');
    let absolute_row = word.trim_start_matches('$').contains('$');
    Some(Ref { sheet: None, row, col, absolute: (absolute_row, absolute_col) })
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

    fn binary(&mut self, ops: &[Op], operand: fn(&mut Parser) -> Option<Expr>) -> Option<Expr> {
        let mut left = operand(self)?;
        while let Some(Token::Op(op)) = self.peek().cloned() {
            if !ops.contains(&op) {
                break;
            }
            self.at += 1;
            left = left.op(op, operand(self)?);
        }
        Some(left)
    }

    fn comparison(&mut self) -> Option<Expr> {
        self.binary(&[Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge], Parser::concat)
    }

    fn concat(&mut self) -> Option<Expr> {
        self.binary(&[Op::Concat], Parser::sum)
    }

    fn sum(&mut self) -> Option<Expr> {
        self.binary(&[Op::Add, Op::Sub], Parser::product)
    }

    fn product(&mut self) -> Option<Expr> {
        self.binary(&[Op::Mul, Op::Div], Parser::unary)
    }

    fn unary(&mut self) -> Option<Expr> {
        if self.peek() == Some(&Token::Op(Op::Sub)) {
            self.at += 1;
            return Some(Expr::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Option<Expr> {
        match self.next()? {
            Token::Number(n) => Some(Expr::Number(n)),
            Token::Text(t) => Some(Expr::Text(t)),
            Token::Cell(from) => {
                if self.peek() == Some(&Token::Colon) {
                    self.at += 1;
                    // The second corner is on the first one's sheet ('Báo cáo'!E20:E24).
                    let Some(Token::Cell(to)) = self.next() else { return None };
                    if to.sheet.is_some() && to.sheet != from.sheet {
                        return None;
                    }
                    return Some(Expr::Range(from, Ref { sheet: None, ..to }));
                }
                Some(Expr::Ref(from))
            }
            Token::Open => {
                let inner = self.comparison()?;
                (self.next()? == Token::Close).then(|| inner.group())
            }
            Token::Name(name) => {
                let function = Function::named(&name)?;
                if self.next()? != Token::Open {
                    return None;
                }
                let mut args = Vec::new();
                if self.peek() == Some(&Token::Close) {
                    self.at += 1;
                    return Some(Expr::Call(function, args));
                }
                loop {
                    args.push(self.comparison()?);
                    match self.next()? {
                        Token::Comma => continue,
                        Token::Close => return Some(Expr::Call(function, args)),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }
}

/// The tree of a formula's text (with or without its leading `=`); `None` when it is not of a shape
/// understood.
pub fn parse(formula: &str) -> Option<Expr> {
    let text = formula.strip_prefix('=').unwrap_or(formula);
    let mut parser = Parser { tokens: tokens(text)?, at: 0 };
    let expr = parser.comparison()?;
    (parser.at == parser.tokens.len()).then_some(expr)
}

/// A formula as calamine reads it, in the syntax of an .xlsx: `=` first; OpenDocument's `of:=IF([.E20];…)`
/// (`[$'Báo cáo'.E20]` on another sheet) and the legacy reader's `User(_xlfn.IFERROR,…)` rewritten.
fn normalized(formula: &str) -> String {
    let Some(odf) = formula.strip_prefix("of:=") else {
        let text = formula.strip_prefix('=').unwrap_or(formula).replace("User(_xlfn.IFERROR,", "IFERROR(");
        return format!("={text}");
    };
    let mut out = String::from("=");
    let mut in_text = false;
    let mut chars = odf.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_text = !in_text;
                out.push(c);
            }
            ';' if !in_text => out.push(','),
            '[' if !in_text => {
                if chars.peek() == Some(&'$') {
                    chars.next();
                }
                match chars.peek() {
                    Some('.') => {
                        chars.next();
                    }
                    // Another sheet: 'Báo cáo'.E20 becomes 'Báo cáo'!E20.
                    Some('\'') => {
                        out.push(chars.next().unwrap_or('\''));
                        while let Some(c) = chars.next() {
                            out.push(c);
                            if c == '\'' {
                                if chars.peek() == Some(&'\'') {
                                    out.push(chars.next().unwrap_or('\''));
                                    continue;
                                }
                                break;
                            }
                        }
                        if chars.next_if_eq(&'.').is_some() {
                            out.push('!');
                        }
                    }
                    _ => {
                        let mut name = String::new();
                        while let Some(c) = chars.next_if(|c| c.is_alphanumeric() || *c == '_') {
                            name.push(c);
                        }
                        if chars.next_if_eq(&'.').is_some() && !name.is_empty() {
                            out.push_str(&name);
                            out.push('!');
                        } else {
                            // A reference on the own sheet with no dot: the letters are the cell's.
                            out.push_str(&name);
                        }
                    }
                }
            }
            ']' if !in_text => {}
            '.' if !in_text && out.ends_with(':') => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a formula refers to another sheet (`'Báo cáo'!E20`): a `!` outside quoted text.
fn refers_to_another_sheet(formula: &str) -> bool {
    let mut in_text = false;
    formula.chars().any(|c| {
        if c == '"' {
            in_text = !in_text;
        }
        c == '!' && !in_text
    })
}

/// The cells of a workbook's bytes that hold a formula, with its text (none when the formulas cannot be
/// read). calamine 0.38 misreads an .xls formula's reference to another sheet (its column comes out four
/// times too far, with `$` signs of its own): such a formula is left out, and its cell keeps the result
/// the file stored, as a value.
pub fn formula_cells(bytes: &[u8]) -> HashMap<Key, String> {
    use calamine::Reader;
    let read = || -> Option<HashMap<Key, String>> {
        let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).ok()?;
        let legacy = matches!(workbook, calamine::Sheets::Xls(_));
        let mut out = HashMap::new();
        for name in workbook.sheet_names() {
            let Ok(range) = workbook.worksheet_formula(&name) else { continue };
            let (row0, col0) = range.start().unwrap_or_default();
            for (row, col, formula) in range.used_cells() {
                if let Ok(col) = u16::try_from(col0 as usize + col)
                    && !formula.is_empty()
                    && !(legacy && refers_to_another_sheet(formula))
                {
                    out.insert((name.clone(), row0 + row as u32, col), normalized(formula));
                }
            }
        }
        Some(out)
    };
    std::panic::catch_unwind(read).ok().flatten().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::{Value, cell, evaluate};

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

    fn eval(formula: &str, cells: &[(&str, Value)]) -> Option<Value> {
        evaluate(&parse(formula)?, &grid(cells))
    }

    #[test]
    fn formulas_read_from_other_programs_take_the_xlsx_spelling() {
        let ods = "of:=IF(COUNT([$'Báo cáo'.E20];['Báo cáo'.$E$21])<2;\"a.b\";SUM([$'It''s'.D2:.D4])+[.E20])";
        assert_eq!(
            normalized(ods),
            "=IF(COUNT('Báo cáo'!E20,'Báo cáo'!$E$21)<2,\"a.b\",SUM('It''s'!D2:D4)+E20)"
        );
        assert_eq!(normalized("of:=[$Sheet2.A1]*2"), "=Sheet2!A1*2");
        assert_eq!(normalized("User(_xlfn.IFERROR,A1,0)"), "=IFERROR(A1,0)");
        assert!(refers_to_another_sheet("Báo cáo!$Q$20"));
        assert!(!refers_to_another_sheet("IF(A1=\"\",\"Hay!\",A1)"));
    }

    #[test]
    fn a_formula_parses_into_the_tree_that_renders_it() {
        for text in [
            "=IF(COUNT(E20,E21)<2,\"Chưa đủ số liệu\",IF((E21)=0,\"Không phát sinh\",(E20)*100/(E21)))",
            "=IF($C$11=\"\",\"a \"\"b\"\"\",\"Năm \"&$C$11&\" (\"&($C$11-1)&\")\")",
            "=SUM('Báo cáo'!E20:E22)+'It''s'!$B2-E$3*-A1",
            "=IF(AND($C$11>=2021,$C$11<=2025),\"A\",IF(A1<>B1,\"B\",\"C\"))",
        ] {
            assert_eq!(parse(text).map(|e| e.formula()).as_deref(), Some(text));
        }
        assert_eq!(parse("=Sheet2!A1").map(|e| e.formula()).as_deref(), Some("='Sheet2'!A1"));
    }

    #[test]
    fn a_live_result_gives_its_rate_its_zero_case_and_its_missing_case() {
        let formula =
            "=IF(COUNT(E20,E21)<2,\"Chưa đủ số liệu\",IF((E21)=0,\"Không phát sinh\",(E20)*100/(E21)))";
        let full = [("E20", Value::Number(96.0)), ("E21", Value::Number(80.0))];
        assert_eq!(eval(formula, &full), Some(Value::Number(120.0)));
        let zero = [("E20", Value::Number(0.0)), ("E21", Value::Number(0.0))];
        assert_eq!(eval(formula, &zero), Some(Value::Text("Không phát sinh".into())));
        let text = [("E20", Value::Text("12".into())), ("E21", Value::Number(5.0))];
        assert_eq!(eval(formula, &text), Some(Value::Text("Chưa đủ số liệu".into())));
        assert_eq!(eval(formula, &[]), Some(Value::Text("Chưa đủ số liệu".into())));
        let third = [("E20", Value::Number(1.0)), ("E21", Value::Number(3.0))];
        assert_eq!(eval(formula, &third).unwrap().cached(), "33.333333333333336");
    }

    #[test]
    fn header_text_follows_the_fields() {
        let unit = "=IF(C10=\"\",\"……\",UPPER(IFERROR(LEFT(C10,FIND(\" (\",C10)-1),C10)))";
        let lộc_yên = [("C10", Value::Text("Xã Lộc Yên (18520)".into()))];
        assert_eq!(eval(unit, &lộc_yên), Some(Value::Text("XÃ LỘC YÊN".into())));
        let plain = [("C10", Value::Text("Xã Lộc Yên".into()))];
        assert_eq!(eval(unit, &plain), Some(Value::Text("XÃ LỘC YÊN".into())));
        assert_eq!(eval(unit, &[]), Some(Value::Text("……".into())));
        let period = "=IF($C$11=\"\",\"Năm ……\",\"Năm \"&$C$11&\" (từ \"&($C$11-1)&\")\")";
        let year = [("C11", Value::Number(2024.0))];
        assert_eq!(eval(period, &year), Some(Value::Text("Năm 2024 (từ 2023)".into())));
        let receiver = "=IF(AND($C$11>=2021,$C$11<=2025),\"A\",IF(AND($C$11>=2026,$C$11<=2030),\"B\",\"?\"))";
        assert_eq!(eval(receiver, &year), Some(Value::Text("A".into())));
        let later = [("C11", Value::Number(2027.0))];
        assert_eq!(eval(receiver, &later), Some(Value::Text("B".into())));
        // Text compares above every number, as in the spreadsheet.
        let word = [("C11", Value::Text("năm nay".into()))];
        assert_eq!(eval(receiver, &word), Some(Value::Text("?".into())));
        assert_eq!(eval(period, &word), Some(Value::Error("#VALUE!")));
    }

    #[test]
    fn sums_skip_text_and_blanks_and_unknown_shapes_are_not_guessed() {
        let cells =
            [("D20", Value::Number(2000.0)), ("D21", Value::Text("x".into())), ("D23", Value::Number(5.5))];
        assert_eq!(eval("=SUM(D20:D24)", &cells), Some(Value::Number(2005.5)));
        assert_eq!(eval("=SUM(D30:D31)", &cells), Some(Value::Number(0.0)));
        assert_eq!(eval("=D20/D30", &cells), Some(Value::Error("#DIV/0!")));
        assert_eq!(eval("=VLOOKUP(D20,A1:B2,2)", &cells), None);
        assert_eq!(eval("='Other'!A1:", &cells), None);
        assert_eq!(eval("='Other!A1", &cells), None);
        assert_eq!(eval("='Other'!A1:Third!A2", &cells), None);
        assert_eq!(eval("=D20+", &cells), None);
        assert_eq!(eval("=DAY(3)", &cells), None, "before March 1900 the spreadsheet's calendar is its own");
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
        assert_eq!(eval(formula, &cells), Some(Value::Number(120.0)));
        assert_eq!(eval("=SUM('Báo cáo'!E20:E22)+E20", &cells), Some(Value::Number(177.0)));
        assert_eq!(eval("=Sheet2!A1*2", &cells), Some(Value::Number(14.0)));
        assert_eq!(eval("='It''s'!B2&\"y\"", &cells), Some(Value::Text("xy".into())));
        assert_eq!(eval("='Báo cáo'!E99", &cells), Some(Value::Number(0.0)));
    }
}
