//! Every input kept for the kizuna-text targets (`fuzz/kept/`, and any a local fuzzing run left in
//! `fuzz/corpus/`), replayed through the checks the fuzz targets make (`fuzz/checks/text.rs`), so
//! what fuzzing once found stays fixed on every `cargo test` without a fuzzing toolchain.

#[path = "../../../fuzz/checks/text.rs"]
mod checks;

#[path = "../../../fuzz/checks/replay.rs"]
mod replay;
use replay::replay;

#[test]
fn dates_corpus() {
    replay("dates", checks::dates);
}

#[test]
fn structure_corpus() {
    replay("structure", checks::structure);
}

#[test]
fn pipeline_corpus() {
    replay("analyze", checks::pipeline);
}
