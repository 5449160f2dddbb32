//! A large corpus made from the shipped documents, repeated and varied: each copy shifts the
//! years, renumbers the paragraphs and swaps some words, so that anchors, ids and dates differ
//! from copy to copy and linking has real work to do.

use std::path::Path;

/// Shipped documents, oldest first.
const SHIPPED: &[&str] = &[
    "2022-10-07-digital-group-meeting.txt",
    "2022-12-07-framework.md",
    "2022-12-07-press-release.txt",
    "2024-01-16-digital-council.txt",
    "2025-01-22-digital-council.md",
];

const SWAPS: &[(&str, &str)] = &[
    ("Semiconductors", "Quantum Technologies"),
    ("semiconductor", "quantum"),
    ("Open RAN", "satellite networks"),
    ("workshop", "symposium"),
    ("Japan", "Korea"),
    ("UK", "Canada"),
    ("data", "information"),
    ("cyber", "online"),
];

/// One document of the corpus: a name (its extension gives the format) and its bytes.
pub struct CorpusFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Copies of the shipped documents until the corpus holds at least `target_bytes`.
pub fn corpus(target_bytes: usize) -> Vec<CorpusFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/japan-uk/documents");
    let originals: Vec<(String, String)> = SHIPPED
        .iter()
        .map(|name| (name.to_string(), std::fs::read_to_string(dir.join(name)).expect("shipped document")))
        .collect();
    let mut out = Vec::new();
    let mut total = 0;
    let mut copy = 0usize;
    while total < target_bytes {
        for (name, text) in &originals {
            let varied = vary(text, copy);
            total += varied.len();
            out.push(CorpusFile { name: format!("{copy:05}-{name}"), bytes: varied.into_bytes() });
        }
        copy += 1;
    }
    out
}

fn vary(text: &str, copy: usize) -> String {
    let mut s = text.to_owned();
    for (i, (from, to)) in SWAPS.iter().enumerate() {
        if (copy >> i) & 1 == 1 {
            s = s.replace(from, to);
        }
    }
    let shift = (copy % 7) as i32;
    for year in (2019..=2026).rev() {
        s = s.replace(&year.to_string(), &(year + shift).to_string());
    }
    format!("# Copy {copy}\n\n{s}")
}
