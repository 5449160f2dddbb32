use super::*;

fn anchors(doc: &Document) -> Vec<(&str, &str)> {
    doc.blocks.iter().map(|b| (b.anchor.as_str(), doc.content(b))).collect()
}

fn find<'a>(doc: &'a Document, anchor: &str) -> &'a str {
    let b = doc.blocks.iter().find(|b| b.anchor == anchor);
    doc.content(b.unwrap_or_else(|| panic!("no block {anchor}: {:#?}", anchors(doc))))
}
