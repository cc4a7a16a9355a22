//! `plan`'s own formulas, built as trees ([`crate::formula::Expr`]): the unit's letterhead, the period
//! and receiver lines that follow the year, the date line, part II's identity line, a part's live value and
//! a column's total. Each renders to the text the workbook holds and evaluates to the result it stores.

use crate::catalogue::{Part, Period, Receiver};
use crate::formula::{Expr, Function, Op, Ref};

/// Where the header fields of a sheet are, for formulas that refer to them.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The year input, e.g. `$C$11`.
    pub year: Ref,
    /// The unit input, when the sheet has one.
    pub unit: Option<Ref>,
    /// The report date input, e.g. `$C$12`.
    pub date: Ref,
}

impl Fields {
    /// The same fields named from another sheet.
    pub fn on(&self, sheet: &str) -> Fields {
        Fields {
            year: self.year.clone().on(sheet),
            unit: self.unit.clone().map(|unit| unit.on(sheet)),
            date: self.date.clone().on(sheet),
        }
    }
}

fn is_blank(cell: &Ref) -> Expr {
    cell.expr().op(Op::Eq, Expr::text(""))
}

/// "UBND XÃ LỘC YÊN" from the unit chosen in `unit` ("Xã Lộc Yên (18520)"), dots while it is empty.
pub fn unit_letterhead(unit: &Ref) -> Expr {
    let name_end = Expr::call(Function::Find, [Expr::text(" ("), unit.expr()]).op(Op::Sub, Expr::number(1));
    let name = Expr::call(Function::Left, [unit.expr(), name_end]);
    let upper = Expr::call(Function::Upper, [Expr::call(Function::IfError, [name, unit.expr()])]);
    Expr::if_(is_blank(unit), Expr::text("…………………………"), Expr::text("UBND ").op(Op::Concat, upper))
}

/// "Kỳ báo cáo: Năm 2024 (số liệu từ ngày 01/10/2023 đến ngày 30/09/2024)" from the year in `year`.
pub fn period_line(period: &Period, year: &Ref) -> Expr {
    let year_plus = |offset: i32| match offset {
        0 => year.expr(),
        o if o > 0 => year.expr().op(Op::Add, Expr::number(o)).group(),
        o => year.expr().op(Op::Sub, Expr::number(-o)).group(),
    };
    let p = period;
    let shown = Expr::concat([
        Expr::text("Kỳ báo cáo: Năm "),
        year.expr(),
        Expr::text(format!(" (số liệu từ ngày {:02}/{:02}/", p.start_day, p.start_month)),
        year_plus(p.start_year_offset),
        Expr::text(format!(" đến ngày {:02}/{:02}/", p.end_day, p.end_month)),
        year_plus(p.end_year_offset),
        Expr::text(")"),
    ]);
    Expr::if_(is_blank(year), Expr::text("Kỳ báo cáo: Năm ……… (chọn năm báo cáo bên dưới)"), shown)
}

/// "Kính gửi: …" naming the receiver of the year in `year`.
pub fn receiver_line(receivers: &[Receiver], year: &Ref) -> Expr {
    let blank = "Kính gửi: …………………… (theo năm báo cáo)";
    let mut chosen = Expr::text(blank);
    for receiver in receivers.iter().rev() {
        let within = Expr::call(
            Function::And,
            [
                year.expr().op(Op::Ge, Expr::number(receiver.from)),
                year.expr().op(Op::Le, Expr::number(receiver.to)),
            ],
        );
        let text = receiver_text(&receiver.name, receiver.via.as_deref());
        chosen = Expr::if_(within, Expr::text(text), chosen);
    }
    Expr::if_(is_blank(year), Expr::text(blank), chosen)
}

/// "Kính gửi: name (qua via)".
pub fn receiver_text(name: &str, via: Option<&str>) -> String {
    match via {
        Some(via) => format!("Kính gửi: {name} (qua {via})"),
        None => format!("Kính gửi: {name}"),
    }
}

