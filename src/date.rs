//! The calendar: a date without time zone, its ISO and Vietnamese writing, and Excel's serial numbers
//! (1900 date system). Used by the catalogue (deadlines, dates of issue), submissions (dates filled in)
//! and formulas.

use serde::Serialize;

/// A calendar date (no time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date when it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// Parses ISO `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut it = text.trim().splitn(3, '-');
        let year = it.next()?.parse().ok()?;
        let month = it.next()?.parse().ok()?;
        let day = it.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Parses `dd/mm/yyyy` as Vietnamese documents write dates (one-digit day and month too: `5/1/2025`).
    pub fn parse_vietnamese(text: &str) -> Option<Date> {
        let mut it = text.trim().splitn(3, '/');
        let day = it.next()?.trim().parse().ok()?;
        let month = it.next()?.trim().parse().ok()?;
        let year = it.next()?.trim().parse().ok()?;
        Date::new(year, month, day)
    }

    /// The date `days` days later (earlier when negative), within Excel's calendar (1900–9999).
    pub fn plus_days(&self, days: i64) -> Option<Date> {
        Date::from_excel_serial(self.excel_serial().checked_add(days)? as f64)
    }

    /// The date of a count of days since 1970-01-01 (a clock's day).
    pub fn from_unix_days(days: i64) -> Option<Date> {
        Date::from_excel_serial(days.checked_add(25_569)? as f64)
    }

    /// Today by the system clock, in UTC (the default of dates counted from today).
    pub fn today_utc() -> Date {
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| (d.as_secs() / 86_400) as i64);
        Date::from_unix_days(days).unwrap_or(Date { year: 1970, month: 1, day: 1 })
    }

    /// Days since 1899-12-30, the Excel serial number of the date (1900 date system).
    pub fn excel_serial(&self) -> i64 {
        // Days from the civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
        let (y, m, d) = (self.year as i64 - i64::from(self.month <= 2), self.month as i64, self.day as i64);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days_since_1970 = era * 146_097 + doe - 719_468;
        days_since_1970 + 25_569
    }

    /// The date of an Excel serial number (1900 date system), ignoring the time of day.
    pub fn from_excel_serial(serial: f64) -> Option<Date> {
        if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
            return None;
        }
        let z = serial.floor() as i64 - 25_569 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date::new(year, month, day)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `dd/mm/yyyy`, as Vietnamese documents write dates.
    pub fn vietnamese(&self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn vietnamese_dates_parse_and_days_add_across_months_and_years() {
        let d = Date::parse_vietnamese("28/12/2024").unwrap();
        assert_eq!(d, Date { year: 2024, month: 12, day: 28 });
        assert_eq!(Date::parse_vietnamese(" 5/1/2025 "), Date::new(2025, 1, 5));
        assert_eq!(Date::parse_vietnamese("31/11/2024"), None);
        assert_eq!(Date::parse_vietnamese("2024-12-28"), None);
        assert_eq!(d.plus_days(7), Date::new(2025, 1, 4));
        assert_eq!(Date::new(2024, 3, 1).unwrap().plus_days(-1), Date::new(2024, 2, 29));
        assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_unix_days(20_000), Date::new(2024, 10, 4));
    }

    #[test]
    fn excel_serial_numbers_round_trip() {
        assert_eq!(Date::new(2024, 10, 25).unwrap().excel_serial(), 45_590);
        assert_eq!(Date::new(1900, 3, 1).unwrap().excel_serial(), 61);
        assert_eq!(Date::from_excel_serial(45_590.75), Date::new(2024, 10, 25));
        for serial in [61, 40_000, 45_000, 47_848] {
            assert_eq!(Date::from_excel_serial(serial as f64).unwrap().excel_serial(), serial);
        }
        assert_eq!(Date::from_excel_serial(-3.0), None);
    }
}
