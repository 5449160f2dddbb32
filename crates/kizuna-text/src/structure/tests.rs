use super::*;

fn anchors(doc: &Document) -> Vec<(&str, &str)> {
    doc.blocks.iter().map(|b| (b.anchor.as_str(), doc.content(b))).collect()
}

fn find<'a>(doc: &'a Document, anchor: &str) -> &'a Block {
    doc.blocks
        .iter()
        .find(|b| b.anchor == anchor)
        .unwrap_or_else(|| panic!("no block {anchor}: {:#?}", anchors(doc)))
}

fn text<'a>(doc: &'a Document, anchor: &str) -> &'a str {
    doc.content(find(doc, anchor))
}

#[test]
fn numbered_paragraphs_headings_and_nested_lists_make_anchors() {
    let doc = parse(
        "## JOINT ACTIONS\n\n3. This Partnership will deliver the following:\n\n### Pillar One: Infrastructure\n\n\
         #### **Telecoms**\n\n- a. The market has consolidated.\n- b. Both sides will work together to:\n  - i. Share information;\n  \
         - ii. Develop joint R&D; and\n  - iii. Explore labs.\n",
    );
    assert_eq!(text(&doc, "3 / Telecoms / b.ii"), "Develop joint R&D; and");
    assert_eq!(text(&doc, "3 / Telecoms / a"), "The market has consolidated.");
    let item = find(&doc, "3 / Telecoms / b.iii");
    assert_eq!(doc.content(&doc.blocks[item.parent.unwrap()]), "Both sides will work together to:");
    assert_eq!(doc.heading_titles(item), ["Pillar One: Infrastructure", "Telecoms"]);
}

#[test]
fn a_list_item_split_by_a_footnote_block_is_joined() {
    let doc = parse(
        "7. Both sides recognise that new technologies are\n\n---\n\n<sup>1</sup> <https://example.org/a>  \n<https://example.org/b>\n\n\
         - redefining the way in which people live.<sup>1</sup>\n8. Next paragraph.\n",
    );
    assert_eq!(
        text(&doc, "7"),
        "Both sides recognise that new technologies are redefining the way in which people live."
    );
    assert_eq!(text(&doc, "fn1"), "https://example.org/a https://example.org/b");
    assert_eq!(text(&doc, "8"), "Next paragraph.");
}

/// Bullets written without full stops, each starting lowercase, are items of their own.
#[test]
fn lowercase_bullets_without_full_stops_are_items_of_their_own() {
    let doc = parse(
        "## What's next\n\nOver the next twelve months, we will:\n\n- publish the joint mapping in June\n\n\
         - open the second round of the call in the autumn\n\n- host the second meeting early next year\n",
    );
    let items: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .map(|b| doc.content(b))
        .collect();
    assert_eq!(
        items,
        [
            "publish the joint mapping in June",
            "open the second round of the call in the autumn",
            "host the second meeting early next year"
        ]
    );
}

#[test]
fn a_sentence_cut_by_a_page_break_is_joined() {
    let doc = parse(
        "- viii. Develop joint initiatives to support the development of future\n\ntelecoms and Beyond 5G/6G technologies.\n",
    );
    assert_eq!(
        text(&doc, "viii"),
        "Develop joint initiatives to support the development of future telecoms and Beyond 5G/6G technologies."
    );
}

#[test]
fn an_area_heading_shallower_than_its_pillar_stays_under_it() {
    let doc = parse(
        "## JOINT ACTIONS\n\n### Pillar Three: Regulation\n\n## **Online Safety**\n\n- a. Both will act.\n\n## Digital Markets\n\n- a. Both will share.\n",
    );
    let block = find(&doc, "Digital Markets / a");
    assert_eq!(doc.heading_titles(block), ["Pillar Three: Regulation", "Digital Markets"]);
}

#[test]
fn numbered_titles_introduce_indented_paragraphs() {
    let doc = parse(
        "The main points are as follows:\n\n  1. Vendor Diversification\n    Both confirmed their commitment. They also agreed to act.\n  \
         2. Semiconductors\n    Both issued a statement.\n",
    );
    assert!(matches!(find(&doc, "Vendor Diversification").kind, BlockKind::Heading { .. }));
    assert_eq!(text(&doc, "Semiconductors / ¶1"), "Both issued a statement.");
    let sentences: Vec<&str> = doc
        .segments
        .iter()
        .filter(|s| doc.blocks[s.block].anchor == "Vendor Diversification / ¶1")
        .map(|s| s.anchor.as_str())
        .collect();
    assert_eq!(sentences, ["Vendor Diversification / ¶1 / s1", "Vendor Diversification / ¶1 / s2"]);
}

#[test]
fn hard_wrapped_text_is_rejoined_into_paragraphs() {
    let doc = parse(
        "1. The Participants reviewed the progress made under the framework and noted\nthat the quantum exchange took place in Seoul on 7 November 2023 with\nresearchers from both countries.\n\n\
         2. The Participants will convene the next meeting in the first half of\n2025 and will report on the outcome of the working group.\n\n(a) first point of the\nsecond paragraph.\n",
    );
    assert!(text(&doc, "1").ends_with("with researchers from both countries."), "{:#?}", anchors(&doc));
    assert!(text(&doc, "2").contains("first half of 2025"));
    assert_eq!(text(&doc, "2 / a"), "first point of the second paragraph.");
}

#[test]
fn roman_numerals_and_letters_are_told_apart() {
    let doc = parse(
        "a. one:\n  i. first\n  ii. second\n  iii. third\n  iv. fourth\n  v. fifth\nb. two\nc. three\n",
    );
    assert_eq!(text(&doc, "a.v"), "fifth");
    assert_eq!(text(&doc, "c"), "three");
    let doc = parse("f. six\ng. seven\nh. eight\ni. nine\n");
    assert_eq!(text(&doc, "i"), "nine");
}

#[test]
fn table_of_contents_and_bold_headings() {
    let doc = parse(
        "Semiconductors .....\t2\nData.....\t5\n\n**Digital Identity:**\n\n- a. Both Participants decide to cooperate.\n",
    );
    assert!(!doc.text.contains("....."));
    assert_eq!(text(&doc, "Digital Identity / a"), "Both Participants decide to cooperate.");
}

#[test]
fn japanese_numbering_and_sentences() {
    let doc = parse(
        "## 半導体\n\n（１）両国は協力を推進する。ワークショップを開催した。\n\n（２）次の会合を開催する。\n",
    );
    assert_eq!(text(&doc, "半導体 / 1"), "両国は協力を推進する。ワークショップを開催した。");
    assert_eq!(doc.segments.iter().filter(|s| doc.blocks[s.block].anchor == "半導体 / 1").count(), 2);
}

#[test]
fn anchors_are_unique() {
    let doc = parse("## A\n\nSame.\n\n## A\n\nSame.\n");
    let mut seen = HashSet::new();
    assert!(doc.blocks.iter().all(|b| seen.insert(b.anchor.clone())), "{:#?}", anchors(&doc));
}

#[test]
fn spans_point_into_the_normalised_text() {
    let doc = parse("# Title\n\n1. **Bold** text with <sup>2</sup> a marker.\n");
    let b = find(&doc, "1");
    assert_eq!(&doc.text[b.span.clone()], "Bold text with a marker.");
    for s in &doc.segments {
        assert!(doc.text.get(s.span.clone()).is_some());
    }
}

#[test]
fn text_without_structure_still_gives_paragraphs() {
    let doc = parse("just one line of words with no structure at all and no full stop");
    assert_eq!(doc.segments.len(), 1);
}
