//! Sentence boundaries in English and Japanese text.

use std::ops::Range;

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "eg", "ie", "co", "ltd",
    "inc", "corp", "dept", "gov", "govt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx",
    "fig", "para", "art", "cf", "al", "u.k", "u.s", "rt", "hon",
];

/// Splits `text` into sentence byte ranges (trimmed, never empty). Japanese sentences end at
/// 。！？ with no following space; English at `.`, `!` or `?` followed by a space and a capital,
/// digit, quote or bracket, unless the word before is an abbreviation or an initial.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => ends_english_sentence(text, bytes, i, end),
            _ => false,
        };
        if boundary {
            // Keep closing quotes and brackets with the sentence they close.
            let mut stop = end;
            for c2 in text[end..].chars() {
                if matches!(c2, '"' | '\'' | '”' | '’' | ')' | '」' | '』' | '）') {
                    stop += c2.len_utf8();
                } else {
                    break;
                }
            }
            push_trimmed(text, start..stop, &mut out);
            start = stop;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn ends_english_sentence(text: &str, bytes: &[u8], dot: usize, after: usize) -> bool {
    // The next non-quote character must be whitespace, then a sentence opener.
    let rest = &text[after..];
    let rest_trim = rest.trim_start_matches(['"', '\'', '”', '’', ')']);
    let Some(first) = rest_trim.chars().next() else { return false };
    if !first.is_whitespace() {
        return false;
    }
    let next = rest_trim.trim_start();
    let Some(opener) = next.chars().next() else { return false };
    if !(opener.is_uppercase()
        || opener.is_ascii_digit()
        || "\"“‘'(（「".contains(opener)
        || !opener.is_ascii())
    {
        return false;
    }
    if bytes[dot] != b'.' {
        return true;
    }
    // The word before the full stop.
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return false; // an initial: "J. Smith"
    }
    let lower = word.to_lowercase();
    !ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_english_sentences() {
        assert_eq!(
            sentences("Both will meet. They agreed (in 2024). Then 5G grew! Did it? Yes."),
            ["Both will meet.", "They agreed (in 2024).", "Then 5G grew!", "Did it?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            sentences("Mr. Tsuchida met Ms. Storey on October 6 (Thu.), and J. Smith said 3.5 m. Next one."),
            ["Mr. Tsuchida met Ms. Storey on October 6 (Thu.), and J. Smith said 3.5 m.", "Next one."]
        );
        assert_eq!(sentences("e.g. G7 and U.K. Government"), ["e.g. G7 and U.K. Government"]);
    }

    #[test]
    fn splits_japanese_sentences() {
        assert_eq!(
            sentences("両国は協力する。ワークショップを開催した！次は？"),
            ["両国は協力する。", "ワークショップを開催した！", "次は？"]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(sentences("They said “it will.” Then left."), ["They said “it will.”", "Then left."]);
    }
}
