//! The words two texts share, as search matches them (stems; Japanese character pairs), for
//! marking them where a reviewer reads the two side by side.

use std::collections::HashSet;
use std::ops::Range;

use tantivy::tokenizer::TokenStream;

/// Words too common in the genre to say why two texts belong together (as stems: "cooper" is
/// cooperation and cooperative).
const COMMON: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "will",
    "both",
    "that",
    "this",
    "their",
    "have",
    "has",
    "from",
    "which",
    "such",
    "includ",
    "particip",
    "side",
    "sides",
    "its",
    "are",
    "was",
    "were",
    "been",
    "other",
    "each",
    "also",
    "through",
    "between",
    "into",
    "more",
    "under",
    "part",
    "work",
    "cooper",
    "collabor",
    "enhanc",
    "strengthen",
    "promot",
    "support",
    "further",
    "signific",
    "first",
    "second",
    "third",
    "joint",
    "digit",
    "partnership",
];

/// Where `a` and `b` use the same word: byte ranges of each, in order.
pub fn shared_words(a: &str, b: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (words_a, words_b) = (words(a), words(b));
    let stems = |words: &[(String, Range<usize>)]| -> HashSet<String> {
        words.iter().map(|(stem, _)| stem.clone()).collect()
    };
    let (in_a, in_b) = (stems(&words_a), stems(&words_b));
    let marked = |words: Vec<(String, Range<usize>)>, other: &HashSet<String>| {
        words.into_iter().filter(|(stem, _)| other.contains(stem)).map(|(_, at)| at).collect()
    };
    (marked(words_a, &in_b), marked(words_b, &in_a))
}

/// Each telling word of `text` with its stem.
fn words(text: &str) -> Vec<(String, Range<usize>)> {
    let mut analyzer = crate::analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        let stem = token.text.as_str();
        let latin = stem.is_ascii();
        if latin && (stem.len() < 3 || COMMON.contains(&stem) || stem.bytes().all(|c| c.is_ascii_digit())) {
            continue;
        }
        out.push((stem.to_owned(), token.offset_from..token.offset_to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_stems_are_marked_in_both_and_common_words_are_not() {
        let evidence = "The first semiconductor workshop was held in Tokyo to enhance cooperation";
        let commitment =
            "Both sides will hold a first workshop on semiconductors and enhance cooperative work";
        let (a, b) = shared_words(evidence, commitment);
        let words = |text: &str, at: &[Range<usize>]| {
            at.iter().map(|r| text[r.clone()].to_owned()).collect::<Vec<_>>()
        };
        assert_eq!(words(evidence, &a), ["semiconductor", "workshop"]);
        assert_eq!(words(commitment, &b), ["workshop", "semiconductors"]);
        let (a, _) = shared_words("半導体の協力を進めた", "半導体サプライチェーン");
        assert!(!a.is_empty(), "Japanese shares character pairs");
    }
}
