//! Parallel versions: pairing the commitments of a document with those of its translation.
//!
//! Translations keep the numbering of the original (24 b. vi. is 24 b. vi. in Japanese too,
//! whatever its heading says), so commitments are paired by the numbers and list markers of
//! their anchors, with the heading words left out. Where numbering cannot tell two apart (an
//! unnumbered paragraph under a heading), the n-th such commitment pairs with the n-th, and
//! only when both versions have the same count of them.

use std::collections::HashMap;

use crate::analysis::CommitmentOut;
use crate::tokens::fold;

/// The part of an anchor a translation keeps: its numbers and list markers, with full-width
/// characters folded (`24 / Telecoms Diversification / b.vi` → `24/b.vi`; `１ / （２）` → `1/2`).
/// Empty when the anchor has no numbering (a paragraph under a heading).
pub fn numbering(anchor: &str) -> String {
    anchor
        .split(" / ")
        .map(|part| fold(part.trim()))
        .filter(|part| is_marker(part))
        .collect::<Vec<_>>()
        .join("/")
}

/// A list marker or paragraph number: digits, a letter or roman numeral, a circled number or a
/// katakana, optionally dotted (`24`, `b.vi`, `①`, `ア`); not a heading's words, not `¶3`.
fn is_marker(part: &str) -> bool {
    !part.is_empty()
        && part.chars().count() <= 12
        && part.split('.').all(|piece| {
            let n = piece.chars().count();
            (1..=4).contains(&n) && piece.chars().all(|c| c.is_ascii_digit())
                || n == 1
                    && piece.chars().all(|c| {
                        c.is_ascii_alphabetic() || ('①'..='⑳').contains(&c) || ('ア'..='ン').contains(&c)
                    })
                || (2..=6).contains(&n) && piece.chars().all(|c| "ivxlc".contains(c))
        })
}

/// Pairs of (original commitment id, translated commitment id).
pub fn align(original: &[CommitmentOut], translation: &[CommitmentOut]) -> Vec<(String, String)> {
    let mut by_number: HashMap<String, Vec<&CommitmentOut>> = HashMap::new();
    for c in translation {
        by_number.entry(numbering(&c.anchor)).or_default().push(c);
    }
    let mut pairs = Vec::new();
    let mut unnumbered_original = Vec::new();
    for c in original {
        let key = numbering(&c.anchor);
        if key.is_empty() {
            unnumbered_original.push(c);
            continue;
        }
        // Several commitments in one numbered item (two sentences) pair in order.
        let same = by_number.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        let nth = original.iter().filter(|o| numbering(&o.anchor) == key).position(|o| o.id == c.id);
        if let Some(t) = nth.and_then(|n| same.get(n)) {
            pairs.push((c.id.clone(), t.id.clone()));
        }
    }
    let unnumbered_translation = by_number.get("").map(Vec::as_slice).unwrap_or(&[]);
    if unnumbered_original.len() == unnumbered_translation.len() {
        pairs.extend(
            unnumbered_original.iter().zip(unnumbered_translation).map(|(o, t)| (o.id.clone(), t.id.clone())),
        );
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, Options, analyze};

    #[test]
    fn numbering_keeps_markers_and_drops_headings() {
        assert_eq!(numbering("24 / Telecoms Diversification / b.vi"), "24/b.vi");
        assert_eq!(numbering("24 / 通信の多様化 / b.vi"), "24/b.vi");
        assert_eq!(numbering("１ / ２"), "1/2");
        assert_eq!(numbering("Semiconductors / ¶3"), "");
        assert_eq!(numbering("1 / 1.1.ア"), "1/1.1.ア");
    }

    #[test]
    fn a_translation_pairs_item_by_item() {
        let english = "# Outcome\n\n## Semiconductors\n\n1. Both sides will promote cooperation on semiconductors.\n\n\
            2. Both sides will hold a workshop on Open RAN in 2025.\n\n## Data\n\nBoth sides will work together on data free flow with trust.\n";
        let japanese = "# 成果文書\n\n## 半導体\n\n１．両国は、半導体分野での協力を推進する。\n\n\
            ２．両国は、2025年にオープンRANに関するワークショップを開催する。\n\n## データ\n\n両国は、信頼性のある自由なデータ流通に向けて連携する。\n";
        let input = |name: &str, text: &'static str| Input {
            name: name.into(),
            bytes: text.as_bytes(),
            title: None,
            date: "2025-01-22".parse().ok(),
            language: None,
        };
        let a = analyze(&[input("en.md", english), input("ja.md", japanese)], &Options::default()).unwrap();
        let (en, ja): (Vec<_>, Vec<_>) =
            a.commitments.iter().cloned().partition(|c| c.document == a.documents[0].id);
        assert_eq!((en.len(), ja.len()), (3, 3));
        let pairs = align(&en, &ja);
        let text = |id: &str| a.commitments.iter().find(|c| c.id == id).unwrap().text.clone();
        let shown: Vec<(String, String)> = pairs.iter().map(|(o, t)| (text(o), text(t))).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[0].0.contains("semiconductors") && shown[0].1.contains("半導体"), "{shown:?}");
        assert!(shown[1].0.contains("Open RAN") && shown[1].1.contains("オープンRAN"), "{shown:?}");
        assert!(shown[2].0.contains("data") && shown[2].1.contains("データ"), "{shown:?}");
    }
}
