//! Citations as addresses: the URL fragment of a paragraph anchor, so that pages, reports and
//! feeds all point at the same `/documents/{id}#{fragment}`.

/// The fragment of a block anchor: `24 / Telecoms Diversification / b.vi` →
/// `24-telecoms-diversification-b-vi`.
pub fn slug(anchor: &str) -> String {
    let mut out = String::new();
    for part in anchor.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(part.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() { "top".into() } else { out }
}

/// The block anchor of a sentence anchor (`Semiconductors / ¶3 / s2` → `Semiconductors / ¶3`).
pub fn block_of(sentence_anchor: &str) -> &str {
    match sentence_anchor.rsplit_once(" / s") {
        Some((block, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => block,
        _ => sentence_anchor,
    }
}

/// The site path of the paragraph a sentence anchor is in: `/documents/{id}#{fragment}`.
pub fn cite(document_id: &str, anchor: &str) -> String {
    format!("/documents/{document_id}#{}", slug(block_of(anchor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_blocks() {
        assert_eq!(slug("24 / Telecoms Diversification / b.vi"), "24-telecoms-diversification-b-vi");
        assert_eq!(slug("Semiconductors / ¶3"), "semiconductors-3");
        assert_eq!(slug("半導体 / 1"), "半導体-1");
        assert_eq!(block_of("Semiconductors / ¶3 / s2"), "Semiconductors / ¶3");
        assert_eq!(block_of("24 / Online Safety / b"), "24 / Online Safety / b");
        assert_eq!(cite("d1", "Semiconductors / ¶3 / s2"), "/documents/d1#semiconductors-3");
    }
}
