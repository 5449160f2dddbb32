//! Calendar periods: the due dates of commitments and the dates of evidence.
//!
//! Documents state dates at many precisions ("on 19 November 2024", "in March 2024",
//! "in the first quarter of 2024", "early 2024", "in 2025", "令和6年度"). A [`Period`] keeps
//! the precision the text gave, so that "held in March 2024" is not mistaken for a day.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

/// A span of the calendar at the precision a document stated it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Day(Date),
    Month {
        year: i32,
        month: u8,
    },
    Quarter {
        year: i32,
        quarter: u8,
    },
    Half {
        year: i32,
        half: u8,
    },
    Year(i32),
    /// A Japanese fiscal year (年度): April of `year` to March of `year + 1`.
    FiscalYear(i32),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{input}` is not a period (expected 2024, 2024-H1, 2024-Q1, 2024-03, 2024-03-05 or FY2024)")]
pub struct PeriodParseError {
    pub input: String,
}

impl Period {
    /// Builds a month period, or `None` when the month is out of range.
    pub fn month(year: i32, month: u8) -> Option<Period> {
        (1..=12).contains(&month).then_some(Period::Month { year, month })
    }

    pub fn quarter(year: i32, quarter: u8) -> Option<Period> {
        (1..=4).contains(&quarter).then_some(Period::Quarter { year, quarter })
    }

    pub fn half(year: i32, half: u8) -> Option<Period> {
        (1..=2).contains(&half).then_some(Period::Half { year, half })
    }

    pub fn day(year: i32, month: u8, day: u8) -> Option<Period> {
        let month = Month::try_from(month).ok()?;
        Date::from_calendar_date(year, month, day).ok().map(Period::Day)
    }

    /// The first day of the period.
    pub fn start(&self) -> Date {
        match *self {
            Period::Day(d) => d,
            Period::Month { year, month } => first_of(year, month),
            Period::Quarter { year, quarter } => first_of(year, (quarter - 1) * 3 + 1),
            Period::Half { year, half } => first_of(year, (half - 1) * 6 + 1),
            Period::Year(year) => first_of(year, 1),
            Period::FiscalYear(year) => first_of(year, 4),
        }
    }

    /// The last day of the period.
    pub fn end(&self) -> Date {
        let (year, last_month) = match *self {
            Period::Day(d) => return d,
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, quarter * 3),
            Period::Half { year, half } => (year, half * 6),
            Period::Year(year) => (year, 12),
            Period::FiscalYear(year) => (year + 1, 3),
        };
        let month = Month::try_from(last_month).unwrap_or(Month::December);
        let days = time::util::days_in_month(month, year);
        Date::from_calendar_date(year, month, days).unwrap_or(Date::MAX)
    }

    /// Whether `date` falls within the period.
    pub fn contains(&self, date: Date) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The calendar year the period starts in.
    pub fn year(&self) -> i32 {
        self.start().year()
    }
}

fn first_of(year: i32, month: u8) -> Date {
    let month = Month::try_from(month).unwrap_or(Month::January);
    Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN)
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Period::Year(year) => write!(f, "{year:04}"),
            Period::FiscalYear(year) => write!(f, "FY{year:04}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || PeriodParseError { input: input.to_owned() };
        let s = input.trim();
        let year_of = |y: &str| -> Result<i32, PeriodParseError> {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                y.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        if let Some(fy) = s.strip_prefix("FY") {
            return Ok(Period::FiscalYear(year_of(fy)?));
        }
        let mut parts = s.split('-');
        let year = year_of(parts.next().ok_or_else(err)?)?;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return Err(err());
        }
        let small = |p: &str| -> Result<u8, PeriodParseError> {
            if (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        match (second, third) {
            (None, None) => Ok(Period::Year(year)),
            (Some(q), None) if q.starts_with('Q') => Period::quarter(year, small(&q[1..])?).ok_or_else(err),
            (Some(h), None) if h.starts_with('H') => Period::half(year, small(&h[1..])?).ok_or_else(err),
            (Some(m), None) if m.len() == 2 => Period::month(year, small(m)?).ok_or_else(err),
            (Some(m), Some(d)) if m.len() == 2 && d.len() == 2 => {
                Period::day(year, small(m)?, small(d)?).ok_or_else(err)
            }
            _ => Err(err()),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bounds_follow_precision() {
        let q1: Period = "2024-Q1".parse().unwrap();
        assert_eq!(q1.start().to_string(), "2024-01-01");
        assert_eq!(q1.end().to_string(), "2024-03-31");
        let feb: Period = "2024-02".parse().unwrap();
        assert_eq!(feb.end().to_string(), "2024-02-29");
        let fy: Period = "FY2024".parse().unwrap();
        assert_eq!(fy.start().to_string(), "2024-04-01");
        assert_eq!(fy.end().to_string(), "2025-03-31");
        let h2: Period = "2025-H2".parse().unwrap();
        assert_eq!(h2.start().to_string(), "2025-07-01");
    }

    #[test]
    fn rejects_malformed_periods_with_the_input_named() {
        for bad in ["", "24", "2024-Q5", "2024-13", "2024-02-30", "2024-H3", "20x4", "2024-1-1-1"] {
            let e = bad.parse::<Period>().unwrap_err();
            assert_eq!(e.input, bad);
            assert!(e.to_string().contains("is not a period"));
        }
    }

    #[test]
    fn contains_uses_inclusive_bounds() {
        let march: Period = "2024-03".parse().unwrap();
        let q1: Period = "2024-Q1".parse().unwrap();
        assert!(q1.contains(march.start()) && q1.contains(march.end()));
        assert!(!q1.contains(Period::Month { year: 2024, month: 4 }.start()));
    }

    fn any_period() -> impl Strategy<Value = Period> {
        let year = 1990i32..2100;
        prop_oneof![
            (year.clone(), 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Period::day(y, m, d).unwrap()),
            (year.clone(), 1u8..=12).prop_map(|(y, m)| Period::Month { year: y, month: m }),
            (year.clone(), 1u8..=4).prop_map(|(y, q)| Period::Quarter { year: y, quarter: q }),
            (year.clone(), 1u8..=2).prop_map(|(y, h)| Period::Half { year: y, half: h }),
            year.clone().prop_map(Period::Year),
            year.prop_map(Period::FiscalYear),
        ]
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(p in any_period()) {
            prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
        }

        #[test]
        fn start_is_never_after_end(p in any_period()) {
            prop_assert!(p.start() <= p.end());
            prop_assert!(p.contains(p.start()) && p.contains(p.end()));
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Period>();
        }
    }
}
