fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(&path).unwrap();
    let format = kizuna_text::decode::Format::detect(&path, &bytes);
    let text = kizuna_text::decode::decode(&bytes, format, u64::MAX).unwrap();
    let doc = kizuna_text::structure::parse(&text);
    for b in &doc.blocks {
        let c = doc.content(b);
        let short: String = c.chars().take(90).collect();
        println!(
            "{:?} [{}] parent={:?} h={:?} p={:?} :: {}",
            b.kind, b.anchor, b.parent, b.heading, b.pillar, short
        );
    }
}
