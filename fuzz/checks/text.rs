//! What the fuzz targets over kizuna-text assert, as plain functions: the targets in
//! `fuzz_targets/` call them on generated inputs, and `crates/kizuna-text/tests/fuzz_corpus.rs`
//! replays every input kept in `fuzz/kept/` through them on each `cargo test`.

use kizuna_text::structure::BlockKind;
use kizuna_text::{Input, Options, analyze};

/// The whole pipeline on arbitrary bytes in every format: a clear error or a result, never a
/// panic; links only point back in time.
pub fn pipeline(data: &[u8]) {
    let half = data.len() / 2;
    for name in ["a.md", "a.html", "a.txt", "a.pdf"] {
        let inputs = [
            Input { name: name.into(), bytes: &data[..half], title: None, date: None, language: None },
            Input { name: name.into(), bytes: &data[half..], title: None, date: None, language: None },
        ];
        if let Ok(a) = analyze(&inputs, &Options::default()) {
            for e in &a.evidence {
                assert!(e.links.len() <= 3);
                for l in &e.links {
                    let target =
                        a.commitments.iter().find(|c| c.id == l.commitment).expect("link target exists");
                    assert!(target.document <= e.document);
                }
            }
        }
    }
}

/// Date and period parsing on arbitrary text: never panics; every mention's span is in the text
/// and its period is well formed.
pub fn dates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let reference = time::Date::from_calendar_date(2024, time::Month::January, 16).ok();
    for m in kizuna_text::dates::find(text, reference) {
        assert!(text.get(m.span.clone()).is_some());
        assert!(m.period.start() <= m.period.end());
        let _ = m.period.to_string().parse::<kizuna_core::Period>().expect("periods round-trip");
    }
    let _ = text.parse::<kizuna_core::Period>();
}

/// The normaliser and structure parser on arbitrary text: never panics, and every anchor and
/// span it returns points into the normalised text.
pub fn structure(data: &[u8]) {
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
}
