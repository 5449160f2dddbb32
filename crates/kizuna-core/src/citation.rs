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

/// A document's readable name in a partnership's URLs: its file name without the extension
/// (`documents/2022-12-07-framework.md` → `2022-12-07-framework`), when that is plain ASCII
/// (letters, digits, `-`, `_`, `.`); `None` otherwise, and the document keeps its id address.
pub fn document_slug(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let plain =
        !stem.is_empty() && stem.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    plain.then(|| stem.to_ascii_lowercase())
}

/// The site path of the paragraph a sentence anchor is in: `/documents/{id}#{fragment}`.
pub fn cite(document_id: &str, anchor: &str) -> String {
    format!("/documents/{document_id}#{}", slug(block_of(anchor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_document_names() {
        assert_eq!(
            document_slug("documents/2022-12-07-framework.md").as_deref(),
            Some("2022-12-07-framework")
        );
        assert_eq!(
            document_slug("2024-01-16-Digital-Council.txt").as_deref(),
            Some("2024-01-16-digital-council")
        );
        assert_eq!(document_slug("評議会.pdf"), None, "not plain ASCII: the id address");
        assert_eq!(document_slug("notes on it.txt"), None);
    }

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
