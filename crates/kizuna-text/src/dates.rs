//! Dates and periods written in prose, English and Japanese: "On January 16, 2024", "held in
//! March 2024", "in the first quarter of 2024", "early 2024", "in the coming year",
//! "2024年1月16日", "令和6年度", "第1四半期", "年内".

use std::ops::Range;
use std::sync::LazyLock;

use kizuna_core::Period;
use regex::{Captures, Regex};
use time::Date;

use crate::lines::fold_digits;

/// A date or period found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Range<usize>,
    pub period: Period,
    /// Resolved against the document's date ("next year", "last November", "年内").
    pub relative: bool,
}

const MONTHS: &str = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
const D: &str = "[0-9０-９]";

/// Builds a period from a match and the document's date; `true` when relative.
type Build = fn(&Captures<'_>, Option<Date>) -> Option<(Period, bool)>;

struct Pattern {
    regex: Regex,
    /// Words one of which a text must hold for the pattern to be tried (lower case); the
    /// month names when the pattern has `{M}`; none means always.
    triggers: &'static [&'static str],
    build: Build,
}

const MONTH_TRIGGERS: &[&str] =
    &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const JAPANESE_TRIGGERS: &[&str] = &["年", "期"];

fn pattern(re: &str, build: Build) -> Pattern {
    let triggers: &'static [&'static str] = if re.contains("{M}") {
        MONTH_TRIGGERS
    } else if re.contains('年') || re.contains('期') {
        JAPANESE_TRIGGERS
    } else {
        trigger_words(re)
    };
    let source = format!("(?i){}", re.replace("{M}", MONTHS).replace("{D}", D));
    Pattern { regex: Regex::new(&source).expect("static date regex"), triggers, build }
}

