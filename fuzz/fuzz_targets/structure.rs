//! The normaliser and structure parser on arbitrary text: never panics, and every anchor and
//! span it returns points into the normalised text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = kizuna_text::structure::parse(text);
    for block in &doc.blocks {
        assert!(doc.text.get(block.span.clone()).is_some());
        assert!(!block.anchor.is_empty());
    }
    for segment in &doc.segments {
        assert!(doc.text.get(segment.span.clone()).is_some());
    }
});
