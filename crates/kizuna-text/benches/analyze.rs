//! Throughput of `analyze` on a large corpus, and how it grows when the corpus doubles.
//! Run: `cargo bench -p kizuna-text --bench analyze`.

mod corpus;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kizuna_text::{Input, Options, analyze};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    for mb in [5usize, 10, 20] {
        let files = corpus::corpus(mb * 1024 * 1024);
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        let inputs: Vec<Input<'_>> = files
            .iter()
            .map(|f| Input { name: f.name.clone(), bytes: &f.bytes, title: None, date: None, language: None })
            .collect();
        let result = analyze(&inputs, &Options::default()).expect("corpus analyses");
        eprintln!(
            "corpus {mb} MB: {} documents, {} commitments, {} evidence items",
            inputs.len(),
            result.commitments.len(),
            result.evidence.len()
        );
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(format!("{mb}MB")), &inputs, |b, inputs| {
            b.iter(|| analyze(inputs, &Options::default()).expect("corpus analyses"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