/// The literal words that announce the English patterns without month names.
fn trigger_words(re: &str) -> &'static [&'static str] {
    const GROUPS: &[(&str, &[&str])] = &[
        ("quarter", &["quarter"]),
        ("half", &["half"]),
        ("within", &["within", "later than", "first year"]),
        ("fiscal", &["fy", "fiscal"]),
        (
            "early",
            &[
                "early",
                "late",
                "mid",
                "end",
                "beginning",
                "start",
                "spring",
                "summer",
                "autumn",
                "fall",
                "winter",
            ],
        ),
        ("coming", &["year"]),
        ("h([12])", &["h1", "h2"]),
        ("q([1-4])", &["q"]),
    ];
    GROUPS.iter().find(|(key, _)| re.contains(key)).map_or(&[], |(_, words)| words)
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // 16 January 2024, 4th May 2022
        pattern(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+{M}\s*,?\s+(\d{4})\b", |c, _| {
            Some((Period::day(year(&c[3])?, month(&c[2])?, c[1].parse().ok()?)?, false))
        }),
        // January 16, 2024 / May 4 (Wed.), 2022
        pattern(r"\b{M}\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*\([a-z]{2,5}\.?\))?\s*,?\s+(\d{4})\b", |c, _| {
            Some((Period::day(year(&c[3])?, month(&c[1])?, c[2].parse().ok()?)?, false))
        }),
        // October 6 (Thu.) — the year is the document's
        pattern(r"\b{M}\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*\([a-z]{2,5}\.?\))?", |c, r| {
            let r = r?;
            Some((Period::day(r.year(), month(&c[1])?, c[2].parse().ok()?)?, true))
        }),
        // first quarter of 2024, Q1 2024, 2024 Q1
        pattern(
            r"\b(first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?:the\s+)?(?:year\s+|fy\s*)?(\d{4})\b",
            |c, _| Some((Period::quarter(year(&c[2])?, ordinal(&c[1], 4)?)?, false)),
        ),
        pattern(r"\bq([1-4])\s*(\d{4})\b|\b(\d{4})\s*-?q([1-4])\b", |c, _| {
            let (q, y) = match (c.get(1), c.get(2)) {
                (Some(q), Some(y)) => (q.as_str(), y.as_str()),
                _ => (c.get(4)?.as_str(), c.get(3)?.as_str()),
            };
            Some((Period::quarter(year(y)?, q.parse().ok()?)?, false))
        }),
        // first half of 2024, H2 2025
        pattern(r"\b(first|second|1st|2nd)\s+half\s+of\s+(?:the\s+)?(?:year\s+)?(\d{4})\b", |c, _| {
            Some((Period::half(year(&c[2])?, ordinal(&c[1], 2)?)?, false))
        }),
        pattern(r"\bh([12])\s*(\d{4})\b", |c, _| {
            Some((Period::half(year(&c[2])?, c[1].parse().ok()?)?, false))
        }),
        // early 2024, late 2025, mid-2024, by the end of 2024
        pattern(
            r"\b(early|late|mid|end\s+of|end|beginning\s+of|start\s+of|spring|summer|autumn|fall|winter)[\s-]+(?:of\s+)?(\d{4})\b",
            |c, _| {
                let y = year(&c[2])?;
                let word = c[1].to_ascii_lowercase();
                let period = match word.split_whitespace().next().unwrap_or("") {
                    "early" | "beginning" | "start" | "spring" => Period::half(y, 1)?,
                    // "by the end of 2024" is a deadline: the year itself.
                    "end" => Period::Year(y),
                    "late" | "autumn" | "fall" | "winter" => Period::half(y, 2)?,
                    "summer" => Period::quarter(y, 3)?,
                    // "by mid-2024": the middle of the year, June.
                    "mid" => Period::month(y, 6)?,
                    _ => Period::Year(y),
                };
                Some((period, false))
            },
        ),
        // March 2024
        pattern(r"\b{M}\s+(?:of\s+)?(\d{4})\b", |c, _| {
            Some((Period::month(year(&c[2])?, month(&c[1])?)?, false))
        }),
        // FY2024, fiscal year 2024
        pattern(r"\b(?:fy\s*|fiscal\s+year\s+)(\d{4})\b", |c, _| {
            Some((Period::FiscalYear(year(&c[1])?), false))
        }),
        // in the coming year, next year, this year, last year
        pattern(
            r"\b(?:in\s+|over\s+|during\s+)?the\s+(?:coming|next|year\s+ahead|following)\s+(?:year|twelve\s+months|12\s+months)?|\bthe\s+year\s+ahead\b|\bnext\s+year\b|\b(?:later\s+)?this\s+year\b|\blast\s+year\b|\bby\s+the\s+end\s+of\s+the\s+year\b",
            |c, r| {
                let r = r?;
                let text = c[0].to_ascii_lowercase();
                let y = if text.contains("last") {
                    r.year() - 1
                } else if text.contains("this") || text.contains("end of the year") {
                    r.year()
                } else if text.contains("next year") {
                    r.year() + 1
                } else if text.contains("coming")
                    || text.contains("ahead")
                    || text.contains("next")
                    || text.contains("following")
                {
                    // "the coming year" from January means this calendar year; from the autumn, the next.
                    if u8::from(r.month()) <= 6 { r.year() } else { r.year() + 1 }
                } else {
                    return None;
                };
                Some((Period::Year(y), true))
            },
        ),
        // within twelve months, no later than twelve months after signature, in the first year
        // of the Partnership (all of the document)
        pattern(
            r"\b(?:within|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+next\s+)?(a|one|two|three|four|six|nine|twelve|eighteen|twenty-four|\d{1,2})\s+(months?|years?)\b|\b(?:in|during|within)\s+(?:the|its)\s+(first\s+year)\b",
            |c, r| {
                let r = r?;
                if c.get(3).is_some() {
                    let total = r.year() * 12 + i32::from(u8::from(r.month())) - 1 + 12;
                    return Some((
                        Period::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)?,
                        true,
                    ));
                }
                let n: i32 = match c[1].to_ascii_lowercase().as_str() {
                    "a" | "one" => 1,
                    "two" => 2,
                    "three" => 3,
                    "four" => 4,
                    "six" => 6,
                    "nine" => 9,
                    "twelve" => 12,
                    "eighteen" => 18,
                    "twenty-four" => 24,
                    n => n.parse().ok()?,
                };
                let months = if c[2].to_ascii_lowercase().starts_with("year") { n * 12 } else { n };
                let total = r.year() * 12 + i32::from(u8::from(r.month())) - 1 + months;
                Some((Period::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)?, true))
            },
        ),
        // last November, next March
        pattern(r"\b(last|next|this)\s+{M}\b", |c, r| {
            let r = r?;
            let m = month(&c[2])?;
            let current = u8::from(r.month());
            let y = match c[1].to_ascii_lowercase().as_str() {
                "last" => {
                    if m < current {
                        r.year()
                    } else {
                        r.year() - 1
                    }
                }
                "next" => {
                    if m > current {
                        r.year()
                    } else {
                        r.year() + 1
                    }
                }
                _ => r.year(),
            };
            Some((Period::month(y, m)?, true))
        }),
        // Japanese: 2024年1月16日, 令和6年1月16日, 2024年3月, 令和6年度, 2024年度, 2024年
        pattern(r"(令和|平成)?({D}{1,4}|元)年({D}{1,2})月({D}{1,2})日", |c, _| {
            Some((Period::day(jp_year(c.get(1), &c[2])?, jp_num(&c[3])?, jp_num(&c[4])?)?, false))
        }),
        pattern(r"(令和|平成)?({D}{1,4}|元)年({D}{1,2})月", |c, _| {
            Some((Period::month(jp_year(c.get(1), &c[2])?, jp_num(&c[3])?)?, false))
        }),
        pattern(
            r"(令和|平成)?({D}{1,4}|元)年度(?:の?第([1-4１-４一二三四])四半期)?",
            |c, _| {
                let fy = jp_year(c.get(1), &c[2])?;
                match c.get(3) {
                    // Fiscal quarters: Q1 is April–June.
                    Some(q) => {
                        let q = kanji_digit(q.as_str())?;
                        let (y, cal_q) = if q == 4 { (fy + 1, 1) } else { (fy, q + 1) };
                        Some((Period::quarter(y, cal_q)?, false))
                    }
                    None => Some((Period::FiscalYear(fy), false)),
                }
            },
        ),
        pattern(
            r"(令和|平成)?({D}{1,4}|元)年(?:の?(上|下)半期|の?第([1-4１-４一二三四])四半期)?",
            |c, _| {
                let y = jp_year(c.get(1), &c[2])?;
                let period = if let Some(h) = c.get(3) {
                    Period::half(y, if h.as_str() == "上" { 1 } else { 2 })?
                } else if let Some(q) = c.get(4) {
                    Period::quarter(y, kanji_digit(q.as_str())?)?
                } else {
                    Period::Year(y)
                };
                Some((period, false))
            },
        ),
        pattern(
            r"年度内|今年度|本年度|来年度|年内|今年|本年|来年|昨年|上半期|下半期",
            |c, r| {
                let r = r?;
                let fiscal = if u8::from(r.month()) >= 4 { r.year() } else { r.year() - 1 };
                let period = match &c[0] {
                    "年度内" | "今年度" | "本年度" => Period::FiscalYear(fiscal),
                    "来年度" => Period::FiscalYear(fiscal + 1),
                    "年内" | "今年" | "本年" => Period::Year(r.year()),
                    "来年" => Period::Year(r.year() + 1),
                    "昨年" => Period::Year(r.year() - 1),
                    "上半期" => Period::half(r.year(), 1)?,
                    _ => Period::half(r.year(), 2)?,
                };
                Some((period, true))
            },
        ),
        // A bare year: "in 2025", "the 2023 UN IGF"
        pattern(r"(?:^|[^0-9a-z/.\-])((?:19|20)\d{2})(?:$|[^0-9a-z/%\-])", |c, _| {
            Some((Period::Year(year(&c[1])?), false))
        }),
    ]
});

