//! What one raw line of a document is: a heading, a list item with its marker, a footnote, a
//! contents entry, a rule or running text.

use std::sync::LazyLock;

use regex::Regex;

/// The numbering style of a list item or numbered paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// `24.` or `24)`: numbered paragraphs.
    Number,
    /// `(1)` / `（１）`.
    ParenNumber,
    /// `①`.
    Circled,
    Alpha,
    AlphaUpper,
    Roman,
    RomanUpper,
    /// `ア.` / `イ.`: Japanese iroha/katakana enumeration.
    Kana,
    /// `-`, `*`, `•` with no numbering.
    Bullet,
}

/// A list marker as written, e.g. `vi` or `b`; for bullets, empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    pub value: String,
}

/// A classified line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    Blank,
    /// `---`, `***`, `___`.
    Rule,
    Heading {
        level: u8,
        text: &'a str,
    },
    /// A table-of-contents entry ("Semiconductors ..... 2").
    Contents,
    /// A page number left by a page break ("12", "- 3 -", "Page 4 of 9").
    PageNumber,
    /// The start of a footnote: its number and the text after it.
    FootnoteStart {
        number: String,
        text: &'a str,
    },
    /// A bare URL line (part of a footnote when inside a footnote block).
    Url,
    Item {
        marker: Marker,
        text: &'a str,
    },
    Text(&'a str),
}

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)\s*#*\s*$").expect("static regex"));
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:-{3,}|\*{3,}|_{3,}|(?:- ){2,}-)$").expect("static regex"));
static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]:|(\d{1,3})\s+(?:<?https?://|www\.))\s*(.*)$")
        .expect("static regex")
});
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[<\[]?(?:https?://|www\.)\S*$").expect("static regex"));
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?$")
        .expect("static regex")
});
static CONTENTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.{3,}|…{2,}|\t)\s*\d{1,3}\s*$").expect("static regex"));
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-*+•●▪◦・]\s+)?(?:(\d{1,3})[.)．）]|[(（]([0-9０-９]{1,3})[)）]|([a-zA-Z]|[ivxlcIVXLC]{2,6})[.)．）]|[(（]([a-zA-Z]|[ivxlcIVXLC]{2,6})[)）]|([①-⑳])|([ア-ン])[.．、]|第(\d{1,3}))\s*(.*)$",
    )
    .expect("static regex")
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-*+•●▪◦・]\s+(.*)$").expect("static regex"));

/// Classifies one line (the caller strips nothing; indentation is ignored here).
pub fn classify(raw: &str) -> Line<'_> {
    let t = raw.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    let first = t.as_bytes()[0];
    if matches!(first, b'-' | b'*' | b'_') && RULE.is_match(t) {
        return Line::Rule;
    }
    if first == b'#'
        && let Some(c) = HEADING.captures(t)
    {
        let level = c[1].len() as u8;
        let text = c.get(2).map_or("", |m| m.as_str());
        return Line::Heading { level, text };
    }
    if (matches!(first, b'<' | b'[') || first.is_ascii_digit())
        && let Some(c) = FOOTNOTE.captures(t)
    {
        let number = c.get(1).or(c.get(2)).or(c.get(3)).map_or("", |m| m.as_str()).to_owned();
        // "1 https://…" keeps its URL as text.
        let text =
            if c.get(3).is_some() { t[c[3].len()..].trim() } else { c.get(4).map_or("", |m| m.as_str()) };
        return Line::FootnoteStart { number, text };
    }
    if matches!(first, b'<' | b'[' | b'h' | b'w') && URL.is_match(t) {
        return Line::Url;
    }
    if t.len() <= 20 && PAGE_NUMBER.is_match(t) {
        return Line::PageNumber;
    }
    if (t.contains("...") || t.contains('…') || t.contains('\t'))
        && CONTENTS.is_match(t)
        && t.chars().filter(|c| c.is_alphabetic()).count() < 120
    {
        return Line::Contents;
    }
    if let Some((marker, consumed)) = item_marker(t) {
        let text = t[consumed..].trim_start();
        if !text.is_empty() {
            return Line::Item { marker, text };
        }
    }
    Line::Text(t)
}

