//! One timed run of `analyze` on the benchmark corpus, for quick measurements:
//! `cargo run --release -p kizuna-text --example throughput -- 20`.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let files = corpus::corpus(mb * 1024 * 1024);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let inputs: Vec<kizuna_text::Input<'_>> = files
        .iter()
        .map(|f| kizuna_text::Input {
            name: f.name.clone(),
            bytes: &f.bytes,
            title: None,
            date: None,
            language: None,
        })
        .collect();
    let start = std::time::Instant::now();
    let a = kizuna_text::analyze(&inputs, &kizuna_text::Options::default()).expect("corpus analyses");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:.1} MB, {} documents, {} commitments, {} evidence: {secs:.2} s, {:.1} MB/s",
        bytes as f64 / 1048576.0,
        inputs.len(),
        a.commitments.len(),
        a.evidence.len(),
        bytes as f64 / 1048576.0 / secs
    );
}