fn year(s: &str) -> Option<i32> {
    let y: i32 = fold_digits(s).parse().ok()?;
    (1900..=2199).contains(&y).then_some(y)
}

fn month(s: &str) -> Option<u8> {
    let s = s.to_ascii_lowercase();
    let m = match s.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn ordinal(s: &str, last: u8) -> Option<u8> {
    Some(match s.to_ascii_lowercase().as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "final" | "last" => last,
        _ => return None,
    })
    .filter(|&n| n <= last)
}

fn jp_num(s: &str) -> Option<u8> {
    fold_digits(s).parse().ok()
}

fn kanji_digit(s: &str) -> Option<u8> {
    match s {
        "一" => Some(1),
        "二" => Some(2),
        "三" => Some(3),
        "四" => Some(4),
        other => jp_num(other),
    }
}

/// Western year from an optional era name: 令和1 (元) = 2019, 平成1 = 1989.
fn jp_year(era: Option<regex::Match<'_>>, n: &str) -> Option<i32> {
    let n: i32 = if n == "元" { 1 } else { fold_digits(n).parse().ok()? };
    match era.map(|e| e.as_str()) {
        Some("令和") => Some(2018 + n),
        Some("平成") => Some(1988 + n),
        _ => (1900..=2199).contains(&n).then_some(n),
    }
}

/// Every date or period in `text`, left to right, without overlaps (the most specific
/// expression wins where two overlap). `reference` is the document's date, for relative
/// expressions.
pub fn find(text: &str, reference: Option<Date>) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    let cheap_reject = !text.bytes().any(|b| b.is_ascii_digit())
        && !text.contains(['年', '期', '０', '１', '２'])
        && !contains_relative_word(text);
    if cheap_reject {
        return found;
    }
    let lower: std::borrow::Cow<'_, str> =
        if text.chars().any(char::is_uppercase) { text.to_lowercase().into() } else { text.into() };
    for p in PATTERNS.iter().filter(|p| p.triggers.is_empty() || p.triggers.iter().any(|t| lower.contains(t)))
    {
        for c in p.regex.captures_iter(text) {
            let whole = c.get(0).expect("group 0");
            // The bare-year pattern captures its delimiters; keep only the year.
            let span = if c.len() == 2 && c.get(1).is_some_and(|m| m.as_str().len() == 4) {
                let m = c.get(1).expect("checked");
                m.start()..m.end()
            } else {
                whole.start()..whole.end()
            };
            if found.iter().any(|f| f.span.start < span.end && span.start < f.span.end) {
                continue;
            }
            if let Some((period, relative)) = (p.build)(&c, reference) {
                found.push(DateMention { span, period, relative });
            }
        }
    }
    found.sort_by_key(|m| m.span.start);
    found
}

