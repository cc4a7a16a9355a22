//! Exact decimal numbers as written in the catalogue ("2,8", "0.14", 550).
//!
//! Target levels are compared with counts exactly, so they are kept as an integer mantissa and a power of
//! ten, never as `f64`.

use std::fmt;

/// The largest number of decimal places accepted in a level or a rule literal.
pub const MAX_SCALE: u32 = 6;

/// An exact decimal: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The digits without the decimal point, with the sign.
    pub mantissa: i64,
    /// How many of the digits are after the decimal point.
    pub scale: u32,
}

impl Decimal {
    /// A whole number.
    pub fn from_int(value: i64) -> Self {
        Decimal { mantissa: value, scale: 0 }
    }

    /// Parses `"2,8"`, `"2.8"`, `"-1"`, `"550"`: one optional sign, digits, at most one decimal separator
    /// (comma or point) followed by at most [`MAX_SCALE`] digits. Thousands separators are refused.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut parts = body.split([',', '.']);
        let whole = parts.next()?;
        let frac = parts.next().unwrap_or("");
        if parts.next().is_some() || whole.is_empty() || body.ends_with([',', '.']) {
            return None;
        }
        if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let scale = u32::try_from(frac.len()).ok().filter(|s| *s <= MAX_SCALE)?;
        let digits = format!("{whole}{frac}");
        let magnitude: i64 = digits.parse().ok()?;
        let mantissa = if negative { -magnitude } else { magnitude };
        Some(Decimal { mantissa, scale }.normalized())
    }

    /// Removes trailing zeros after the decimal point ("2,50" becomes "2,5").
    pub fn normalized(mut self) -> Self {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// `10^scale`, the denominator of this decimal as a fraction.
    pub fn denominator(&self) -> i128 {
        10i128.pow(self.scale)
    }

    /// An approximation for display and JSON only; never use it to compare.
    pub fn to_f64(&self) -> f64 {
        // The shortest decimal text of the value parses to the nearest f64.
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// The value written with a decimal comma, as Vietnamese forms print it ("2,8").
    pub fn to_vietnamese(&self) -> String {
        self.to_string().replace('.', ",")
    }

    /// True when there is nothing after the decimal point.
    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    /// The exact sum (`None` on overflow).
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self.mantissa.checked_mul(10i64.checked_pow(scale - self.scale)?)?;
        let b = other.mantissa.checked_mul(10i64.checked_pow(scale - other.scale)?)?;
        Some(Decimal { mantissa: a.checked_add(b)?, scale }.normalized())
    }

    /// The value with thousands grouped and a decimal comma, as Vietnamese documents print amounts
    /// ("1.234,5"); with `english`, "1,234.5".
    pub fn grouped(&self, english: bool) -> String {
        let text = self.to_string();
        let (sign, body) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        let (thousands, point) = if english { (',', '.') } else { ('.', ',') };
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(digit);
        }
        if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}{point}{frac}") }
    }
}

/// `value` with `decimals` places, rounded half away from zero on its shortest decimal text (the text
/// that reads back to the same `f64`): 42/64 × 100 = 65.625 is "65.63", as the workbooks show it, where
/// `format!("{:.2}")` rounds the binary value and may give "65.62". For display only.
pub fn round_f64(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    // Rust writes an f64 without an exponent, in its shortest form.
    let text = value.abs().to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let keep = decimals as usize;
    let mut digits: Vec<u8> =
        whole.bytes().chain(frac.bytes().chain(std::iter::repeat(b'0')).take(keep)).collect();
    if frac.as_bytes().get(keep).is_some_and(|d| *d >= b'5') {
        // Add one in the last place kept, carrying leftwards.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - keep;
    let (int, dec) = digits.split_at(split);
    let int = String::from_utf8_lossy(int);
    let dec = String::from_utf8_lossy(dec);
    let zero = digits.iter().all(|d| *d == b'0');
    let sign = if value < 0.0 && !zero { "-" } else { "" };
    if keep == 0 { format!("{sign}{int}") } else { format!("{sign}{int}.{dec}") }
}

impl fmt::Display for Decimal {
    /// Writes the value with a decimal point ("2.8").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = format!("{:0width$}", self.mantissa.unsigned_abs(), width = self.scale as usize + 1);
        let (whole, frac) = digits.split_at(digits.len() - self.scale as usize);
        write!(f, "{sign}{whole}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_exact_and_amounts_are_grouped() {
        let sum = Decimal::parse("0,1").unwrap().checked_add(Decimal::parse("0,2").unwrap()).unwrap();
        assert_eq!(sum, Decimal::parse("0,3").unwrap());
        let big = Decimal::parse("1234567,5").unwrap();
        assert_eq!(big.grouped(false), "1.234.567,5");
        assert_eq!(big.grouped(true), "1,234,567.5");
        assert_eq!(Decimal::from_int(-1000).grouped(false), "-1.000");
        assert_eq!(Decimal::from_int(999).grouped(false), "999");
        assert_eq!(Decimal::from_int(i64::MAX).checked_add(Decimal::from_int(1)), None);
    }

    #[test]
    fn parses_comma_and_point() {
        assert_eq!(Decimal::parse("2,8"), Some(Decimal { mantissa: 28, scale: 1 }));
        assert_eq!(Decimal::parse("2.8"), Some(Decimal { mantissa: 28, scale: 1 }));
        assert_eq!(Decimal::parse("0,05"), Some(Decimal { mantissa: 5, scale: 2 }));
        assert_eq!(Decimal::parse("550"), Some(Decimal::from_int(550)));
        assert_eq!(Decimal::parse("-3"), Some(Decimal::from_int(-3)));
        assert_eq!(Decimal::parse("98,50"), Some(Decimal { mantissa: 985, scale: 1 }));
    }

    #[test]
    fn refuses_ambiguous_or_malformed_text() {
        for bad in ["", "1.000,5", "1,2,3", "abc", "2,", ",5", "1e3", "2,1234567", "--1"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    /// Issue 22: `plan progress` printed 42/64 = 65,625 % as 65,62 while the workbooks show 65,63.
    #[test]
    fn floats_round_half_away_from_zero_on_their_decimal_text() {
        assert_eq!(round_f64(65.625, 2), "65.63");
        assert_eq!(round_f64(42.0 * 100.0 / 64.0, 2), "65.63");
        assert_eq!(round_f64(1.005, 2), "1.01");
        assert_eq!(round_f64(-2.5, 0), "-3");
        assert_eq!(round_f64(99.996, 2), "100.00");
        assert_eq!(round_f64(-0.001, 2), "0.00");
        assert_eq!(round_f64(3.0, 2), "3.00");
        assert_eq!(round_f64(0.5, 0), "1");
        assert_eq!(round_f64(f64::NAN, 2), "NaN");
    }

    #[test]
    fn displays_both_ways() {
        let d = Decimal::parse("0,14").unwrap();
        assert_eq!(d.to_string(), "0.14");
        assert_eq!(d.to_vietnamese(), "0,14");
        assert_eq!(Decimal::parse("-2,5").unwrap().to_string(), "-2.5");
        assert_eq!(d.to_f64(), 0.14);
    }
}
