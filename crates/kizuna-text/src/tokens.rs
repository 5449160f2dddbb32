//! Words for matching: folded, stemmed, stop words removed, equivalent phrases reduced to one
//! concept, acronyms marked as named entities, Japanese as character bigrams.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::lexicon;
use crate::structure::is_cjk;

/// Finds phrases of a word list in [`fold`]ed text, on word boundaries (a phrase ending in `*`
/// matches a prefix).
pub struct PhraseMatcher {
    automaton: AhoCorasick,
    /// For each pattern: the group it belongs to and whether it is a prefix.
    patterns: Vec<(usize, bool)>,
}

impl PhraseMatcher {
    pub fn new<'a>(groups: impl IntoIterator<Item = &'a [&'a str]>) -> PhraseMatcher {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        for (group, words) in groups.into_iter().enumerate() {
            for w in words {
                let prefix = w.ends_with('*');
                phrases.push(fold(w.trim_end_matches('*')));
                patterns.push((group, prefix));
            }
        }
        // Patterns and haystacks are both folded, so matching is exact and a DFA pays off.
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("word lists build an automaton");
        PhraseMatcher { automaton, patterns }
    }

    /// The groups found in `folded` (text passed through [`fold`]), in order, with their byte
    /// offsets.
    pub fn find(&self, folded: &str) -> Vec<(usize, usize)> {
        self.find_spans(folded).into_iter().map(|(g, span)| (g, span.start)).collect()
    }

    /// Like [`PhraseMatcher::find`], with each match's byte range.
    pub fn find_spans(&self, folded: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let bytes = folded.as_bytes();
        let mut out = Vec::new();
        for m in self.automaton.find_iter(folded) {
            let (group, prefix) = self.patterns[m.pattern().as_usize()];
            let before_ok =
                m.start() == 0 || !is_word_byte(bytes[m.start() - 1]) || !is_word_byte(bytes[m.start()]);
            let after_ok = prefix
                || m.end() == bytes.len()
                || !is_word_byte(bytes[m.end()])
                || !is_word_byte(bytes[m.end() - 1]);
            if before_ok && after_ok {
                out.push((group, m.start()..m.end()));
            }
        }
        out
    }

    pub fn contains(&self, folded: &str) -> bool {
        !self.find(folded).is_empty()
    }
}

/// Where `word` stands in `text` as a whole word ("not" in "did not", never in "cannot"): its
/// byte offsets.
pub fn whole_words<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word).map(|(at, _)| at).filter(move |&at| {
        apart(text[..at].chars().next_back()) && apart(text[at + word.len()..].chars().next())
    })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Lower case, width-folded (ＡＢ１ → ab1), quotes straightened.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let ascii = text.is_ascii();
    let chars: Box<dyn Iterator<Item = char>> =
        if ascii { Box::new(text.chars()) } else { Box::new(text.nfkc()) };
    for c in chars {
        match c {
            '‘' | '’' | '`' | '´' => out.push('\''),
            '“' | '”' => out.push('"'),
            '–' | '—' | '‐' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static CONCEPTS: LazyLock<PhraseMatcher> =
    LazyLock::new(|| PhraseMatcher::new(lexicon::EQUIVALENCES.iter().map(|(_, w)| *w)));
static CONCEPT_TOKENS: LazyLock<Vec<String>> =
    LazyLock::new(|| lexicon::EQUIVALENCES.iter().map(|(name, _)| format!("#{name}")).collect());
static STOP: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| lexicon::STOP_WORDS.iter().copied().collect());

/// The matching terms of a text.
pub fn terms(text: &str) -> Vec<String> {
    terms_of(text, &fold(text))
}

/// The matching terms of `folded` (a [`fold`]ed copy of `original`, perhaps with some words
/// blanked out); `original` is read for acronyms, which folding loses.
pub fn terms_of(original: &str, folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (group, _) in CONCEPTS.find(folded) {
        out.push(CONCEPT_TOKENS[group].clone());
    }
    // Acronyms as written ("JST", "IOWN", "G7") are named entities: they count twice.
    for word in original.split(|c: char| !c.is_alphanumeric()) {
        let upper = word.bytes().filter(u8::is_ascii_uppercase).count();
        if upper >= 2 && word.len() <= 8 && word.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            let lower = word.to_ascii_lowercase();
            if folded.contains(&lower) {
                out.push(format!("!{lower}"));
            }
        }
    }
    out.extend(year_spans(folded));
    let mut cjk_run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for pair in run.windows(2) {
            out.push(pair.iter().collect());
        }
        run.clear();
    };
    for word in folded.split(|c: char| !(c.is_alphanumeric() || c == '&')) {
        if word.is_empty() {
            continue;
        }
        if word.chars().any(is_cjk) {
            for c in word.chars() {
                if is_cjk(c) {
                    cjk_run.push(c);
                } else {
                    flush(&mut cjk_run, &mut out);
                }
            }
            flush(&mut cjk_run, &mut out);
            continue;
        }
        if STOP.contains(word) || word.chars().all(|c| c.is_ascii_digit()) || word.len() < 2 {
            continue;
        }
        out.push(stem(word));
    }
    out
}

