//! Inline clean-up of one line of Markdown-ish text: emphasis, links, footnote markers and
//! whitespace, keeping the words exactly as written.

use std::sync::LazyLock;

use regex::Regex;

static FOOTNOTE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup>\s*\[?\d{1,3}\]?\s*</sup>|\[\^\d{1,3}\]").expect("static regex"));
static SUP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?sup>").expect("static regex"));
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?|mailto):[^>\s]+)>").expect("static regex"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+[^)]*)?\)").expect("static regex"));
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>").expect("static regex"));
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\+([\\`*_{}\[\]()#+\-.!|<>~])").expect("static regex"));
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*]+?)\*\*|__([^_]+?)__").expect("static regex"));
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(])[*_]([^*_\s][^*_]*?)[*_]([\s).,;:!?]|$)").expect("static regex"));

/// A line with its Markdown removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanLine {
    pub text: String,
    /// Length in bytes of a bold lead label such as "Championing Data Flows: ", if the line
    /// starts with one.
    pub label_len: usize,
    /// The whole line was bold (a heading written as emphasis).
    pub all_bold: bool,
}

/// Removes inline markup and folds whitespace.
pub fn clean(line: &str) -> CleanLine {
    let mut s = if line.contains("<sup") || line.contains("[^") {
        FOOTNOTE_MARK.replace_all(line, "").into_owned()
    } else {
        line.to_owned()
    };
    if s.contains("<sup") {
        s = SUP.replace_all(&s, "").into_owned();
    }
    if s.contains('<') {
        s = AUTOLINK.replace_all(&s, "$1").into_owned();
    }
    if s.contains("](") {
        s = LINK.replace_all(&s, "$1").into_owned();
    }
    if s.contains('<') {
        s = TAG.replace_all(&s, "").into_owned();
    }
    if s.contains('\\') {
        s = ESCAPE.replace_all(&s, "$1").into_owned();
    }
    let trimmed = s.trim();
    let all_bold = is_all_bold(trimmed);
    let label = bold_label(trimmed);
    if s.contains("**") || s.contains("__") {
        s = STRONG.replace_all(&s, "$1$2").into_owned();
    }
    if s.contains(['*', '_']) {
        s = EMPHASIS.replace_all(&s, "$1$2$3").into_owned();
    }
    let text = fold_whitespace(&s);
    let label_len = label
        .and_then(|l| {
            let l = fold_whitespace(&l);
            text.starts_with(&l).then(|| {
                let rest = &text[l.len()..];
                let colon = usize::from(rest.starts_with(':'));
                let space = rest[colon..].len() - rest[colon..].trim_start().len();
                l.len() + colon + space
            })
        })
        .unwrap_or(0);
    CleanLine { text, label_len, all_bold }
}

fn is_all_bold(s: &str) -> bool {
    let inner = s.strip_prefix("**").and_then(|r| r.strip_suffix("**"));
    matches!(inner, Some(i) if !i.is_empty() && !i.contains("**"))
}

/// "**Label:** text" or "**Label**: text" → "Label" (with its colon when inside the bold).
fn bold_label(s: &str) -> Option<String> {
    let rest = s.strip_prefix("**")?;
    let end = rest.find("**")?;
    let label = &rest[..end];
    let after = rest[end + 2..].trim_start();
    let has_colon = label.trim_end().ends_with(':') || after.starts_with(':');
    let words = label.split_whitespace().count();
    (has_colon && (1..=12).contains(&words) && !after.trim_start_matches(':').trim().is_empty())
        .then(|| label.to_owned())
}

/// Collapses runs of whitespace (including no-break spaces and tabs) to one space.
pub fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200B}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_footnote_markers_but_keeps_ordinals() {
        assert_eq!(clean("in 2019,<sup>1</sup> the CEPA<sup>2</sup>").text, "in 2019, the CEPA");
        assert_eq!(clean("At the 8<sup>th</sup> Dialogue").text, "At the 8th Dialogue");
    }

    #[test]
    fn strips_emphasis_links_and_escapes() {
        assert_eq!(clean("## **JOINT ACTIONS**").text, "## JOINT ACTIONS");
        assert_eq!(clean("the *Hiroshima Accord* by").text, "the Hiroshima Accord by");
        assert_eq!(
            clean(r"[https://x.jp/page22\\_003344.html](https://x.jp/p)").text,
            "https://x.jp/page22_003344.html"
        );
        assert_eq!(clean("<https://www.gov.uk/a>  ").text, "https://www.gov.uk/a");
        assert_eq!(clean("snake_case_name stays").text, "snake_case_name stays");
    }

    #[test]
    fn finds_bold_labels_and_bold_lines() {
        let l = clean("- a. **Championing Data Flows:** Maintain, expand");
        assert_eq!(l.text, "- a. Championing Data Flows: Maintain, expand");
        assert_eq!(l.label_len, 0, "label must start the line");
        let l = clean("**Championing Data Flows:** Maintain, expand");
        assert_eq!(&l.text[l.label_len..], "Maintain, expand");
        let l = clean("**Digital Identity:**");
        assert!(l.all_bold);
        assert_eq!(l.label_len, 0);
    }
}
