//! Every input kept for the query target (`fuzz/kept/`, and any a local fuzzing run left in
//! `fuzz/corpus/`), replayed through the checks the fuzz targets make (`fuzz/checks/query.rs`), so
//! what fuzzing once found stays fixed on every `cargo test` without a fuzzing toolchain.

#[path = "../../../fuzz/checks/query.rs"]
mod checks;

#[path = "../../../fuzz/checks/replay.rs"]
mod replay;
use replay::replay;

#[test]
fn query_corpus() {
    replay("query", checks::query);
}