fn contains_relative_word(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["year", "last ", "next ", "this ", "month"].iter().any(|w| lower.contains(w))
        || text.contains("年")
        || text.contains("半期")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn periods(text: &str, reference: Option<Date>) -> Vec<String> {
        find(text, reference).into_iter().map(|m| m.period.to_string()).collect()
    }

    #[test]
    fn english_dates_at_their_precision() {
        assert_eq!(periods("On January 16, 2024, the Council met.", None), ["2024-01-16"]);
        assert_eq!(periods("took place on 19 November 2024.", None), ["2024-11-19"]);
        assert_eq!(periods("their joint commitment of 4th May 2022", None), ["2022-05-04"]);
        assert_eq!(periods("launched on May 4 (Wed.), 2022, through", None), ["2022-05-04"]);
        assert_eq!(periods("was held in March 2024, and", None), ["2024-03"]);
        assert_eq!(periods("holding the workshop in the first quarter of 2024.", None), ["2024-Q1"]);
        assert_eq!(periods("a joint bilateral project in early 2024.", None), ["2024-H1"]);
        assert_eq!(periods("through a workshop in 2025 and", None), ["2025"]);
        assert_eq!(periods("ahead of the 2023 UN IGF", None), ["2023"]);
        assert_eq!(periods("by the end of 2024", None), ["2024"]);
        assert_eq!(periods("Timeframe: By end-2024", None), ["2024"]);
        assert_eq!(periods("by mid-2024", None), ["2024-06"]);
        assert_eq!(periods("in late 2024", None), ["2024-H2"]);
        assert_eq!(periods("Q3 2025 and FY2024", None), ["2025-Q3", "FY2024"]);
    }

    #[test]
    fn relative_expressions_need_the_document_date() {
        let jan = Some(date!(2025 - 01 - 22));
        assert_eq!(periods("In the coming year, both will", jan), ["2025"]);
        assert_eq!(periods("In the coming year, both will", Some(date!(2024 - 10 - 01))), ["2025"]);
        assert_eq!(periods("hosted by the UK last November", Some(date!(2024 - 01 - 16))), ["2023-11"]);
        assert_eq!(periods("On October 6 (Thu.), the", Some(date!(2022 - 10 - 07))), ["2022-10-06"]);
        assert!(periods("In the coming year, both will", None).is_empty());
        assert_eq!(periods("next year", jan), ["2026"]);
        assert_eq!(periods("within twelve months of signature", Some(date!(2023 - 06 - 14))), ["2024-06"]);
        assert_eq!(periods("within 18 months", Some(date!(2023 - 11 - 02))), ["2025-05"]);
        let signed = Some(date!(2023 - 11 - 21));
        assert_eq!(
            periods("no later than twelve months after this framework is signed", signed),
            ["2024-11"]
        );
        assert_eq!(periods("will be set up in the first year of the Partnership", signed), ["2024-11"]);
        assert!(periods("the first years of cooperation", signed).is_empty());
    }

    #[test]
    fn no_false_years() {
        assert!(periods("Beyond 5G/6G and 89 km, 1 millisecond, £406 billion", None).is_empty());
        assert!(periods("page22_003344 and 20220505001", None).is_empty());
        assert!(periods("ISO/IEC 27001:2013", None).iter().all(|p| p == "2013"));
    }

    #[test]
    fn japanese_dates() {
        let r = Some(date!(2024 - 01 - 16));
        assert_eq!(periods("2024年1月16日に開催した", None), ["2024-01-16"]);
        assert_eq!(periods("令和６年１月１６日", None), ["2024-01-16"]);
        assert_eq!(periods("令和元年5月1日", None), ["2019-05-01"]);
        assert_eq!(periods("2024年3月に開催", None), ["2024-03"]);
        assert_eq!(periods("令和6年度中に", None), ["FY2024"]);
        assert_eq!(periods("2024年度第1四半期", None), ["2024-Q2"]);
        assert_eq!(periods("2024年の第１四半期に", None), ["2024-Q1"]);
        assert_eq!(periods("2025年上半期", None), ["2025-H1"]);
        assert_eq!(periods("年内に実施する", r), ["2024"]);
        assert_eq!(periods("年度内に", r), ["FY2023"]);
    }
}