/// Spans of years ("the work plan for 2025–2026", "2024-26"): lone numbers are no terms, but a
/// span names one plan or programme among others.
fn year_spans(folded: &str) -> impl Iterator<Item = String> + '_ {
    let b = folded.as_bytes();
    let digits = |at: usize, n: usize| at + n <= b.len() && b[at..at + n].iter().all(u8::is_ascii_digit);
    let boundary = |at: usize| at >= b.len() || !b[at].is_ascii_alphanumeric();
    (0..b.len()).filter_map(move |at| {
        let starts = (at == 0 || !b[at - 1].is_ascii_alphanumeric()) && digits(at, 4);
        if !starts || b.get(at + 4) != Some(&b'-') {
            return None;
        }
        let end = if digits(at + 5, 4) && boundary(at + 9) {
            at + 9
        } else if digits(at + 5, 2) && boundary(at + 7) {
            at + 7
        } else {
            return None;
        };
        let to = &folded[at + 5..end];
        let to = if to.len() == 2 { format!("{}{to}", &folded[at..at + 2]) } else { to.to_owned() };
        Some(format!("~{}-{to}", &folded[at..at + 4]))
    })
}

thread_local! {
    /// Stems of words seen so far: a document repeats its vocabulary, and stemming is the
    /// costliest step of matching. Bounded; a pure cache, so results never depend on it.
    static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> = Default::default();
}

/// British and American spellings meet, then Snowball stems.
fn stem(word: &str) -> String {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word) {
            return stem.clone();
        }
        if cache.len() > 200_000 {
            cache.clear();
        }
        let stem = stem_uncached(word);
        cache.insert(word.to_owned(), stem.clone());
        stem
    })
}

fn stem_uncached(word: &str) -> String {
    let spelled = if let Some(base) = word.strip_suffix("isation") {
        format!("{base}ization")
    } else if let Some(base) = word.strip_suffix("isations") {
        format!("{base}izations")
    } else if let Some(base) =
        word.strip_suffix("ise").or_else(|| word.strip_suffix("ised")).or_else(|| word.strip_suffix("ising"))
    {
        if base.len() >= 4 { format!("{base}ize") } else { word.to_owned() }
    } else {
        match word {
            "centre" | "centres" => "center".to_owned(),
            "programme" | "programmes" => "program".to_owned(),
            "labour" => "labor".to_owned(),
            _ => word.to_owned(),
        }
    };
    STEMMER.stem(&spelled).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_of_years_is_a_term() {
        assert!(terms("the joint work plan for 2025–2026").contains(&"~2025-2026".to_string()));
        assert!(terms("a work programme for 2025-26").contains(&"~2025-2026".to_string()));
        assert!(!terms("in 2025, and 2026").iter().any(|t| t.starts_with('~')));
        assert!(!terms("ISO/IEC 27001-2022x").iter().any(|t| t.starts_with('~')));
    }

    #[test]
    fn equivalent_phrases_share_a_concept() {
        let a = terms("the first Semiconductor Partnership Stakeholder Roundtable was held");
        let b = terms("concurred in holding the workshop in the first quarter");
        assert!(a.contains(&"#workshop".to_string()) && b.contains(&"#workshop".to_string()));
        assert!(terms("integrating Open RAN solutions").contains(&"#diversity".to_string()));
        assert!(terms("Increase vendor diversity in 5G").contains(&"#diversity".to_string()));
        assert!(terms("joint R&D initiatives").contains(&"#research".to_string()));
    }

    #[test]
    fn spelling_and_inflection_meet() {
        assert_eq!(terms("standardisation"), terms("standardization"));
        assert_eq!(terms("organisations"), terms("organizations"));
        assert_eq!(terms("data centres"), terms("data centers"));
        assert_eq!(terms("semiconductors"), terms("semiconductor"));
    }

    #[test]
    fn acronyms_are_entities_and_stop_words_go() {
        let t = terms("UKRI and the JST will fund it");
        assert!(t.contains(&"!ukri".to_string()) && t.contains(&"!jst".to_string()));
        assert!(!t.iter().any(|w| w == "the" || w == "will" || w == "and"));
    }

    #[test]
    fn japanese_becomes_bigrams() {
        let t = terms("半導体の協力");
        assert!(t.contains(&"半導".to_string()) && t.contains(&"導体".to_string()));
    }

    #[test]
    fn phrases_respect_word_boundaries() {
        let m = PhraseMatcher::new([&["ai"][..], &["semiconductor*"][..]]);
        assert!(m.find(&fold("maintain the chain")).is_empty());
        assert_eq!(m.find(&fold("on AI and semiconductors")).iter().map(|x| x.0).collect::<Vec<_>>(), [0, 1]);
    }
}
