//! A commitment's short title: the undertaking without who undertakes it, cut to a phrase a
//! briefing table can hold. The full text stays the record; this is only how a list names it.

/// Words that end the "who undertakes" part of an undertaking ("Both sides will", "The
/// Participants intend to"); what follows is what is undertaken.
const UNDERTAKING_MARKS: &[&str] = &[
    " will ",
    " shall ",
    " intend to ",
    " intends to ",
    " aim to ",
    " aims to ",
    " agreed to ",
    " decided to ",
    " are committed to ",
    " commit to ",
    " plan to ",
    " seek to ",
    " endeavour to ",
];

/// How far into the text the marks are looked for: beyond it the subject is a clause, not a name.
const SUBJECT_CHARS: usize = 70;
const MAX_WORDS: usize = 12;
/// Texts without spaces (Japanese) are cut by characters.
const MAX_CHARS: usize = 40;

/// "Both sides will hold a joint workshop on semiconductor supply chains, including …" →
/// "Hold a joint workshop on semiconductor supply chains".
pub fn short_title(text: &str) -> String {
    let text = text.trim();
    let head = text.char_indices().nth(SUBJECT_CHARS).map_or(text, |(i, _)| &text[..i]);
    let undertaken = UNDERTAKING_MARKS
        .iter()
        .filter_map(|m| head.find(m).map(|i| i + m.len()))
        .min()
        .map_or(text, |i| &text[i..]);
    let words: Vec<&str> = undertaken.split_whitespace().collect();
    let cut = if words.len() <= 1 {
        cut_chars(undertaken)
    } else if words.len() <= MAX_WORDS {
        words.join(" ")
    } else {
        // A clause boundary after the fifth word reads better than a cut mid-phrase.
        let end = (5..MAX_WORDS)
            .find(|&i| {
                words[i - 1].ends_with([',', ';', ':']) || matches!(words[i], "including" | "such" | "in")
            })
            .unwrap_or(MAX_WORDS);
        let mut out = words[..end].join(" ");
        out = out.trim_end_matches([',', ';', ':']).to_owned();
        out.push('…');
        out
    };
    capitalised(cut.trim_end_matches('.'))
}

/// Which of its body's meetings a title names: "Second Ministerial … Council" → 2, "8th Cyber
/// Dialogue" → 8, "第3回…" → 3; `None` when it names no number.
pub fn meeting_number(title: &str) -> Option<u32> {
    const WORDS: [&str; 10] =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    if let Some(rest) = title.split('第').nth(1) {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if rest[digits.len()..].starts_with('回') {
            return digits.parse().ok();
        }
    }
    title.split_whitespace().find_map(|word| {
        let word = word.to_lowercase();
        if let Some(at) = WORDS.iter().position(|w| *w == word || word == "inaugural" && *w == "first") {
            return Some(at as u32 + 1);
        }
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &word[digits.len()..];
        (!digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th"))
            .then(|| digits.parse().ok())
            .flatten()
    })
}

/// A meeting's Japanese title: its own, else its body's Japanese name when the meeting has no
/// title of its own (an English title is never replaced by a mere body name).
pub fn meeting_title_ja(
    title: Option<&str>,
    title_ja: Option<&str>,
    body_ja: Option<&str>,
) -> Option<String> {
    title_ja.or(body_ja.filter(|_| title.is_none())).map(str::to_owned)
}

fn cut_chars(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX_CHARS).collect();
    out.push('…');
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::short_title;

    #[test]
    fn the_undertaking_without_its_subject() {
        assert_eq!(
            short_title("Both sides will hold a workshop on data flows."),
            "Hold a workshop on data flows"
        );
        assert_eq!(
            short_title("The Participants intend to establish a Working Group on AI."),
            "Establish a Working Group on AI"
        );
    }

    #[test]
    fn long_undertakings_end_at_a_clause_or_twelve_words() {
        assert_eq!(
            short_title(
                "Both sides will cooperate on the security of supply chains for semiconductors, including through joint research and exchanges of experts."
            ),
            "Cooperate on the security of supply chains for semiconductors…"
        );
        let long = "We will work together to promote the development of interoperable standards for trustworthy artificial intelligence across the world";
        assert_eq!(short_title(long).split_whitespace().count(), 12);
        assert!(short_title(long).ends_with('…'));
    }

    #[test]
    fn a_modal_deep_in_a_clause_is_not_a_subject() {
        let text = "In light of the growing importance of resilient and diverse telecommunications supply chains for both economies, a study will be published.";
        assert!(short_title(text).starts_with("In light of"), "{}", short_title(text));
    }

    #[test]
    fn meetings_are_numbered_by_their_titles() {
        use super::meeting_number;
        assert_eq!(meeting_number("Second Ministerial Japan-UK Digital Partnership Council"), Some(2));
        assert_eq!(meeting_number("8th Japan-UK Cyber Dialogue"), Some(8));
        assert_eq!(meeting_number("第3回日英デジタルパートナーシップ政務級会合"), Some(3));
        assert_eq!(meeting_number("Inaugural meeting of the Group"), Some(1));
        assert_eq!(meeting_number("UK-Japan Telecoms Policy Dialogue"), None);
        assert_eq!(meeting_number("Council of 2024"), None);
    }

    #[test]
    fn japanese_is_cut_by_characters() {
        let ja = "日英両国は半導体サプライチェーンの強靱化に関する共同ワークショップを二〇二四年第一四半期に開催し、その成果を公表する。";
        let title = short_title(ja);
        assert_eq!(title.chars().count(), 41);
        assert!(title.ends_with('…'));
    }
}
