//! The normaliser and structure parser on arbitrary text: never panics, and every anchor and
//! span it returns points into the normalised text.
#![no_main]

use kizuna_text::structure::BlockKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = kizuna_text::structure::parse(text);
    for (i, block) in doc.blocks.iter().enumerate() {
        assert!(doc.text.get(block.span.clone()).is_some());
        // Known and left to kizuna-text: a heading without words (`# #`) is kept as a block,
        // with an empty anchor. Every other block has one.
        let untitled_heading =
            matches!(block.kind, BlockKind::Heading { .. }) && doc.heading_title(i).is_empty();
        assert!(!block.anchor.is_empty() || untitled_heading, "{:?}", block);
    }
    for segment in &doc.segments {
        assert!(doc.text.get(segment.span.clone()).is_some());
    }
});