/// The place and date line: "Lộc Yên, ngày 05 tháng 01 năm 2025" from the report date in `date` (a day
/// under 10 and the months 1 and 2 written with a leading 0, as Nghị định 30 asks), dots while it is
/// empty.
pub fn date_line(place: &str, date: &Ref) -> Expr {
    let of = |function| Expr::call(function, [date.expr()]);
    let lead_zero = |part: Expr, below: u8| {
        Expr::if_(part.op(Op::Lt, Expr::number(below)), Expr::text("0"), Expr::text(""))
    };
    let written = Expr::concat([
        Expr::text(format!("{place}, ngày ")),
        lead_zero(of(Function::Day), 10),
        of(Function::Day),
        Expr::text(" tháng "),
        lead_zero(of(Function::Month), 3),
        of(Function::Month),
        Expr::text(" năm "),
        of(Function::Year),
    ]);
    let empty = of(Function::Count).op(Op::Eq, Expr::number(0));
    Expr::if_(empty, Expr::text(format!("{place}, ngày …… tháng …… năm ………")), written)
}

/// The line under part II's title naming the unit and year of the fields, so that its printed page says
/// whose results these are.
pub fn identity_line(fields: &Fields) -> Expr {
    let dots = Expr::text("……………………");
    let unit = match &fields.unit {
        Some(unit) => Expr::if_(is_blank(unit), dots, unit.expr()),
        None => dots,
    };
    let year = Expr::if_(is_blank(&fields.year), Expr::text("………"), fields.year.expr());
    Expr::concat([Expr::text("Đơn vị: "), unit, Expr::text(" · Năm báo cáo: "), year])
}

/// A part's value from the cells of its elements (`missing` while any is not a number).
pub fn part_value(part: &Part, cell: &dyn Fn(&str) -> Ref, missing: &str) -> Expr {
    let sum = |codes: &[String]| Expr::chain(Op::Add, codes.iter().map(|c| cell(c).expr()));
    let mut all: Vec<Ref> = part.numerator.iter().chain(&part.denominator).map(|c| cell(c)).collect();
    all.dedup();
    let count = all.len();
    let incomplete =
        Expr::call(Function::Count, all.iter().map(Ref::expr)).op(Op::Lt, Expr::number(count as f64));
    let value = if part.denominator.is_empty() {
        sum(&part.numerator)
    } else {
        let denominator = sum(&part.denominator).group();
        let rate = sum(&part.numerator).group().op(Op::Mul, Expr::number(part.factor as f64));
        Expr::if_(
            denominator.clone().op(Op::Eq, Expr::number(0)),
            Expr::text("Không phát sinh"),
            rate.op(Op::Div, denominator),
        )
    };
    Expr::if_(incomplete, Expr::text(missing), value)
}

/// The total of a column's cells from `first` to `last`.
pub fn total(first: Ref, last: Ref) -> Expr {
    Expr::call(Function::Sum, [Expr::Range(first, last)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::{Value, evaluate};

    #[test]
    fn the_date_line_follows_the_report_date() {
        let line = date_line("Lộc Yên", &Ref::absolute(11, 2));
        let at = |value: Value| {
            move |_: Option<&str>, row: u32, col: u16| match (row, col) {
                (11, 2) => value.clone(),
                _ => Value::Empty,
            }
        };
        let on = |serial: f64| evaluate(&line, &at(Value::Number(serial)));
        // 45,590 is 25/10/2024; 45,663 is 06/01/2025.
        assert_eq!(on(45_590.0), Some(Value::Text("Lộc Yên, ngày 25 tháng 10 năm 2024".into())));
        assert_eq!(on(45_663.0), Some(Value::Text("Lộc Yên, ngày 06 tháng 01 năm 2025".into())));
        let blank = Some(Value::Text("Lộc Yên, ngày …… tháng …… năm ………".into()));
        assert_eq!(evaluate(&line, &at(Value::Empty)), blank);
        assert_eq!(evaluate(&line, &at(Value::Text("25/10/2024".into()))), blank);
        assert_eq!(on(3.0), None, "before March 1900 the spreadsheet's calendar is its own");
        assert_eq!(
            line.formula(),
            "=IF(COUNT($C$12)=0,\"Lộc Yên, ngày …… tháng …… năm ………\",\"Lộc Yên, ngày \"&IF(DAY($C$12)<10,\"0\",\"\")&DAY($C$12)&\" tháng \"&IF(MONTH($C$12)<3,\"0\",\"\")&MONTH($C$12)&\" năm \"&YEAR($C$12))"
        );
    }
}