/// Recognises a list marker at the start of `t`; returns it and the bytes it takes in `t`.
fn item_marker(t: &str) -> Option<(Marker, usize)> {
    if let Some(c) = ITEM.captures(t) {
        let text_start = c.get(8).map_or(t.len(), |m| m.start());
        let (kind, value) = if let Some(m) = c.get(1) {
            (MarkerKind::Number, fold_digits(m.as_str()))
        } else if let Some(m) = c.get(2) {
            (MarkerKind::ParenNumber, fold_digits(m.as_str()))
        } else if let Some(m) = c.get(3).or(c.get(4)) {
            let v = m.as_str();
            let upper = v.chars().all(|ch| ch.is_ascii_uppercase());
            let kind = match (v.len() > 1, upper) {
                (true, false) => MarkerKind::Roman,
                (true, true) => MarkerKind::RomanUpper,
                (false, false) => MarkerKind::Alpha,
                (false, true) => MarkerKind::AlphaUpper,
            };
            (kind, v.to_owned())
        } else if let Some(m) = c.get(5) {
            let n = m.as_str().chars().next().map_or(1, |ch| ch as u32 - '①' as u32 + 1);
            (MarkerKind::Circled, n.to_string())
        } else if let Some(m) = c.get(6) {
            (MarkerKind::Kana, m.as_str().to_owned())
        } else if let Some(m) = c.get(7) {
            (MarkerKind::ParenNumber, fold_digits(m.as_str()))
        } else {
            return None;
        };
        // "I. " with no further structure is more often a pronoun than a numeral.
        if value == "I" && t[text_start..].starts_with(|ch: char| ch.is_lowercase()) {
            return None;
        }
        return Some((Marker { kind, value }, text_start));
    }
    // Full-width digits ("１．") — the regex sees ASCII only for the number forms.
    let first: Vec<char> = t.chars().take(4).collect();
    let digits: String = first.iter().take_while(|c| ('０'..='９').contains(c)).collect();
    if !digits.is_empty() {
        let after = first.get(digits.chars().count()).copied();
        if matches!(after, Some('．' | '.' | '）' | ')' | '、')) {
            let consumed: usize =
                digits.chars().map(char::len_utf8).sum::<usize>() + after.map_or(0, char::len_utf8);
            return Some((Marker { kind: MarkerKind::Number, value: fold_digits(&digits) }, consumed));
        }
    }
    if let Some(c) = BULLET.captures(t) {
        let start = c.get(1).map_or(t.len(), |m| m.start());
        return Some((Marker { kind: MarkerKind::Bullet, value: String::new() }, start));
    }
    None
}

/// `２４` → `24`.
pub fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c }
        })
        .collect()
}

/// Roman numeral value (lower or upper case), if `s` is one.
pub fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            'd' => 500,
            'm' => 1000,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(line: &str) -> (MarkerKind, String, &str) {
        match classify(line) {
            Line::Item { marker, text } => (marker.kind, marker.value, text),
            other => panic!("{line:?} → {other:?}"),
        }
    }

    #[test]
    fn recognises_markers() {
        assert_eq!(item("24. This Partnership"), (MarkerKind::Number, "24".into(), "This Partnership"));
        assert_eq!(item("  - b. Both Participants"), (MarkerKind::Alpha, "b".into(), "Both Participants"));
        assert_eq!(item("    - vi. Develop joint"), (MarkerKind::Roman, "vi".into(), "Develop joint"));
        assert_eq!(item("(c) Third"), (MarkerKind::Alpha, "c".into(), "Third"));
        assert_eq!(item("- redefining the way"), (MarkerKind::Bullet, String::new(), "redefining the way"));
        assert_eq!(item("（１）半導体"), (MarkerKind::ParenNumber, "1".into(), "半導体"));
        assert_eq!(item("１．デジタル"), (MarkerKind::Number, "1".into(), "デジタル"));
        assert_eq!(item("② 協力"), (MarkerKind::Circled, "2".into(), "協力"));
        assert_eq!(item("ア．データ"), (MarkerKind::Kana, "ア".into(), "データ"));
    }

    #[test]
    fn recognises_other_lines() {
        assert_eq!(classify("   "), Line::Blank);
        assert_eq!(classify("---"), Line::Rule);
        assert_eq!(
            classify("### **Semiconductors**"),
            Line::Heading { level: 3, text: "**Semiconductors**" }
        );
        assert_eq!(classify("Semiconductors .....\t2"), Line::Contents);
        assert_eq!(
            classify("<sup>4</sup> <https://www.gov.uk/x>"),
            Line::FootnoteStart { number: "4".into(), text: "<https://www.gov.uk/x>" }
        );
        assert_eq!(classify("<https://www.digital.go.jp/news/x/>"), Line::Url);
        assert_eq!(classify("I. think so"), Line::Text("I. think so"));
        assert_eq!(classify("                1"), Line::PageNumber);
        assert_eq!(classify("\u{c}- 12 -"), Line::PageNumber);
        assert_eq!(classify("Page 3 of 10"), Line::PageNumber);
        assert_eq!(classify("Both Participants will"), Line::Text("Both Participants will"));
    }

    #[test]
    fn roman_values() {
        assert_eq!(roman_value("viii"), Some(8));
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("b"), None);
    }
}
